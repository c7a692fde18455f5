"""The office's inspection (巡查), evaluations (考评迎检) and rectification (整改),
seed Art. 4 (三) and (五).

An inspection run or an evaluation produces findings; a finding becomes at most one
rectification task assigned to the responsible section. Overdue is derived from
dates, never stored."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from inspection.links import admin_url, public_url


class FindingKind(models.TextChoices):
    COLUMN_IDLE = "column_idle", "栏目未按时更新"
    COLUMN_STALE = "column_stale", "栏目超过更新周期未更新"
    COLUMN_EMPTY = "column_empty", "空白栏目"
    HOME_IDLE = "home_idle", "首页超过两周未更新"
    ITEM_OVERDUE = "item_overdue", "超过公开时限未发布"
    ATTACHMENT_BROKEN = "attachment_broken", "附件缺失或无法读取"
    PERSONAL_DATA = "personal_data", "已公开信息含个人信息"
    SENSITIVE_WORD = "sensitive_word", "已公开信息含敏感词"
    CONSULTATION_NO_FEEDBACK = "consultation_no_feedback", "意见征集结束未反馈"
    REQUEST_UNCONFIRMED = "request_unconfirmed", "网上申请超过1个工作日未确认收到"
    NORMATIVE_EXPIRY = "normative_expiry", "规范性文件有效期届满提醒"
    LINK_BROKEN = "link_broken", "正文链接错误"
    REQUEST_OVERDUE = "request_overdue", "依申请公开逾期未答复"
    ANNUAL_REPORT_LATE = "annual_report_late", "年度报告未按期发布"
    GUIDE_STALE = "guide_stale", "公开指南超过一年未更新"
    ENQUIRY_UNANSWERED = "enquiry_unanswered", "政务咨询超过3个月未答复"
    MATTER_IDLE = "matter_idle", "标准目录事项未按周期公开"
    EVALUATION = "evaluation", "考评指出的问题"


class RunTrigger(models.TextChoices):
    MANUAL = "manual", "手动巡查"
    SCHEDULED = "scheduled", "定时巡查"


class InspectionRun(models.Model):
    """One inspection of the site as it stood on `as_of` (the report)."""

    as_of = models.DateField("巡查日期")
    trigger = models.CharField("方式", max_length=20, choices=RunTrigger)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="发起人",
    )
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    home_last_update = models.DateTimeField("首页最后更新", null=True, blank=True)
    # Counts per finding kind, columns checked, verdicts of the 单项否决 thresholds.
    summary = models.JSONField("摘要", default=dict, blank=True)

    class Meta:
        verbose_name = "巡查报告"
        verbose_name_plural = "巡查报告"
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.as_of:%Y-%m-%d} 巡查报告"


class EvaluationKind(models.TextChoices):
    ANNUAL = "annual", "年度考评"
    SPECIAL = "special", "专项检查"
    THIRD_PARTY = "third_party", "第三方评估"
    SPOT_CHECK = "spot_check", "网站抽查"


class Evaluation(models.Model):
    """An evaluation or check by a higher office (考评迎检, Art. 4 (五))."""

    title = models.CharField("名称", max_length=200)
    kind = models.CharField("类型", max_length=20, choices=EvaluationKind)
    evaluator = models.CharField("考评（检查）单位", max_length=100)
    held_on = models.DateField("考评日期")
    score = models.DecimalField("得分", max_digits=6, decimal_places=2, null=True, blank=True)
    conclusion = models.TextField("考评结论", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "考评迎检"
        verbose_name_plural = "考评迎检"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    """A problem found by an inspection run or named by an evaluation. Personal data
    is stored masked only (`detail`), never in clear."""

    run = models.ForeignKey(
        InspectionRun,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name="巡查报告",
    )
    evaluation = models.ForeignKey(
        Evaluation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name="考评",
    )
    kind = models.CharField("问题类型", max_length=30, choices=FindingKind)
    section = models.ForeignKey(
        "disclosure.Section",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name="责任股室",
    )
    column = models.ForeignKey(
        "disclosure.Column",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="栏目",
    )
    item = models.ForeignKey(
        "disclosure.Item",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="信息",
    )
    attachment = models.ForeignKey(
        "disclosure.Attachment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="附件",
    )
    subject = models.CharField("问题对象", max_length=300, blank=True)
    subject_url = models.CharField("对象链接", max_length=300, blank=True)
    message = models.TextField("问题描述")
    detail = models.JSONField("详情", default=dict, blank=True)
    # Same problem, same fingerprint, across runs: "kind:object"; lets a new run see
    # that a task is already open for it.
    fingerprint = models.CharField("问题标识", max_length=120, blank=True, db_index=True)
    created_at = models.DateTimeField("发现时间", auto_now_add=True)

    class Meta:
        verbose_name = "发现问题"
        verbose_name_plural = "发现问题"
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                name="finding_has_one_source",
                condition=(
                    models.Q(run__isnull=False, evaluation__isnull=True)
                    | models.Q(run__isnull=True, evaluation__isnull=False)
                ),
                violation_error_message="问题须来自一次巡查或一次考评。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.subject or self.message[:30]}"

    @property
    def target_url(self) -> str:
        """Where to look at the problem: the public page of a public item or of a
        column, the back office for an unpublished item."""
        if self.item_id and self.item is not None:
            return public_url(self.item) if self.item.is_public else admin_url(self.item)
        if self.column_id and self.column is not None:
            return public_url(self.column)
        return self.subject_url

    @property
    def source_label(self) -> str:
        if self.evaluation_id:
            return f"考评：{self.evaluation.title}"
        return f"巡查：{self.run.as_of:%Y-%m-%d}"


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", "待整改"
    ANSWERED = "answered", "待核验"
    RETURNED = "returned", "退回重改"
    CLOSED = "closed", "已办结"
    CANCELLED = "cancelled", "已撤销"


OPEN_STATUSES = (TaskStatus.ASSIGNED, TaskStatus.RETURNED, TaskStatus.ANSWERED)
# States in which the section owes work; only these can be overdue.
SECTION_OWES = (TaskStatus.ASSIGNED, TaskStatus.RETURNED)


class RectificationTaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        """Section still owes an answer and the deadline has passed (derived)."""
        today = today or timezone.localdate()
        return self.filter(status__in=SECTION_OWES, due_on__lt=today)


class RectificationTask(models.Model):
    """整改任务: a finding assigned to its responsible section with a deadline in
    working days; the section answers with evidence, the office verifies."""

    finding = models.OneToOneField(
        Finding, on_delete=models.PROTECT, related_name="task", verbose_name="问题"
    )
    section = models.ForeignKey(
        "disclosure.Section",
        on_delete=models.PROTECT,
        related_name="rectification_tasks",
        verbose_name="责任股室",
    )
    title = models.CharField("任务名称", max_length=300)
    requirement = models.TextField("整改要求")
    status = models.CharField(
        "状态", max_length=20, choices=TaskStatus, default=TaskStatus.ASSIGNED, editable=False
    )
    assigned_on = models.DateField("交办日期")
    deadline_workdays = models.PositiveSmallIntegerField("整改时限（工作日）")
    due_on = models.DateField("整改期限")
    # False when the deadline rests on a year without a confirmed holiday notice (未确认).
    due_confirmed = models.BooleanField("期限已确认", default=True)
    answer = models.TextField("整改情况", blank=True)
    answered_at = models.DateTimeField("反馈时间", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="反馈人",
    )
    verified_at = models.DateTimeField("核验时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="核验人",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="交办人"
    )
    created_at = models.DateTimeField("交办时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(verbose_name="整改任务历史")
    objects = RectificationTaskQuerySet.as_manager()

    class Meta:
        verbose_name = "整改任务"
        verbose_name_plural = "整改任务"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def is_overdue_on(self, today) -> bool:
        return self.status in SECTION_OWES and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def answered_late(self) -> bool:
        """The answer came after the deadline then in force."""
        return bool(self.answered_at) and timezone.localdate(self.answered_at) > self.due_on


class TaskAction(models.TextChoices):
    CREATED = "created", "交办"
    ANSWERED = "answered", "反馈整改情况"
    VERIFIED = "verified", "核验办结"
    SENT_BACK = "sent_back", "退回重改"
    CANCELLED = "cancelled", "撤销"


class TaskEvent(models.Model):
    """Every step of a task: who, when, what they wrote."""

    task = models.ForeignKey(
        RectificationTask, on_delete=models.CASCADE, related_name="events", verbose_name="任务"
    )
    action = models.CharField("操作", max_length=20, choices=TaskAction)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="操作人"
    )
    note = models.TextField("说明", blank=True)
    status_after = models.CharField("操作后状态", max_length=20, choices=TaskStatus)
    due_on_after = models.DateField("操作后期限", null=True, blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "整改任务记录"
        verbose_name_plural = "整改任务记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


def evidence_path(instance, filename: str) -> str:
    # Random stored name, as for item attachments: never the uploader's name.
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"rectification/{uuid.uuid4().hex}.{ext}"


class TaskEvidence(models.Model):
    """A file the section sent with an answer (整改佐证材料)."""

    task = models.ForeignKey(
        RectificationTask, on_delete=models.CASCADE, related_name="evidence", verbose_name="任务"
    )
    event = models.ForeignKey(
        TaskEvent, on_delete=models.CASCADE, related_name="evidence", verbose_name="所属反馈"
    )
    title = models.CharField("文件名", max_length=200)
    file = models.FileField("文件", upload_to=evidence_path)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    content_type = models.CharField("文件类型", max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "整改佐证材料"
        verbose_name_plural = "整改佐证材料"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
