"""The text of attachments: PDF, DOCX, XLSX, plain text."""

from __future__ import annotations

import io
from pathlib import Path

from review.scanner.findings import UnreadableAttachment

MAX_EXTRACT_BYTES = 50 * 1024 * 1024


def extract_text(fileobj_or_path, *, name: str) -> str:
    """The text of a PDF, DOCX, XLSX or TXT/CSV file. `name` decides the kind by its
    extension (the upload check has already matched it to the content). Raises
    UnreadableAttachment with a Chinese reason for anything else or any failure."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        data = _read_bytes(fileobj_or_path)
    except OSError as exc:
        raise UnreadableAttachment("附件文件缺失或无法打开。") from exc
    if ext == "pdf" or data[:5] == b"%PDF-":
        return _pdf_text(data)
    if ext == "docx":
        return _docx_text(data)
    if ext == "xlsx":
        return _xlsx_text(data)
    if ext in ("txt", "csv"):
        return _plain_text(data)
    if ext in ("doc", "xls"):
        raise UnreadableAttachment("旧版 Word/Excel 文件无法自动读取，请转换为 DOCX/XLSX 或 PDF。")
    if ext in ("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff"):
        raise UnreadableAttachment("图片附件无法自动读取文字，请人工核查是否含个人信息。")
    if ext == "zip":
        raise UnreadableAttachment("压缩包无法自动检查，请将文件解压后分别上传。")
    raise UnreadableAttachment("不支持自动读取此类型的文件。")


def _read_bytes(fileobj_or_path) -> bytes:
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


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableAttachment("PDF 已加密，无法读取。")
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except UnreadableAttachment:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableAttachment("PDF 文件已损坏或格式不正确，无法读取。") from exc
    if reader.pages and not text.strip():
        raise UnreadableAttachment("PDF 中没有可提取的文字（可能为扫描件），请人工核查。")
    return text


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
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else str(v) for v in row))
    workbook.close()
    return "\n".join(lines)


def _plain_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableAttachment("文本文件编码无法识别（请使用 UTF-8 或 GB18030）。")
