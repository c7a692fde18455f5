"""Complaints (申诉/投诉) about a handled request, filed from the tracking page."""

from django.conf import settings
from django.db import models


class ComplaintKind(models.TextChoices):
    APPEAL = "appeal", "申诉"
    COMPLAINT = "complaint", "投诉"


class ComplaintStatus(models.TextChoices):
    OPEN = "open", "待处理"
    ANSWERED = "answered", "已答复"


class Complaint(models.Model):
    """A 申诉 or 投诉 about a request. It has its own reply deadline
    (`requests_app.clock.COMPLAINT_REPLY_WORKDAYS` working days from receipt), answered
    by the office."""

    request = models.ForeignKey(
        "requests_app.DisclosureRequest", on_delete=models.CASCADE, related_name="complaints"
    )
    kind = models.CharField("类型", max_length=20, choices=ComplaintKind)
    text = models.TextField("申诉/投诉内容")
    submitted_at = models.DateTimeField("提交时间")
    received_on = models.DateField("收到日期")
    due_on = models.DateField("答复期限")
    due_confirmed = models.BooleanField(default=True)
    status = models.CharField(
        "状态", max_length=20, choices=ComplaintStatus, default=ComplaintStatus.OPEN
    )
    answer = models.TextField("处理结果", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField("答复日期", null=True, blank=True)

    class Meta:
        verbose_name = "申诉/投诉"
        verbose_name_plural = "申诉/投诉"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="complaint_answered_has_answer",
                condition=models.Q(status="open", answered_on__isnull=True)
                | models.Q(status="answered", answered_on__isnull=False) & ~models.Q(answer=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.request_id}"

    @property
    def is_overdue(self) -> bool:
        """Derived, never stored: open past its deadline."""
        from django.utils import timezone

        return self.status == ComplaintStatus.OPEN and timezone.localdate() > self.due_on
