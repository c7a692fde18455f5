"""The release check other apps call (`release_blockers`): what must be in place before a consultation's draft or feedback is submitted or published (Art. 7(3))."""

import datetime

from django.utils import timezone

from common.sanitize import clean_html
from consultations.minimums import period_problem
from consultations.models import Consultation
from consultations.services._common import ConsultationError
from disclosure.choices import Publicity
from disclosure.models import Item


def release_blockers(item: Item, *, now: datetime.datetime | None = None) -> list[str]:
    """Every reason the consultations rules block submitting or publishing `item`.

    For any other item it returns []. The review workflow calls this in its
    security check; `consultation_check_ready` raises with the same list."""
    now = now or timezone.now()
    consultation = Consultation.objects.filter(item_id=item.pk).first() if item.pk else None
    if consultation is not None:
        return _draft_blockers(consultation, item, now)
    consultation = (
        Consultation.objects.filter(feedback_item_id=item.pk).select_related("item").first()
        if item.pk
        else None
    )
    if consultation is not None:
        return _feedback_blockers(consultation, item, now)
    return _normative_blockers(item)


def _draft_blockers(consultation: Consultation, item: Item, now) -> list[str]:
    blockers = []
    # Art. 7(3)2: 征集时限、联系人、联系方式; Art. 7(3)1: 决策依据.
    if not consultation.basis.strip():
        blockers.append("缺少决策依据（第七条第三项）。")
    if consultation.opens_at is None:
        blockers.append("缺少征集开始时间（第七条第三项）。")
    if consultation.closes_at is None:
        blockers.append("缺少征集截止时间（第七条第三项）。")
    if (
        consultation.opens_at
        and consultation.closes_at
        and consultation.closes_at <= consultation.opens_at
    ):
        blockers.append("征集截止时间必须晚于开始时间。")
    if consultation.closes_at and consultation.closes_at <= now:
        blockers.append("征集截止时间已过，请调整征集时限后再提交发布。")
    if not consultation.contact_person.strip():
        blockers.append("缺少联系人（第七条第三项）。")
    if not consultation.contact_method.strip():
        blockers.append("缺少联系方式（第七条第三项）。")
    if not clean_html(item.body).strip() and not item.attachments.exists():
        blockers.append("缺少征求意见稿正文或附件。")
    if consultation.is_internal and item.publicity != Publicity.NOT_DISCLOSED:
        blockers.append("内部征集不作为主动公开信息，公开属性必须为不予公开（第七条第三项）。")
    short = period_problem(consultation)
    if short and not consultation.shortened_reason.strip():
        blockers.append(f"{short}；缩短期限须填写理由并向社会公开。")
    return blockers


def _normative_blockers(item: Item) -> list[str]:
    """Seed Art. 7(3)1: a 规范性文件 is normally consulted on publicly; one released
    without a public consultation records why (shown to the reviewers)."""
    if not item.is_normative or item.no_consultation_reason.strip():
        return []
    consulted = Consultation.objects.filter(policy_item_id=item.pk, is_internal=False).exists()
    if consulted:
        return []
    return [
        "行政规范性文件未关联公开征求意见，请关联意见征集或填写未征求意见的理由（第七条第三项）。"
    ]


def _feedback_blockers(consultation: Consultation, item: Item, now) -> list[str]:
    blockers = []
    if consultation.closes_at is None or consultation.closes_at >= now:
        blockers.append("意见征集尚未截止，不能发布意见征集及采纳情况。")
    if not consultation.is_internal and not consultation.item.is_public:
        blockers.append("征求意见稿尚未发布，采纳情况须与征集信息关联发布（第七条第三项）。")
    if consultation.is_internal and item.publicity != Publicity.NOT_DISCLOSED:
        blockers.append("内部征集的采纳情况不作为主动公开信息，公开属性必须为不予公开。")
    if not clean_html(item.body).strip():
        blockers.append("采纳情况说明没有内容。")
    return blockers


def consultation_check_ready(*, consultation: Consultation) -> None:
    """Raise ConsultationError listing every blocker, or return quietly."""
    blockers = release_blockers(consultation.item)
    if blockers:
        raise ConsultationError("；".join(b.rstrip("。") for b in blockers) + "。")
