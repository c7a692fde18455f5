"""Reg. 44: information that several applicants asked for, and that can be disclosed,
may be taken into proactive disclosure (纳入主动公开). A proposal records the
decision and, once public, the catalogue item."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ProposalStatus(models.TextChoices):
    OPEN = "open", "待办理"
    PUBLISHED = "published", "已纳入主动公开"
    DECLINED = "declined", "不纳入主动公开"


class ProactiveProposal(models.Model):
    info_title = models.CharField("信息名称", max_length=300)
    requests = models.ManyToManyField(
        "requests_app.DisclosureRequest",
        related_name="proactive_proposals",
        verbose_name="相关申请",
    )
    note = models.TextField("理由")
    status = models.CharField(
        "状态", max_length=20, choices=ProposalStatus, default=ProposalStatus.OPEN
    )
    item = models.ForeignKey(
        "disclosure.Item",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="主动公开的信息",
    )
    decision_note = models.TextField("办理说明", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "依申请转主动公开"
        verbose_name_plural = "依申请转主动公开"
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="proposal_published_has_item",
                condition=~Q(status="published") | Q(item__isnull=False),
            ),
            models.CheckConstraint(
                name="proposal_declined_has_reason",
                condition=~Q(status="declined") | ~Q(decision_note=""),
            ),
        ]

    def __str__(self) -> str:
        return self.info_title
