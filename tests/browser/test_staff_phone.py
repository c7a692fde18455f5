"""Section staff on a phone: the pages a 股室信息员 works in (start page, review
dashboard and an item, requests and a closed case with its history, consultations)
and the office's form for a request received at the counter pass the checks at
360 px as the public pages do."""

import pytest


@pytest.mark.parametrize("width", [360], indirect=True, ids=["360px"])
def test_section_staff_pages_fit_a_phone(visitor):
    page = visitor.page
    visitor.login("clerk", next_path="/staff/")
    visitor.open("/review/")
    with page.expect_navigation():
        page.locator("main a[href^='/review/items/']").first.click()
    visitor.check()
    visitor.open("/requests/staff/?status=closed")
    with page.expect_navigation():
        page.locator("main a[href^='/requests/staff/']").filter(has_text="YSQ").first.click()
    visitor.check()
    assert (
        "办理过程" in page.locator("main").inner_text()
        or "办理记录" in page.locator("main").inner_text()
    )
    visitor.open("/consultations/staff/")
    with page.expect_navigation():
        page.locator("main a[href^='/consultations/staff/']").filter(has_text="意见").first.click()
    visitor.check()


@pytest.mark.parametrize("width", [360], indirect=True, ids=["360px"])
def test_the_office_registers_a_counter_request_on_a_phone(visitor):
    visitor.login("office", next_path="/requests/staff/register/")
    assert "/requests/staff/register/" in visitor.page.url
    assert visitor.page.locator("#id_applicant_name").is_visible()
    visitor.check()
