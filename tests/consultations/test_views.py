"""The consultations pages: the citizen's comment flow, staff moderation, drafting,
feedback and export, each permission boundary from both sides."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Comment, CommentStatus, Moderation
from tests.consultations.factories import (
    CommentFactory,
    ConsultationFactory,
)
from tests.consultations.views_helpers import TZ, comment_url, detail_url, staff_url

pytestmark = pytest.mark.django_db


# --- public list and page ----------------------------------------------------------


def test_list_shows_phases_and_time_left(client):
    now = timezone.now()
    open_one = ConsultationFactory(
        published=True, closes_at=now + datetime.timedelta(days=3, hours=2, minutes=5)
    )
    with time_machine.travel(now - datetime.timedelta(days=40)):
        closed = ConsultationFactory(
            published=True,
            opens_at=now - datetime.timedelta(days=39),
            closes_at=now - datetime.timedelta(days=9),
        )
    response = client.get(reverse("consultations:list"))
    text = response.content.decode()
    assert open_one.item.title in text and closed.item.title in text
    assert "剩余 3 天 2 小时" in text
    assert response.context["counts"] == {"open": 1, "upcoming": 0, "closed": 1, "concluded": 0}
    text = client.get(reverse("consultations:list") + "?phase=closed").content.decode()
    assert closed.item.title in text and open_one.item.title not in text


def test_list_query_count_does_not_grow_with_rows(client):
    ConsultationFactory(published=True)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("consultations:list"))
    for _ in range(5):
        ConsultationFactory(published=True)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("consultations:list"))
    assert len(many) == len(few)


def test_staff_list_query_count_does_not_grow_with_rows(client, office):
    def closed():
        now = timezone.now()
        with time_machine.travel(now - datetime.timedelta(days=41)):
            ConsultationFactory(
                published=True,
                opens_at=now - datetime.timedelta(days=40),
                closes_at=now - datetime.timedelta(days=10),
            )

    closed()
    CommentFactory()
    client.force_login(office)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("consultations:staff_list")).status_code == 200
    for _ in range(4):
        closed()
        CommentFactory()
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("consultations:staff_list"))
    assert len(response.context["awaiting_feedback"]) == 5
    assert len(many) == len(few)


def test_list_bad_page_is_404(client):
    assert client.get(reverse("consultations:list") + "?page=9").status_code == 404


def test_detail_shows_required_information_and_form_while_open(client):
    consultation = ConsultationFactory(published=True)
    text = client.get(detail_url(consultation)).content.decode()
    for value in (consultation.basis, consultation.contact_person, "0572-1234567", "提交意见"):
        assert value in text
    assert consultation.item.index_number in text


def test_detail_has_no_form_after_closing(client):
    consultation = ConsultationFactory(published=True)
    with time_machine.travel(consultation.closes_at + datetime.timedelta(seconds=1)):
        response = client.get(detail_url(consultation))
    assert response.context["form"] is None
    assert "已截止" in response.content.decode()


# --- the citizen's comment ------------------------------------------------------------


def test_citizen_comments_and_sees_it_only_after_approval(client, office):
    consultation = ConsultationFactory(published=True)
    response = client.post(
        comment_url(consultation),
        {
            "author_name": "",
            "contact": "13900001111",
            "draft_section": "第二条",
            "body": "第二条的补贴对象应包括灵活就业人员。",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(consultation) + "#main"  # the message is on top
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.display_name == "匿名"
    page = client.get(detail_url(consultation)).content.decode()
    assert "经审核后公开" in page  # the success message
    assert comment.body not in page

    client.force_login(office)
    response = client.post(
        reverse("consultations:staff_moderate", args=[consultation.pk, comment.pk]),
        {"action": "approve"},
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(detail_url(consultation)).content.decode()
    assert comment.body in page
    assert "13900001111" not in page


def test_comment_one_second_after_closing_is_refused_whatever_the_page_showed(client):
    opens = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    closes = datetime.datetime(2026, 3, 31, 17, 0, tzinfo=TZ)
    with time_machine.travel(opens - datetime.timedelta(days=1), tick=False):
        consultation = ConsultationFactory(published=True, opens_at=opens, closes_at=closes)
    # The citizen opened the page while it was open ...
    with time_machine.travel(closes - datetime.timedelta(minutes=5), tick=False):
        assert client.get(detail_url(consultation)).context["form"] is not None
    # ... and sent the form one second after closing.
    typed = "我的意见很长，写了很久：建议增加对就业困难人员的扶持。"
    with time_machine.travel(closes + datetime.timedelta(seconds=1), tick=False):
        response = client.post(comment_url(consultation), {"author_name": "赵六", "body": typed})
    assert response.status_code == 400
    text = response.content.decode()
    assert "意见征集已于 2026-03-31 17:00 截止，不再接收意见。" in text
    assert typed in text  # nothing typed is lost
    assert "赵六" in text
    assert not Comment.objects.exists()
    # The window is closed: the refusal, and no form to fill in again.
    assert response.context["form"] is None
    assert "<form" not in text.split('id="comment-form"')[1] and "提交意见</button>" not in text


def test_comment_invalid_after_closing_still_says_closed_and_keeps_text(client):
    opens = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    closes = datetime.datetime(2026, 3, 31, 17, 0, tzinfo=TZ)
    with time_machine.travel(opens - datetime.timedelta(days=1), tick=False):
        consultation = ConsultationFactory(published=True, opens_at=opens, closes_at=closes)
    with time_machine.travel(closes + datetime.timedelta(hours=1), tick=False):
        response = client.post(comment_url(consultation), {"author_name": "孙八", "body": "短"})
    text = response.content.decode()
    assert response.status_code == 400 and response.context["form"] is None
    assert "本次意见征集已截止，不再接收意见。" in text and "孙八" in text
    assert "提交意见</button>" not in text


def test_comment_form_errors_keep_what_was_typed(client):
    consultation = ConsultationFactory(published=True)
    response = client.post(comment_url(consultation), {"author_name": "钱七", "body": "短"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "意见内容过短" in text and "钱七" in text
    assert not Comment.objects.exists()


def test_comment_honeypot_is_refused(client):
    consultation = ConsultationFactory(published=True)
    response = client.post(
        comment_url(consultation), {"body": "一条看起来正常的意见内容。", "website": "http://spam"}
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_comment_rate_limit_answers_429_and_keeps_text(client):
    consultation = ConsultationFactory(published=True)
    for n in range(services.COMMENT_LIMIT.count):
        assert (
            client.post(comment_url(consultation), {"body": f"第{n}条不同的意见内容。"}).status_code
            == 302
        )
    response = client.post(comment_url(consultation), {"body": "超过限制的一条意见。"})
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert "超过限制的一条意见。" in response.content.decode()


def test_duplicate_comment_via_the_form_is_refused(client):
    consultation = ConsultationFactory(published=True)
    data = {"body": "建议将申报期限延长至 60 天。"}
    assert client.post(comment_url(consultation), data).status_code == 302
    response = client.post(comment_url(consultation), data)
    assert response.status_code == 400
    assert "请勿重复提交" in response.content.decode()
    assert Comment.objects.count() == 1


def test_comment_get_is_not_allowed(client):
    consultation = ConsultationFactory(published=True)
    assert client.get(comment_url(consultation)).status_code == 405


# --- staff pages: who sees what -------------------------------------------------------


STAFF_PAGES = ["staff_detail", "staff_edit", "staff_feedback"]


def test_anonymous_is_sent_to_login(client):
    consultation = ConsultationFactory()
    response = client.get(reverse("consultations:staff_list"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(staff_url(consultation)).status_code == 302


@pytest.mark.parametrize("who", ["auditor"])
def test_user_without_a_consultation_role_gets_404(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("consultations:staff_list")).status_code == 404


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_other_section_gets_404_not_403(client, other_clerk, section, page):
    consultation = ConsultationFactory(item__section=section)
    client.force_login(other_clerk)
    assert client.get(reverse(f"consultations:{page}", args=[consultation.pk])).status_code == 404


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_section_staff_and_office_open_staff_pages(client, clerk, office, section, page):
    consultation = ConsultationFactory(item__section=section)
    for user in (clerk, office):
        client.force_login(user)
        assert (
            client.get(reverse(f"consultations:{page}", args=[consultation.pk])).status_code == 200
        )


def test_staff_list_shows_only_own_sections_consultations(client, clerk, section, other_section):
    mine = ConsultationFactory(item__section=section)
    theirs = ConsultationFactory(item__section=other_section)
    client.force_login(clerk)
    text = client.get(reverse("consultations:staff_list")).content.decode()
    assert mine.item.title in text and theirs.item.title not in text


def test_leader_reads_but_cannot_moderate(client, leader, section):
    comment = CommentFactory(consultation__item__section=section)
    client.force_login(leader)
    page = client.get(staff_url(comment.consultation))
    assert page.status_code == 200
    assert "审核公开" not in page.content.decode()
    response = client.post(
        reverse("consultations:staff_moderate", args=[comment.consultation_id, comment.pk]),
        {"action": "approve"},
    )
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_staff_sees_full_contact_leader_sees_it_masked(client, office, leader):
    comment = CommentFactory(contact="13812345678")
    client.force_login(office)
    assert "13812345678" in client.get(staff_url(comment.consultation)).content.decode()
    client.force_login(leader)
    text = client.get(staff_url(comment.consultation)).content.decode()
    assert "13812345678" not in text and "138****5678" in text


# --- moderation through the pages ------------------------------------------------------


def test_hide_without_reason_is_refused_with_message(client, office):
    comment = CommentFactory(approved=True)
    client.force_login(office)
    url = reverse("consultations:staff_moderate", args=[comment.consultation_id, comment.pk])
    response = client.post(url, {"action": "hide", "reason": ""}, follow=True)
    assert "须填写理由" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED


def test_hide_and_restore_through_the_page_are_recorded(client, office):
    comment = CommentFactory(approved=True)
    client.force_login(office)
    url = reverse("consultations:staff_moderate", args=[comment.consultation_id, comment.pk])
    client.post(url, {"action": "hide", "reason": "广告内容"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert comment.body not in client.get(detail_url(comment.consultation)).content.decode()
    client.post(url, {"action": "restore", "reason": "误判，恢复"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert list(Moderation.objects.values_list("action", "reason")) == [
        ("hide", "广告内容"),
        ("restore", "误判，恢复"),
    ]
    assert "误判，恢复" in client.get(staff_url(comment.consultation)).content.decode()


def test_moderating_a_comment_of_another_consultation_is_404(client, office):
    comment = CommentFactory()
    other = ConsultationFactory(published=True)
    client.force_login(office)
    url = reverse("consultations:staff_moderate", args=[other.pk, comment.pk])
    assert client.post(url, {"action": "approve"}).status_code == 404
