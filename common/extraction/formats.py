"""The text of attachments: PDF, DOCX, XLSX, plain text; archives are judged by their
central directory first (common.extraction.archive). Runs in the isolated child
(common.extraction.isolated) in production paths; callable directly for files the
operator trusts (the `pii_scan` command)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from common.extraction.archive import check_archive
from common.extraction.errors import UnreadableAttachment

MAX_EXTRACT_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 5_000_000  # more text than this is not stored nor scanned
MAX_CELLS = 2_000_000  # a sheet may declare a huge empty range: stop walking it

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff")


@dataclass(frozen=True)
class Extraction:
    text: str
    active_content: tuple[str, ...] = field(default_factory=tuple)  # PDF only


def extract(data: bytes, *, name: str) -> Extraction:
    """The text (and, for a PDF, its active content) of `data`; `name` decides the kind
    by its extension (the upload check has already matched it to the content).
    Raises UnreadableAttachment with a Chinese reason for anything else."""
    return _bounded(_extract(data, name=name))


def _extract(data: bytes, *, name: str) -> Extraction:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if len(data) > MAX_EXTRACT_BYTES:
        raise UnreadableAttachment("附件超过自动检查的大小上限，请人工核查。")
    if ext == "pdf" or data[:5] == b"%PDF-":
        return _pdf(data)
    if ext == "docx":
        check_archive(data, kind="Word ")
        return Extraction(_docx_text(data))
    if ext == "xlsx":
        check_archive(data, kind="Excel ")
        return Extraction(_xlsx_text(data))
    if ext in ("txt", "csv"):
        return Extraction(_plain_text(data))
    if ext in ("doc", "xls"):
        raise UnreadableAttachment("旧版 Word/Excel 文件无法自动读取，请转换为 DOCX/XLSX 或 PDF。")
    if ext in IMAGE_EXTENSIONS:
        raise UnreadableAttachment("图片附件无法自动读取文字，请人工核查是否含个人信息。")
    if ext == "zip":
        check_archive(data)
        raise UnreadableAttachment("压缩包无法自动检查，请将文件解压后分别上传。")
    raise UnreadableAttachment("不支持自动读取此类型的文件。")


_TOO_MUCH = "附件内容过多，超过自动检查的上限，请人工核查。"


def _bounded(extraction: Extraction) -> Extraction:
    if len(extraction.text) > MAX_TEXT_CHARS:
        raise UnreadableAttachment(_TOO_MUCH)
    return extraction


def extract_text(fileobj_or_path, *, name: str) -> str:
    """The text of a file given as a path or an open file (in this process)."""
    try:
        data = read_bytes(fileobj_or_path)
    except OSError as exc:
        raise UnreadableAttachment("附件文件缺失或无法打开。") from exc
    return extract(data, name=name).text


def read_bytes(fileobj_or_path) -> bytes:
    """At most MAX_EXTRACT_BYTES + 1 bytes of a path or a (Django) file."""
    if isinstance(fileobj_or_path, str | Path):
        with open(fileobj_or_path, "rb") as fh:
            return fh.read(MAX_EXTRACT_BYTES + 1)
    if hasattr(fileobj_or_path, "open") and getattr(fileobj_or_path, "closed", False):
        fileobj_or_path.open("rb")
    if hasattr(fileobj_or_path, "seek"):
        fileobj_or_path.seek(0)
    data = fileobj_or_path.read(MAX_EXTRACT_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data


def _pdf(data: bytes) -> Extraction:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from common.extraction.pdf_actions import active_content

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableAttachment("PDF 已加密，无法读取。")
        active = tuple(active_content(reader))
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except UnreadableAttachment:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableAttachment("PDF 文件已损坏或格式不正确，无法读取。") from exc
    if reader.pages and not text.strip():
        raise UnreadableAttachment("PDF 中没有可提取的文字（可能为扫描件），请人工核查。")
    return Extraction(text, active)


def _docx_text(data: bytes) -> str:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableAttachment("Word 文件已损坏或格式不正确，无法读取。") from exc
    except Exception as exc:  # python-docx raises assorted errors on broken packages
        raise UnreadableAttachment("Word 文件无法读取。") from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    import zipfile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableAttachment("Excel 文件已损坏或格式不正确，无法读取。") from exc
    lines = []
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
            if cells > MAX_CELLS:
                workbook.close()
                raise UnreadableAttachment(_TOO_MUCH)
            lines.append("\t".join("" if v is None else str(v) for v in row).rstrip("\t"))
    workbook.close()
    return "\n".join(lines)


def _plain_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableAttachment("文本文件编码无法识别（请使用 UTF-8 或 GB18030）。")
