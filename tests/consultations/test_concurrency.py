"""Real concurrency on PostgreSQL: the same comment sent twice at once is stored
once; two moderators approving one comment at once record one decision."""

import threading

import pytest
from django.db import connection

from consultations import services
from consultations.models import Comment, Consultation, Moderation

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _run_at_once(target, count):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(n):
        try:
            barrier.wait(timeout=30)
            results.append(target(n))
        except Exception as exc:  # noqa: BLE001 - collected for the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_same_comment_sent_at_once_is_stored_once():
    from tests.consultations.factories import ConsultationFactory

    pk = ConsultationFactory(published=True).pk

    def send(_n):
        return services.comment_submit(
            consultation=Consultation.objects.get(pk=pk),
            author_name="",
            contact="",
            body="同一条意见，同时提交了两次。",
            client_address="10.1.1.1",
        )

    results, errors = _run_at_once(send, 4)
    assert len(results) == 1
    assert len(errors) == 3
    assert all(isinstance(e, services.CommentRefused) for e in errors), errors
    assert Comment.objects.count() == 1


def test_two_moderators_approving_at_once_record_one_decision():
    from accounts.roles import Role
    from tests.consultations.factories import CommentFactory, office_section
    from tests.factories import staff

    comment = CommentFactory()
    moderators = [staff(Role.OFFICE_REVIEWER, office_section()) for _ in range(2)]

    def approve(n):
        return services.comment_approve(
            comment=Comment.objects.get(pk=comment.pk), acting_user=moderators[n]
        )

    results, errors = _run_at_once(approve, 2)
    assert len(results) == 1
    assert len(errors) == 1 and "不能执行" in str(errors[0])
    assert Moderation.objects.filter(comment=comment).count() == 1
