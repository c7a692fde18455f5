"""Reg. 35: an applicant whose requests are clearly beyond reason in number or
frequency is asked for reasons. Unreasonable: 不予处理. Reasonable but the limits of
Reg. 33 cannot be met: a later, reasonable reply date is set and told to the
applicant; it is the request's own clock from then on."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from requests_app.models.request import DisclosureRequest


class ReasonsDecision(models.TextChoices):
    REASONABLE = "reasonable", "理由合理"
    UNREASONABLE = "unreasonable", "理由不合理"
    NO_ANSWER = "no_answer", "逾期未说明理由"


class ReasonsRequest(models.Model):
    request = models.OneToOneField(
        DisclosureRequest, on_delete=models.CASCADE, related_name="reasons_request"
    )
    asked_on = models.DateField("要求说明理由日期")
    items = models.TextField("需要说明的事项")
    days_allowed = models.PositiveSmallIntegerField("说明理由期限（工作日）")
    due_on = models.DateField("说明理由截止日期")
    due_confirmed = models.BooleanField(default=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField("收到说明日期", null=True, blank=True)
    decision = models.CharField("认定", max_length=20, choices=ReasonsDecision, blank=True)
    decision_note = models.TextField("认定理由", blank=True)
    later_due_on = models.DateField("延迟答复的合理期限", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField("认定日期", null=True, blank=True)

    class Meta:
        verbose_name = "要求说明理由"
        verbose_name_plural = "要求说明理由"
        constraints = [
            models.CheckConstraint(
                name="reasons_later_date_only_when_reasonable",
                condition=Q(later_due_on__isnull=True) | Q(decision="reasonable"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} 第三十五条"
