"""Smoke test: every public page renders (200) on a small realistic bureau, and
every public template is used by at least one of them."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from disclosure import services
from disclosure.choices import ColumnKind, Topic, Validity
from disclosure.models import Item
from tests.disclosure.factories import AttachmentFactory
from tests.factories import ColumnFactory, ItemFactory, OrganisationFactory

BODY = (
    "<p>各乡镇人民政府、街道办事处，县级有关单位：</p>"
    "<h3>一、补贴对象</h3><p>登记失业人员、高校毕业生。</p>"
    "<table><tr><th>项目</th><th>标准</th></tr><tr><td>一次性创业补贴</td><td>5000元</td></tr></table>"
)


@pytest.fixture
def bureau(db):
    org = OrganisationFactory()
    office = services.section_create(organisation=org, name="局办公室", is_office=True)
    employment = services.section_create(organisation=org, name="就业促进股")
    about = ColumnFactory(name="机构职能", slug="jgzn", responsible_section=office)
    leaders = ColumnFactory(name="领导信息", slug="ldxx", parent=about, responsible_section=office)
    policy = ColumnFactory(
        name="政策文件", slug="zcwj", kind=ColumnKind.POLICY, responsible_section=office
    )
    news = ColumnFactory(
        name="工作动态", slug="gzdt", kind=ColumnKind.NEWS, responsible_section=employment
    )
    ColumnFactory(name="空栏目", slug="empty", responsible_section=office)
    items = [
        ItemFactory(
            published=True,
            column=policy,
            title="关于印发《示例县就业创业补贴实施办法》的通知",
            document_number="示人社发〔2025〕12号",
            written_on=datetime.date(2025, 3, 1),
            keywords="就业 补贴",
            summary="明确补贴对象、标准和申领程序。",
            body=BODY,
        ),
        ItemFactory(
            published=True,
            column=leaders,
            title="局领导班子成员及分工",
            topic=Topic.GENERAL_AFFAIRS,
        ),
        ItemFactory(
            published=True,
            column=news,
            title="县人社局开展“春风行动”专场招聘会",
            validity=Validity.REPEALED,
        ),
    ]
    for n in range(25):
        ItemFactory(published=True, column=news, title=f"就业政策宣传活动第{n}期")
    ItemFactory(column=policy, title="草稿")
    AttachmentFactory(item=items[0], title="补贴申请表")
    Item.objects.filter(pk=items[2].pk).update(
        published_at=timezone.now() - datetime.timedelta(days=400)
    )
    return {"org": org, "items": items, "section": employment, "policy": policy}


def public_urls(b) -> list[str]:
    item = b["items"][0]
    attachment = item.attachments.get()
    year = timezone.localtime(item.published_at).year
    search = reverse("disclosure:search")
    return [
        reverse("home"),
        reverse("disclosure:catalogue"),
        reverse("disclosure:column", args=["jgzn"]),
        reverse("disclosure:column", args=["ldxx"]),
        reverse("disclosure:column", args=["gzdt"]),
        reverse("disclosure:column", args=["gzdt"]) + "?page=2",
        reverse("disclosure:column", args=["empty"]),
        reverse("disclosure:item", args=[item.pk]),
        reverse("disclosure:item", args=[b["items"][2].pk]),
        reverse("disclosure:item_print", args=[item.pk]),
        reverse("disclosure:attachment", args=[item.pk, attachment.pk]),
        reverse("disclosure:topics"),
        reverse("disclosure:topic", args=[Topic.LABOUR.value]),
        reverse("disclosure:topic", args=[Topic.LABOUR_EMPLOYMENT.value]),
        reverse("disclosure:section", args=[b["section"].pk]),
        reverse("disclosure:year", args=[year]),
        search,
        search + "?q=%E5%B0%B1%E4%B8%9A",  # 就业
        search + "?q=%E5%B0%B1%E4%B8%9A&column=zcwj&topic=15&year=" + str(year),
        search + "?q=" + "x" * 60,
        search + "?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E8%AF%8D",  # no result
        reverse("disclosure:feed_latest"),
        reverse("disclosure:feed_column", args=["zcwj"]),
        reverse("disclosure:sitemap"),
        reverse("disclosure:sitemap_section", args=["items"]),
        reverse("disclosure:api_items"),
        reverse("disclosure:api_items") + "?q=%E5%B0%B1%E4%B8%9A&page_size=5&page=2",
        reverse("disclosure:api_item", args=[item.pk]),
        reverse("disclosure:standard"),
        reverse("site_map"),
        reverse("contact"),
        reverse("statement"),
        reverse("accessibility"),
        reverse("correction"),
    ]


def test_every_public_page_renders(client, bureau):
    used: set[str] = set()
    for url in public_urls(bureau):
        response = client.get(url)
        assert response.status_code == 200, url
        used.update(t.name for t in (response.templates or []) if t.name)
    # Error pages too: an unknown item, and an attachment whose file is gone.
    response = client.get("/items/999999/")
    assert response.status_code == 404
    used.update(t.name for t in response.templates if t.name)
    gone = AttachmentFactory(item=bureau["items"][0], title="已丢失的附件")
    gone.file.storage.delete(gone.file.name)
    response = client.get(reverse("disclosure:attachment", args=[gone.item_id, gone.pk]))
    assert response.status_code == 404 and "文件暂不可用" in response.content.decode()
    used.update(t.name for t in response.templates if t.name)

    templates = Path(settings.BASE_DIR, "templates")
    expected = {
        str(p.relative_to(templates))
        for folder in ("disclosure", "portal")
        for p in (templates / folder).glob("*.html")
    } | {"errors/404.html"}
    assert expected <= used, expected - used


def test_public_pages_work_for_a_logged_in_staff_member_too(client, bureau):
    """Staff browse the public site with the staff bar; nothing public breaks."""
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    for url in public_urls(bureau)[:10]:
        assert client.get(url).status_code == 200, url
