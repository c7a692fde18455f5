"""The site's identity (网站标识码, 备案号, 党政机关网站标识, monitoring metadata), set by
the 系统管理员 and shown on every page; 网站地图, 联系我们, 网站声明 and the 纠错 form
that reaches the office (国办发〔2017〕47号)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from disclosure import services
from disclosure.models import SiteIdentity
from inspection.models import CorrectionReport, CorrectionStatus
from inspection.public_views import CORRECTION_LIMIT
from tests.factories import ColumnFactory, ItemFactory, staff

pytestmark = pytest.mark.django_db

IDENTITY = {
    "site_name": "示例县人民政府门户网站",
    "site_domain": "www.shixian.gov.cn",
    "site_id_code": "3305990001",
    "channel_name": "县人力社保局",
    "icp_number": "浙ICP备05001234号-1",
    "police_number": "浙公网安备 33059902000123号",
    "gov_mark_url": "https://bszs.conac.cn/sitename?method=show&id=3305990001",
}


@pytest.fixture
def sysadmin(db):
    return staff(Role.SYSTEM_ADMIN, username="sysadmin")


@pytest.fixture
def identity(sysadmin, organisation):
    return services.site_identity_update(data=dict(IDENTITY), acting_user=sysadmin)


def test_only_the_system_administrator_sets_the_identity(sysadmin, office, leader, organisation):
    for user in (office, leader, None):
        with pytest.raises(PermissionDenied):
            services.site_identity_update(data={"site_id_code": "3305990001"}, acting_user=user)
    assert not SiteIdentity.objects.exists()
    saved = services.site_identity_update(data=dict(IDENTITY), acting_user=sysadmin)
    assert saved.updated_by == sysadmin and SiteIdentity.objects.count() == 1
    assert AuditEntry.objects.filter(detail="修改网站标识与声明").exists()
    # A second save edits the one row.
    services.site_identity_update(data={"channel_name": "人社局"}, acting_user=sysadmin)
    assert SiteIdentity.objects.get().channel_name == "人社局"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("site_id_code", "330599001", "网站标识码应为 10 位数字或字母"),
        ("site_id_code", "33059900012", "网站标识码应为 10 位数字或字母"),
        ("icp_number", "ICP备05001234号", "ICP备案号格式不正确"),
        ("icp_number", "浙ICP05001234", "ICP备案号格式不正确"),
        ("police_number", "浙公网安备 3305990200012号", "公安机关备案号格式不正确"),
        ("site_domain", "https://www.shixian.gov.cn/", "只填写域名"),
        ("gov_mark_url", "https://conac.cn.evil.example/x", "conac.cn"),
    ],
)
def test_malformed_identifiers_are_refused_in_chinese(sysadmin, field, value, message):
    with pytest.raises(ValidationError) as caught:
        services.site_identity_update(data={field: value}, acting_user=sysadmin)
    assert message in " ".join(caught.value.message_dict[field])
    assert not SiteIdentity.objects.exists()


def test_every_page_carries_the_identity_and_the_monitoring_metadata(client, identity):
    column = ColumnFactory(name="就业创业", description="就业政策")
    item = ItemFactory(published=True, column=column, title="关于做好高校毕业生就业工作的通知")
    pages = [
        reverse("home"),
        reverse("disclosure:catalogue"),
        reverse("reports:guide"),
        reverse("requests_app:apply"),
        reverse("disclosure:search"),
        reverse("site_map"),
        reverse("contact"),
        reverse("statement"),
        reverse("correction"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert '<meta name="SiteName" content="示例县人民政府门户网站">' in html, url
        assert '<meta name="SiteDomain" content="www.shixian.gov.cn">' in html, url
        assert '<meta name="SiteIDCode" content="3305990001">' in html, url
        assert "网站标识码：3305990001" in html, url
        assert "浙ICP备05001234号-1" in html and "https://beian.miit.gov.cn/" in html, url
        assert "webSearch?code=33059902000123" in html, url
        assert f'href="{IDENTITY["gov_mark_url"].replace("&", "&amp;")}"' in html, url
        for link in ("site_map", "contact", "statement", "correction"):
            assert f'href="{reverse(link)}"' in html, url
    column_html = client.get(reverse("disclosure:column", args=[column.slug])).content.decode()
    assert '<meta name="ColumnName" content="就业创业">' in column_html
    item_html = client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert '<meta name="ColumnName" content="就业创业">' in item_html
    assert f'<meta name="ArticleTitle" content="{item.title}">' in item_html
    assert '<meta name="PubDate" content="' in item_html
    home = client.get(reverse("home")).content.decode()
    assert '<meta name="ColumnName" content="县人力社保局">' in home


def test_without_an_identity_no_empty_tags_are_rendered(client, organisation):
    html = client.get(reverse("home")).content.decode()
    assert 'name="SiteIDCode"' not in html and "网站标识码" not in html
    assert f'href="{reverse("statement")}"' in html  # the pages are there all the same


def test_site_map_contact_and_statement_pages(client, identity, organisation):
    ColumnFactory(name="财政信息", slug="finance")
    site_map = client.get(reverse("site_map")).content.decode()
    assert "网站地图" in site_map and reverse("disclosure:column", args=["finance"]) in site_map
    contact = client.get(reverse("contact")).content.decode()
    assert organisation.phone in contact and organisation.address in contact
    statement = client.get(reverse("statement")).content.decode()
    assert "网站声明" in statement and "隐私声明" in statement
    assert "不公开、不向第三方提供" in statement


# -- 纠错 ------------------------------------------------------------------------------

GOOD = {"kind": "link", "page_url": "/items/1/", "description": "附件无法下载，提示文件不存在。"}


def test_a_correction_reaches_the_office(
    client, office, organisation, django_capture_on_commit_callbacks, mailoutbox
):
    office.email = "office@rsj.example.gov.cn"
    office.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("correction"), {**GOOD, "contact": "13800000000"})
    assert response.status_code == 302 and response["Location"] == reverse("correction_thanks")
    report = CorrectionReport.objects.get()
    assert report.status == CorrectionStatus.NEW and report.contact == "13800000000"
    assert [m.to for m in mailoutbox] == [["office@rsj.example.gov.cn"]]
    assert "附件无法下载" in mailoutbox[0].body
    assert "感谢您的纠错留言" in client.get(reverse("correction_thanks")).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD, "description": ""}, "请描述发现的问题。"),
        ({**GOOD, "description": "错了"}, "问题描述过短"),
        ({**GOOD, "kind": "nonsense"}, "选择一个有效的选项"),
    ],
)
def test_a_bad_correction_is_refused_in_chinese_and_keeps_what_was_typed(
    client, organisation, data, message
):
    response = client.post(reverse("correction"), {**data, "name": "张三"})
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'value="张三"' in html
    assert not CorrectionReport.objects.exists()


def test_corrections_are_rate_limited(client, organisation):
    for _ in range(CORRECTION_LIMIT.count):
        assert client.post(reverse("correction"), GOOD).status_code == 302
    response = client.post(reverse("correction"), GOOD)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert CorrectionReport.objects.count() == CORRECTION_LIMIT.count


def test_only_the_office_sees_and_handles_corrections(client, office, clerk, sysadmin):
    report = CorrectionReport.objects.create(kind="content", description="数据有误，请核对。")
    url = reverse("admin:inspection_correctionreport_change", args=[report.pk])
    listing = reverse("admin:inspection_correctionreport_changelist")
    for outsider in (clerk, sysadmin):
        client.force_login(outsider)
        assert client.get(url).status_code == 404  # not theirs: as if it did not exist
        assert "数据有误" not in client.get(listing).content.decode()
    client.force_login(office)
    assert "数据有误" in client.get(url).content.decode()
    response = client.post(url, {"reply": ""})
    assert "请填写处理情况。" in response.content.decode()
    client.post(url, {"reply": "已更正数据。"})
    report.refresh_from_db()
    assert report.status == CorrectionStatus.HANDLED and report.reply == "已更正数据。"


def test_a_mail_server_down_loses_no_correction(
    client, office, organisation, django_capture_on_commit_callbacks, monkeypatch
):
    from inspection.services import corrections

    office.email = "office@rsj.example.gov.cn"
    office.save()

    def down(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.send_mail", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("correction"), GOOD)
    assert response.status_code == 302
    assert CorrectionReport.objects.count() == 1
    assert corrections.office_recipients() == ["office@rsj.example.gov.cn"]
