"""Files the portal hands out: spreadsheet exports (CSV, XLSX) and downloads. One
implementation for every app, so that every export neutralises formulas and every
download is served the same safe way (F8: files served safely).

- `safe_text` / `csv_bytes` / `csv_stream`: CSV cells that a spreadsheet program
  never runs as formulas (CSV injection), UTF-8 with a byte-order mark so that
  Excel reads the Chinese.
- `text_cell`: an XLSX cell stored as text, never as a formula.
- `download_response` / `file_response`: always an attachment (never rendered
  inline), with the filename in RFC 6266 form (Chinese names survive), `nosniff`,
  and `no-store` for what is not public."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils.http import content_disposition_header

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"

# A cell starting with one of these is a formula to Excel, WPS and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> Any:
    """`value`, with a leading apostrophe when it is text a spreadsheet would run as
    a formula: a citizen's words must never run in the office's spreadsheet."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """A whole CSV file; every cell through `safe_text`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([safe_text(value) for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The same CSV row by row, for long exports (a StreamingHttpResponse)."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow([safe_text(value) for value in row])


def text_cell(cell, value: Any):
    """Put `value` in an openpyxl cell; text is stored as text even when it starts
    with "=" (openpyxl would otherwise store it as a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _headers(response: HttpResponse, filename: str, *, private: bool) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        # Personal data or drafts: no shared cache and no browser cache keeps a copy.
        response["Cache-Control"] = "no-store"
    return response


def download_response(
    content: bytes | Iterator[str], *, filename: str, content_type: str, private: bool
) -> HttpResponse:
    """An export as a download: bytes, or an iterator of text (streamed)."""
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    return _headers(response, filename, private=private)


def _accel_path(handle: IO[bytes]) -> str | None:
    """The internal path nginx serves `handle`'s file from, when the application runs
    behind nginx (PROTECTED_MEDIA_ACCEL) and the file is an upload on local disk."""
    if not getattr(settings, "PROTECTED_MEDIA_ACCEL", False):
        return None
    if not isinstance(handle, FieldFile) or not isinstance(handle.storage, FileSystemStorage):
        return None
    return settings.PROTECTED_MEDIA_ACCEL_PREFIX + quote(handle.name or "")


def _signed_url(handle: IO[bytes], filename: str, content_type: str) -> str | None:
    """A short-lived signed address of a public file on object storage, which the
    browser fetches directly (MEDIA_SIGNED_URLS); the download's name and type are
    part of the signature."""
    if not getattr(settings, "MEDIA_SIGNED_URLS", False):
        return None
    if not isinstance(handle, FieldFile) or isinstance(handle.storage, FileSystemStorage):
        return None
    return handle.storage.url(
        handle.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, filename),
            "ResponseContentType": content_type or "application/octet-stream",
        },
    )


def file_response(
    handle: IO[bytes], *, filename: str, content_type: str, private: bool
) -> HttpResponse | FileResponse:
    """A stored upload as a download, with the type checked at upload.

    Called after the view's permission check. Behind nginx the application does not
    stream a local file itself: it answers with `X-Accel-Redirect` and nginx sends
    the file with the headers set here (a worker is not held for a slow download).
    A public file on object storage may go by a signed URL (MEDIA_SIGNED_URLS);
    anything private is always passed through the application."""
    signed = None if private else _signed_url(handle, filename, content_type)
    if signed is not None:
        handle.close()
        response = HttpResponseRedirect(signed)
        # The address expires: no cache may keep the redirect longer.
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    accel = _accel_path(handle)
    if accel is not None:
        handle.close()
        response = HttpResponse(content_type=content_type or "application/octet-stream")
        response["X-Accel-Redirect"] = accel
        return _headers(response, filename, private=private)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    return _headers(response, filename, private=private)
