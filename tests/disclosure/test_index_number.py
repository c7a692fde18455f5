"""索引号 (domain-rules: `<organisation code>/<year>-<5-digit serial>`): assigned once
at first publication, never changed, serial per organisation per year, no duplicate
under concurrent publication, no number left behind by a failed publication."""

import datetime
import re
import threading
import zoneinfo

import pytest
from django.db import connection, transaction
from django.utils import timezone

from disclosure import services
from disclosure.choices import Publicity
from disclosure.models import IndexSerial, Item, ItemStatus
from tests.factories import ColumnFactory, ItemFactory, OrganisationFactory, SectionFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
CODE = "11330524K14997759R"


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_format_is_code_slash_year_dash_five_digit_serial():
    item = services.item_mark_published(item=ItemFactory(), when=at(2026, 3, 2, 9, 0))
    assert item.index_number == f"{CODE}/2026-00001"
    assert re.fullmatch(r"[0-9A-Z]{18}/\d{4}-\d{5}", item.index_number)
    assert Item.objects.get(pk=item.pk).index_number == item.index_number


@pytest.mark.django_db
def test_serials_count_up_per_year():
    numbers = [
        services.item_mark_published(item=ItemFactory(), when=when).index_number
        for when in (at(2025, 12, 30, 9), at(2025, 12, 31, 9), at(2026, 1, 5, 9), at(2026, 1, 6, 9))
    ]
    assert numbers == [
        f"{CODE}/2025-00001",
        f"{CODE}/2025-00002",
        f"{CODE}/2026-00001",
        f"{CODE}/2026-00002",
    ]


@pytest.mark.django_db
def test_the_year_is_the_local_year_of_publication():
    # 2025-12-31 16:30 UTC is already 2026-01-01 00:30 in Shanghai.
    when = datetime.datetime(2025, 12, 31, 16, 30, tzinfo=datetime.UTC)
    item = services.item_mark_published(item=ItemFactory(), when=when)
    assert item.index_number == f"{CODE}/2026-00001"


@pytest.mark.django_db
def test_serials_are_per_organisation():
    other_org = OrganisationFactory(code="12330524MB1234567X", name="示例县就业管理服务中心")
    other_column = ColumnFactory(responsible_section=SectionFactory(organisation=other_org))
    first = services.item_mark_published(item=ItemFactory(), when=at(2026, 5, 6, 9))
    other = services.item_mark_published(
        item=ItemFactory(column=other_column), when=at(2026, 5, 6, 9)
    )
    assert first.index_number == f"{CODE}/2026-00001"
    assert other.index_number == "12330524MB1234567X/2026-00001"


@pytest.mark.django_db
def test_republication_keeps_the_number_and_the_first_publication_time():
    item = services.item_mark_published(item=ItemFactory(), when=at(2026, 4, 1, 10))
    number, first_time = item.index_number, item.published_at
    Item.objects.filter(pk=item.pk).update(status=ItemStatus.WITHDRAWN, withdrawal_reason="有误")
    services.item_mark_published(item=ItemFactory(), when=at(2026, 4, 2, 10))  # takes 00002
    again = services.item_mark_published(item=Item.objects.get(pk=item.pk), when=at(2026, 6, 1, 10))
    assert again.index_number == number == f"{CODE}/2026-00001"
    assert again.published_at == first_time
    assert IndexSerial.objects.get(year=2026).last_serial == 2


@pytest.mark.django_db
def test_index_number_assign_never_changes_an_existing_number():
    item = services.item_mark_published(item=ItemFactory(), when=at(2026, 4, 1, 10))
    assert services.index_number_assign(item=item, year=2030) == item.index_number
    assert not IndexSerial.objects.filter(year=2030).exists()


@pytest.mark.django_db
def test_a_rolled_back_publication_leaves_no_used_number():
    item = ItemFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.item_mark_published(item=item, when=at(2026, 7, 1, 9))
        raise RuntimeError("the security check failed after numbering")
    item.refresh_from_db()
    assert item.index_number is None
    assert item.status == ItemStatus.DRAFT and item.published_at is None
    assert not IndexSerial.objects.filter(year=2026, last_serial__gt=0).exists()
    nxt = services.item_mark_published(item=ItemFactory(), when=at(2026, 7, 1, 10))
    assert nxt.index_number == f"{CODE}/2026-00001"


@pytest.mark.django_db
def test_a_rolled_back_publication_after_others_does_not_skip_a_number():
    services.item_mark_published(item=ItemFactory(), when=at(2026, 7, 1, 9))
    with pytest.raises(RuntimeError), transaction.atomic():
        services.item_mark_published(item=ItemFactory(), when=at(2026, 7, 1, 9))
        raise RuntimeError
    nxt = services.item_mark_published(item=ItemFactory(), when=at(2026, 7, 1, 10))
    assert nxt.index_number == f"{CODE}/2026-00002"


@pytest.mark.django_db
def test_publication_records_whether_the_deadline_was_met():
    on_time = ItemFactory(formed_on=datetime.date(2026, 3, 2))
    late = ItemFactory(formed_on=datetime.date(2026, 1, 5))
    on_request = ItemFactory(on_request=True, formed_on=datetime.date(2026, 1, 5))
    when = at(2026, 3, 10, 9)
    on_time = services.item_mark_published(item=on_time, when=when)
    late = services.item_mark_published(item=late, when=when)
    on_request = services.item_mark_published(item=on_request, when=when)
    assert on_time.published_on_time is True and on_time.due_on == datetime.date(2026, 3, 30)
    assert late.published_on_time is False
    assert on_request.published_on_time is None and on_request.due_on is None
    assert on_request.publicity == Publicity.ON_REQUEST


def _publish_in_thread(pks, barrier, results, errors):
    try:
        barrier.wait(timeout=30)
        for pk in pks:
            item = services.item_mark_published(item=Item.objects.get(pk=pk))
            results.append(item.index_number)
    except Exception as exc:  # noqa: BLE001 - reported by the main thread
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_publication_gives_distinct_consecutive_numbers():
    items = ItemFactory.create_batch(20)
    pks = [item.pk for item in items]
    threads_count = 5
    barrier = threading.Barrier(threads_count)
    results: list[str] = []
    errors: list[Exception] = []
    threads = [
        threading.Thread(
            target=_publish_in_thread, args=(pks[i::threads_count], barrier, results, errors)
        )
        for i in range(threads_count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(results) == 20 and len(set(results)) == 20
    year = timezone.localdate().year
    serials = sorted(int(number.rsplit("-", 1)[1]) for number in results)
    assert serials == list(range(1, 21))
    assert all(number.startswith(f"{CODE}/{year}-") for number in results)
    stored = set(Item.objects.filter(pk__in=pks).values_list("index_number", flat=True))
    assert stored == set(results)
    assert IndexSerial.objects.get(year=year).last_serial == 20
