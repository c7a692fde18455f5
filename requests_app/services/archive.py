"""Case files (归档): when a request closes, one ZIP package with the application,
every dated step, every notice (text and PDF), the deliveries, the files and the
answer, and a manifest with the SHA-256 of each entry; kept with the request for
the retention period the office set (`NoticeSettings.retention_years`). The office
exports a year's packages for the 档案室."""

import datetime
import hashlib
import io
import json
import logging
import zipfile
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record
from requests_app import permissions, selectors
from requests_app.models import CaseFile, DisclosureRequest, Status
from requests_app.services._common import RequestError, _require

logger = logging.getLogger(__name__)


def _application(req: DisclosureRequest) -> str:
    rows = [
        ("申请编号", req.tracking_number),
        ("申请类型", req.get_kind_display()),
        ("申请方式", req.get_channel_display()),
        ("收到申请日期", str(req.received_on or "")),
        ("申请人类型", req.get_applicant_type_display()),
        ("法人或其他组织类型", req.get_organisation_kind_display()),
        ("申请人姓名/名称", req.applicant_name),
        ("证件类型", req.get_id_type_display()),
        ("证件号码", req.id_number),
        ("法定代表人/负责人", req.legal_representative),
        ("联系人", req.contact_person),
        ("联系电话", req.phone),
        ("电子邮箱", req.email),
        ("通信地址", req.address),
        ("邮政编码", req.postcode),
        ("所需信息名称", req.info_title),
        ("文号", req.info_document_number),
        ("内容描述", req.info_description),
        ("信息载体形式", req.get_info_form_display()),
        ("获取信息方式", req.get_delivery_method_display()),
        ("承办股室", req.section.name if req.section_id and req.section else ""),
        ("答复依据", req.get_ground_display()),
        ("办理结果", req.get_outcome_display()),
        ("办结日期", str(req.closed_on or "")),
        ("告知书编号", req.notice_number),
    ]
    return "\n".join(f"{label}：{value}" for label, value in rows) + "\n"


def _events(req: DisclosureRequest) -> str:
    lines = []
    for e in req.events.select_related("actor").order_by("at", "id"):
        when = timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M")
        parts = [when, e.action_label, e.public_text, e.note, str(e.actor or "")]
        lines.append(" | ".join(p.replace("\n", " ") for p in parts if p))
    return "\n".join(lines) + "\n"


def _deliveries(req: DisclosureRequest) -> str:
    lines = [
        f"{d.get_kind_display()} | {d.get_method_display()} | 发出 {d.sent_on} | "
        f"收到 {d.received_on or '未登记'}{(' | ' + d.addressee) if d.addressee else ''}"
        for d in req.deliveries.order_by("sent_on", "id")
    ]
    return "\n".join(lines) + "\n"


def build_package(req: DisclosureRequest) -> bytes:
    """The ZIP of one closed request, entries in a fixed order, with manifest.json."""
    entries: list[tuple[str, bytes]] = [
        ("01-申请.txt", _application(req).encode("utf-8")),
        ("02-办理记录.txt", _events(req).encode("utf-8")),
        ("03-送达记录.txt", _deliveries(req).encode("utf-8")),
    ]
    if req.notice_text:
        entries.append(("04-答复告知书.txt", req.notice_text.encode("utf-8")))
    if req.notice_pdf:
        with req.notice_pdf.open("rb") as handle:
            entries.append(("04-答复告知书.pdf", handle.read()))
    for n, f in enumerate(req.files.order_by("uploaded_at", "id"), start=1):
        try:
            with f.file.open("rb") as handle:
                data = handle.read()
        except OSError:
            data = b""
            logger.warning("case file of %s: file %s missing", req.tracking_number, f.pk)
        entries.append((f"05-材料/{n:02d}-{f.get_kind_display()}-{f.name}", data))
    manifest = {
        "申请编号": req.tracking_number,
        "生成时间": timezone.localtime().isoformat(timespec="seconds"),
        "文件": [
            {"名称": name, "字节": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in entries
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
        archive.writestr(
            "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        )
    return buffer.getvalue()


def retain_until(closed_on: datetime.date, years: int) -> datetime.date:
    """Kept `years` full years from 1 January after the year it closed."""
    return datetime.date(closed_on.year + years, 12, 31)


def request_archive(*, request: DisclosureRequest) -> CaseFile:
    """Produce and keep the case file of a closed request (once; later calls return
    the one kept)."""
    with transaction.atomic():
        req = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
        existing = CaseFile.objects.filter(request=req).first()
        if existing is not None:
            return existing
        if req.status != Status.CLOSED or req.closed_on is None:
            raise RequestError("只有已办结的申请可以归档。")
        data = build_package(req)
        years = selectors.notice_settings().retention_years
        case = CaseFile(
            request=req,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            retain_until=retain_until(req.closed_on, years),
        )
        case.file.save(f"{req.tracking_number}.zip", ContentFile(data), save=False)
        case.save()
    return case


def archive_on_commit(req: DisclosureRequest) -> None:
    """Called by every service that closes a request: the case file is produced once
    the closing step has committed (`archive_closed_requests` retries failures)."""
    transaction.on_commit(partial(_archive_now, req.pk))


def _archive_now(pk: int) -> None:
    try:
        request_archive(request=DisclosureRequest.objects.get(pk=pk))
    except Exception:  # never undo or hide the closing; the daily job retries
        logger.exception("archiving request %s failed", pk)


def requests_archive_closed() -> list[CaseFile]:
    """The daily job: archive every closed request without a case file."""
    made = []
    for req in DisclosureRequest.objects.filter(status=Status.CLOSED, case_file__isnull=True):
        try:
            made.append(request_archive(request=req))
        except Exception:  # one broken request must not stop the others; logged
            logger.exception("archiving request %s failed", req.pk)
    return made


def archive_export_year(*, year: int, acting_user) -> bytes:
    """The office's export for the 档案室: every case file of requests closed in
    `year`, with a list of them and their checksums. Audited."""
    _require(permissions.can_manage_requests(acting_user))
    cases = CaseFile.objects.filter(request__closed_on__year=year).select_related("request")
    buffer = io.BytesIO()
    rows = ["申请编号,办结日期,保管期限至,sha256,字节"]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for case in cases.order_by("request__closed_on", "request__tracking_number"):
            with case.file.open("rb") as handle:
                archive.writestr(f"{case.request.tracking_number}.zip", handle.read())
            rows.append(
                f"{case.request.tracking_number},{case.request.closed_on},{case.retain_until},"
                f"{case.sha256},{case.size}"
            )
        archive.writestr("目录.csv", ("\n".join(rows) + "\n").encode("utf-8-sig"))
    audit_record(
        action=AuditAction.EXPORT,
        actor=acting_user,
        detail=f"导出 {year} 年依申请公开归档包 {len(rows) - 1} 件",
    )
    return buffer.getvalue()
