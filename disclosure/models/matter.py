from django.db import models

from disclosure.choices import UpdateFrequency

DEFAULT_TIME_LIMIT = "公开事项信息形成或变更之日起20个工作日内公开"


class MatterDomain(models.TextChoices):
    """The two directories of 人社厅函〔2019〕113号."""

    EMPLOYMENT = "employment", "就业"
    SOCIAL_INSURANCE = "social_insurance", "社会保险"


class Matter(models.Model):
    """A 事项 of the 标准目录 (《就业和社会保险领域基层政务公开标准指引》, 人社厅函〔2019〕
    113号) with its elements: 一级/二级事项, 公开内容（要素）, 依据, 时限, 主体, 渠道和载体,
    对象, 方式, 层级. Preloaded for a county (migration 0013), kept by the office;
    columns and items are mapped to it, the public 标准目录 page links each 事项 to
    its latest items."""

    domain = models.CharField("领域", max_length=20, choices=MatterDomain)
    level1 = models.CharField("一级事项", max_length=100)
    level2 = models.CharField("二级事项", max_length=100)
    content = models.TextField("公开内容（要素）")
    basis = models.TextField("公开依据")
    time_limit = models.CharField("公开时限", max_length=200, default=DEFAULT_TIME_LIMIT)
    update_months = models.PositiveSmallIntegerField(
        "巡查周期",
        choices=UpdateFrequency,
        null=True,
        blank=True,
        help_text="在此周期内没有公开信息的事项，巡查时提示；不定期产生信息的留空。",
    )
    subject = models.CharField("公开主体", max_length=200, default="县人力资源和社会保障局")
    channels = models.CharField(
        "公开渠道和载体", max_length=300, default="政府网站、政务服务中心、其他基层公共服务平台"
    )
    to_public = models.BooleanField("公开对象：全社会", default=True)
    to_groups = models.BooleanField("公开对象：特定群体", default=False)
    proactive = models.BooleanField("公开方式：主动", default=True)
    on_request = models.BooleanField("公开方式：依申请", default=False)
    county_level = models.BooleanField("公开层级：县级", default=True)
    township_level = models.BooleanField("公开层级：乡级", default=False)
    columns = models.ManyToManyField(
        "disclosure.Column", blank=True, related_name="matters", verbose_name="对应栏目"
    )
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "标准目录事项"
        verbose_name_plural = "标准目录事项"
        ordering = ["domain", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain", "level1", "level2"], name="uniq_matter_per_directory"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level1} > {self.level2}"

    @property
    def audience(self) -> str:
        return "、".join(
            label for on, label in ((self.to_public, "全社会"), (self.to_groups, "特定群体")) if on
        )

    @property
    def modes(self) -> str:
        return "、".join(
            label for on, label in ((self.proactive, "主动"), (self.on_request, "依申请")) if on
        )

    @property
    def levels(self) -> str:
        return "、".join(
            label
            for on, label in ((self.county_level, "县级"), (self.township_level, "乡级"))
            if on
        )
