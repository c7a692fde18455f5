from django.db import models


class CorrectionStatus(models.TextChoices):
    NEW = "new", "待处理"
    HANDLED = "handled", "已处理"


class CorrectionKind(models.TextChoices):
    """The kinds of error a visitor reports (我为政府网站找错)."""

    CONTENT = "content", "内容错误（错字、数据、过时信息）"
    LINK = "link", "链接或附件打不开"
    DISPLAY = "display", "页面显示异常"
    OTHER = "other", "其他问题"


class CorrectionReport(models.Model):
    """A visitor's 纠错 report about the site. It reaches the office (listed for it
    and e-mailed to it); the reporter's name and contact are never public."""

    kind = models.CharField("问题类型", max_length=20, choices=CorrectionKind)
    page_url = models.CharField("问题页面地址", max_length=500, blank=True)
    description = models.TextField("问题描述")
    name = models.CharField("姓名", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    status = models.CharField(
        "处理状态", max_length=20, choices=CorrectionStatus, default=CorrectionStatus.NEW
    )
    reply = models.TextField("处理情况", blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "网站纠错"
        verbose_name_plural = "网站纠错"
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.description[:30]}"
