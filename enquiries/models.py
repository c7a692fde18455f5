"""政务咨询: citizens' questions to the bureau (国办秘函〔2019〕19号 vetoes a site with no
working channel for questions, or with a question unanswered for more than 3 months).

A question is received, routed by the office to the responsible section, answered
within the configured number of working days (settings.ENQUIRY_REPLY_WORKDAYS, on
the official calendar), and published in the public Q&A only if the office chooses.
The asker's name and contact are never public. Overdue is derived, never stored."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class EnquiryStatus(models.TextChoices):
    RECEIVED = "received", "待分办"
    ROUTED = "routed", "办理中"
    ANSWERED = "answered", "已答复"


class EnquiryQuerySet(models.QuerySet):
    def published(self):
        """What the public Q&A shows: answered questions the office published."""
        return self.filter(status=EnquiryStatus.ANSWERED, is_published=True)

    def unanswered(self):
        return self.exclude(status=EnquiryStatus.ANSWERED)


class Enquiry(models.Model):
    subject = models.CharField("咨询标题", max_length=100)
    question = models.TextField("咨询内容")
    name = models.CharField("姓名", max_length=50, blank=True, help_text="可不填。")
    contact = models.CharField(
        "联系方式", max_length=100, help_text="电话或电子邮箱，仅用于答复，不公开。"
    )
    client_digest = models.CharField(max_length=64, editable=False, blank=True)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, editable=False)
    status = models.CharField(
        "状态", max_length=20, choices=EnquiryStatus, default=EnquiryStatus.RECEIVED, editable=False
    )
    section = models.ForeignKey(
        "disclosure.Section",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enquiries",
        verbose_name="承办股室",
    )
    routed_at = models.DateTimeField("分办时间", null=True, blank=True, editable=False)
    answer = models.TextField("答复内容", blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="答复人",
        editable=False,
    )
    is_published = models.BooleanField("在咨询专栏公开", default=False, editable=False)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = "政务咨询"
        verbose_name_plural = "政务咨询"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="enquiry_published_only_when_answered",
                condition=~models.Q(is_published=True) | models.Q(status="answered"),
            ),
            models.CheckConstraint(
                name="enquiry_answered_has_answer",
                condition=~models.Q(status="answered") | ~models.Q(answer=""),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def submitted_on(self):
        return timezone.localdate(self.submitted_at)

    @property
    def reply_due(self):
        """The answer's due date: ENQUIRY_REPLY_WORKDAYS working days after the day
        it was received (WorkdayResult: date, confirmed)."""
        from workcalendar.selectors import add_workdays

        return add_workdays(self.submitted_on, settings.ENQUIRY_REPLY_WORKDAYS)

    def overdue_on(self, day) -> bool:
        if self.status == EnquiryStatus.ANSWERED:
            return timezone.localdate(self.answered_at) > self.reply_due.date
        return day > self.reply_due.date

    @property
    def answered_on_time(self) -> bool | None:
        if self.status != EnquiryStatus.ANSWERED:
            return None
        return timezone.localdate(self.answered_at) <= self.reply_due.date
