from django.db import models

from common.links import path_for
from disclosure.choices import ColumnKind, ContentCategory, UpdateFrequency


class Column(models.Model):
    """A 栏目 of the catalogue. Columns form a tree; each has exactly one responsible
    section (seed Art. 8(2)), reassigned only through `services.column_assign_section`."""

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="上级栏目",
    )
    name = models.CharField("栏目名称", max_length=100)
    slug = models.SlugField("路径名", max_length=60, unique=True)
    kind = models.CharField("栏目类型", max_length=10, choices=ColumnKind, default=ColumnKind.OTHER)
    update_months = models.PositiveSmallIntegerField(
        "更新周期",
        choices=UpdateFrequency,
        null=True,
        blank=True,
        help_text="类型为“其他”的栏目按此周期检查是否更新；不定期更新的留空。"
        "动态/要闻（2周）、通知公告和政策文件（6个月）按国办秘函〔2019〕19号检查。",
    )
    content_category = models.CharField(
        "对应公开内容（第五条、条例第二十条）", max_length=10, choices=ContentCategory, blank=True
    )
    responsible_section = models.ForeignKey(
        "disclosure.Section",
        on_delete=models.PROTECT,
        related_name="columns",
        verbose_name="责任股室",
    )
    description = models.TextField("栏目说明", blank=True)
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["order", "id"]
        permissions = [("manage_column_items", "在本栏目起草和维护信息")]

    def __str__(self) -> str:
        return f"{self.parent.name} > {self.name}" if self.parent_id else self.name

    @property
    def public_path(self) -> str:
        return path_for("disclosure:column", self.slug)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.update_months and self.kind != ColumnKind.OTHER:
            raise ValidationError(
                {
                    "update_months": "只有类型为“其他”的栏目需要设置更新周期；其他类型的栏目"
                    "按国办秘函〔2019〕19号规定的期限检查。"
                }
            )
