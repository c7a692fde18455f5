"""行政复议 and 行政诉讼 cases about requests (annual report table 四)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from requests_app.outcomes import RemedyKind, RemedyResult


class RemedyCaseQuerySet(models.QuerySet):
    def active_in(self, year: int):
        """Cases that belong in table 四 of `year`: filed by 31 December and not
        concluded before 1 January (concluded in the year, or still pending at its
        end). Count them by `kind` and by `result_as_of(date(year, 12, 31))`."""
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return self.filter(filed_on__lte=end).filter(
            Q(concluded_on=None) | Q(concluded_on__gte=start)
        )


class RemedyCase(models.Model):
    """One 行政复议 or 行政诉讼 about a request's handling.

    `filed_on`: the date the case was accepted (复议受理 / 立案). `concluded_on`: the date
    of the decision or judgment; null while pending, and then `result` is PENDING
    (database constraint). A case's result *at a given day* is `result_as_of(day)`:
    尚未审结 when it concluded after that day."""

    request = models.ForeignKey(
        "requests_app.DisclosureRequest",
        on_delete=models.PROTECT,
        related_name="remedy_cases",
        verbose_name="涉及的申请",
    )
    kind = models.CharField("类型", max_length=30, choices=RemedyKind)
    case_number = models.CharField("案号", max_length=100, blank=True)
    authority = models.CharField("复议机关/审理法院", max_length=100, blank=True)
    filed_on = models.DateField("受理/立案日期")
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField(
        "结果", max_length=20, choices=RemedyResult, default=RemedyResult.PENDING
    )
    note = models.TextField("备注", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = RemedyCaseQuerySet.as_manager()

    class Meta:
        verbose_name = "行政复议/行政诉讼案件"
        verbose_name_plural = "行政复议/行政诉讼案件"
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="remedy_pending_iff_not_concluded",
                condition=Q(result="pending", concluded_on__isnull=True)
                | ~Q(result="pending") & Q(concluded_on__isnull=False),
            ),
            models.CheckConstraint(
                name="remedy_concluded_after_filed",
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("filed_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}"

    def result_as_of(self, day: datetime.date) -> str:
        """The table 四 column for this case as it stood on `day`."""
        if self.concluded_on is None or self.concluded_on > day:
            return RemedyResult.PENDING
        return self.result
