"""The review app's own records: decisions of the 三审, sign-off records of signed
documents (签发稿), the sensitive-word list and change notes of published items.

The item's status and the fields the public pages need live on `disclosure.Item`;
everything here points at it and is written only by `review.services`."""

from django.conf import settings
from django.db import models


class Stage(models.TextChoices):
    """The three review stages of seed Art. 9(2) (三审)."""

    FIRST = "first", "初审"
    SECOND = "second", "复审"
    FINAL = "final", "终审"


class Action(models.TextChoices):
    """What a decision record says happened."""

    SUBMIT = "submit", "提交送审"
    RECALL = "recall", "撤回送审"
    APPROVE = "approve", "审核通过"
    RETURN = "return", "退回修改"
    OVERRIDE = "override", "领导确认越过安全检查"
    RELEASE = "release", "发布"
    SCHEDULE = "schedule", "设置定时发布"
    UNSCHEDULE = "unschedule", "取消定时发布"
    PUBLISH_SCHEDULED = "publish_scheduled", "定时发布执行"
    PUBLISH_SIGNED = "publish_signed", "按签发稿发布"
    WITHDRAW = "withdraw", "撤回"
    REPLACE = "replace", "替换为新信息"
    UPDATE = "update", "发布后更新"


class Decision(models.Model):
    """One act in an item's release history: who, what, at which stage, with which
    opinion, on which content revision (review.revision). Never edited or deleted."""

    item = models.ForeignKey(
        "disclosure.Item",
        on_delete=models.PROTECT,
        related_name="review_decisions",
        verbose_name="信息",
    )
    action = models.CharField("操作", max_length=20, choices=Action)
    stage = models.CharField("审核环节", max_length=10, choices=Stage, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_decisions",
        verbose_name="操作人",
        help_text="为空表示系统自动执行（定时发布）。",
    )
    opinion = models.TextField("意见/理由", blank=True)
    revision = models.CharField("内容版本", max_length=16)
    findings = models.JSONField(
        "安全检查发现（脱敏）",
        default=list,
        blank=True,
        help_text="领导确认越过安全检查时记录当时的发现，仅保存脱敏后的值。",
    )
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["item", "action", "stage"])]
        constraints = [
            models.CheckConstraint(
                name="return_and_override_need_text",
                condition=~models.Q(action__in=["return", "override", "withdraw"])
                | ~models.Q(opinion=""),
                violation_error_message="退回、越过安全检查和撤回必须填写意见或理由。",
            ),
            models.CheckConstraint(
                name="stage_decisions_have_stage",
                condition=~models.Q(action__in=["approve", "return"]) | ~models.Q(stage=""),
                violation_error_message="审核决定必须注明审核环节。",
            ),
        ]

    def __str__(self) -> str:
        stage = f"{self.get_stage_display()} " if self.stage else ""
        return f"{stage}{self.get_action_display()}（{self.actor or '系统'}）"


class SignOff(models.Model):
    """The sign-off record (签发记录) on which a signed document is released without
    the three stages (seed Art. 9(2))."""

    item = models.OneToOneField(
        "disclosure.Item", on_delete=models.PROTECT, related_name="sign_off", verbose_name="信息"
    )
    signer = models.CharField("签发人", max_length=50)
    signer_title = models.CharField("签发人职务", max_length=50, blank=True)
    signed_on = models.DateField("签发日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="登记人",
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "签发记录"
        verbose_name_plural = "签发记录"

    def __str__(self) -> str:
        return f"{self.signer} {self.signed_on:%Y-%m-%d} 签发"


class SensitiveWord(models.Model):
    """A word the security check flags (seed Art. 9(1)); maintained by the 安全管理员."""

    word = models.CharField("敏感词", max_length=50, unique=True)
    note = models.CharField("说明", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="添加人",
        editable=False,
    )
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

    def clean(self):
        from django.core.exceptions import ValidationError

        self.word = (self.word or "").strip()
        if not self.word:
            raise ValidationError({"word": "敏感词不能为空。"})


class ChangeNote(models.Model):
    """A change made to a published item. Substantive changes carry a note that the
    public page shows with its date; minor corrections are kept but not shown."""

    item = models.ForeignKey(
        "disclosure.Item",
        on_delete=models.PROTECT,
        related_name="change_notes",
        verbose_name="信息",
    )
    note = models.TextField("变更说明", blank=True)
    substantive = models.BooleanField("实质性变更", default=True)
    changed_fields = models.CharField("变更内容", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="操作人",
    )
    changed_at = models.DateTimeField("变更时间", auto_now_add=True)

    class Meta:
        verbose_name = "变更说明"
        verbose_name_plural = "变更说明"
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="substantive_change_has_note",
                condition=models.Q(substantive=False) | ~models.Q(note=""),
                violation_error_message="实质性变更必须填写变更说明。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d} {self.note[:30]}"


class InterpretationForm(models.TextChoices):
    """The forms an interpretation (解读) takes (Art. 7(4)); the six headed parts are
    asked of a 文字解读 only."""

    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "视频解读"
    AUDIO = "audio", "音频解读"
    INTERVIEW = "interview", "访谈/新闻发布会"


class Interpretation(models.Model):
    """An interpretation item's form and the leader account that signs it. The item's
    `signatory` text (shown publicly) is the signing leader's name."""

    item = models.OneToOneField(
        "disclosure.Item",
        on_delete=models.CASCADE,
        related_name="interpretation_details",
        verbose_name="解读材料",
    )
    form = models.CharField(
        "解读形式", max_length=20, choices=InterpretationForm, default=InterpretationForm.TEXT
    )
    signatory_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="署名领导",
    )

    class Meta:
        verbose_name = "解读形式与署名"
        verbose_name_plural = "解读形式与署名"

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_form_display()}"
