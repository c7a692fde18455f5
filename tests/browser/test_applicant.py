"""An applicant files a request for disclosure online (依申请公开): a wrong check
digit in the ID number gets a Chinese error and nothing typed is lost; corrected,
the request is filed with its number and query code, which open its tracking page.
On a phone and on a laptop, in each display mode."""

from tests.browser import marks

VALID_ID = "11010519491231002X"  # GB 11643 check digit X
WRONG_ID = "110105194912310021"  # the same number with a wrong check digit
DESCRIPTION = "申请公开本县2025年度就业补助资金的分配和使用情况，包括各项目的金额和受益人数。"


def fill_request(page, id_number: str) -> None:
    page.check("#id_applicant_type_0")
    page.fill("#id_applicant_name", "张三")
    page.select_option("#id_id_type", "id_card")
    page.fill("#id_id_number", id_number)
    page.fill("#id_phone", "13800138000")
    page.fill("#id_address", "示例县城关镇人民路1号")
    page.fill("#id_info_title", "2025年度就业补助资金使用情况")
    page.fill("#id_info_description", DESCRIPTION)
    page.check("#id_info_form_1")
    page.check("#id_delivery_method_3")
    page.check("#id_declaration")


@marks.widths
@marks.modes
def test_applicant_files_and_tracks_a_request(visitor):
    page = visitor.page
    visitor.open("/requests/")
    fill_request(page, WRONG_ID)
    visitor.submit("提交申请")
    assert page.url.endswith("/requests/")
    error = page.locator(".errorlist, .field-error, .form-error").filter(has_text="校验")
    assert error.count() > 0, page.locator("main").inner_text()[:2000]
    # Nothing typed is lost.
    assert page.input_value("#id_id_number") == WRONG_ID
    assert page.input_value("#id_applicant_name") == "张三"
    assert page.input_value("#id_info_description") == DESCRIPTION
    assert page.is_checked("#id_delivery_method_3")

    page.fill("#id_id_number", VALID_ID)
    if not page.is_checked("#id_declaration"):
        page.check("#id_declaration")
    visitor.submit("提交申请")
    assert "/requests/submitted/" in page.url
    codes = page.locator(".receipt-codes dd.code")
    number, code = codes.nth(0).inner_text().strip(), codes.nth(1).inner_text().strip()
    assert number.startswith("YSQ") and code

    visitor.open("/requests/track/")
    page.fill("#id_tracking_number", number)
    page.fill("#id_query_code", code)
    visitor.submit("查询")
    assert f"/requests/track/{number}/" in page.url
    main = page.locator("main").inner_text()
    assert number in main and "2025年度就业补助资金使用情况" in main
