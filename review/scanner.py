"""The security check's scanner (seed Art. 9(1), F3): personal data and sensitive words
in an item's text and in the text of its attachments.

Personal data found:
- 18-digit resident ID numbers (GB 11643) with a real birth date and a valid ISO 7064
  MOD 11-2 check digit, the final X included;
- mobile phone numbers (1[3-9] + 9 digits, optionally +86 and separators);
- bank card numbers of 16-19 digits with a valid Luhn digit.

False alarms avoided: 索引号 (`<code>/<year>-<serial>`), 文号, dates, landline numbers
(they start with 0), amounts (followed by 元/万元/亿元 or preceded by ¥, with thousands
separators or decimals), and digit runs longer than the pattern (no match inside a
longer number).

Values are masked before anyone sees them: ID 110***********123X, mobile 138****5678,
card 6222***********0123."""

from __future__ import annotations

import html
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils import timezone

from common.errors import PortalError

BODY = "正文"

KIND_LABELS = {
    "id_number": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "sensitive_word": "敏感词",
}
PERSONAL_KINDS = frozenset({"id_number", "mobile", "bank_card"})


class UnreadableAttachment(PortalError):
    """The text of a file could not be extracted; the message says why, in Chinese."""


@dataclass(frozen=True)
class Finding:
    kind: str  # "id_number" | "mobile" | "bank_card" | "sensitive_word"
    value: str
    masked: str
    where: str  # "正文" or the attachment title

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_personal_data(self) -> bool:
        return self.kind in PERSONAL_KINDS

    def as_public_dict(self) -> dict:
        """What may be stored or shown: never the clear value."""
        return {"kind": self.kind, "masked": self.masked, "where": self.where}


@dataclass(frozen=True)
class Unreadable:
    where: str  # the attachment title
    reason: str


@dataclass(frozen=True)
class ScanResult:
    findings: tuple[Finding, ...] = ()
    unreadable: tuple[Unreadable, ...] = field(default_factory=tuple)

    @property
    def personal_data(self) -> list[Finding]:
        return [f for f in self.findings if f.is_personal_data]

    @property
    def sensitive_words(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "sensitive_word"]

    @property
    def clean(self) -> bool:
        return not self.findings and not self.unreadable


# --- resident ID numbers (GB 11643-1999) -------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{16}[0-9Xx])(?![0-9A-Za-z])")


def id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id_number(value: str) -> bool:
    """18 characters, a real birth date not in the future, and the right check digit."""
    value = value.upper()
    if not re.fullmatch(r"[1-9]\d{16}[0-9X]", value):
        return False
    return _has_birth_date(value) and id_check_digit(value[:17]) == value[17]


def _has_birth_date(value: str) -> bool:
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return born.year >= 1880 and born <= timezone.localdate()


def mask_id_number(value: str) -> str:
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


# --- mobile numbers ------------------------------------------------------------------

_MOBILE_RE = re.compile(
    r"(?<![0-9.])(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9])"
)


def mask_mobile(digits: str) -> str:
    return digits[:3] + "****" + digits[-4:]


# --- bank cards ----------------------------------------------------------------------

_CARD_RE = re.compile(r"(?<![0-9.])(\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?)(?![0-9])")


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def mask_card(digits: str) -> str:
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


# --- contexts that are not personal data --------------------------------------------

_AMOUNT_AFTER = re.compile(r"\s*(?:元|万|亿|千元|美元|块|角|分钱|%|％)")
_AMOUNT_BEFORE = re.compile(r"(?:[¥￥$]|人民币|金额[:：]?)\s*$")
_INDEX_NUMBER_AFTER = re.compile(r"/\d{4}-\d")  # 索引号: <code>/<year>-<serial>


def _looks_like_amount_or_code(text: str, start: int, end: int) -> bool:
    after = text[end : end + 6]
    before = text[max(0, start - 6) : start]
    if _AMOUNT_AFTER.match(after) or _AMOUNT_BEFORE.search(before):
        return True
    # Decimals or thousands groups continue it (a list comma before or after does not).
    if re.match(r"\.\d|,\d{3}(?!\d)", after) or re.search(r"(?:^|\D)\d{1,3},$", before):
        return True
    return bool(_INDEX_NUMBER_AFTER.match(after))


# --- sensitive words -----------------------------------------------------------------


def mask_word(word: str) -> str:
    if len(word) <= 1:
        return "*"
    if len(word) == 2:
        return word[0] + "*"
    return word[0] + "*" * (len(word) - 2) + word[-1]


def maintained_sensitive_words() -> list[str]:
    """The active list maintained by the security administrator."""
    from review.models import SensitiveWord

    return list(SensitiveWord.objects.filter(is_active=True).values_list("word", flat=True))


# --- scanning ------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Full-width digits and letters to ASCII (NFKC), so ０１３８ is found too."""
    return unicodedata.normalize("NFKC", text or "")


_BLOCK_TAGS = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|tr|td|th|h\d|table|ul|ol|blockquote)\b[^>]*>", re.I
)
_TAGS = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """Visible text of sanitized rich text; block boundaries become line breaks."""
    text = _BLOCK_TAGS.sub("\n", markup or "")
    text = _TAGS.sub("", text)
    return html.unescape(text)


def scan_text(
    text: str, *, where: str = BODY, sensitive_words: Iterable[str] | None = None
) -> list[Finding]:
    """Every personal-data value and sensitive word in `text`, each once, in order of
    appearance. `sensitive_words=None` uses the maintained list from the database."""
    text = normalise(text)
    found: list[tuple[int, Finding]] = []
    seen: set[tuple[str, str]] = set()
    taken: list[tuple[int, int]] = []

    def add(pos: int, finding: Finding) -> None:
        key = (finding.kind, finding.value)
        if key not in seen:
            seen.add(key)
            found.append((pos, finding))

    for m in _ID_RE.finditer(text):
        value = m.group(1).upper()
        if is_valid_id_number(value) and not _looks_like_amount_or_code(text, m.start(), m.end()):
            taken.append(m.span())
            add(m.start(), Finding("id_number", value, mask_id_number(value), where))

    def overlaps(span: tuple[int, int]) -> bool:
        return any(span[0] < e and s < span[1] for s, e in taken)

    for m in _CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if overlaps(m.span()) or not 16 <= len(digits) <= 19:
            continue
        if digits[0] not in "3456" or not luhn_valid(digits):
            continue
        if len(digits) == 18 and _has_birth_date(digits):
            continue  # an ID number with a wrong check digit (a typo), not a card
        if _looks_like_amount_or_code(text, m.start(), m.end()):
            continue
        taken.append(m.span())
        add(m.start(), Finding("bank_card", digits, mask_card(digits), where))

    for m in _MOBILE_RE.finditer(text):
        if overlaps(m.span()):
            continue
        digits = "".join(m.groups())
        if _looks_like_amount_or_code(text, m.start(), m.end()):
            continue
        add(m.start(), Finding("mobile", digits, mask_mobile(digits), where))

    words = maintained_sensitive_words() if sensitive_words is None else sensitive_words
    folded = text.casefold()
    for word in words:
        word = normalise(word).strip()
        if not word:
            continue
        pos = folded.find(word.casefold())
        if pos >= 0:
            add(pos, Finding("sensitive_word", word, mask_word(word), where))

    return [f for _pos, f in sorted(found, key=lambda pair: pair[0])]


# --- attachments ---------------------------------------------------------------------

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


def scan_item(item, *, sensitive_words: Iterable[str] | None = None) -> ScanResult:
    """Scan an item's title, summary and body (where "正文") and the text of each
    attachment (where = the attachment's title)."""
    words = maintained_sensitive_words() if sensitive_words is None else list(sensitive_words)
    text = "\n".join([item.title or "", item.summary or "", html_to_text(item.body)])
    findings: list[Finding] = list(scan_text(text, where=BODY, sensitive_words=words))
    unreadable: list[Unreadable] = []
    for attachment in item.attachments.all():
        title = attachment.title or Path(attachment.file.name).name
        if not attachment.file:
            unreadable.append(Unreadable(title, "附件文件缺失（上传未完成）。"))
            continue
        try:
            with attachment.file.open("rb") as fh:
                content = extract_text(fh, name=attachment.file.name)
        except UnreadableAttachment as exc:
            unreadable.append(Unreadable(title, str(exc)))
            continue
        except (OSError, ValueError):
            unreadable.append(Unreadable(title, "附件文件缺失或无法打开。"))
            continue
        findings.extend(scan_text(content, where=title, sensitive_words=words))
    return ScanResult(findings=tuple(findings), unreadable=tuple(unreadable))
