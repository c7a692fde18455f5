import datetime

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from common.links import path_for
from disclosure.choices import (
    ContentCategory,
    DocumentType,
    NonDisclosureReason,
    Publicity,
    Topic,
    Validity,
)


class ItemStatus(models.TextChoices):
    """Where an item stands. Transitions are defined in one map (review app) and
    made only by services; nothing else assigns `status`."""

    DRAFT = "draft", "草稿"
    RETURNED = "returned", "已退回"
    FIRST_REVIEW = "first_review", "待初审"
    SECOND_REVIEW = "second_review", "待复审"
    FINAL_REVIEW = "final_review", "待终审"
    APPROVED = "approved", "审核通过待发布"
    SCHEDULED = "scheduled", "定时发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class ItemQuerySet(models.QuerySet):
    def published(self):
        """The only items any public surface may show (F1): published and 主动公开."""
        return self.filter(status=ItemStatus.PUBLISHED, publicity=Publicity.PROACTIVE)


class Item(models.Model):
    """A piece of government information (政府信息) in the catalogue."""

    column = models.ForeignKey(
        "disclosure.Column", on_delete=models.PROTECT, related_name="items", verbose_name="栏目"
    )
    section = models.ForeignKey(
        "disclosure.Section",
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name="产生股室",
    )
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True, help_text="富文本，保存时清理不安全的标记。")
    summary = models.TextField("内容概述", blank=True)
    matter = models.ForeignKey(
        "disclosure.Matter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
        verbose_name="标准目录事项",
        help_text="人社标准目录中的对应事项；不选则按栏目对应。",
    )
    keywords = models.CharField("关键词", max_length=200, blank=True)
    topic = models.CharField("主题分类", max_length=10, choices=Topic)
    content_category = models.CharField(
        "公开内容类别（第五条、条例第二十条）", max_length=10, choices=ContentCategory
    )
    document_number = models.CharField("文号", max_length=100, blank=True)
    document_type = models.CharField(
        "文种", max_length=20, choices=DocumentType, blank=True, help_text="非公文信息可不选。"
    )
    joint_issuers = models.CharField(
        "联合发文机关",
        max_length=300,
        blank=True,
        help_text="与本局联合发文的其他机关，多个用“、”分隔。",
    )
    is_normative = models.BooleanField(
        "行政规范性文件",
        default=False,
        help_text="本局制发的行政规范性文件：须有文号、统一编号、施行日期和内容概述，"
        "计入年度报告表二。",
    )
    no_consultation_reason = models.TextField(
        "未公开征求意见的理由",
        blank=True,
        help_text="行政规范性文件一般应公开征求意见；未征求的，发布前须说明理由。",
    )
    normative_code = models.CharField(
        "统一编号", max_length=50, blank=True, help_text="行政规范性文件的统一登记编号。"
    )
    effective_on = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField(
        "有效期至", null=True, blank=True, help_text="过此日期文件自动失效；不设有效期的留空。"
    )
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    formed_on = models.DateField(
        "形成/变更日期", help_text="主动公开期限自此日起算 20 个工作日（第七条第二项）。"
    )
    published_at = models.DateTimeField("发布日期", null=True, blank=True, editable=False)
    validity = models.CharField("有效性", max_length=10, choices=Validity, default=Validity.VALID)
    publicity = models.CharField("公开属性", max_length=20, choices=Publicity, blank=True)
    non_disclosure_reason = models.CharField(
        "不公开理由（第六条）", max_length=30, choices=NonDisclosureReason, blank=True
    )
    publicity_note = models.TextField("公开属性说明", blank=True)
    index_number = models.CharField(
        "索引号", max_length=60, unique=True, null=True, blank=True, editable=False
    )
    status = models.CharField(
        "状态", max_length=20, choices=ItemStatus, default=ItemStatus.DRAFT, editable=False
    )
    # Release workflow (review app). Set only through review.services.
    is_signed_document = models.BooleanField(
        "签发稿",
        default=False,
        help_text="已履行公文签发程序且公开属性明确的文件，凭签发记录发布（第九条第二项）。",
    )
    needs_interpretation = models.BooleanField(
        "需要解读",
        default=False,
        help_text="政策文件与解读材料同步审签、同步发布（第七条第四项）。",
    )
    interprets = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name="所解读的政策文件",
    )
    responds_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name="所回应的信息",
    )
    signatory = models.CharField(
        "署名",
        max_length=100,
        blank=True,
        help_text="解读、回应信息由主要负责人或分管负责人署名（第七条第四项）。",
    )
    scheduled_at = models.DateTimeField("定时发布时间", null=True, blank=True, editable=False)
    due_on = models.DateField("公开期限", null=True, blank=True, editable=False)
    due_on_confirmed = models.BooleanField("期限已按确认日历计算", default=True, editable=False)
    published_on_time = models.BooleanField(
        "按时发布", null=True, blank=True, editable=False, help_text="发布时记录，空表示不适用。"
    )
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField("撤回理由", blank=True, editable=False)
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        verbose_name="已被替代为",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="drafted_items",
        verbose_name="起草人",
        editable=False,
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(verbose_name="信息修改历史")
    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "publicity", "-published_at"]),
            # Column pages: one column's public items, newest first.
            models.Index(
                fields=["column", "status", "publicity", "-published_at"],
                name="item_column_public_idx",
            ),
            models.Index(fields=["formed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="reason_required_unless_proactive",
                condition=(
                    models.Q(publicity__in=["", Publicity.PROACTIVE])
                    | ~models.Q(non_disclosure_reason="")
                ),
                violation_error_message="依申请公开或不予公开的信息必须选择第六条规定的理由。",
            ),
            models.CheckConstraint(
                name="withdrawal_has_reason",
                condition=~models.Q(status="withdrawn") | ~models.Q(withdrawal_reason=""),
                violation_error_message="撤回信息必须说明理由。",
            ),
            models.CheckConstraint(
                name="scheduled_has_time",
                condition=~models.Q(status="scheduled") | models.Q(scheduled_at__isnull=False),
                violation_error_message="定时发布必须设置发布时间。",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def public_path(self) -> str:
        """The public page's path (a 404 unless the item is public)."""
        return path_for("disclosure:item", self.pk)

    @property
    def is_public(self) -> bool:
        return self.status == ItemStatus.PUBLISHED and self.publicity == Publicity.PROACTIVE

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ItemStatus.WITHDRAWN

    @property
    def is_interpretation(self) -> bool:
        return self.interprets_id is not None

    @property
    def annotation(self) -> str:
        """附注 line, e.g. （此件主动公开）."""
        return Publicity(self.publicity).annotation if self.publicity else ""

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.publicity in (Publicity.ON_REQUEST, Publicity.NOT_DISCLOSED):
            if not self.non_disclosure_reason:
                errors["non_disclosure_reason"] = (
                    "依申请公开或不予公开的信息必须选择第六条规定的理由。"
                )
            if not self.publicity_note.strip():
                errors["publicity_note"] = "请说明不主动公开的具体理由。"
        errors.update(self.document_errors())
        if self.written_on and self.formed_on and self.written_on > self.formed_on:
            errors["formed_on"] = "形成/变更日期不能早于成文日期。"
        if self.pk and self.interprets_id == self.pk:
            errors["interprets"] = "信息不能解读自身。"
        if self.pk and self.responds_to_id == self.pk:
            errors["responds_to"] = "信息不能回应自身。"
        if self.interprets_id and self.needs_interpretation:
            errors["needs_interpretation"] = "解读材料本身不需要再解读。"
        if errors:
            raise ValidationError(errors)

    def document_errors(self) -> dict[str, str]:
        """文种, 文号 (GB/T 9704) and the 行政规范性文件's own fields."""
        from disclosure.docnumbers import document_number_problems

        errors: dict[str, str] = {}
        strict = bool(self.document_type) and self.document_type != DocumentType.LAW
        problems = document_number_problems(self.document_number, strict=strict)
        if problems:
            errors["document_number"] = " ".join(problems)
        if self.is_normative:
            # Reg. 12: the catalogue lists each document's 内容概述; for a 规范性文件
            # the public must be able to tell what it rules without opening it.
            if not (self.summary or "").strip():
                errors["summary"] = "行政规范性文件必须填写内容概述。"
            if not (self.document_number or "").strip():
                errors.setdefault("document_number", "行政规范性文件必须填写文号。")
            if not (self.normative_code or "").strip():
                errors["normative_code"] = "行政规范性文件必须填写统一编号。"
            if self.effective_on is None:
                errors["effective_on"] = "行政规范性文件必须填写施行日期。"
            if self.document_type in (DocumentType.LAW, DocumentType.WORK_DOCUMENT):
                errors["document_type"] = "行政规范性文件的文种不能是法律法规或工作文件。"
        if self.effective_on and self.written_on and self.effective_on < self.written_on:
            errors["effective_on"] = "施行日期不能早于成文日期。"
        if self.valid_until and self.effective_on and self.valid_until < self.effective_on:
            errors["valid_until"] = "有效期不能早于施行日期。"
        if self.repealed_on:
            if self.written_on and self.repealed_on < self.written_on:
                errors["repealed_on"] = "废止日期不能早于成文日期。"
            elif self.validity != Validity.REPEALED:
                errors["repealed_on"] = "填写了废止日期的文件，有效性应选择“已废止”。"
        return errors

    def validity_on(self, day: datetime.date) -> str:
        """The validity shown on `day`, computed from the dates (a document whose
        有效期 has passed is 失效 without anyone changing it)."""
        if self.validity == Validity.REPEALED or (self.repealed_on and self.repealed_on <= day):
            return "已废止"
        if self.valid_until and self.valid_until < day:
            return "已失效"
        if self.effective_on and self.effective_on > day:
            return "尚未施行"
        return self.get_validity_display()

    @property
    def current_validity(self) -> str:
        from django.utils import timezone

        return self.validity_on(timezone.localdate())


class IndexSerial(models.Model):
    """The last 索引号 serial issued per organisation and year; incremented inside the
    publishing transaction (services.index_number_assign)."""

    organisation = models.ForeignKey("disclosure.Organisation", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "索引号序号"
        verbose_name_plural = "索引号序号"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="uniq_serial_org_year"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last_serial}"
