"""What every reply notice (告知书) names, configured once by the office: the remedies
(Reg. 51; 行政复议法 2023 Art. 24: the 复议机关 of a county department is the county
people's government; 行政诉讼法 Art. 46: six months) and the bureau's seal image."""

from django.conf import settings
from django.db import models

# 行政复议法 (2023) Art. 24: 县级以上地方各级人民政府 reviews its departments' acts.
DEFAULT_REVIEW_AUTHORITY = "县人民政府"
# Reg. 51: 投诉、举报 to the next-higher agency or the competent department of
# government information disclosure.
DEFAULT_COMPLAINT_ROUTE = "上一级行政机关或者政府信息公开工作主管部门"
# Used while the office has not named the court (jurisdiction is often centralised
# in one court of the city: it must be configured, the page says so).
FALLBACK_COURT = "有管辖权的人民法院"


def seal_path(instance, filename: str) -> str:
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"requests/seal/{uuid.uuid4().hex}.{ext}"


class NoticeSettings(models.Model):
    """One row (pk 1): read with `requests_app.selectors.notice_settings()`, written
    by `requests_app.services.notice_settings_update` only."""

    review_authority = models.CharField(
        "行政复议机关",
        max_length=100,
        default=DEFAULT_REVIEW_AUTHORITY,
        help_text="2023年修订的《行政复议法》第二十四条：县级人民政府工作部门的复议机关为本级人民政府。"
        "请写明全称，如“示例县人民政府”。",
    )
    court = models.CharField(
        "行政诉讼管辖法院",
        max_length=100,
        blank=True,
        help_text="写明全称，如“示例县人民法院”（实行集中管辖的，写明集中管辖法院）。",
    )
    complaint_route = models.CharField(
        "投诉、举报受理机关",
        max_length=200,
        default=DEFAULT_COMPLAINT_ROUTE,
        help_text="《条例》第五十一条：可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报。",
    )
    seal = models.FileField("印章图片", upload_to=seal_path, blank=True)
    retention_years = models.PositiveSmallIntegerField(
        "申请案卷保管期限（年）",
        default=10,
        help_text="办结的申请归档后保管的年限，自办结之年的次年起算，按本机关档案保管期限表确定。",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "告知书设置"
        verbose_name_plural = "告知书设置"
        constraints = [
            models.CheckConstraint(name="notice_settings_single_row", condition=models.Q(pk=1)),
        ]

    def __str__(self) -> str:
        return "告知书设置"

    @property
    def court_name(self) -> str:
        return self.court.strip() or FALLBACK_COURT
