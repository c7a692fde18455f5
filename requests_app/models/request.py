"""A disclosure request (依申请公开, Reg. 27-45) and what hangs off it: the one
correction, the one extension, the clock pauses, the files and the dated steps.

Every write goes through `requests_app.services`; `status` moves only along
`requests_app.transitions.TRANSITIONS`.

For the annual report (table 三), the dates mean exactly this:
- `received_on`: the Reg. 31 date of receipt. Null while an online submission is not
  yet confirmed by staff, and for submissions discarded before receipt: such rows are
  not requests and are never counted. Set once, never changed (a correction restarts
  the *reply period*, not the receipt date: see `Correction.received_on`).
- `closed_on`: the date the request was concluded (reply notice issued, or closed as
  逾期不补正 / 逾期未缴费 / withdrawn). Set together with `outcome` and status CLOSED;
  the three are consistent by database constraint.
For year Y: 新收 = received_on in Y; 上年结转 = received_on before Y and (closed_on null
or in/after Y); 办理结果 = closed_on in Y, by `outcome`; 结转下年度 = received_on up to
the end of Y and (closed_on null or after Y). See `DisclosureRequestQuerySet`.
"""

import datetime

from django.conf import settings
from django.core.validators import validate_email
from django.db import models
from django.db.models import Q

from common.crypto import blind_index
from common.crypto.fields import EncryptedTextField
from requests_app.grounds import Ground
from requests_app.models.choices import (
    OPEN_STATUSES,
    Channel,
    DeliveryMethod,
    DiscardReason,
    FeeScheme,
    IdType,
    InfoForm,
    RequestKind,
    Status,
)
from requests_app.outcomes import ApplicantType, OrganisationKind, Outcome


def notice_pdf_path(instance, filename: str) -> str:
    import uuid

    return f"requests/notices/{uuid.uuid4().hex}.pdf"


class Serial(models.Model):
    """The last serial issued per scope and year (tracking numbers, notice numbers).
    Incremented with one UPDATE inside the caller's transaction, so concurrent
    callers queue on the row lock and never read the same number."""

    scope = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "编号序号"
        verbose_name_plural = "编号序号"
        constraints = [
            models.UniqueConstraint(fields=["scope", "year"], name="uniq_request_serial"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}/{self.year}: {self.last}"


class DisclosureRequestQuerySet(models.QuerySet):
    """The counts of table 三 (see the module docstring)."""

    def received(self):
        """Received requests for information: 更正 requests (Reg. 41) are not
        政府信息公开申请 and are in no row of table 三."""
        return self.exclude(received_on=None).exclude(kind=RequestKind.RECORD_CORRECTION)

    def received_in(self, year: int):
        """一、本年新收."""
        return self.filter(received_on__year=year)

    def carried_into(self, year: int):
        """二、上年结转: received before 1 January and still open on that day."""
        start = datetime.date(year, 1, 1)
        return self.filter(received_on__lt=start).filter(
            Q(closed_on=None) | Q(closed_on__gte=start)
        )

    def closed_in(self, year: int):
        """三、本年度办理结果 (group by `outcome`)."""
        return self.filter(closed_on__year=year)

    def open_at_end_of(self, year: int):
        """四、结转下年度继续办理: received by 31 December and not closed by then."""
        end = datetime.date(year, 12, 31)
        return self.filter(received_on__lte=end).filter(Q(closed_on=None) | Q(closed_on__gt=end))

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class DisclosureRequest(models.Model):
    """One request for government information (Reg. 29)."""

    tracking_number = models.CharField("申请编号", max_length=20, unique=True, editable=False)
    # Only a hash of the secret query code is stored (django's password hashers).
    query_code_hash = models.CharField(max_length=200, editable=False)

    kind = models.CharField(
        "申请类型", max_length=20, choices=RequestKind, default=RequestKind.DISCLOSURE
    )
    # Reg. 31: channel and date of receipt (the clock starts from it).
    channel = models.CharField("申请方式", max_length=20, choices=Channel, default=Channel.ONLINE)
    submitted_at = models.DateTimeField("提交/登记时间", editable=False)
    received_on = models.DateField(
        "收到申请日期",
        null=True,
        blank=True,
        help_text="《条例》第三十一条：当面提交为提交之日；邮寄为签收之日（平常信函为确认之日）；"
        "网上、传真为双方确认之日。答复期限自此日起算。",
    )
    receipt_note = models.CharField("收到方式说明", max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="登记人",
    )

    # Reg. 29(1): the applicant. Personal data: never on public pages, masked in lists
    # for staff who do not handle the request (common.privacy). ID number, phone,
    # e-mail and address are stored encrypted (SM4-GCM, common.crypto); the ID number
    # is looked up through its keyed blind index. Anonymised N years after closing.
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType)
    organisation_kind = models.CharField(
        "法人或其他组织类型", max_length=20, choices=OrganisationKind, blank=True
    )
    applicant_name = models.CharField("申请人姓名/名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType)
    id_number = EncryptedTextField("证件号码", max_length=40)
    id_number_index = models.CharField(
        "证件号码索引", max_length=64, blank=True, editable=False, db_index=True
    )  # HMAC-SM3 of the normalised number (common.crypto.blind_index)
    legal_representative = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = EncryptedTextField("联系电话", max_length=30)
    email = EncryptedTextField("电子邮箱", max_length=254, blank=True, validators=[validate_email])
    address = EncryptedTextField("通信地址", max_length=200)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)

    # Reg. 29(2): the information sought.
    info_title = models.CharField("所需信息名称", max_length=300, blank=True)
    info_document_number = models.CharField("文号", max_length=100, blank=True)
    info_description = models.TextField("所需信息的内容描述", blank=True)
    # Reg. 29(3): form and delivery.
    info_form = models.CharField("信息载体形式", max_length=20, choices=InfoForm)
    delivery_method = models.CharField("获取信息方式", max_length=20, choices=DeliveryMethod)

    status = models.CharField(
        "状态", max_length=30, choices=Status, default=Status.SUBMITTED, editable=False
    )
    # Discarding an online submission: proposed by the office with a listed reason,
    # approved by the head of the office (who did not propose it).
    discard_reason = models.CharField("作废原因", max_length=20, choices=DiscardReason, blank=True)
    discard_note = models.CharField("作废说明", max_length=300, blank=True)
    discard_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    discard_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    section = models.ForeignKey(
        "disclosure.Section",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
        verbose_name="承办股室",
    )
    assigned_at = models.DateTimeField("分办时间", null=True, blank=True)

    # The section's draft answer (答复意见), approved by the office.
    draft_outcome = models.CharField("拟办理结果", max_length=40, choices=Outcome, blank=True)
    draft_text = models.TextField("答复内容", blank=True)
    # The legal ground of the draft answer and what that ground asks for
    # (requests_app.grounds): one ground per answer, its own article and item.
    draft_ground = models.CharField("拟答复依据", max_length=20, choices=Ground, blank=True)
    draft_details = models.JSONField("拟答复依据所需事项", default=dict, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="拟稿人",
    )
    drafted_at = models.DateTimeField("拟稿时间", null=True, blank=True)
    return_opinion = models.TextField("退回意见", blank=True)

    # Fees (Reg. 42, 国办函〔2020〕109号); the payment period is a ClockPause of kind FEE.
    fee_scheme = models.CharField(
        "收费方式", max_length=20, choices=FeeScheme, default=FeeScheme.NONE
    )
    fee_quantity = models.PositiveIntegerField(
        "计费数量", default=0, help_text="按件：本月累计第几件；按量：页数。"
    )
    fee_amount = models.DecimalField("信息处理费（元）", max_digits=10, decimal_places=2, default=0)
    fee_explanation = models.CharField("计费说明", max_length=300, blank=True)
    fee_notified_on = models.DateField("收费通知日期", null=True, blank=True)
    fee_due_on = models.DateField("缴费截止日期", null=True, blank=True)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)

    # Conclusion.
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="审批人",
    )
    ground = models.CharField("答复依据", max_length=20, choices=Ground, blank=True)
    ground_details = models.JSONField("答复依据所需事项", default=dict, blank=True)
    notice_number = models.CharField("告知书编号", max_length=60, blank=True)
    notice_text = models.TextField("告知书正文", blank=True)
    # The signed, sealed PDF of the notice, generated with the text (stored with the case).
    notice_pdf = models.FileField("告知书（PDF）", upload_to=notice_pdf_path, blank=True)
    notice_pdf_sha256 = models.CharField("告知书PDF校验值", max_length=64, blank=True)

    anonymised_at = models.DateTimeField(
        "个人信息匿名化时间", null=True, blank=True, editable=False
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DisclosureRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at", "-id"]
        permissions = [("handle_request", "办理本申请")]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["received_on"]),
            models.Index(fields=["closed_on"]),
        ]
        constraints = [
            # Closed <=> outcome <=> closed_on: the annual report relies on it.
            models.CheckConstraint(
                name="request_closed_has_outcome_and_date",
                condition=(
                    Q(status="closed", closed_on__isnull=False) & ~Q(outcome="")
                    | ~Q(status="closed") & Q(closed_on__isnull=True, outcome="")
                ),
            ),
            models.CheckConstraint(
                name="request_org_kind_matches_type",
                condition=(
                    Q(applicant_type="natural_person", organisation_kind="")
                    | Q(applicant_type="organisation") & ~Q(organisation_kind="")
                ),
            ),
            models.CheckConstraint(
                name="request_closed_not_before_received",
                condition=Q(closed_on__isnull=True)
                | Q(received_on__isnull=True)
                | Q(closed_on__gte=models.F("received_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    def save(self, *args, **kwargs):
        self.id_number_index = id_number_index(self.id_number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "id_number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "id_number_index"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def channel_rule(self) -> str:
        """Reg. 31's date of receipt for this request's channel."""
        return Channel(self.channel).receipt_rule

    @property
    def info_summary(self) -> str:
        """One line naming the information sought."""
        parts = [p for p in (self.info_title, self.info_document_number) if p]
        if parts:
            return "　".join(parts)
        text = self.info_description.strip().replace("\n", " ")
        return text[:60] + ("…" if len(text) > 60 else "")


ID_NUMBER_INDEX_LABEL = "requests_app.DisclosureRequest.id_number"


def id_number_index(value: str) -> str:
    """The blind index of an ID number ("" for none)."""
    return blind_index(value or "", label=ID_NUMBER_INDEX_LABEL)


def request_file_path(instance, filename: str) -> str:
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"requests/{uuid.uuid4().hex}.{ext}"
