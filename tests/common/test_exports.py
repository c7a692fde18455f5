"""common.exports: the one way every app writes spreadsheets and serves files."""

import io

import pytest
from django.core.files.base import ContentFile
from openpyxl import Workbook, load_workbook

from common import exports


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(start):
    assert exports.safe_text(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize("value", ["就业补贴", "", 3, None, "a=b"])
def test_other_values_are_left_alone(value):
    assert exports.safe_text(value) == value


def test_csv_bytes_has_a_bom_and_neutralises_every_cell():
    data = exports.csv_bytes(["名称", "说明"], [["=1+1", "正常"], [7, "@SUM(A1)"]])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == ["名称,说明", "'=1+1,正常", "7,'@SUM(A1)"]


def test_csv_stream_writes_the_same_file_row_by_row():
    rows = [["=1+1", "正常"], [7, "@SUM(A1)"]]
    assert "".join(exports.csv_stream(["名称", "说明"], rows)).encode() == exports.csv_bytes(
        ["名称", "说明"], rows
    )


def test_text_cell_keeps_formula_like_text_as_text():
    workbook = Workbook()
    sheet = workbook.active
    exports.text_cell(sheet["A1"], '=HYPERLINK("http://evil")')
    exports.text_cell(sheet["A2"], 12)
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(buffer).active
    assert sheet["A1"].data_type == "s" and sheet["A1"].value == '=HYPERLINK("http://evil")'
    assert sheet["A2"].value == 12


def test_downloads_are_attachments_with_nosniff_and_a_chinese_name():
    response = exports.download_response(
        b"x", filename="政府信息公开目录.csv", content_type=exports.CSV_CONTENT_TYPE, private=False
    )
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80"
        "%E7%9B%AE%E5%BD%95.csv"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Cache-Control" not in response


def test_private_downloads_are_never_stored():
    response = exports.download_response(
        iter(["a"]), filename="a.csv", content_type=exports.CSV_CONTENT_TYPE, private=True
    )
    assert response.streaming and response["Cache-Control"] == "no-store"


def test_file_response_defaults_to_an_opaque_type():
    response = exports.file_response(
        ContentFile(b"%PDF-1.4", name="a.pdf"), filename="佐证.pdf", content_type="", private=True
    )
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
