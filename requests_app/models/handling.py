"""What hangs off a request: the one correction, the one extension, the clock pauses,
the files and the dated steps."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from requests_app.models.choices import Action, ExtensionStatus, PauseKind, RequestFileKind
from requests_app.models.request import DisclosureRequest, request_file_path


class Correction(models.Model):
    """The one request for correction (补正, Reg. 30: "一次性告知"). One per request, by
    a one-to-one key. The reply period restarts on `received_on`."""

    request = models.OneToOneField(
        DisclosureRequest, on_delete=models.CASCADE, related_name="correction"
    )
    requested_on = models.DateField("补正告知日期")
    items = models.TextField("需要补正的事项")
    days_allowed = models.PositiveSmallIntegerField("补正期限（工作日）")
    # Null while a posted notice is not yet signed for: the period runs from receipt.
    due_on = models.DateField("补正截止日期", null=True, blank=True)
    due_confirmed = models.BooleanField(default=True)
    received_on = models.DateField("收到补正申请日期", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "补正告知"
        verbose_name_plural = "补正告知"
        constraints = [
            models.CheckConstraint(
                name="correction_due_after_request",
                condition=Q(due_on__gt=models.F("requested_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} 补正"


class Extension(models.Model):
    """The one extension of the reply period (Reg. 33(2)): at most 20 working days,
    approved by the head of the disclosure office, notified to the applicant."""

    request = models.OneToOneField(
        DisclosureRequest, on_delete=models.CASCADE, related_name="extension"
    )
    days = models.PositiveSmallIntegerField("延长工作日数")
    reason = models.TextField("延期理由")
    status = models.CharField(
        "状态", max_length=20, choices=ExtensionStatus, default=ExtensionStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField("审批日期", null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=300, blank=True)

    class Meta:
        verbose_name = "延期答复"
        verbose_name_plural = "延期答复"
        constraints = [
            # Reg. 33(2): 延长的期限最长不得超过20个工作日.
            models.CheckConstraint(
                name="extension_at_most_20_days", condition=Q(days__gte=1, days__lte=20)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} 延期 {self.days} 日"


class ClockPause(models.Model):
    """A period during which the reply clock stands still: working days from
    `started_on` to `ended_on`, both included, are not counted. `ended_on` is null while
    the pause runs. For a third party, `reply_due_on` is their 15 working days (Reg. 32)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField("类型", max_length=20, choices=PauseKind)
    party = models.CharField("征求对象", max_length=200, blank=True)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    reply_due_on = models.DateField("答复截止日期", null=True, blank=True)
    reply_due_confirmed = models.BooleanField(default=True)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "不计入期限的期间"
        verbose_name_plural = "不计入期限的期间"
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="pause_ends_after_start",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}–{self.ended_on or '…'}"


class RequestFile(models.Model):
    """A file of a request: never served directly, only through views that check who
    may see it (staff by permission, the applicant by tracking session, reply files)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField("类型", max_length=20, choices=RequestFileKind)
    file = models.FileField("文件", upload_to=request_file_path)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class RequestEvent(models.Model):
    """A dated step in a request's history. `public_text` is what the applicant sees
    on the tracking page (never personal data); `note` is for staff only."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=40)
    at = models.DateTimeField("时间")
    on = models.DateField("相关日期", null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    public_text = models.CharField("对申请人显示", max_length=300, blank=True)
    note = models.TextField("内部记录", blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"

    @property
    def action_label(self) -> str:
        extra = {
            "complaint": "收到申诉/投诉",
            "complaint_answered": "答复申诉/投诉",
            "remedy": "登记行政复议/行政诉讼",
            "remedy_concluded": "登记复议/诉讼结果",
            "anonymise": "保存期满，申请人个人信息已匿名化",
            "delivery_received": "登记签收",
            "correction_uploaded": "申请人在线提交补正材料",
            "reminder_5": "到期提醒（剩余 5 个工作日）",
            "reminder_1": "到期提醒（剩余 1 个工作日）",
            "proactive_proposed": "建议纳入主动公开（第四十四条）",
        }
        if self.action in extra:
            return extra[self.action]
        try:
            return Action(self.action).label
        except ValueError:
            return self.action
