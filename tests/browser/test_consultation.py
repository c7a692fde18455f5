"""意见征集: a citizen comments on an open consultation; the comment waits for
moderation, the responsible section's staff approve it, and it then shows on the
public page. The citizen's part on a phone and on a laptop."""

import time

from tests.browser import marks

TITLE = "关于《示例县就业创业补贴实施办法（征求意见稿）》公开征求意见的公告"  # open, 就业促进股


@marks.widths
def test_citizen_comment_is_moderated_then_public(visitor):
    page = visitor.page
    body = f"建议将补贴申领时限延长至六个月，方便外出务工人员返乡后申请。（{time.time_ns()}）"
    visitor.open("/consultations/")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).click()
    visitor.check()
    detail = visitor.path()
    page.fill("#id_author_name", "李四")
    page.fill("#id_contact", "13900139000")
    page.fill("#id_body", body)
    visitor.submit("提交意见")
    assert "审核" in page.locator("main").inner_text()
    published = page.locator("#comments")
    assert body not in published.inner_text()  # not public before moderation

    visitor.logout()
    pk = detail.strip("/").split("/")[-1]
    visitor.login("clerk", next_path=f"/consultations/staff/{pk}/")
    comment = page.locator("li.comment").filter(has_text=body)
    assert comment.count() == 1
    assert "13900139000" in comment.inner_text() or "139****9000" in comment.inner_text()
    visitor.submit("审核公开", form=comment.locator("form").first)
    comment = page.locator("li.comment").filter(has_text=body)
    assert "已公开" in comment.inner_text() or "已审核" in comment.inner_text()

    visitor.logout()
    visitor.open(detail)
    published = page.locator("#comments")
    assert body in published.inner_text()
    assert "李四" in published.inner_text() or "李*" in published.inner_text()
    assert "13900139000" not in page.content()
