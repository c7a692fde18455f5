"""Nothing falls through: unconfirmed online submissions are flagged, discarding one
needs a listed reason and the office head's approval (audited, counted)."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from requests_app import selectors, services
from requests_app.models import DisclosureRequest, Status
from requests_app.services import RequestError
from tests.requests_app.factories import D, applicant_data, at, refresh

pytestmark = pytest.mark.django_db


MONDAY = D(2026, 3, 2)


def submitted(day=MONDAY):
    with at(day):
        return services.request_submit(data=applicant_data()).request


# -- unconfirmed submissions -------------------------------------------------------------


def test_unconfirmed_for_more_than_one_working_day_is_flagged():
    friday = submitted(D(2026, 3, 6))  # a Friday: confirm by Monday 3-9
    visible = DisclosureRequest.objects.all()
    assert selectors.unconfirmed_submissions(visible, D(2026, 3, 9)) == []
    late = selectors.unconfirmed_submissions(visible, D(2026, 3, 10))
    assert [r.pk for r in late] == [friday.pk]
    assert late[0].confirm_by == D(2026, 3, 9)


def test_confirmed_submissions_are_not_flagged(office):
    req = submitted()
    with at(D(2026, 3, 3)):
        services.request_confirm_receipt(request=req, received_on=D(2026, 3, 3), acting_user=office)
    assert selectors.unconfirmed_submissions(DisclosureRequest.objects.all(), D(2026, 3, 20)) == []


def test_dashboard_shows_the_flag(client, office):
    req = submitted(D(2026, 3, 2))
    client.force_login(office)
    with at(D(2026, 3, 5)):
        html = client.get(reverse("requests_app:dashboard")).content.decode()
    assert "超过 1 个工作日未确认收到（1）" in html and req.tracking_number in html


# -- discarding --------------------------------------------------------------------------


def test_discard_needs_a_listed_reason_and_the_office_heads_approval(office, office_head):
    req = submitted()
    with at(D(2026, 3, 3)):
        with pytest.raises(RequestError, match="须经办公室负责人批准"):
            services.request_discard(request=req, acting_user=office)
        with pytest.raises(RequestError, match="先由办公室工作人员选择作废原因"):
            services.request_discard(request=req, acting_user=office_head)
        with pytest.raises(RequestError, match="从列表中选择"):
            services.request_discard_propose(request=req, reason="不想办", acting_user=office)
        with pytest.raises(RequestError, match="按哪一申请编号"):
            services.request_discard_propose(request=req, reason="duplicate", acting_user=office)
        services.request_discard_propose(
            request=req, reason="duplicate", note="按 YSQ202600001 办理", acting_user=office
        )
        assert refresh(req).status == Status.SUBMITTED  # still waiting for the head
        with pytest.raises(RequestError, match="已提请作废"):
            services.request_discard_propose(request=req, reason="no_content", acting_user=office)
        services.request_discard(request=req, acting_user=office_head)
    req = refresh(req)
    assert (req.status, req.discard_reason, req.discard_approved_by) == (
        Status.DISCARDED,
        "duplicate",
        office_head,
    )
    entry = AuditEntry.objects.filter(actor=office_head).latest("id")
    assert "批准作废网上提交" in entry.detail and "重复提交" in entry.detail


def test_the_proposer_does_not_approve(office_head):
    req = submitted()
    with at(D(2026, 3, 3)):
        services.request_discard_propose(request=req, reason="no_content", acting_user=office_head)
        with pytest.raises(RequestError, match="不能自己批准"):
            services.request_discard(request=req, acting_user=office_head)


def test_section_staff_cannot_propose(clerk):
    req = submitted()
    with at(D(2026, 3, 3)), pytest.raises(RequestError, match="没有权限"):
        services.request_discard_propose(request=req, reason="no_content", acting_user=clerk)


def test_discarded_are_counted_by_reason(office, office_head, client):
    for reason in ("no_content", "no_content", "withdrawn"):
        req = submitted()
        with at(D(2026, 3, 3)):
            services.request_discard_propose(request=req, reason=reason, acting_user=office)
            services.request_discard(request=req, acting_user=office_head)
    counts = dict(selectors.discarded_counts(DisclosureRequest.objects.all(), 2026))
    assert counts == {
        "同一申请人重复提交（按另一提交办理）": 0,
        "无实际内容（测试、乱码、广告等）": 2,
        "申请人在确认收到前撤回": 1,
    }
    client.force_login(office)
    with at(D(2026, 3, 4)):
        html = client.get(reverse("requests_app:dashboard")).content.decode()
    assert "无实际内容（测试、乱码、广告等） 2 件" in html


def test_head_sees_the_approve_button_only_after_a_proposal(client, office, office_head):
    req = submitted()
    url = reverse("requests_app:staff_detail", args=[req.pk])
    client.force_login(office_head)
    with at(D(2026, 3, 3)):
        assert "批准作废" not in client.get(url).content.decode()
        services.request_discard_propose(request=req, reason="no_content", acting_user=office)
        assert "批准作废" in client.get(url).content.decode()
    client.force_login(office)
    with at(D(2026, 3, 3)):
        assert "批准作废" not in client.get(url).content.decode()
