"""Reads of 政务咨询: the year's counts for the statistics page."""

import datetime

from django.utils import timezone

from enquiries.models import Enquiry, EnquiryStatus


def year_counts(year: int, today: datetime.date | None = None) -> dict[str, int]:
    """Questions received in `year`: how many, answered (on time), still open,
    overdue today, published in the Q&A."""
    today = today or timezone.localdate()
    received = list(Enquiry.objects.filter(submitted_at__year=year))
    answered = [e for e in received if e.status == EnquiryStatus.ANSWERED]
    open_ = [e for e in received if e.status != EnquiryStatus.ANSWERED]
    return {
        "received": len(received),
        "answered": len(answered),
        "on_time": sum(1 for e in answered if e.answered_on_time),
        "open": len(open_),
        "overdue": sum(1 for e in open_ if e.overdue_on(today)),
        "published": sum(1 for e in answered if e.is_published),
    }
