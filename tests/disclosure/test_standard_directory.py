"""The 标准目录 of 人社厅函〔2019〕113号: 事项 with the nine elements, preloaded for a
county (就业 and 社会保险), kept by the office, mapped to columns and items; a public
page links each 事项 to its latest items; the inspection flags a 事项 with nothing
published within its period."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from disclosure.models import Matter, MatterDomain
from inspection import rules
from inspection.models import FindingKind
from tests.factories import ColumnFactory, ItemFactory, staff
from tests.inspection.factories import published_on

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2026, 11, 16)

EMPLOYMENT_LEVEL1 = [
    "就业信息服务",
    "职业介绍、职业指导和创业开业指导",
    "公共就业服务专项活动",
    "就业失业登记",
    "创业服务",
    "就业援助",
    "高校毕业生就业服务",
    "基本公共就业创业政府购买服务",
    "国（境）外人员入境就业",
]


def test_the_directories_are_preloaded_with_the_guideline_s_matters():
    employment = Matter.objects.filter(domain=MatterDomain.EMPLOYMENT)
    assert list(dict.fromkeys(employment.values_list("level1", flat=True))) == EMPLOYMENT_LEVEL1
    insurance = set(
        Matter.objects.filter(domain=MatterDomain.SOCIAL_INSURANCE).values_list("level2", flat=True)
    )
    assert {"企业社会保险登记", "机关事业单位社会保险登记", "个人基本信息变更"} <= insurance
    for matter in Matter.objects.all():  # every element filled
        assert all(
            [matter.content, matter.basis, matter.time_limit, matter.subject, matter.channels]
        )
        assert matter.audience and matter.modes and matter.levels
    assert "《中华人民共和国政府信息公开条例》" in Matter.objects.first().basis


def test_the_public_page_links_each_matter_to_its_latest_items(client, organisation):
    matter = Matter.objects.get(level2="岗位信息发布")
    column = ColumnFactory(name="招聘信息")
    matter.columns.add(column)
    old = published_on(D(2026, 1, 5), column=column, title="一月招聘岗位信息")
    items = [
        published_on(D(2026, 6, d), column=column, title=f"六月第{d}批岗位信息") for d in (1, 2, 3)
    ]
    direct = ItemFactory(
        published=True, matter=Matter.objects.get(level2="失业登记"), title="失业登记办事指南"
    )
    html = client.get(reverse("disclosure:standard")).content.decode()
    assert "就业和社会保险领域基层政务公开标准目录" in html
    for label in (
        "公开内容",
        "公开依据",
        "公开时限",
        "公开主体",
        "渠道和载体",
        "公开对象",
        "公开方式",
        "公开层级",
    ):
        assert label in html
    for item in items + [direct]:
        assert reverse("disclosure:item", args=[item.pk]) in html
    assert old.title not in html  # only the latest three
    assert "社会保险领域" in html and "暂无" in html


def test_only_the_office_and_the_system_administrator_keep_the_directory(client, clerk, office):
    url = reverse("admin:disclosure_matter_changelist")
    client.force_login(clerk)
    assert client.get(url).status_code in (403, 404)
    client.force_login(office)
    assert client.get(url).status_code == 200
    client.force_login(staff(Role.SYSTEM_ADMIN))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("last", "flagged"), [(D(2026, 8, 16), False), (D(2026, 8, 15), True)])
def test_a_matter_with_nothing_published_within_its_period_is_flagged(last, flagged):
    Matter.objects.update(update_months=None)
    matter = Matter.objects.get(level2="岗位信息发布")
    matter.update_months = 3
    matter.save()
    column = ColumnFactory()
    matter.columns.add(column)
    published_on(last, column=column)
    drafts = list(rules.check_standard_matters(AS_OF))
    assert [d.kind for d in drafts] == ([FindingKind.MATTER_IDLE] if flagged else [])
    if flagged:
        assert drafts[0].section == column.responsible_section
        assert "超过巡查周期（每季度）" in drafts[0].message


def test_a_matter_without_any_item_is_flagged_and_one_without_a_period_is_not(office_section):
    Matter.objects.update(update_months=None)
    matter = Matter.objects.get(level2="公共就业服务专项活动")
    matter.update_months = 12
    matter.save()
    (draft,) = rules.check_standard_matters(AS_OF)
    assert "尚无公开信息" in draft.message and draft.section == office_section
