from django.contrib.auth.models import Group
from django.db import models

from common.codes import validate_uscc


class Organisation(models.Model):
    """The bureau. Its code is the 前段码 of every 索引号; its contacts feed the guide
    (Reg. 12)."""

    name = models.CharField("机关名称", max_length=100)
    code = models.CharField(
        "索引号前段码",
        max_length=30,
        unique=True,
        validators=[validate_uscc],
        help_text="本机关的统一社会信用代码（18 位，校验位按 GB 32100-2015 核对），"
        "如 11330524K14997759R。",
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    fax = models.CharField("传真", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    disclosure_office = models.CharField(
        "政府信息公开工作机构", max_length=100, blank=True, default="局办公室"
    )

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"

    def __str__(self) -> str:
        return self.name

    @property
    def disclosure_office_full_name(self) -> str:
        """The office's full name, as the guide states it (Reg. 12): "局办公室" of
        "某县人力资源和社会保障局" is "某县人力资源和社会保障局办公室", not "…局局办公室"."""
        office = self.disclosure_office or "局办公室"
        if office.startswith(self.name):
            return office
        if office.startswith("局") and self.name.endswith("局"):
            office = office[1:]
        return f"{self.name}{office}"


class Section(models.Model):
    """A 股室/单位. Its staff are the members of `group`; object permissions on the
    columns it is responsible for are granted to that group (disclosure.permissions)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sections", verbose_name="所属机关"
    )
    name = models.CharField("名称", max_length=100)
    is_office = models.BooleanField(
        "是否局办公室",
        default=False,
        help_text="局办公室是政府信息公开牵头单位（第四条）。",
    )
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="section", verbose_name="成员组"
    )
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "股室（单位）"
        verbose_name_plural = "股室（单位）"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="uniq_section_name"),
        ]

    def __str__(self) -> str:
        return self.name
