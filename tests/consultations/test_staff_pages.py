"""Staff pages of consultations: drafting, feedback, export, and the link on the item page."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditAction, AuditEntry
from consultations import services
from consultations.models import Consultation
from disclosure.choices import Publicity
from disclosure.models import Item
from tests.consultations.factories import (
    CommentFactory,
    ConsultationFactory,
    consultation_column,
    publish,
)
from tests.consultations.views_helpers import TZ, detail_url, staff_url
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


# --- drafting through the pages ---------------------------------------------------------


def test_create_then_blockers_are_shown_until_complete(client, clerk, section):
    consultation_column()
    client.force_login(clerk)
    response = client.post(
        reverse("consultations:staff_create"),
        {
            "section": section.pk,
            "column": consultation_column().pk,
            "title": "关于印发某某办法的通知（征求意见稿）",
            "topic": "15.1",
            "body": "第一条 目的\n第二条 适用范围",
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.item.body == "<p>第一条 目的</p><p>第二条 适用范围</p>"
    text = client.get(staff_url(consultation)).content.decode()
    assert "缺少决策依据" in text and "缺少联系人" in text


def test_create_with_close_before_open_keeps_input(client, clerk, section):
    client.force_login(clerk)
    response = client.post(
        reverse("consultations:staff_create"),
        {
            "section": section.pk,
            "column": consultation_column().pk,
            "title": "某办法（征求意见稿）",
            "topic": "15.1",
            "basis": "依据某法",
            "opens_at": "2026-05-10T09:00",
            "closes_at": "2026-05-01T09:00",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "截止时间必须晚于开始时间" in text and "依据某法" in text
    assert not Consultation.objects.exists()


def test_create_for_another_section_is_refused(client, clerk, other_section):
    client.force_login(clerk)
    response = client.post(
        reverse("consultations:staff_create"),
        {
            "section": other_section.pk,
            "column": consultation_column().pk,
            "title": "x",
            "topic": "15.1",
        },
    )
    assert response.status_code == 200  # the choice is not offered: form error
    assert not Consultation.objects.exists()


def test_leader_cannot_open_the_create_page(client, leader):
    client.force_login(leader)
    assert client.get(reverse("consultations:staff_create")).status_code == 404


def test_attachment_upload_checks_content(client, clerk, section):
    from django.core.files.uploadedfile import SimpleUploadedFile

    consultation = ConsultationFactory(item__section=section)
    client.force_login(clerk)
    url = reverse("consultations:staff_attachment_add", args=[consultation.pk])
    fake = SimpleUploadedFile("draft.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(url, {"file": fake}, follow=True)
    assert not consultation.item.attachments.exists()
    assert "msg-error" in response.content.decode()
    pdf = SimpleUploadedFile(
        "draft.pdf",
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        content_type="application/pdf",
    )
    client.post(url, {"file": pdf, "title": "征求意见稿全文"})
    assert consultation.item.attachments.get().title == "征求意见稿全文"


# --- feedback ---------------------------------------------------------------------------


def _closed(**kwargs):
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=41)):
        return ConsultationFactory(
            published=True,
            opens_at=now - datetime.timedelta(days=40),
            closes_at=now - datetime.timedelta(days=10),
            **kwargs,
        )


def test_feedback_page_prefills_counts_and_saves_a_linked_draft(client, office):
    consultation = _closed()
    CommentFactory(consultation=consultation, approved=True)
    policy = ItemFactory(published=True, title="某某办法（正式印发）")
    client.force_login(office)
    url = reverse("consultations:staff_feedback", args=[consultation.pk])
    form = client.get(url).context["form"]
    assert "共收到意见建议1条" in form.initial["body"]
    response = client.post(
        url, {"title": "采纳情况说明", "body": "共收到意见1条。", "policy_item": policy.pk}
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.feedback_item.title == "采纳情况说明"
    assert consultation.policy_item == policy
    # published through the review workflow's last step: the public page links both
    publish(consultation.feedback_item)
    text = client.get(detail_url(consultation)).content.decode()
    assert reverse("disclosure:item", args=[consultation.feedback_item_id]) in text
    assert reverse("disclosure:item", args=[policy.pk]) in text


def test_staff_list_flags_overdue_feedback(client, office):
    opens = datetime.datetime(2026, 8, 18, 9, 0, tzinfo=TZ)
    closes = datetime.datetime(2026, 9, 18, 17, 0, tzinfo=TZ)
    with time_machine.travel(opens - datetime.timedelta(days=1), tick=False):
        consultation = ConsultationFactory(published=True, opens_at=opens, closes_at=closes)
    client.force_login(office)
    with time_machine.travel(datetime.datetime(2026, 10, 22, 10, 0, tzinfo=TZ)):
        text = client.get(reverse("consultations:staff_list")).content.decode()
        assert consultation.item.title in text and "2026-10-22" in text
        assert "已逾期" not in text
    with time_machine.travel(datetime.datetime(2026, 10, 23, 10, 0, tzinfo=TZ)):
        client.force_login(office)
        text = client.get(reverse("consultations:staff_list")).content.decode()
        assert "已逾期" in text


# --- export -----------------------------------------------------------------------------


@pytest.fixture
def exportable(section):
    consultation = ConsultationFactory(published=True, item__section=section)
    CommentFactory(
        consultation=consultation, approved=True, body="公开的意见", contact="13812345678"
    )
    CommentFactory(
        consultation=consultation, body='=HYPERLINK("http://evil")', contact="a@example.com"
    )
    CommentFactory(consultation=consultation, hidden=True, body="被屏蔽的意见", contact="139")
    return consultation


def _export(client, consultation, fmt):
    return client.get(reverse("consultations:staff_export", args=[consultation.pk, fmt]))


def test_csv_export_excludes_hidden_and_shows_contacts_to_the_section(client, clerk, exportable):
    client.force_login(clerk)
    response = _export(client, exportable, "csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8-sig")
    assert "公开的意见" in text and "13812345678" in text
    assert "被屏蔽的意见" not in text
    assert "'=HYPERLINK" in text  # formula neutralised
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.actor == clerk and "含联系方式" in entry.detail


def test_csv_export_masks_contacts_for_the_leader(client, leader, exportable):
    client.force_login(leader)
    text = _export(client, exportable, "csv").content.decode("utf-8-sig")
    assert "13812345678" not in text and "138****5678" in text
    assert "a@example.com" not in text and "a***@example.com" in text
    assert "不含联系方式" in AuditEntry.objects.get(action=AuditAction.EXPORT).detail


def test_xlsx_export_reads_back(client, office, exportable):
    client.force_login(office)
    response = _export(client, exportable, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == exportable.item.title
    assert rows[1][:4] == ("序号", "提交时间", "姓名", "联系方式")
    bodies = [row[5] for row in rows[2:]]
    assert bodies == ["公开的意见", '=HYPERLINK("http://evil")']  # as typed, as text
    assert rows[2][3] == "13812345678"
    assert sheet["F4"].data_type == "s"  # text, not a formula


def test_xlsx_export_masks_for_the_leader(client, leader, exportable):
    client.force_login(leader)
    sheet = load_workbook(io.BytesIO(_export(client, exportable, "xlsx").content)).active
    contacts = [row[3] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert contacts == ["138****5678", "a***@example.com"]


@pytest.mark.parametrize("who", ["other_clerk", "auditor"])
def test_export_refused_to_others_with_404(client, request, who, exportable):
    client.force_login(request.getfixturevalue(who))
    assert _export(client, exportable, "csv").status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_unknown_export_format_is_404(client, office, exportable):
    client.force_login(office)
    assert _export(client, exportable, "pdf").status_code == 404


# --- the link on the public item page ----------------------------------------------------


def test_item_page_hook_links_policy_to_its_consultation(office):
    from django.template import Context, Template

    consultation = _closed()
    policy = ItemFactory(published=True)
    services.consultation_link_policy(
        consultation=consultation, policy_item=policy, acting_user=office
    )
    html = Template("{% load consultations_tags %}{% consultation_links item %}").render(
        Context({"item": policy})
    )
    assert detail_url(consultation) in html
    internal = ConsultationFactory(internal=True, published=True)
    html = Template("{% load consultations_tags %}{% consultation_links item %}").render(
        Context({"item": internal.item})
    )
    assert detail_url(internal) not in html


def test_unreleased_draft_can_become_internal_and_item_stays_hidden(client, clerk, section):
    consultation = ConsultationFactory(item__section=section)
    client.force_login(clerk)
    data = {
        "title": consultation.item.title,
        "topic": consultation.item.topic,
        "body": consultation.item.body,
        "basis": consultation.basis,
        "opens_at": timezone.localtime(consultation.opens_at).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": timezone.localtime(consultation.closes_at).strftime("%Y-%m-%dT%H:%M"),
        "contact_person": consultation.contact_person,
        "contact_method": consultation.contact_method,
        "is_internal": "on",
    }
    response = client.post(reverse("consultations:staff_edit", args=[consultation.pk]), data)
    assert response.status_code == 302
    item = Item.objects.get(pk=consultation.item_id)
    assert item.publicity == Publicity.NOT_DISCLOSED
    publish(item)  # even if someone publishes it
    assert client.get(detail_url(consultation)).status_code == 404
