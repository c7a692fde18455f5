"""After release: withdrawal, replacement and minor updates of published items."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from common.labels import field_label
from common.sanitize import clean_html
from disclosure.choices import Validity
from disclosure.models import Item
from review.models import Action, ChangeNote
from review.scanner import scan_item
from review.services._common import (
    S,
    TransitionError,
    _audit,
    _begin,
    _lock,
    _record,
    _save,
    _set_status,
)


def item_withdraw(
    *, item: Item, reason: str, acting_user, expected_token: str | None = None
) -> Item:
    """Published → withdrawn. The public page then shows a notice with the date
    instead of the content."""
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError("撤回必须填写理由，理由将在公开页面显示。")
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "withdraw")
        item.withdrawn_at = timezone.now()
        item.withdrawal_reason = reason
        _set_status(item, S.WITHDRAWN, "withdrawn_at", "withdrawal_reason", acting_user=acting_user)
        _record(item, Action.WITHDRAW, acting_user, opinion=reason)
        _audit(AuditAction.WITHDRAW, acting_user, item, reason)
    return item


def item_replace(
    *,
    item: Item,
    replacement: Item,
    acting_user,
    note: str = "",
    expected_token: str | None = None,
) -> Item:
    """Point a published (or withdrawn) item to the newer item that replaces it; the
    old public page then points to the new one."""
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "replace")
        new = _lock(replacement)
        if new.pk == item.pk:
            raise TransitionError("不能用信息自身替代。")
        if not new.is_public:
            raise TransitionError("替代信息必须是已发布的主动公开信息。")
        if item.replaced_by is not None:
            raise TransitionError(f"该信息已被替代为《{item.replaced_by.title}》。")
        if new.replaced_by_id:
            raise TransitionError("所选信息本身已被替代，请选择最新的信息。")
        item.replaced_by = new
        _save(item, acting_user, "replaced_by")
        _record(
            item,
            Action.REPLACE,
            acting_user,
            opinion=(note or "").strip() or f"替代为《{new.title}》（{new.index_number}）",
        )
        _audit(AuditAction.OTHER, acting_user, item, f"替代为 {new.index_number}")
    return item


UPDATABLE_FIELDS = (
    "title",
    "summary",
    "keywords",
    "document_number",
    "validity",
    "valid_until",
    "repealed_on",
    "body",
)


def item_update_published(
    *,
    item: Item,
    changes: dict,
    substantive: bool,
    note: str,
    acting_user,
    expected_token: str | None = None,
) -> Item:
    """Change a published item. A substantive change needs a change note, shown with
    its date on the public page; a minor correction may skip it (kept internally).
    The new content passes the security check or the change is refused."""
    unknown = set(changes) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(f"fields not updatable after publication: {sorted(unknown)}")
    note = (note or "").strip()
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "update")
        changes = dict(changes)
        if "body" in changes:
            changes["body"] = clean_html(changes["body"])
        if "validity" in changes and changes["validity"] not in Validity.values:
            raise TransitionError("有效性取值不正确。")
        if "title" in changes and not (changes["title"] or "").strip():
            raise TransitionError("标题不能为空。")
        changed = [name for name, value in changes.items() if getattr(item, name) != value]
        if not changed:
            raise TransitionError("没有修改任何内容。")
        if substantive and not note:
            raise TransitionError(
                "实质性变更必须填写变更说明，说明将与变更日期一同在公开页面显示。"
            )
        for name in changed:
            setattr(item, name, changes[name])
        # 文号 (GB/T 9704), the dates of a 行政规范性文件: the catalogue's own checks.
        problems = item.document_errors()
        if problems:
            raise TransitionError("；".join(problems.values()))
        scan = scan_item(item)
        found = scan.personal_data + scan.sensitive_words
        if found:
            shown = "；".join(f"{f.kind_label} {f.masked}（{f.where}）" for f in found[:8])
            raise TransitionError(f"更新后的内容未通过安全检查：{shown}。")
        _save(item, acting_user, *changed)
        labels = "、".join(field_label(Item, n) for n in changed)
        ChangeNote.objects.create(
            item=item,
            note=note,
            substantive=substantive,
            changed_fields=labels[:200],
            recorded_by=acting_user,
        )
        _record(
            item,
            Action.UPDATE,
            acting_user,
            opinion=(note or "轻微更正") + f"（修改：{labels}）",
        )
        _audit(AuditAction.OTHER, acting_user, item, f"发布后更新：{labels}")
    return item
