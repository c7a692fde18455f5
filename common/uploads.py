"""Upload checks shared by every form that takes files (F8): the type is decided by
the content, never by the name or the browser's claim, and the size is limited."""

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# Accepted kinds: MIME type -> extensions the name may carry.
ALLOWED_TYPES = {
    "application/pdf": {"pdf"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/msword": {"doc"},
    "application/vnd.ms-excel": {"xls"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/png": {"png"},
    "application/zip": {"zip"},
    "text/plain": {"txt", "csv"},
}
ALLOWED_DESCRIPTION = "PDF、Word、Excel、JPG、PNG、ZIP、TXT"


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int


def _sniff(head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is not None:
        mime = kind.mime
        # OLE2 container (.doc/.xls) is reported as msword / ms-excel by filetype.
        return mime
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return "text/plain"
        except UnicodeDecodeError:
            continue
    return None


def validate_upload(uploaded, *, max_bytes: int | None = None) -> CheckedUpload:
    """Check an uploaded file; raise ValidationError in Chinese, else return its type.

    Nothing is stored here: callers save the file only after this passes."""
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    size = uploaded.size
    if size == 0:
        raise ValidationError("文件为空，请重新选择。", code="empty")
    if size > limit:
        raise ValidationError(
            "文件“%(name)s”大小为 %(size)s，超过上限 %(limit)s。",
            code="too_large",
            params={
                "name": uploaded.name,
                "size": filesizeformat(size),
                "limit": filesizeformat(limit),
            },
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    mime = _sniff(head)
    ext = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            "文件“%(name)s”的类型不受支持，仅接受 %(allowed)s 文件。",
            code="bad_type",
            params={"name": uploaded.name, "allowed": ALLOWED_DESCRIPTION},
        )
    if ext not in ALLOWED_TYPES[mime]:
        raise ValidationError(
            "文件“%(name)s”的扩展名与实际内容不符，请检查文件。",
            code="disguised",
            params={"name": uploaded.name},
        )
    return CheckedUpload(content_type=mime, size=size)
