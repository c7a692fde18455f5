"""The moderators' digest: new comments waiting for moderation, one e-mail per
moderator (the staff of the consultation's section and the office), so comments
are not left unseen (F5: comments are moderated before anything is shown)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.mail import send_mail
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import SECTION_STAFF, Role
from common.links import absolute_url
from consultations.models import CommentStatus, Consultation


def _moderators(consultation: Consultation) -> set[str]:
    section_staff = User.objects.filter(
        is_active=True,
        groups=consultation.item.section.group,
    ).filter(groups__name__in=[str(r) for r in SECTION_STAFF])
    office = User.objects.filter(is_active=True, groups__name=str(Role.OFFICE_REVIEWER))
    emails = set(section_staff.exclude(email="").values_list("email", flat=True))
    return emails | set(office.exclude(email="").values_list("email", flat=True))


def comment_digest(*, since: datetime.datetime, now: datetime.datetime | None = None) -> int:
    """E-mail each moderator the consultations with comments submitted after `since`
    that still wait for moderation. Returns the number of e-mails sent."""
    now = now or timezone.now()
    pending = (
        Consultation.objects.filter(
            comments__status=CommentStatus.PENDING,
            comments__submitted_at__gt=since,
            comments__submitted_at__lte=now,
        )
        .annotate(new=Count("comments"))
        .select_related("item__section__group")
        .order_by("closes_at", "id")
    )
    lines_for: dict[str, list[str]] = defaultdict(list)
    for consultation in pending:
        url = absolute_url(reverse("consultations:staff_detail", args=[consultation.pk]))
        line = f"《{consultation.title}》：新意见 {consultation.new} 条待审核\n  {url}"
        for email in _moderators(consultation):
            lines_for[email].append(line)
    for email, lines in lines_for.items():
        send_mail(
            f"【意见征集】{len(lines)} 项征集有新意见待审核",
            "您好：\n\n以下意见征集收到新的公众意见，审核后才会公开：\n\n"
            + "\n".join(lines)
            + "\n\n（本邮件由系统自动发送。）",
            None,
            [email],
        )
    return len(lines_for)
