"""The case file (归档, Reg. 45 and the bureau's archive rules) of a closed request: one
ZIP package kept with the request, with a manifest of SHA-256 checksums."""

from django.db import models


def case_file_path(instance, filename: str) -> str:
    import uuid

    return f"requests/archive/{uuid.uuid4().hex}.zip"


class CaseFile(models.Model):
    request = models.OneToOneField(
        "requests_app.DisclosureRequest", on_delete=models.PROTECT, related_name="case_file"
    )
    file = models.FileField("归档包", upload_to=case_file_path)
    sha256 = models.CharField("校验值（SHA-256）", max_length=64)
    size = models.PositiveBigIntegerField("大小")
    created_at = models.DateTimeField("归档时间", auto_now_add=True)
    retain_until = models.DateField("保管期限至")

    class Meta:
        verbose_name = "归档包"
        verbose_name_plural = "归档包"

    def __str__(self) -> str:
        return f"{self.request_id} 归档"
