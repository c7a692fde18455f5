"""The guide (Reg. 12) and the catalogue export (CSV, XLSX read back)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from disclosure.choices import Topic
from reports.catalogue import CATALOGUE_FIELDS
from reports.models import Guide
from tests.factories import ItemFactory, OrganisationFactory, SectionFactory, UserFactory, staff
from tests.inspection.factories import published_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(
        office_hours="工作日 8:30-12:00，14:00-17:30",
        fax="0572-7654321",
        email="gkb@rsj.example.gov.cn",
        postcode="313000",
    )


@pytest.fixture
def office(organisation):
    return staff(Role.OFFICE_REVIEWER, SectionFactory(office=True, organisation=organisation))


def test_guide_page_has_the_required_contents_and_contacts(client, organisation):
    page = client.get(reverse("reports:guide")).content.decode()
    for heading in (
        "政府信息的分类与编排体系",
        "主动公开政府信息的获取方式",
        "依申请公开政府信息的办理程序",
        "收费标准",
        "政府信息公开工作机构",
        "监督和救济",
    ):
        assert heading in page
    for contact in (
        organisation.address,
        organisation.office_hours,
        organisation.phone,
        organisation.fax,
        organisation.email,
        organisation.postcode,
    ):
        assert contact in page
    assert reverse("reports:catalogue_xlsx") in page
    assert "修改指南" not in page


def test_guide_names_the_disclosure_office_once(client, organisation):
    organisation.name = "示例县人力资源和社会保障局"
    organisation.disclosure_office = "局办公室"
    organisation.save()
    page = client.get(reverse("reports:guide")).content.decode()
    assert "示例县人力资源和社会保障局办公室" in page
    assert "局局办公室" not in page


@pytest.mark.parametrize(
    ("office", "full_name"),
    [
        ("局办公室", "某县人社局办公室"),
        ("政务公开科", "某县人社局政务公开科"),
        ("某县人社局政务公开办公室", "某县人社局政务公开办公室"),
        ("", "某县人社局办公室"),
    ],
)
def test_disclosure_office_full_name(office, full_name):
    assert (
        OrganisationFactory.build(
            name="某县人社局", disclosure_office=office
        ).disclosure_office_full_name
        == full_name
    )


def test_guide_edit_is_office_only(client, organisation):
    url = reverse("reports:guide_edit")
    assert client.get(url).status_code == 302  # login
    for user in (staff(Role.SECTION_CLERK), staff(Role.LEADER), UserFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
    assert not Guide.objects.exists()


def _guide_post(**overrides):
    data = {
        "guide-intro": "说明",
        "guide-classification": "按栏目分类",
        "guide-proactive": "政府网站",
        "guide-request_procedure": "在线申请",
        "guide-fees": "不收费",
        "guide-remedies": "可以申请行政复议",
        "contacts-disclosure_office": "局办公室",
        "contacts-address": "示例县新址路 9 号",
        "contacts-postcode": "313000",
        "contacts-office_hours": "工作日 9:00-17:00",
        "contacts-phone": "0572-1111111",
        "contacts-fax": "0572-2222222",
        "contacts-email": "office@example.gov.cn",
    }
    data.update(overrides)
    return data


def test_office_edits_guide_and_contacts(client, office, organisation):
    client.force_login(office)
    response = client.post(reverse("reports:guide_edit"), _guide_post())
    assert response.status_code == 302
    guide = Guide.objects.get()
    assert guide.fees == "不收费" and guide.updated_by == office
    organisation.refresh_from_db()
    assert organisation.address == "示例县新址路 9 号" and organisation.fax == "0572-2222222"
    page = client.get(reverse("reports:guide")).content.decode()
    assert "示例县新址路 9 号" in page and "可以申请行政复议" in page


def test_guide_edit_refuses_missing_parts_and_keeps_the_text(client, office, organisation):
    client.force_login(office)
    response = client.post(
        reverse("reports:guide_edit"),
        _guide_post(**{"guide-fees": "", "contacts-email": "not-an-email"}),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "请填写“收费标准”" in text and "请输入有效的电子邮箱地址" in text
    assert "可以申请行政复议" in text  # typed text kept
    assert not Guide.objects.exists()
    organisation.refresh_from_db()
    assert organisation.address == "示例县人民路 1 号"


@pytest.fixture
def catalogue_items(organisation):
    section = SectionFactory(organisation=organisation)
    item = published_on(
        datetime.date(2026, 3, 5),
        section=section,
        column__responsible_section=section,
        title="关于2026年度社会保险缴费基数的通知",
        document_number="示人社〔2026〕3号",
        written_on=datetime.date(2026, 3, 1),
        formed_on=datetime.date(2026, 3, 1),
        keywords="社保;缴费基数",
        summary="明确2026年度缴费基数上下限。",
        topic=Topic.LABOUR_SOCIAL_SECURITY,
    )
    formula = published_on(datetime.date(2025, 7, 1), title='=HYPERLINK("http://x")')
    ItemFactory(title="草稿不出现")
    ItemFactory(published=True, on_request=True, title="依申请不出现")
    return item, formula


def test_catalogue_csv(client, catalogue_items):
    item, _formula = catalogue_items
    response = client.get(reverse("reports:catalogue_csv"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0] == list(CATALOGUE_FIELDS)
    assert len(rows) == 3
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record == {
        "索引号": item.index_number,
        "主题分类": "劳动、人事、监察/社会保障",
        "发布机构": "示例县人力资源和社会保障局",
        "成文日期": "2026-03-01",
        "发布日期": "2026-03-05",
        "文号": "示人社〔2026〕3号",
        "有效性": "有效",
        "名称": "关于2026年度社会保险缴费基数的通知",
        "关键词": "社保;缴费基数",
        "内容概述": "明确2026年度缴费基数上下限。",
        "生成日期": "2026-03-01",
        "公开方式": "政府网站",
        "公开时限": "信息形成或变更之日起20个工作日内",
        "公开属性": "主动公开",
        "网址": f"http://testserver/items/{item.pk}/",  # the host asked by, as feeds
    }
    # A title that looks like a formula is neutralised.
    assert rows[2][CATALOGUE_FIELDS.index("名称")].startswith("'=")
    assert "草稿不出现" not in body and "依申请不出现" not in body


def test_catalogue_generated_date_falls_back_to_the_formation_date(client, catalogue_items):
    from reports.catalogue import generated_on

    item, formula = catalogue_items
    assert generated_on(item) == "2026-03-01"  # the 成文日期
    # Reg. 12's 生成日期 is never blank: undated information takes the date it was formed.
    assert formula.written_on is None
    assert generated_on(formula) == formula.formed_on.isoformat()
    body = b"".join(client.get(reverse("reports:catalogue_csv")).streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8").lstrip("\ufeff"))))
    column = rows[0].index("生成日期")
    assert all(row[column] for row in rows[1:])


def test_catalogue_shows_a_lapsed_document_as_lapsed(client, organisation):
    from tests.inspection.factories import published_on

    published_on(
        datetime.date(2025, 3, 1),
        title="已到期的暂行办法",
        valid_until=datetime.date(2025, 12, 31),
    )
    body = b"".join(client.get(reverse("reports:catalogue_csv")).streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8").lstrip("\ufeff"))))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["名称"] == "已到期的暂行办法" and record["有效性"] == "已失效"


def test_catalogue_xlsx_reads_back(client, catalogue_items):
    item, _formula = catalogue_items
    response = client.get(reverse("reports:catalogue_xlsx") + "?year=2026")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == list(CATALOGUE_FIELDS)
    assert len(rows) == 2  # the 2025 item is filtered out
    assert rows[1][0] == item.index_number and rows[1][7] == item.title


def test_catalogue_xlsx_stores_formula_like_text_as_text(client, catalogue_items):
    response = client.get(reverse("reports:catalogue_xlsx") + "?year=2025")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=CATALOGUE_FIELDS.index("名称") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'


def test_catalogue_export_refuses_a_bad_year(client, organisation):
    assert client.get(reverse("reports:catalogue_csv") + "?year=abc").status_code == 404


def test_guide_text_is_escaped_and_set_in_paragraphs(client, office, organisation):
    client.force_login(office)
    client.post(
        reverse("reports:guide_edit"),
        _guide_post(**{"guide-remedies": "第一段<script>alert(1)</script>\n第二段"}),
    )
    page = client.get(reverse("reports:guide")).content.decode()
    assert "<script>alert(1)" not in page
    assert "<p>第一段&lt;script&gt;alert(1)&lt;/script&gt;</p><p>第二段</p>" in page


def test_catalogue_exports_link_to_the_host_asked_by_as_the_feeds_and_api_do(
    client, catalogue_items, settings
):
    """One rule for absolute links (common.links): the CSV, the XLSX, the API and
    the feed all use the host and port of the request, not SITE_URL's default."""
    item, _formula = catalogue_items
    settings.ALLOWED_HOSTS = ["rsj.example.gov.cn"]
    settings.SITE_URL = "http://127.0.0.1:8000"
    host = {"HTTP_HOST": "rsj.example.gov.cn:8443", "secure": True}
    link = f"https://rsj.example.gov.cn:8443/items/{item.pk}/"
    csv_body = b"".join(client.get(reverse("reports:catalogue_csv"), **host).streaming_content)
    assert link in csv_body.decode("utf-8")
    xlsx = client.get(reverse("reports:catalogue_xlsx") + "?year=2026", **host)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[-1].value for row in sheet.iter_rows(min_row=2)] == [link]
    api = client.get(reverse("disclosure:api_item", args=[item.pk]), **host).json()
    assert api["url"] == link
    feed = client.get(reverse("disclosure:feed_latest"), **host).content.decode()
    assert link in feed
    assert "127.0.0.1:8000" not in csv_body.decode("utf-8") + feed


def test_absolute_links_without_a_request_use_site_url(settings):
    from common.links import absolute_url

    settings.SITE_URL = "https://www.shixian.gov.cn"
    assert absolute_url("/rsj/items/3/") == "https://www.shixian.gov.cn/rsj/items/3/"
