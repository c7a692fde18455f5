from django.db import models


def attachment_path(instance, filename: str) -> str:
    # The stored name never comes from the uploader: a random name keeps the original
    # from being guessed or used for path tricks. The title keeps the human name.
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{uuid.uuid4().hex}.{ext}"


class TextStatus(models.TextChoices):
    PENDING = "pending", "待提取"
    READ = "read", "已提取"
    UNREADABLE = "unreadable", "无法读取"


class Attachment(models.Model):
    """A file attached to an item. Type and size are checked by content on upload
    (common.uploads) and served only through the item's public view."""

    item = models.ForeignKey(
        "disclosure.Item", on_delete=models.CASCADE, related_name="attachments", verbose_name="信息"
    )
    title = models.CharField("附件名称", max_length=200)
    file = models.FileField("文件", upload_to=attachment_path)
    size = models.PositiveBigIntegerField("大小（字节）", editable=False, default=0)
    content_type = models.CharField("文件类型", max_length=100, editable=False, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    # The file's text, read once when it is stored (disclosure.services.attachment_extract;
    # `manage.py extract_attachments` for files stored before): the release check and
    # the inspection scan this, never the file itself on a page view.
    text_status = models.CharField(
        "文字提取", max_length=12, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    text = models.TextField("提取的文字", blank=True, editable=False)
    text_problem = models.CharField("无法读取的原因", max_length=300, blank=True, editable=False)
    active_content = models.JSONField(
        "可执行内容", default=list, blank=True, editable=False
    )  # PDF: "JavaScript", "OpenAction", "Launch", "AA"
    extracted_name = models.CharField(
        "提取时的文件", max_length=255, blank=True, editable=False
    )  # a file stored under another name since is not covered by the stored text
    extracted_at = models.DateTimeField("提取时间", null=True, blank=True, editable=False)
    # Set when a download or the site inspection finds the file gone from storage
    # (disclosure.services.attachment_file_missing), cleared when it is found again:
    # the item page then names the attachment as 文件暂不可用 instead of a link that
    # leads nowhere, without touching storage on a page view.
    file_missing_since = models.DateTimeField("文件缺失时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def text_is_current(self) -> bool:
        """The stored extraction covers the file stored now."""
        return (
            self.text_status != TextStatus.PENDING
            and bool(self.file)
            and self.extracted_name == self.file.name
        )
