"""The consultations pages of the back office, as their users read them."""

import pytest
from django.urls import reverse

from tests.consultations.factories import CommentFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


def test_comment_list_headings_are_chinese_and_hide_the_contact(client, office):
    comment = CommentFactory(
        consultation=ConsultationFactory(published=True), author_name="", contact="13900001111"
    )
    client.force_login(office)
    page = client.get(reverse("admin:consultations_comment_changelist")).content.decode()
    assert comment.display_name == "匿名" and "匿名" in page
    assert "署名" in page
    assert "Display name" not in page and "DISPLAY NAME" not in page
    assert "13900001111" not in page
