import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import SectionFactory, staff

pytestmark = pytest.mark.django_db


def _staff_links(client) -> list[str]:
    return [link["label"] for link in client.get(reverse("home")).context["staff_nav"]]


def test_anonymous_sees_public_navigation_only(client):
    response = client.get(reverse("home"))
    labels = [link["label"] for link in response.context["public_nav"]]
    assert labels == [
        "首页",
        "信息公开目录",
        "信息公开指南",
        "依申请公开",
        "意见征集",
        "政务咨询",
        "年度报告",
    ]
    assert response.context["staff_nav"] == []


def test_section_clerk_sees_no_link_to_office_pages(client):
    client.force_login(staff(Role.SECTION_CLERK, SectionFactory()))
    links = _staff_links(client)
    assert "统计" not in links
    assert "管理后台" in links


def test_office_sees_every_staff_page(client):
    client.force_login(staff(Role.OFFICE_REVIEWER, SectionFactory(office=True)))
    assert _staff_links(client) == [
        "工作台",
        "依申请办理",
        "意见征集管理",
        "政务咨询",
        "巡查整改",
        "统计",
        "管理后台",
    ]


def test_every_staff_link_opens_for_the_office(client):
    client.force_login(staff(Role.OFFICE_REVIEWER, SectionFactory(office=True)))
    for link in client.get(reverse("home")).context["staff_nav"]:
        assert client.get(link["url"]).status_code == 200, link
