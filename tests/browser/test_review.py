"""三审 in the browser: the drafter submits an item; the section head (初审), the
office reviewer (复审) and the leader in charge (终审) approve it, three different
people as the review requires; the leader releases it, and the public sees it."""

import re

TITLE = "关于开展2026年度企业薪酬调查工作的通知"  # a plain draft of the demo's 就业促进股


def act(visitor, button: str, *, opinion: str = "") -> None:
    """Take the action of the review page's form whose button says `button`."""
    form = visitor.page.locator("form.action-form").filter(
        has=visitor.page.get_by_role("button", name=button, exact=True)
    )
    if opinion and form.locator("textarea[name=opinion]").count():
        form.locator("textarea[name=opinion]").fill(opinion)
    visitor.submit(button, form=form)


def stage_row(visitor, stage: str) -> str:
    return visitor.page.locator(".panel li").filter(has_text=stage).first.inner_text()


def test_item_goes_through_three_reviews_to_the_public(visitor):
    page = visitor.page
    visitor.login("clerk", next_path="/review/")
    with page.expect_navigation():
        page.get_by_role("link", name=TITLE).first.click()
    visitor.check()
    match = re.search(r"/review/items/(\d+)/", page.url)
    assert match, page.url
    pk = match.group(1)
    review_page = f"/review/items/{pk}/"
    # Not public while in draft: a citizen gets 404.
    assert page.context.request.get(visitor.url(f"/items/{pk}/")).status == 404
    act(visitor, "提交送审")
    assert "待初审" in page.locator("main").inner_text()
    approve = page.get_by_role("button", name="审核通过", exact=True)
    assert approve.count() == 0  # nobody decides on what they drafted

    for username, stage in (("head", "初审"), ("office", "复审"), ("leader", "终审")):
        visitor.logout()
        visitor.login(username, next_path=review_page)
        assert page.url.endswith(review_page), page.url
        act(visitor, "审核通过", opinion=f"{stage}同意。")
        assert "通过" in stage_row(visitor, stage)
        if stage != "终审":  # the next stage is another person's: no second decision
            assert approve.count() == 0

    main = page.locator("main").inner_text()
    assert "审核通过待发布" in main
    act(visitor, "立即发布")
    assert "已发布" in page.locator("main").inner_text()

    visitor.logout()
    visitor.open(f"/items/{pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    visitor.open("/")
    assert page.get_by_role("link", name=TITLE).count() > 0
