"""The signed-document path (Art. 9(2)) and the workflow's emails."""

import pytest

from disclosure.choices import Publicity
from disclosure.models import ItemStatus
from review import services
from review.models import Action, Decision, SignOff
from tests.review.factories import draft, walk

S = ItemStatus
pytestmark = pytest.mark.django_db


# --- the signed-document path (Art. 9(2)) ------------------------------------------------


def test_signed_document_is_released_on_its_sign_off_record(team):
    item = draft(team, is_signed_document=True, document_number="示人社发〔2026〕3号")
    published = services.item_publish_signed(
        item=item,
        signer="王某某",
        signer_title="局长",
        signed_on=item.formed_on,
        acting_user=team.office,
    )
    item.refresh_from_db()
    assert item.is_public and published[0].pk == item.pk
    record = SignOff.objects.get(item=item)
    assert (record.signer, record.signer_title, record.signed_on, record.recorded_by) == (
        "王某某",
        "局长",
        item.formed_on,
        team.office,
    )
    decision = Decision.objects.get(item=item, action=Action.PUBLISH_SIGNED)
    assert decision.actor == team.office and "王某某" in decision.opinion
    assert not Decision.objects.filter(item=item, action=Action.APPROVE).exists()


def test_unsigned_item_cannot_skip_the_three_stages(team):
    item = draft(team)
    with pytest.raises(services.TransitionError, match="三审|初审"):
        services.item_publish_signed(
            item=item, signer="王某某", signed_on=item.formed_on, acting_user=team.office
        )


def test_signed_path_needs_signer_and_a_past_date(team):
    import datetime

    item = draft(team, is_signed_document=True)
    with pytest.raises(services.TransitionError) as refused:
        services.item_publish_signed(
            item=item,
            signer="",
            signed_on=datetime.date.today() + datetime.timedelta(days=2),
            acting_user=team.office,
        )
    assert refused.value.problems == ["请填写签发人。", "签发日期不能晚于今天。"]


def test_signed_path_still_runs_the_security_check(team):
    item = draft(team, is_signed_document=True, body="<p>身份证 110105199003070017</p>")
    with pytest.raises(services.TransitionError, match="个人信息"):
        services.item_publish_signed(
            item=item, signer="王某某", signed_on=item.formed_on, acting_user=team.office
        )
    assert not SignOff.objects.filter(item=item).exists()
    item.refresh_from_db()
    assert item.status == S.DRAFT


def test_signed_on_request_item_is_published_but_not_public(team):
    item = draft(team, is_signed_document=True, on_request=True)
    services.item_publish_signed(
        item=item, signer="王某某", signed_on=item.formed_on, acting_user=team.office
    )
    item.refresh_from_db()
    assert item.status == S.PUBLISHED and item.publicity == Publicity.ON_REQUEST
    assert not item.is_public and item.published_on_time is None


# --- emails ------------------------------------------------------------------------------


def test_emails_go_to_the_next_stage_and_back_to_the_drafter(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    item = draft(team)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_submit(item=item, acting_user=team.clerk)
    assert {tuple(m.to) for m in mailoutbox} == {(team.head.email,), (team.head2.email,)}
    assert "待初审" in mailoutbox[0].subject
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_approve(item=item, acting_user=team.head)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([team.office.email, team.office2.email])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_return(item=item, acting_user=team.office, opinion="请补充附件。")
    assert [m.to for m in mailoutbox] == [[team.clerk.email]]
    assert "请补充附件。" in mailoutbox[0].body and "复审" in mailoutbox[0].body


def test_no_email_when_the_transition_is_refused(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    item = draft(team, publicity="")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.TransitionError):
        services.item_submit(item=item, acting_user=team.clerk)
    assert mailoutbox == []


def test_reviewer_who_may_not_act_gets_no_stage_email(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    item = walk(draft(team, created_by=team.head), team, S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_submit(item=item, acting_user=team.head)
    assert [m.to for m in mailoutbox] == [[team.head2.email]]  # not the drafting head


def test_every_field_the_drafter_writes_is_part_of_the_approved_revision():
    """F3: changing anything the drafter can edit voids the approvals of the old text."""
    from disclosure.models import Item
    from disclosure.services import ITEM_FIELDS
    from review.revision import CONTENT_FIELDS

    for name in ITEM_FIELDS:
        assert Item._meta.get_field(name).attname in CONTENT_FIELDS, name
