"""Two reviewers acting on the same item at the same moment: one succeeds, the other
gets a clear message and nothing is lost (PostgreSQL: real row locks, threads)."""

import threading

import pytest
from django.db import close_old_connections

from disclosure.models import Item, ItemStatus
from review import services
from review.models import Action, Decision
from tests.review.factories import draft, make_team, walk

S = ItemStatus


def race(*calls):
    """Run the calls at the same moment in threads; return (results, errors)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:  # noqa: BLE001 - collected for the assertions
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_approve_and_return_at_once():
    team = make_team()
    item = walk(draft(team), team, S.SECOND_REVIEW)
    token = services.form_token(item)
    results, errors = race(
        lambda: services.review_approve(
            item=Item(pk=item.pk), acting_user=team.office, expected_token=token
        ),
        lambda: services.review_return(
            item=Item(pk=item.pk),
            acting_user=team.office2,
            opinion="需要退回",
            expected_token=token,
        ),
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], services.StaleForm)
    assert "已由" in errors[0].message
    decisions = Decision.objects.filter(
        item_id=item.pk, action__in=[Action.APPROVE, Action.RETURN], stage="second"
    )
    assert decisions.count() == 1
    item.refresh_from_db()
    assert item.status in (S.FINAL_REVIEW, S.RETURNED)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_releases_at_once_publish_once():
    team = make_team()
    item = walk(draft(team), team, S.APPROVED)
    results, errors = race(
        lambda: services.item_release(item=Item(pk=item.pk), acting_user=team.office),
        lambda: services.item_release(item=Item(pk=item.pk), acting_user=team.leader),
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], services.TransitionError)
    assert Decision.objects.filter(item_id=item.pk, action=Action.RELEASE).count() == 1
    item.refresh_from_db()
    assert item.is_public and item.index_number


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publish_due_in_two_processes_publishes_once():
    import datetime

    from django.utils import timezone

    team = make_team()
    item = walk(draft(team), team, S.APPROVED)
    when = timezone.now() + datetime.timedelta(minutes=1)
    services.item_schedule(item=item, when=when, acting_user=team.office)
    later = when + datetime.timedelta(minutes=1)
    results, errors = race(
        lambda: services.items_publish_due(now=later),
        lambda: services.items_publish_due(now=later),
    )
    assert errors == []
    assert sum(len(o.published) for outcomes in results for o in outcomes) == 1
    assert Decision.objects.filter(item_id=item.pk, action=Action.PUBLISH_SCHEDULED).count() == 1
