"""The text of attachments: the reading itself lives in common.extraction (the
catalogue stores each attachment's text once, on upload); re-exported here for the
scanner's callers (`pii_scan`)."""

from common.extraction import MAX_EXTRACT_BYTES, extract_text

__all__ = ["MAX_EXTRACT_BYTES", "extract_text"]
