"""Archives (DOCX, XLSX, ZIP) judged by their central directory before anything is
decompressed: too many entries, too much data once expanded, or too much XML for a
parser refuse the file with a Chinese reason.

The central directory states each entry's uncompressed size. Python's `zipfile`
never returns more than that stated size for an entry (a lying entry ends in a CRC
error), so the stated sizes bound what any later parser can be handed."""

from __future__ import annotations

import io
import zipfile

from common.extraction.errors import UnreadableAttachment

# An ordinary Word or Excel file has a few dozen entries and a few MB of XML; images
# inside are already compressed, so their expanded size is close to the upload size.
MAX_ENTRIES = 2000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_XML_BYTES = 20 * 1024 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_archive(
    data: bytes,
    *,
    kind: str = "压缩",
    max_entries: int = MAX_ENTRIES,
    max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
    max_xml: int = MAX_XML_BYTES,
) -> None:
    """Raise UnreadableAttachment when the archive `data` is not a readable ZIP or
    exceeds a limit (`kind` names the file in the message: "Word ", "Excel ").
    Reads only the central directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise UnreadableAttachment(f"{kind}文件已损坏或格式不正确，无法读取。") from exc
    if len(entries) > max_entries:
        raise UnreadableAttachment(
            f"文件包含 {len(entries)} 个内部条目，超过上限 {max_entries} 个，"
            "疑似压缩炸弹，已跳过自动检查，请人工核查。"
        )
    total = sum(max(e.file_size, 0) for e in entries)
    if total > max_uncompressed:
        raise UnreadableAttachment(
            f"文件解压后约 {_mb(total)}，超过上限 {_mb(max_uncompressed)}，"
            "疑似压缩炸弹，已跳过自动检查，请人工核查。"
        )
    xml = sum(e.file_size for e in entries if e.filename.lower().endswith(XML_SUFFIXES))
    if xml > max_xml:
        raise UnreadableAttachment(
            f"文件内的文档内容解压后约 {_mb(xml)}，超过上限 {_mb(max_xml)}，"
            "疑似压缩炸弹，已跳过自动检查，请人工核查。"
        )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} 字节"
