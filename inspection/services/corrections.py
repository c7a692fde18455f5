"""Visitors' 纠错 reports (我为政府网站找错): received from the public form, sent to the
office, handled by it."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from common.links import absolute_url
from inspection import permissions
from inspection.models import CorrectionReport, CorrectionStatus
from inspection.services._common import InspectionError

logger = logging.getLogger(__name__)

CORRECTION_FIELDS = ("kind", "page_url", "description", "name", "contact")


def correction_submit(*, data: dict) -> CorrectionReport:
    """Record a visitor's report and e-mail the office (after commit). The public
    form rate-limits and validates first; this validates again (Chinese errors)."""
    unknown = set(data) - set(CORRECTION_FIELDS)
    if unknown:
        raise TypeError(f"not correction fields: {sorted(unknown)}")
    report = CorrectionReport(**{k: (v or "").strip() for k, v in data.items()})
    if not report.description:
        raise ValidationError({"description": "请描述发现的问题。"})
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: _notify_office(report))
    return report


def office_recipients() -> list[str]:
    """The office's addresses: the 办公室审核员 accounts (accounts.roles)."""
    return list(
        User.objects.filter(is_active=True, groups__name=str(Role.OFFICE_REVIEWER))
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _notify_office(report: CorrectionReport) -> None:
    from django.core.mail import send_mail

    recipients = office_recipients()
    if not recipients:
        return
    link = absolute_url(reverse("admin:inspection_correctionreport_change", args=[report.pk]))
    try:
        send_mail(
            f"【网站纠错】{report.get_kind_display()}"[:200],
            (
                f"局办公室：\n\n网站收到一条纠错留言（{report.get_kind_display()}）。\n\n"
                f"页面：{report.page_url or '未填写'}\n问题：{report.description}\n\n"
                f"请及时核实处理：{link}"
            ),
            None,
            recipients,
        )
    except OSError:
        # The report is stored and listed for the office; a mail server that is down
        # must not turn the visitor's submission into an error page.
        logger.warning("correction %s: notifying the office failed", report.pk, exc_info=True)


def correction_handle(*, report: CorrectionReport, reply: str, acting_user) -> CorrectionReport:
    """The office records how a report was handled."""
    if not permissions.can_handle_corrections(acting_user):
        raise InspectionError("只有局办公室可以处理网站纠错。")
    reply = (reply or "").strip()
    if not reply:
        raise InspectionError("请填写处理情况。")
    with transaction.atomic():
        locked = CorrectionReport.objects.select_for_update().get(pk=report.pk)
        locked.reply = reply
        locked.status = CorrectionStatus.HANDLED
        locked.handled_at = timezone.now()
        locked.save(update_fields=["reply", "status", "handled_at"])
    return locked
