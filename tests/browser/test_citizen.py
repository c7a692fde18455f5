"""A citizen finds and downloads public information: home page, the catalogue, a
column, the search (single character, a word, part of a word, part of a 文号), an
item and its attachment. On a phone and on a laptop, in each display mode."""

import re

from tests.browser import marks

SEARCHES = ("社", "工伤", "息公开", "人社发")


def search(visitor, term: str) -> int:
    """Search from the header's box; the number of results found."""
    page = visitor.page
    box = page.get_by_role("search").first.get_by_role("searchbox")
    if not box.is_visible():  # the phone layout may fold the header's box away
        box = page.locator("input[type=search][name=q]").last
    box.fill(term)
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/" in page.url
    visitor.check()
    count = page.locator(".result-count strong").first.inner_text()
    return int(count)


@marks.widths
@marks.modes
def test_citizen_finds_and_downloads(visitor):
    page = visitor.page
    visitor.open("/")
    with page.expect_navigation():
        page.locator("a[href='/catalogue/']").first.click()
    visitor.check()
    assert page.get_by_role("heading", level=1).inner_text() == "政府信息公开目录"

    with page.expect_navigation():
        page.locator("main a[href='/columns/insurance/']").first.click()
    visitor.check()
    assert page.locator("main a[href^='/items/']").count() > 0

    for term in SEARCHES:
        assert search(visitor, term) > 0, f"no result for {term}"
        assert page.locator("ol.results a.result-title").count() > 0

    visitor.open("/columns/insurance-funds/")
    with page.expect_navigation():
        page.get_by_role("link", name="示例县2025年度社会保险基金收支情况").click()
    visitor.check()
    link = page.locator("section.attachments a[download]").first
    href = link.get_attribute("href")
    assert href and re.fullmatch(r"/items/\d+/attachments/\d+/", href)
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None
    with open(download.path(), "rb") as data:
        assert data.read(5) == b"%PDF-"
    answer = page.context.request.get(visitor.url(href))
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF-")
