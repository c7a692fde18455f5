"""Staff pages: who sees which request, masking, handling through the pages."""

import pytest
from django.urls import reverse

from common.pagecache import catalogue_version
from requests_app import permissions, services
from requests_app.grounds import Ground, WithheldBasis
from requests_app.models import DisclosureRequest, PauseKind, Status
from requests_app.outcomes import Outcome, RemedyKind
from tests.requests_app.factories import (
    ID_CARD,
    D,
    answered,
    applicant_data,
    assigned,
    at,
    registered,
)

pytestmark = pytest.mark.django_db

LIST = reverse("requests_app:staff_list")


def detail(req):
    return reverse("requests_app:staff_detail", args=[req.pk])


def act(req, action):
    return reverse("requests_app:staff_action", args=[req.pk, action])


# -- Visibility ---------------------------------------------------------------------------


def test_visibility_office_all_section_own_leader_all_others_none(
    office, office_head, section, clerk, other_clerk, leader, auditor
):
    mine = assigned(office, section, D(2026, 3, 2))
    unassigned = registered(office, D(2026, 3, 2))
    both = {mine.pk, unassigned.pk}
    assert set(permissions.requests_visible_to(office).values_list("pk", flat=True)) == both
    assert set(permissions.requests_visible_to(office_head).values_list("pk", flat=True)) == both
    assert set(permissions.requests_visible_to(leader).values_list("pk", flat=True)) == both
    assert list(permissions.requests_visible_to(clerk).values_list("pk", flat=True)) == [mine.pk]
    assert not permissions.requests_visible_to(other_clerk).exists()
    assert not permissions.requests_visible_to(auditor).exists()
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.requests_visible_to(AnonymousUser()).exists()
    # Handling (unmasked data) is narrower than seeing.
    assert permissions.can_handle_request(clerk, mine)
    assert not permissions.can_handle_request(leader, mine)


def test_detail_is_404_for_staff_who_may_not_see_it(client, office, section, other_clerk, auditor):
    req = assigned(office, section, D(2026, 3, 2))
    for user in (other_clerk, auditor):
        client.force_login(user)
        assert client.get(detail(req)).status_code == 404
        assert client.post(act(req, "submit_draft"), {}).status_code == 404
    client.logout()
    assert client.get(detail(req)).status_code == 302  # to the login page


def test_handler_sees_personal_data_leader_sees_it_masked(client, office, section, clerk, leader):
    req = assigned(office, section, D(2026, 3, 2))
    client.force_login(clerk)
    html = client.get(detail(req)).content.decode()
    assert ID_CARD in html and "13812341234" in html and "张三丰" in html
    client.force_login(leader)
    html = client.get(detail(req)).content.decode()
    assert ID_CARD not in html and "13812341234" not in html and "张三丰" not in html
    assert "11*************02X" in html and "138****1234" in html and "张**" in html
    assert "城关镇****" in html
    html = client.get(LIST).content.decode()
    assert "张**" in html and "张三丰" not in html


def test_list_shows_a_section_only_its_requests(client, office, section, other_section, clerk):
    mine = assigned(office, section, D(2026, 3, 2), applicant_name="甲某某")
    theirs = assigned(office, other_section, D(2026, 3, 2), applicant_name="乙某某")
    client.force_login(clerk)
    html = client.get(LIST).content.decode()
    assert mine.tracking_number in html and theirs.tracking_number not in html
    client.force_login(office)
    html = client.get(LIST).content.decode()
    assert "甲某某" in html and "乙某某" in html  # the office handles all: unmasked


def test_list_query_count_does_not_grow_with_rows(
    client, office, section, django_assert_max_num_queries
):
    for _ in range(3):
        assigned(office, section, D(2026, 3, 2))
    client.force_login(office)
    # The catalogue version exists on a running site (a Redis GET there; here the
    # database cache's row, created on first read).
    catalogue_version()
    with django_assert_max_num_queries(14) as few:
        client.get(LIST)
    for _ in range(6):
        assigned(office, section, D(2026, 3, 2))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["rows"]) == 9


def test_list_is_paginated_so_no_request_drops_out_of_it(client, office, section, monkeypatch):
    monkeypatch.setattr("common.pagination.PAGE_SIZE", 2)
    made = {assigned(office, section, D(2026, 3, 2)).tracking_number for _ in range(3)}
    client.force_login(office)
    first = client.get(LIST)
    assert len(first.context["rows"]) == 2 and "第 1/2 页" in first.content.decode()
    second = client.get(LIST, {"page": 2})
    shown = {r.tracking_number for r in [*first.context["rows"], *second.context["rows"]]}
    assert shown == made
    assert client.get(LIST, {"page": 3}).status_code == 404


def test_staff_pages_require_a_requests_role(client, auditor):
    client.force_login(auditor)
    for name in ("staff_list", "dashboard", "register", "complaints", "remedies"):
        assert client.get(reverse(f"requests_app:{name}")).status_code == 404


def test_section_cannot_register_paper_requests(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("requests_app:register")).status_code == 404


# -- Handling through the pages ------------------------------------------------------------


def test_register_page_creates_request_and_shows_code_once(client, office):
    client.force_login(office)
    data = applicant_data()
    data.update(channel="post_signed", received_on="2026-03-02", receipt_note="EMS 99")
    with at(D(2026, 3, 3)):
        response = client.post(reverse("requests_app:register"), data, follow=True)
    req = DisclosureRequest.objects.get()
    assert req.received_on == D(2026, 3, 2) and req.status == Status.RECEIVED
    assert "查询码" in response.content.decode()


def test_register_page_refuses_future_receipt_and_keeps_input(client, office):
    client.force_login(office)
    data = applicant_data(applicant_name="未来先生")
    data.update(channel="fax", received_on="2026-03-09")
    with at(D(2026, 3, 3)):
        response = client.post(reverse("requests_app:register"), data)
    html = response.content.decode()
    assert "收到申请日期不能晚于今天" in html and "未来先生" in html
    assert not DisclosureRequest.objects.exists()


def test_full_handling_through_the_pages(client, office, office_head, section, clerk):
    # Sessions expire after 30 idle minutes: log in again on each travelled-to day.
    with at(D(2026, 3, 2)):
        req = services.request_submit(data=applicant_data()).request
        client.force_login(office)
        html = client.get(detail(req)).content.decode()
        assert 'id="act-confirm_receipt"' in html and 'id="act-assign"' not in html
        r = client.post(act(req, "confirm_receipt"), {"confirm_receipt-received_on": "2026-03-02"})
        assert r.status_code == 302
        r = client.post(act(req, "assign"), {"assign-section": section.pk})
        assert r.status_code == 302
    with at(D(2026, 3, 4)):
        client.force_login(clerk)
        r = client.post(
            act(req, "start_pause"),
            {
                "start_pause-kind": PauseKind.THIRD_PARTY,
                "start_pause-party": "某公司",
                "start_pause-started_on": "2026-03-04",
            },
        )
        assert r.status_code == 302
    with at(D(2026, 3, 10)):
        client.force_login(clerk)
        r = client.post(act(req, "end_pause"), {"end_pause-ended_on": "2026-03-10"})
        assert r.status_code == 302
        r = client.post(
            act(req, "apply_extension"),
            {"apply_extension-days": "10", "apply_extension-reason": "需调取档案"},
        )
        assert r.status_code == 302
    with at(D(2026, 3, 11)):
        client.force_login(office_head)
        r = client.post(act(req, "decide_extension"), {"decide_extension-decision": "approve"})
        assert r.status_code == 302
    with at(D(2026, 3, 20)):
        client.force_login(clerk)
        r = client.post(
            act(req, "submit_draft"),
            {
                "submit_draft-ground": Ground.PARTIAL,
                "submit_draft-access": "以电子邮件方式发送可以公开的部分。",
                "submit_draft-basis": WithheldBasis.THIRD_PARTY,
                "submit_draft-reason": "其余部分涉及他人个人信息。",
                "submit_draft-text": "提供部分内容。",
            },
        )
        assert r.status_code == 302
        # The section may not approve: 403 on a request it can see.
        assert client.post(act(req, "approve"), {}).status_code == 403
        client.force_login(office)
        assert client.post(act(req, "approve"), {}).status_code == 302
        html = client.get(detail(req)).content.decode()
        notice = client.get(reverse("requests_app:staff_notice", args=[req.pk])).content.decode()
    req = DisclosureRequest.objects.get(pk=req.pk)
    assert req.status == Status.CLOSED and req.outcome == Outcome.PARTIAL
    # 3/2 + 20 + 10 extension, third party 3/4-3/10 (5 working days) not counted.
    assert "延期 10 个工作日，征求第三方意见 2026-03-04 至 2026-03-10 不计入" in html
    assert req.notice_number in notice and "第三十七条" in notice


def test_invalid_action_form_keeps_input_and_names_problem(client, office, section, clerk):
    req = assigned(office, section, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        client.force_login(clerk)
        r = client.post(
            act(req, "apply_extension"),
            {"apply_extension-days": "25", "apply_extension-reason": "档案在外地"},
        )
    assert r.status_code == 400
    html = r.content.decode()
    assert "延期最长不得超过 20 个工作日" in html and "档案在外地" in html


def test_service_refusal_is_shown_on_the_page(client, office, section, clerk):
    req = assigned(office, section, D(2026, 3, 2))
    with at(D(2026, 3, 12)):  # past the 7-day correction window
        client.force_login(clerk)
        r = client.post(
            act(req, "request_correction"),
            {"request_correction-items": "写明年份", "request_correction-days": "10"},
        )
    assert r.status_code == 400
    assert "7 个工作日内告知" in r.content.decode()
    assert DisclosureRequest.objects.get(pk=req.pk).status == Status.ASSIGNED


def test_unknown_action_is_404(client, office, section):
    req = assigned(office, section, D(2026, 3, 2))
    client.force_login(office)
    assert client.post(act(req, "explode"), {}).status_code == 404


def test_dashboard_lists_overdue_due_soon_correction_and_consultation(
    client, office, section, clerk
):
    overdue = assigned(office, section, D(2026, 2, 2))
    soon = assigned(office, section, D(2026, 3, 2))
    corr = assigned(office, section, D(2026, 3, 20))
    cons = assigned(office, section, D(2026, 3, 20))
    with at(D(2026, 3, 23)):
        services.request_correction_ask(request=corr, items="补充", acting_user=clerk)
        services.request_pause_start(
            request=cons,
            kind=PauseKind.OTHER_AGENCY,
            party="县医保局",
            started_on=D(2026, 3, 23),
            acting_user=clerk,
        )
        client.force_login(office)
        board = client.get(reverse("requests_app:dashboard")).context["board"]
    assert [r.pk for r in board.overdue] == [overdue.pk]
    assert [r.pk for r in board.due_soon] == [soon.pk]  # due 3/30: 5 working days left
    assert [r.pk for r in board.awaiting_correction] == [corr.pk]
    assert [r.pk for r in board.awaiting_consultation] == [cons.pk]


def test_complaints_page_query_count_does_not_grow_with_rows(
    client, office, section, clerk, django_assert_max_num_queries
):
    req = answered(office, section, clerk, D(2026, 3, 2), D(2026, 3, 5))

    def answered_complaint():
        with at(D(2026, 3, 6)):
            complaint = services.complaint_submit(request=req, kind="complaint", text="不服")
            services.complaint_answer(complaint=complaint, answer="已复核", acting_user=office)

    answered_complaint()
    client.force_login(office)
    url = reverse("requests_app:complaints")
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(3):
        answered_complaint()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("已复核") == 4


def test_remedy_and_complaint_pages(client, office, section, clerk):
    req = answered(office, section, clerk, D(2026, 3, 2), D(2026, 3, 5))
    with at(D(2026, 3, 5)):
        complaint = services.complaint_submit(request=req, kind="complaint", text="不服")
    with at(D(2026, 4, 1)):
        client.force_login(office)
        r = client.post(
            reverse("requests_app:remedy_create", args=[req.pk]),
            {"kind": RemedyKind.REVIEW, "filed_on": "2026-04-01", "case_number": "复〔2026〕3号"},
        )
        assert r.status_code == 302
        case = req.remedy_cases.get()
        r = client.post(
            reverse("requests_app:remedy_conclude", args=[case.pk]),
            {"result": "corrected", "concluded_on": "2026-04-01"},
        )
        assert r.status_code == 302
        r = client.post(
            reverse("requests_app:complaint_answer", args=[complaint.pk]), {"answer": "已复核"}
        )
        assert r.status_code == 302
        assert "复〔2026〕3号" in client.get(reverse("requests_app:remedies")).content.decode()
        assert "已复核" in client.get(reverse("requests_app:complaints")).content.decode()
    case.refresh_from_db()
    complaint.refresh_from_db()
    assert case.result == "corrected" and complaint.status == "answered"


def test_section_staff_cannot_record_remedies(client, office, section, clerk):
    req = assigned(office, section, D(2026, 3, 2))
    with at(D(2026, 3, 5)):
        client.force_login(clerk)
        r = client.post(
            reverse("requests_app:remedy_create", args=[req.pk]),
            {"kind": RemedyKind.REVIEW, "filed_on": "2026-03-05"},
        )
    assert r.status_code == 403
    assert not req.remedy_cases.exists()


def test_supporting_files_only_for_handlers(client, office, section, clerk, leader):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with at(D(2026, 3, 2)):
        pdf = SimpleUploadedFile("身份证.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
        req = services.request_submit(data=applicant_data(), files=[pdf]).request
    f = req.files.get()
    url = reverse("requests_app:staff_file", args=[req.pk, f.pk])
    client.force_login(office)
    assert client.get(url).status_code == 200
    client.force_login(leader)
    assert client.get(url).status_code == 404
    assert "身份证.pdf" not in client.get(detail(req)).content.decode()


def test_notice_masks_the_applicant_for_those_who_do_not_handle_it(
    client, office, section, clerk, leader
):
    req = answered(
        office, section, clerk, D(2026, 3, 2), D(2026, 3, 5), outcome=Outcome.DISCLOSED, text="提供"
    )
    url = reverse("requests_app:staff_notice", args=[req.pk])
    client.force_login(leader)
    html = client.get(url).content.decode()
    assert "张三丰" not in html and "张**：" in html
    client.force_login(clerk)
    assert "张三丰：" in client.get(url).content.decode()


def test_viewing_an_applicants_personal_data_is_audited_masked_views_are_not(
    client, office, section, clerk, leader
):
    """F8: who saw an applicant's personal data is on the audit log."""
    from audit.models import AuditAction, AuditEntry

    req = assigned(office, section, D(2026, 3, 2))
    client.force_login(leader)  # sees it masked: nothing personal was shown
    client.get(detail(req))
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_PERSONAL).exists()
    client.force_login(clerk)
    client.get(detail(req))
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_PERSONAL)
    assert entry.actor == clerk and entry.target_id == str(req.pk)
