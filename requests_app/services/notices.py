"""The office's settings for every reply notice, and the notice's PDF."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from audit.models import AuditAction
from audit.services import audit_record
from common.uploads import validate_upload
from requests_app import notices, permissions
from requests_app.models import DisclosureRequest, NoticeSettings
from requests_app.notice_pdf import render_notice_pdf
from requests_app.services._common import RequestError, _require

SEAL_MAX_BYTES = 2 * 1024 * 1024
SEAL_TYPES = ("image/png", "image/jpeg")


def notice_settings_for_update() -> NoticeSettings:
    settings, _ = NoticeSettings.objects.select_for_update().get_or_create(pk=1)
    return settings


def _check_seal(seal) -> None:
    """A PNG or JPEG image that really opens as one (a transparent PNG looks best)."""
    try:
        checked = validate_upload(seal, max_bytes=SEAL_MAX_BYTES)
    except ValidationError as exc:
        raise RequestError("".join(exc.messages)) from exc
    if checked.content_type not in SEAL_TYPES:
        raise RequestError("印章图片须为 PNG 或 JPG 格式（建议使用透明背景的 PNG）。")
    from PIL import Image, UnidentifiedImageError

    try:
        seal.seek(0)
        with Image.open(seal) as image:
            image.verify()
    except (UnidentifiedImageError, OSError) as exc:
        raise RequestError("印章图片无法识别，请重新上传。") from exc
    finally:
        seal.seek(0)


def notice_settings_update(
    *,
    review_authority: str,
    court: str,
    complaint_route: str,
    seal=None,
    remove_seal: bool = False,
    retention_years: int | None = None,
    acting_user,
) -> NoticeSettings:
    """The office sets what every 告知书 names (Reg. 51) and its seal image. Later
    notices use the new settings; notices already issued keep their text and PDF."""
    _require(permissions.can_configure_notices(acting_user))
    review_authority = (review_authority or "").strip()
    complaint_route = (complaint_route or "").strip()
    if not review_authority:
        raise RequestError("请填写行政复议机关。")
    if not complaint_route:
        raise RequestError("请填写投诉、举报受理机关（《条例》第五十一条）。")
    if seal is not None:
        _check_seal(seal)
    if retention_years is not None and not 1 <= retention_years <= 100:
        raise RequestError("保管期限应为 1 至 100 年。")
    with transaction.atomic():
        settings = notice_settings_for_update()
        settings.review_authority = review_authority
        settings.court = (court or "").strip()
        settings.complaint_route = complaint_route
        changed = ["review_authority", "court", "complaint_route", "updated_by", "updated_at"]
        if retention_years is not None:
            settings.retention_years = retention_years
            changed.append("retention_years")
        if seal is not None:
            settings.seal.save(seal.name, seal, save=False)
            changed.append("seal")
        elif remove_seal and settings.seal:
            settings.seal = ""
            changed.append("seal")
        settings.updated_by = acting_user
        settings.save(update_fields=changed)
        audit_record(
            action=AuditAction.OTHER,
            actor=acting_user,
            target=settings,
            detail=(
                f"告知书设置：复议机关 {settings.review_authority}；法院 {settings.court or '未设置'}；"
                f"投诉举报 {settings.complaint_route}；案卷保管 {settings.retention_years} 年"
                + ("；更换印章图片" if seal is not None else "")
                + ("；删除印章图片" if remove_seal and seal is None else "")
            ),
        )
    return settings


def seal_bytes(settings: NoticeSettings) -> bytes | None:
    if not settings.seal:
        return None
    try:
        with settings.seal.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


def store_notice_pdf(req: DisclosureRequest, settings: NoticeSettings) -> None:
    """Render the stored notice text as a sealed PDF and keep it with the case (the
    caller saves `notice_pdf` and `notice_pdf_sha256`)."""
    pdf = render_notice_pdf(parts=notices.notice_parts(req.notice_text), seal=seal_bytes(settings))
    req.notice_pdf.save(f"{req.tracking_number}.pdf", ContentFile(pdf), save=False)
    req.notice_pdf_sha256 = hashlib.sha256(pdf).hexdigest()
