"""The login-lockout pages (django-axes) read in Chinese for the security and audit
administrators, who use them."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "url_name", "title"),
    [
        (Role.SECURITY_ADMIN, "admin:axes_accessattempt_changelist", "登录失败计数"),
        (Role.SECURITY_ADMIN, "admin:axes_accessfailurelog_changelist", "登录失败记录"),
        (Role.AUDIT_ADMIN, "admin:axes_accesslog_changelist", "登录日志"),
    ],
)
def test_axes_pages_are_in_chinese(client, role, url_name, title):
    client.force_login(staff(role))
    index = client.get(reverse("admin:index")).content.decode()
    assert "登录安全" in index and title in index
    assert "Access attempts" not in index and "Access logs" not in index
    page = client.get(reverse(url_name)).content.decode()
    assert "尝试时间" in page and "Attempt Time" not in page
