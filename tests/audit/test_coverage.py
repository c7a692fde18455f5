"""The security-relevant acts outside account management are on the audit log too:
sensitive-word changes, column and section reassignment, views and downloads of
applicants' files, reply notices and consultation contacts; entries written by
services carry the client's address when a request is at hand."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from audit.middleware import AuditRequestMiddleware
from audit.models import AuditAction, AuditEntry
from audit.services import audit_record
from disclosure import services as disclosure_services
from review.models import SensitiveWord
from tests.factories import ColumnFactory, staff

pytestmark = pytest.mark.django_db

IP = "10.20.30.40"


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


# --- the request at hand ----------------------------------------------------------------


def test_service_written_entries_carry_the_client_address_of_the_request():
    request = RequestFactory().get("/", REMOTE_ADDR=IP)
    written = []

    def view(request):
        written.append(audit_record(action=AuditAction.PUBLISH, detail="由服务写入"))
        from django.http import HttpResponse

        return HttpResponse()

    AuditRequestMiddleware(view)(request)
    assert written[0].ip_address == IP
    # Outside a request (commands, scheduled jobs) there is no address.
    assert audit_record(action=AuditAction.PUBLISH).ip_address is None


def test_the_trusted_proxy_setting_applies_to_service_written_entries(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.1.2.3"
    )

    def view(request):
        from django.http import HttpResponse

        audit_record(action=AuditAction.DECIDE)
        return HttpResponse()

    AuditRequestMiddleware(view)(request)
    assert AuditEntry.objects.get().ip_address == "10.1.2.3"


# --- column and section reassignment ------------------------------------------------------


def test_a_column_reassignment_in_the_admin_is_audited_with_the_address(
    client, office, section, other_section
):
    column = ColumnFactory(responsible_section=section, name="就业创业")
    client.force_login(office)
    response = client.post(
        reverse("admin:disclosure_column_change", args=[column.pk]),
        {
            "parent": "",
            "name": column.name,
            "slug": column.slug,
            "kind": column.kind,
            "content_category": column.content_category,
            "responsible_section": other_section.pk,
            "description": "",
            "order": "0",
        },
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    [moved] = entries(AuditAction.STRUCTURE)
    assert moved.actor == office and moved.ip_address == IP
    assert "就业促进股" in moved.detail and "社会保险股" in moved.detail


def test_a_system_call_reassigning_a_column_writes_no_entry(section, other_section):
    column = ColumnFactory(responsible_section=section)
    disclosure_services.column_assign_section(column=column, section=other_section)
    assert not entries(AuditAction.STRUCTURE)


def test_a_section_becoming_the_office_is_audited(office_section, organisation):
    sysadmin = staff(Role.SYSTEM_ADMIN)
    section = disclosure_services.section_create(
        organisation=organisation, name="规划股", acting_user=sysadmin
    )
    disclosure_services.section_update(
        section=section, acting_user=sysadmin, name="规划财务股", is_office=True, order=0
    )
    created, changed = entries(AuditAction.STRUCTURE)
    assert "新增股室“规划股”" in created.detail
    assert "规划财务股" in changed.detail and "设为局办公室" in changed.detail


# --- the sensitive-word list --------------------------------------------------------------


def test_sensitive_word_changes_are_audited(client):
    security = staff(Role.SECURITY_ADMIN)
    client.force_login(security)
    add = client.post(
        reverse("admin:review_sensitiveword_add"),
        {"word": "绝密", "note": "", "is_active": "on"},
        REMOTE_ADDR=IP,
    )
    assert add.status_code == 302
    word = SensitiveWord.objects.get(word="绝密")
    client.post(
        reverse("admin:review_sensitiveword_change", args=[word.pk]),
        {"word": "绝密", "note": "国家秘密标志"},
        REMOTE_ADDR=IP,
    )
    client.post(
        reverse("admin:review_sensitiveword_delete", args=[word.pk]),
        {"post": "yes"},
        REMOTE_ADDR=IP,
    )
    details = [(e.detail, e.actor, e.ip_address) for e in entries(AuditAction.SENSITIVE_WORDS)]
    assert [d for d, *_ in details] == [
        "新增敏感词“绝密”",
        "修改敏感词“绝密”：说明、启用",
        "删除敏感词“绝密”",
    ]
    assert all(actor == security and ip == IP for _, actor, ip in details)


def test_nobody_but_the_security_administrator_changes_the_list(client):
    for role in (Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN, Role.OFFICE_REVIEWER):
        client.force_login(staff(role))
        response = client.post(
            reverse("admin:review_sensitiveword_add"), {"word": "绝密", "is_active": "on"}
        )
        assert response.status_code == 403
    assert not SensitiveWord.objects.exists()
    assert not entries(AuditAction.SENSITIVE_WORDS)


# --- applicants' files, reply notices and consultation contacts --------------------------


def test_downloads_of_an_applicants_files_are_audited(client, office, leader):
    from requests_app import services as request_services
    from tests.requests_app.factories import D, applicant_data, at

    with at(D(2026, 3, 2)):
        pdf = SimpleUploadedFile("身份证.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
        req = request_services.request_submit(data=applicant_data(), files=[pdf]).request
    url = reverse("requests_app:staff_file", args=[req.pk, req.files.get().pk])
    client.force_login(leader)  # may not see it: nothing served, nothing logged
    assert client.get(url).status_code == 404
    assert not entries(AuditAction.DOWNLOAD_PERSONAL)
    client.force_login(office)
    assert client.get(url, REMOTE_ADDR=IP).status_code == 200
    [download] = entries(AuditAction.DOWNLOAD_PERSONAL)
    assert download.actor == office and download.ip_address == IP
    assert download.target_id == str(req.pk) and "身份证.pdf" in download.detail


def test_opening_a_reply_notice_with_the_applicants_name_is_audited(
    client, office, section, clerk, leader
):
    from requests_app.outcomes import Outcome
    from tests.requests_app.factories import D, answered

    req = answered(
        office, section, clerk, D(2026, 3, 2), D(2026, 3, 5), outcome=Outcome.DISCLOSED, text="提供"
    )
    url = reverse("requests_app:staff_notice", args=[req.pk])
    seen = AuditEntry.objects.filter(action=AuditAction.VIEW_PERSONAL)
    before = seen.count()
    client.force_login(leader)  # masked: nothing personal shown
    client.get(url)
    assert seen.count() == before
    client.force_login(clerk)
    client.get(url, REMOTE_ADDR=IP)
    view = seen.latest("id")
    assert seen.count() == before + 1
    assert view.actor == clerk and view.detail == "查看答复告知书" and view.ip_address == IP


def test_seeing_consultation_contacts_is_audited(client, office, leader):
    from tests.consultations.factories import CommentFactory

    comment = CommentFactory(contact="13812345678")
    url = reverse("consultations:staff_detail", args=[comment.consultation_id])
    client.force_login(leader)  # masked
    client.get(url)
    assert not entries(AuditAction.VIEW_PERSONAL)
    client.force_login(office)
    client.get(url, REMOTE_ADDR=IP)
    [view] = entries(AuditAction.VIEW_PERSONAL)
    assert view.actor == office and view.target_id == str(comment.consultation_id)
