"""When a notice or letter reached its addressee (送达). The periods that run from
receipt count from here: the fee payment period (国办函〔2020〕109号: 20 working days
from the day after the applicant receives the fee notice), the correction period
(from the applicant's receipt of the 补正告知书), a third party's or another agency's
15 working days (Reg. 32, 34: from receipt of the consultation letter), and the
remedy periods of the reply (60 days, 6 months from receipt of the 告知书)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from requests_app.models.handling import ClockPause
from requests_app.models.request import DisclosureRequest


class DeliveryKind(models.TextChoices):
    FEE_NOTICE = "fee_notice", "收费通知"
    CORRECTION_NOTICE = "correction_notice", "补正告知书"
    CONSULTATION_LETTER = "consultation_letter", "征求意见书"
    REPLY = "reply", "答复告知书"


class ServiceMethod(models.TextChoices):
    """How it was sent, which decides the date of receipt."""

    ONLINE = "online", "网上或电子邮件送达（发出之日即为收到之日）"
    IN_PERSON = "in_person", "当面送达（交付之日即为收到之日）"
    POST = "post", "邮寄（以签收日期为准，签收后登记）"
    PICKUP = "pickup", "自行领取（以领取日期为准，领取后登记）"


# Methods whose date of receipt is entered later.
AWAITING_RECEIPT_METHODS = (ServiceMethod.POST, ServiceMethod.PICKUP)


class Delivery(models.Model):
    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField("送达文书", max_length=30, choices=DeliveryKind)
    method = models.CharField("送达方式", max_length=20, choices=ServiceMethod)
    addressee = models.CharField("受送达人", max_length=200, blank=True)
    pause = models.ForeignKey(
        ClockPause,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name="征求意见",
    )
    sent_on = models.DateField("发出日期")
    received_on = models.DateField("收到日期", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receipt_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receipt_note = models.CharField("签收说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "送达记录"
        verbose_name_plural = "送达记录"
        ordering = ["sent_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="delivery_received_not_before_sent",
                condition=Q(received_on__isnull=True) | Q(received_on__gte=models.F("sent_on")),
            ),
            # Online and in person: received the day it was sent.
            models.CheckConstraint(
                name="delivery_direct_received_when_sent",
                condition=Q(method__in=["post", "pickup"]) | Q(received_on=models.F("sent_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sent_on}"

    @property
    def awaiting_receipt(self) -> bool:
        return self.received_on is None
