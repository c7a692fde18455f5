"""The office's tools: the reviewer of the office (办公室审核员, with the second
factor) runs a site inspection and gets its report, then downloads the annual
report (年度报告) as XLSX."""

import io

import openpyxl

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_office_inspects_and_downloads_the_annual_report(visitor):
    page = visitor.page
    visitor.login("office", next_path="/inspection/runs/")
    runs_before = page.locator("main table tbody tr").count()
    visitor.open("/inspection/")
    visitor.submit("立即巡查")
    # The demo runs tasks at once: the report of the new run opens.
    assert "/inspection/runs/" in page.url
    assert "巡查完成" in page.locator("main").inner_text()
    visitor.open("/inspection/runs/")
    assert page.locator("main table tbody tr").count() == runs_before + 1

    visitor.open("/reports/annual/manage/")
    row = page.locator("main table tbody tr").filter(has_text="2025")
    with page.expect_navigation():
        row.get_by_role("link", name="查看").click()
    visitor.check()
    link = page.get_by_role("link", name="下载 XLSX")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as data:
        content = data.read()
    assert content.startswith(b"PK")
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    text = " ".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert "2025" in text
    answer = page.context.request.get(visitor.url(link.get_attribute("href")))
    assert answer.status == 200
    assert answer.headers["content-type"].startswith(XLSX)
