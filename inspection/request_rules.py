"""Inspection rules on disclosure requests (F6, F7: nothing falls through): online
submissions still unconfirmed more than one working day after they came in. The
rule reads requests_app's selector; it writes nothing there."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from inspection.models import FindingKind
from inspection.rules.base import FindingDraft, office_section


def check_unconfirmed_requests(as_of: datetime.date) -> Iterable[FindingDraft]:
    from requests_app.models import DisclosureRequest
    from requests_app.selectors import unconfirmed_submissions

    section = office_section()
    for req in unconfirmed_submissions(DisclosureRequest.objects.all(), as_of):
        submitted = timezone.localtime(req.submitted_at)
        yield FindingDraft(
            kind=FindingKind.REQUEST_UNCONFIRMED,
            message=(
                f"网上申请 {req.tracking_number} 于 {submitted:%Y-%m-%d %H:%M} 提交，"
                f"应于 {req.confirm_by:%Y-%m-%d} 前确认收到，至今未确认"
                "（《条例》第三十一条：网上提交以双方确认之日为收到之日）。"
            ),
            section=section,
            subject=req.tracking_number,
            detail={
                "submitted_at": submitted.isoformat(),
                "confirm_by": req.confirm_by.isoformat(),
            },
            fingerprint=f"{FindingKind.REQUEST_UNCONFIRMED}:request:{req.pk}",
        )
