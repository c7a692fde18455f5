"""Reg. 44: information several applicants obtained on request is proposed for
proactive disclosure, and the proposal is closed with the public item or a reason."""

import pytest
from django.urls import reverse

from requests_app import selectors, services
from requests_app.models import DisclosureRequest, ProactiveProposal, ProposalStatus
from requests_app.services import RequestError
from tests.factories import ItemFactory
from tests.requests_app.factories import D, answered

pytestmark = pytest.mark.django_db


def three_asked(office, section, clerk):
    a = answered(office, section, clerk, D(2026, 3, 2), D(2026, 3, 9), outcome="disclosed")
    b = answered(
        office,
        section,
        clerk,
        D(2026, 3, 3),
        D(2026, 3, 10),
        outcome="partial",
        info_title="2025年度 就业补助资金使用情况",
    )
    c = answered(
        office, section, clerk, D(2026, 3, 4), D(2026, 3, 11), outcome="not_processed_repeat"
    )
    return a, b, c


def test_frequently_requested_lists_disclosable_information_asked_twice(office, section, clerk):
    a, b, c = three_asked(office, section, clerk)
    rows = selectors.frequently_requested(DisclosureRequest.objects.all())
    assert len(rows) == 1
    assert {r.pk for r in rows[0].requests} == {a.pk, b.pk}  # the repeat is not disclosable


def test_propose_and_publish(office, section, clerk):
    a, b, _ = three_asked(office, section, clerk)
    proposal = services.proactive_proposal_create(
        request=a, note="两个申请人申请相同信息。", acting_user=office
    )
    assert set(proposal.requests.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert selectors.frequently_requested(DisclosureRequest.objects.all()) == []
    draft = ItemFactory()
    with pytest.raises(RequestError, match="尚未作为主动公开信息发布"):
        services.proactive_proposal_resolve(proposal=proposal, item=draft, acting_user=office)
    item = ItemFactory(published=True)
    services.proactive_proposal_resolve(proposal=proposal, item=item, acting_user=office)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.item) == (ProposalStatus.PUBLISHED, item)
    with pytest.raises(RequestError, match="已办理"):
        services.proactive_proposal_resolve(
            proposal=proposal, decline_reason="x", acting_user=office
        )


def test_proposal_refusals(office, section, clerk):
    a, _, repeat = three_asked(office, section, clerk)
    with pytest.raises(RequestError, match="没有权限"):
        services.proactive_proposal_create(request=a, note="x", acting_user=clerk)
    with pytest.raises(RequestError, match="理由"):
        services.proactive_proposal_create(request=a, note=" ", acting_user=office)
    with pytest.raises(RequestError, match="予以公开或部分公开"):
        services.proactive_proposal_create(request=repeat, note="x", acting_user=office)
    proposal = services.proactive_proposal_create(request=a, note="x", acting_user=office)
    with pytest.raises(RequestError, match="已有待办理"):
        services.proactive_proposal_create(request=a, note="x", acting_user=office)
    with pytest.raises(RequestError, match="二者选一"):
        services.proactive_proposal_resolve(proposal=proposal, acting_user=office)
    services.proactive_proposal_resolve(
        proposal=proposal, decline_reason="涉及个人信息，不宜主动公开。", acting_user=office
    )
    assert ProactiveProposal.objects.get().status == ProposalStatus.DECLINED


def test_page_is_the_offices(client, office, section, clerk, leader):
    three_asked(office, section, clerk)
    url = reverse("requests_app:proactive")
    for user in (clerk, leader):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(office)
    html = client.get(url).content.decode()
    assert "就业补助资金使用情况" in html and "2 件申请" in html
