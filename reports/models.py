"""The guide (政府信息公开指南, Reg. 12) and the annual report (年度报告, Reg. 49-50,
2021 format 国办公开办函〔2021〕30号)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Guide(models.Model):
    """The maintained guide of one organisation. Reg. 12: how information is
    classified and arranged, how to obtain it, and the disclosure office's name,
    address, hours, phone, fax and online contact — the contacts are the
    organisation's own fields, shown with these texts."""

    organisation = models.OneToOneField(
        "disclosure.Organisation",
        on_delete=models.CASCADE,
        related_name="guide",
        verbose_name="机关",
    )
    intro = models.TextField("说明")
    classification = models.TextField("信息分类与编排体系")
    proactive = models.TextField("主动公开的获取方式")
    request_procedure = models.TextField("依申请公开的办理程序")
    fees = models.TextField("收费标准")
    remedies = models.TextField("监督和救济")
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="更新人",
    )

    history = HistoricalRecords(verbose_name="指南修改历史")

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    def __str__(self) -> str:
        return f"{self.organisation.name}政府信息公开指南"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class AnnualReport(models.Model):
    """One year's report. Tables 三 and 四 are computed from the requests and the
    复议/诉讼 cases while it is a draft and frozen into `table3`/`table4` when it is
    published, so the public report never changes afterwards. Table 二 and the
    narrative sections are entered by staff."""

    organisation = models.ForeignKey(
        "disclosure.Organisation",
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name="机关",
    )
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "状态", max_length=20, choices=ReportStatus, default=ReportStatus.DRAFT, editable=False
    )
    # 一、总体情况 / 五、存在的主要问题及改进情况 / 六、其他需要报告的事项
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    # 二、主动公开政府信息情况 (table 二), entered by staff. Null: not filled in yet.
    regulations_issued = models.PositiveIntegerField("规章·本年制发件数", null=True, blank=True)
    regulations_repealed = models.PositiveIntegerField("规章·本年废止件数", null=True, blank=True)
    regulations_in_force = models.PositiveIntegerField("规章·现行有效件数", null=True, blank=True)
    normative_issued = models.PositiveIntegerField(
        "行政规范性文件·本年制发件数", null=True, blank=True
    )
    normative_repealed = models.PositiveIntegerField(
        "行政规范性文件·本年废止件数", null=True, blank=True
    )
    normative_in_force = models.PositiveIntegerField(
        "行政规范性文件·现行有效件数", null=True, blank=True
    )
    licensing_decisions = models.PositiveIntegerField(
        "行政许可·本年处理决定数量", null=True, blank=True
    )
    penalty_decisions = models.PositiveIntegerField(
        "行政处罚·本年处理决定数量", null=True, blank=True
    )
    enforcement_decisions = models.PositiveIntegerField(
        "行政强制·本年处理决定数量", null=True, blank=True
    )
    fees_amount = models.DecimalField(
        "行政事业性收费·本年收费金额（万元）",
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
    )
    # Frozen at publication (reports.tables JSON shapes).
    table3 = models.JSONField("表三（发布时）", null=True, blank=True, editable=False)
    table4 = models.JSONField("表四（发布时）", null=True, blank=True, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="发布人",
        editable=False,
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="更新人",
    )

    history = HistoricalRecords(verbose_name="年度报告修改历史")

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="uniq_report_year"),
            models.CheckConstraint(
                name="published_report_is_frozen",
                condition=models.Q(status="draft")
                | models.Q(
                    status="published",
                    table3__isnull=False,
                    table4__isnull=False,
                    published_at__isnull=False,
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED
