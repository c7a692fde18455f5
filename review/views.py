"""Staff pages of the release workflow: the dashboard and an item's review page.

Thin views: parse the form, call one service, redirect after success. A refused
action re-renders the page with the message and everything typed kept."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import HiddenInput
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import has_role
from audit.models import AuditAction
from audit.services import audit_record
from common.sanitize import clean_html
from disclosure import deadlines
from disclosure.models import Item, ItemStatus
from review import forms, masking, selectors, services
from review.checks import INTERPRETATION_PARTS, approval_problems, security_check
from review.models import Interpretation, SensitiveWord, SignOff
from review.permissions import (
    REVIEW_ROLES,
    can_manage_sensitive_words,
    can_reveal_content,
    can_use_review,
    review_items_visible_to,
)
from review.revision import content_revision
from review.workflow import PAGE_ACTIONS, READY_STATUSES, STAGE_ORDER, stage_of

S = ItemStatus


def _require_staff(request) -> None:
    if not can_use_review(request.user):
        raise Http404


def _visible_item(request, pk: int) -> Item:
    queryset = review_items_visible_to(request.user).select_related(
        "column", "section", "created_by", "interprets", "responds_to", "replaced_by"
    )
    return get_object_or_404(queryset, pk=pk)


@login_required
@require_GET
def dashboard(request):
    _require_staff(request)
    user = request.user
    context = {
        "queue": selectors.queue_for(user),
        "returned": selectors.returned_items(user),
        "overdue": selectors.overdue_for(user),
        "due_soon": selectors.due_soon_for(user),
        "drafts": selectors.my_drafts(user),
        "in_review": selectors.my_in_review(user),
        "scheduled": selectors.scheduled_items(user),
        "is_reviewer": has_role(user, *REVIEW_ROLES),
        "manages_words": can_manage_sensitive_words(user),
        "word_count": SensitiveWord.objects.filter(is_active=True).count()
        if can_manage_sensitive_words(user)
        else 0,
    }
    return render(request, "review/dashboard.html", context)


@dataclass
class ActionSpec:
    form_class: type
    verb: str  # for the success message


# The form of each page action of the transitions map (review.workflow.PAGE_ACTIONS),
# and of the release attributes (not a transition).
ACTIONS: dict[str, ActionSpec] = {
    "submit": ActionSpec(forms.TokenForm, "已提交送审"),
    "recall": ActionSpec(forms.TokenForm, "已撤回送审"),
    "approve": ActionSpec(forms.ApproveForm, "已审核通过"),
    "return": ActionSpec(forms.ReturnForm, "已退回起草人"),
    "override": ActionSpec(forms.OverrideForm, "已记录领导确认"),
    "release": ActionSpec(forms.TokenForm, "已发布"),
    "schedule": ActionSpec(forms.ScheduleForm, "已设置定时发布"),
    "unschedule": ActionSpec(forms.TokenForm, "已取消定时发布"),
    "sign": ActionSpec(forms.SignOffForm, "已按签发稿发布"),
    "withdraw": ActionSpec(forms.WithdrawForm, "已撤回"),
    "replace": ActionSpec(forms.ReplaceForm, "已设置替代信息"),
    "update": ActionSpec(forms.UpdateForm, "已更新"),
    "relations": ActionSpec(forms.RelationsForm, "已保存发布属性"),
}


def _relations_form(request, item: Item, data=None, initial=None):
    policies = (
        review_items_visible_to(request.user)
        .filter(needs_interpretation=True)
        .exclude(pk=item.pk)
        .exclude(status=S.WITHDRAWN)
        .order_by("-updated_at")
    )
    lookup = review_items_visible_to(request.user) | Item.objects.published()
    if initial is None:
        details = Interpretation.objects.filter(item=item).first()
        initial = {
            "is_signed_document": item.is_signed_document,
            "needs_interpretation": item.needs_interpretation,
            "interprets": item.interprets_id,
            "interpretation_form": details.form if details else "text",
            "signatory_user": details.signatory_user_id if details else None,
            "responds_to": (
                (item.responds_to.index_number or str(item.responds_to_id))
                if item.responds_to_id
                else ""
            ),
        }
    return forms.RelationsForm(data, initial=initial, policies=policies, lookup=lookup)


def _initial_forms(request, item: Item, token: str) -> dict:
    return {
        "submit": forms.TokenForm(initial={"token": token}),
        "recall": forms.TokenForm(initial={"token": token}),
        "approve": forms.ApproveForm(initial={"token": token}),
        "return": forms.ReturnForm(initial={"token": token}),
        "override": forms.OverrideForm(initial={"token": token}),
        "release": forms.TokenForm(initial={"token": token}),
        "schedule": forms.ScheduleForm(
            initial={"token": token, "when": forms.default_schedule_time()}
        ),
        "unschedule": forms.TokenForm(initial={"token": token}),
        "sign": forms.SignOffForm(initial={"token": token, "signed_on": item.written_on}),
        "withdraw": forms.WithdrawForm(initial={"token": token}),
        "replace": forms.ReplaceForm(initial={"token": token}),
        "update": forms.UpdateForm(
            initial={
                "token": token,
                "title": item.title,
                "summary": item.summary,
                "keywords": item.keywords,
                "document_number": item.document_number,
                "validity": item.validity,
                "valid_until": item.valid_until,
                "repealed_on": item.repealed_on,
                "body": item.body,
                "substantive": True,
            }
        ),
        "relations": _relations_form(request, item),
    }


def _kept_input(action: str, form) -> dict | None:
    """What the user typed into a form whose action is no longer available (someone
    else acted first): shown read-only so nothing is lost."""
    values = []
    for name, field in form.fields.items():
        if name == "token" or isinstance(field.widget, HiddenInput):
            continue
        value = form.initial.get(name) if not form.is_bound else form.data.get(name)
        if value not in (None, ""):
            values.append((field.label, value))
    return {"action": action, "values": values} if values else None


def _render_item(request, item: Item, *, bound: dict | None = None, status: int = 200):
    token = services.form_token(item)
    report = security_check(item)
    problems = (
        approval_problems(item, revision=report.revision) if item.status in READY_STATUSES else []
    )
    page_forms = _initial_forms(request, item, token)
    if bound:
        page_forms.update(bound)
    history = selectors.item_history(item)
    stage_rows = _stage_rows(item, history)
    can = selectors.page_actions(request.user, item, report, problems)
    kept = None
    for action, form in (bound or {}).items():
        if not can.get(action):
            kept = _kept_input(action, form)
    due = deadlines.item_due_date(item) if item.formed_on else None
    context = {
        "item": item,
        **_preview_context(request, item, report),
        "token": token,
        "report": report,
        "approval_problems": problems,
        "stage_rows": stage_rows,
        "history": history,
        "can": can,
        "kept": kept,
        "bound_actions": list(bound or {}),
        "forms": page_forms,
        "due": due,
        "overdue": deadlines.item_is_overdue(item),
        "attachments": list(item.attachments.all()),
        "interpretations": list(item.interpretations.all()),
        "responses": list(item.responses.all()),
        "replaces": list(item.replaces.all()),
        "change_notes": list(item.change_notes.select_related("recorded_by")),
        "sign_off": SignOff.objects.filter(item=item).first(),
        "interpretation_parts": INTERPRETATION_PARTS,
        "public_url": _public_url(item),
    }
    return render(request, "review/item.html", context, status=status)


REVEAL_SESSION_KEY = "review_reveal_{pk}"


def _preview_context(request, item: Item, report) -> dict:
    """The preview, masked unless the user revealed this very revision (F8)."""
    revealed = request.session.get(REVEAL_SESSION_KEY.format(pk=item.pk)) == report.revision
    if revealed:
        return {
            "body_html": mark_safe(clean_html(item.body)),  # noqa: S308 - sanitized just now
            "summary_text": item.summary,
            "preview": None,
            "revealed": True,
        }
    preview = masking.masked_preview(item, report.scan.personal_data)
    return {
        "body_html": mark_safe(preview.html),  # noqa: S308 - sanitized, then masked (escaped)
        "summary_text": preview.summary,
        "preview": preview,
        "revealed": False,
        "may_reveal": can_reveal_content(request.user, item)
        and (preview.masked > 0 or preview.withheld),
    }


@login_required
@require_POST
def item_reveal(request, pk: int):
    """Show the unmasked content of this revision for this session: an explicit act,
    on the audit log (F8: views of personal data)."""
    _require_staff(request)
    item = _visible_item(request, pk)
    if not can_reveal_content(request.user, item):
        messages.error(request, "您的角色只能查看脱敏后的内容。")
        return redirect("review:item", pk=item.pk)
    revision = content_revision(item)
    request.session[REVEAL_SESSION_KEY.format(pk=item.pk)] = revision
    audit_record(
        action=AuditAction.VIEW_PERSONAL,
        actor=request.user,
        target=item,
        request=request,
        detail=f"审核页查看未脱敏内容（内容版本 {revision}）",
    )
    return redirect("review:item", pk=item.pk)


def _public_url(item: Item) -> str | None:
    from django.urls import NoReverseMatch, reverse

    if item.status not in (S.PUBLISHED, S.WITHDRAWN):
        return None
    try:
        return reverse("disclosure:item", args=[item.pk])
    except NoReverseMatch:
        return None


def _stage_rows(item: Item, history: list) -> list[dict]:
    """For each stage, its latest decision (the one that counts now: F3, every stage
    approves the revision that goes public), void when given to older content."""
    rows = []
    for stage in STAGE_ORDER:
        at_stage = [d for d in history if d.stage == stage and d.action in ("approve", "return")]
        latest = at_stage[-1] if at_stage else None
        rows.append({"stage": stage, "decision": latest, "current": stage_of(item.status) == stage})
    return rows


@login_required
@require_GET
def item_review(request, pk: int):
    _require_staff(request)
    return _render_item(request, _visible_item(request, pk))


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    _require_staff(request)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    item = _visible_item(request, pk)
    if action == "relations":
        form = _relations_form(request, item, data=request.POST)
    else:
        form = spec.form_class(request.POST)
    if not form.is_valid():
        messages.error(request, "提交的内容有误，请按提示修改。")
        return _render_item(request, item, bound={action: form}, status=400)
    try:
        _perform(action, item, request.user, form.cleaned_data)
    except services.TransitionError as exc:
        item.refresh_from_db()
        messages.error(request, exc.message)
        # Keep what was typed; a stale form gets the new token so it can be resent
        # after the reviewer has looked at the current state.
        kept = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        kept["token"] = services.form_token(item)
        if action == "relations":
            again = _relations_form(request, item, initial=kept)
        else:
            again = spec.form_class(initial=kept)
        status = 409 if isinstance(exc, services.StaleForm) else 400
        return _render_item(request, item, bound={action: again}, status=status)
    messages.success(request, f"{spec.verb}：《{item.title}》")
    return redirect("review:item", pk=item.pk)


# What each page action passes to its service, besides item, user and token.
ARGUMENTS = {
    "approve": lambda d: {"opinion": d["opinion"]},
    "return": lambda d: {"opinion": d["opinion"]},
    "override": lambda d: {"reason": d["reason"]},
    "schedule": lambda d: {"when": d["when"]},
    "sign": lambda d: {
        "signer": d["signer"],
        "signer_title": d["signer_title"],
        "signed_on": d["signed_on"],
    },
    "withdraw": lambda d: {"reason": d["reason"]},
    "replace": lambda d: {"replacement": d["replacement"], "note": d["note"]},
    "update": lambda d: {
        "changes": {name: d[name] for name in services.UPDATABLE_FIELDS},
        "substantive": d["substantive"],
        "note": d["note"],
    },
}


def _perform(action: str, item: Item, user, data: dict):
    if action in PAGE_ACTIONS:
        service = services.SERVICE_OF_ACTION[action]
        arguments = ARGUMENTS.get(action, lambda d: {})(data)
        return service(item=item, acting_user=user, expected_token=data.get("token"), **arguments)
    if action == "relations":
        return services.item_set_relations(
            item=item,
            acting_user=user,
            is_signed_document=data["is_signed_document"],
            needs_interpretation=data["needs_interpretation"],
            interprets=data["interprets"],
            responds_to=data["responds_to"],
            signatory_user=data["signatory_user"],
            interpretation_form=data["interpretation_form"],
        )
    raise Http404
