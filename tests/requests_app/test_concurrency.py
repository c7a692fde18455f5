"""50 requests submitted at once all stored, with unique tracking numbers (F6)."""

import threading

import pytest
from django.db import connection

from requests_app import services
from requests_app.models import DisclosureRequest
from tests.requests_app.factories import applicant_data

N = 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_submissions_get_unique_numbers():
    barrier = threading.Barrier(N)
    errors: list[BaseException] = []

    def submit(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            services.request_submit(data=applicant_data(info_title=f"并发申请 {i}"))
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    numbers = list(DisclosureRequest.objects.values_list("tracking_number", flat=True))
    assert len(numbers) == N
    assert len(set(numbers)) == N
    serials = sorted(int(n[-5:]) for n in numbers)
    assert serials == list(range(1, N + 1))  # no duplicates, no gaps
    titles = set(DisclosureRequest.objects.values_list("info_title", flat=True))
    assert titles == {f"并发申请 {i}" for i in range(N)}
