"""Public consultations (意见征集, seed Art. 5(16), 7(3); requirements F5).

A consultation's public draft *is* a disclosure item (`item`), so it goes through the
same release review as any item (Art. 9) and is public exactly when that item is
(`Item.objects.published()`). The feedback (意见征集情况及采纳情况) is an item too,
linked here to the consultation and to the policy that resulted.

Where a consultation stands (upcoming, open, closed, concluded) and whether its
feedback is overdue are derived from dates and the linked items, never stored."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Phase(models.TextChoices):
    """Where a consultation stands; computed by `Consultation.phase`."""

    DRAFT = "draft", "未发布"
    UPCOMING = "upcoming", "即将开始"
    OPEN = "open", "正在征集"
    CLOSED = "closed", "已截止，待反馈"
    CONCLUDED = "concluded", "已反馈"


class ConsultationKind(models.TextChoices):
    """What is consulted on; it sets the minimum period (consultations.minimums)."""

    MAJOR_DECISION = "major_decision", "重大行政决策"
    NORMATIVE = "normative", "行政规范性文件"
    OTHER = "other", "其他"


class ConsultationQuerySet(models.QuerySet):
    def public(self):
        """Consultations any public page may show: the draft item is a published
        主动公开 item, and the consultation is not internal (内部征集, Art. 7(3):
        never proactive; the item's publicity already keeps it out, this is the
        second lock)."""
        from disclosure.models import Item

        return self.filter(is_internal=False, item__in=Item.objects.published())

    def with_published_feedback(self):
        from disclosure.models import Item

        return self.filter(feedback_item__in=Item.objects.published())

    def without_published_feedback(self):
        from disclosure.models import Item

        return self.exclude(feedback_item__in=Item.objects.published())


class Consultation(models.Model):
    item = models.OneToOneField(
        "disclosure.Item",
        on_delete=models.PROTECT,
        related_name="consultation",
        verbose_name="征集稿（公开信息）",
    )
    kind = models.CharField(
        "征集事项类型", max_length=20, choices=ConsultationKind, default=ConsultationKind.OTHER
    )
    market_related = models.BooleanField(
        "与市场主体生产经营活动密切相关",
        default=False,
        help_text="行政规范性文件与市场主体生产经营活动密切相关的，征求意见一般不少于30日。",
    )
    shortened_reason = models.TextField(
        "缩短征求意见期限的理由",
        blank=True,
        help_text="征求意见期限少于规定期限的，须说明理由，并与征集稿一同公开。",
    )
    # Art. 7(3)1: 决策草案、决策依据.
    basis = models.TextField("决策依据", blank=True)
    # Art. 7(3)2: 征集时限、联系人、联系方式. Blank while drafting; required before the
    # item may be submitted or published (services.release_blockers).
    opens_at = models.DateTimeField("征集开始时间", null=True, blank=True)
    closes_at = models.DateTimeField("征集截止时间", null=True, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    contact_method = models.CharField(
        "联系方式", max_length=200, blank=True, help_text="电话、电子邮箱或通信地址。"
    )
    is_internal = models.BooleanField(
        "内部征集",
        default=False,
        help_text="行政机关内部互相征集意见，不作为主动公开信息（第七条第三项）。",
    )
    draft_sections = models.TextField(
        "征求意见的章节",
        blank=True,
        help_text="每行一项，如“第三条”。公众提交意见时可选择所针对的章节。",
    )
    feedback_item = models.OneToOneField(
        "disclosure.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_for",
        verbose_name="意见征集情况及采纳情况",
    )
    policy_item = models.ForeignKey(
        "disclosure.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations_resulting",
        verbose_name="据此制定的政策文件",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="创建人",
        editable=False,
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(verbose_name="意见征集修改历史")
    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="consultation_closes_after_opens",
                condition=(
                    models.Q(opens_at__isnull=True)
                    | models.Q(closes_at__isnull=True)
                    | models.Q(closes_at__gt=models.F("opens_at"))
                ),
                violation_error_message="截止时间必须晚于开始时间。",
            ),
        ]

    def __str__(self) -> str:
        return self.item.title if self.item_id else f"意见征集 {self.pk}"

    # --- derived facts (never stored) -------------------------------------------

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def section(self):
        """The responsible section is the draft item's producing section."""
        return self.item.section

    @property
    def is_public(self) -> bool:
        return not self.is_internal and self.item.is_public

    @property
    def has_published_feedback(self) -> bool:
        return self.feedback_item_id is not None and self.feedback_item.is_public

    def is_open_at(self, moment: datetime.datetime) -> bool:
        """Inside the window, both ends included."""
        return bool(self.opens_at and self.closes_at and self.opens_at <= moment <= self.closes_at)

    def phase_at(self, moment: datetime.datetime) -> Phase:
        if not self.is_public or not (self.opens_at and self.closes_at):
            return Phase.DRAFT
        if self.has_published_feedback:
            return Phase.CONCLUDED
        if moment < self.opens_at:
            return Phase.UPCOMING
        if moment <= self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    @property
    def phase(self) -> Phase:
        return self.phase_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.phase == Phase.OPEN

    @property
    def time_left(self) -> datetime.timedelta | None:
        """Until the window closes, while it is open."""
        if self.phase != Phase.OPEN:
            return None
        return self.closes_at - timezone.now()

    @property
    def section_choices(self) -> list[str]:
        return [line.strip() for line in self.draft_sections.splitlines() if line.strip()]

    @property
    def feedback_due(self):
        """Art. 7(3)2 feedback deadline: 20 working days after the closing date
        (the bureau's 20-working-day publication rule, Art. 7(2)). A
        `workcalendar` WorkdayResult (date, confirmed), or None before closing."""
        if not self.closes_at:
            return None
        from workcalendar.selectors import add_workdays

        cached = getattr(self, "_feedback_due", None)
        if cached is None:
            closed_on = timezone.localdate(self.closes_at)
            cached = self._feedback_due = add_workdays(closed_on, FEEDBACK_WORKDAYS)
        return cached

    def feedback_overdue_on(self, today: datetime.date) -> bool:
        """Closed, no published feedback, and the due date has passed."""
        if not self.is_public or self.has_published_feedback or not self.closes_at:
            return False
        return today > self.feedback_due.date

    @property
    def feedback_overdue(self) -> bool:
        return self.feedback_overdue_on(timezone.localdate())


# Feedback is due within this many working days of the closing date.
FEEDBACK_WORKDAYS = 20


class Extension(models.Model):
    """An open consultation's closing time moved later: who, when, why; shown on
    the public page with the new closing time."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="extensions", verbose_name="意见征集"
    )
    previous_closes_at = models.DateTimeField("原截止时间")
    closes_at = models.DateTimeField("延长至")
    reason = models.TextField("延长理由")
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="操作人"
    )
    extended_at = models.DateTimeField("操作时间", default=timezone.now)

    class Meta:
        verbose_name = "征集期限延长"
        verbose_name_plural = "征集期限延长"
        ordering = ["extended_at", "id"]

    def __str__(self) -> str:
        return f"{self.consultation}：延长至 {self.closes_at:%Y-%m-%d %H:%M}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已公开"
    HIDDEN = "hidden", "已屏蔽"


class Adoption(models.TextChoices):
    """How the drafting section dealt with a comment (for the feedback)."""

    UNDECIDED = "", "未处理"
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"
    NOTED = "noted", "已说明（不涉及修改）"


class CommentQuerySet(models.QuerySet):
    def public(self):
        """Comments any public page may show: approved, on a public consultation."""
        return self.filter(
            status=CommentStatus.APPROVED,
            consultation__in=Consultation.objects.public(),
        )

    def exportable(self):
        """Hidden comments are never exported."""
        return self.exclude(status=CommentStatus.HIDDEN)


class Comment(models.Model):
    """A citizen's comment on a consultation. Nothing of it is public before a
    moderator approves it; the contact is never public."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments", verbose_name="意见征集"
    )
    author_name = models.CharField("姓名", max_length=50, blank=True, help_text="不填即匿名。")
    contact = models.CharField("联系方式", max_length=100, blank=True)
    draft_section = models.CharField("针对章节", max_length=100, blank=True)
    body = models.TextField("意见内容")
    status = models.CharField(
        "状态",
        max_length=10,
        choices=CommentStatus,
        default=CommentStatus.PENDING,
        editable=False,
    )
    adoption = models.CharField(
        "采纳情况", max_length=15, choices=Adoption, default=Adoption.UNDECIDED, blank=True
    )
    adoption_note = models.TextField("采纳情况说明", blank=True)
    # Duplicate check: a digest of the normalised text and of the client address
    # (the address itself is not kept).
    body_digest = models.CharField(max_length=64, editable=False)
    client_digest = models.CharField(max_length=64, editable=False)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["consultation", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "body_digest", "client_digest"],
                name="uniq_comment_per_client",
                violation_error_message="您已提交过内容相同的意见，请勿重复提交。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name}：{self.body[:20]}"

    @property
    def display_name(self) -> str:
        return self.author_name or "匿名"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", "审核公开"
    HIDE = "hide", "屏蔽"
    RESTORE = "restore", "恢复公开"


class Moderation(models.Model):
    """Every moderation decision, kept: who, when, what, why."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="moderations", verbose_name="意见"
    )
    action = models.CharField("操作", max_length=10, choices=ModerationAction)
    from_status = models.CharField("原状态", max_length=10, choices=CommentStatus)
    to_status = models.CharField("新状态", max_length=10, choices=CommentStatus)
    reason = models.TextField("理由", blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="审核人",
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "意见审核记录"
        verbose_name_plural = "意见审核记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.comment_id}"
