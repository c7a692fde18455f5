"""Reading the text of attachments safely (the release security check and the daily
inspection scan it, review.scanner):

- archives (DOCX, XLSX, ZIP) are judged by their central directory before anything is
  decompressed: entry count, expanded size, expanded XML (`archive`);
- PDF, DOCX, XLSX and plain text are read (`formats`); a PDF's JavaScript, OpenAction
  and Launch actions are reported (`pdf_actions`);
- in the portal, extraction runs once per uploaded file in a child process with a
  time and memory limit (`isolated`), and the result is stored on the attachment.

Every refusal is an `UnreadableAttachment` with a Chinese reason."""

from common.extraction.archive import (
    MAX_ENTRIES,
    MAX_UNCOMPRESSED_BYTES,
    MAX_XML_BYTES,
    check_archive,
)
from common.extraction.errors import UnreadableAttachment
from common.extraction.formats import (
    MAX_EXTRACT_BYTES,
    MAX_TEXT_CHARS,
    Extraction,
    extract,
    extract_text,
    read_bytes,
)
from common.extraction.isolated import DEFAULT_TIMEOUT, extract_isolated
from common.extraction.pdf_actions import LABELS as ACTIVE_CONTENT_LABELS

__all__ = [
    "ACTIVE_CONTENT_LABELS",
    "DEFAULT_TIMEOUT",
    "MAX_ENTRIES",
    "MAX_EXTRACT_BYTES",
    "MAX_TEXT_CHARS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_XML_BYTES",
    "Extraction",
    "UnreadableAttachment",
    "check_archive",
    "extract",
    "extract_isolated",
    "extract_text",
    "read_bytes",
]
