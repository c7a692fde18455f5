import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import ItemFactory


@pytest.mark.django_db
def test_role_groups_exist():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {str(r) for r in Role}


@pytest.mark.django_db
def test_home_lists_only_published_proactive_items(client):
    public = ItemFactory(published=True, title="公开的通知")
    ItemFactory(title="草稿通知")
    ItemFactory(published=True, on_request=True, title="依申请的通知")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert public.title in text
    assert "草稿通知" not in text
    assert "依申请的通知" not in text
    assert public.index_number.endswith("-00001")
