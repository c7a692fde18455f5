from django.db import models


def attachment_path(instance, filename: str) -> str:
    # The stored name never comes from the uploader: a random name keeps the original
    # from being guessed or used for path tricks. The title keeps the human name.
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{uuid.uuid4().hex}.{ext}"


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

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title
