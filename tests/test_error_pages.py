"""Error pages a citizen may meet, in Chinese and without technical details."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_form_sent_without_csrf_token_gets_a_chinese_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("requests_app:apply"), {"applicant_name": "张三"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html and "刷新页面" in html
    assert "CSRF" not in html and "DEBUG" not in html
    # A fresh token comes with the page, so the reloaded form can be sent.
    assert "csrftoken" in response.cookies
