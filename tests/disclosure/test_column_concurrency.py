"""Two column reassignments at the same moment (PostgreSQL: real row locks,
threads). The object permission must follow the section that ends up responsible:
the second assignment has to see the first one's result, not the stale old section."""

import threading

import pytest
from django.db import close_old_connections, transaction
from guardian.shortcuts import get_perms

from disclosure import services
from disclosure.models import Column
from tests.factories import ColumnFactory, SectionFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_reassignments_leave_only_the_final_section_with_the_permission():
    column = ColumnFactory()
    section_a = column.responsible_section
    section_b = SectionFactory(organisation=section_a.organisation)
    section_c = SectionFactory(organisation=section_a.organisation)
    first_done, release_first = threading.Event(), threading.Event()
    errors: list[Exception] = []

    def first():
        try:
            with transaction.atomic():
                services.column_assign_section(column=Column(pk=column.pk), section=section_b)
                first_done.set()
                release_first.wait(timeout=30)  # commit only once the second one has started
        except Exception as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            first_done.set()
            close_old_connections()

    def second():
        try:
            services.column_assign_section(column=Column(pk=column.pk), section=section_c)
        except Exception as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            close_old_connections()

    t1 = threading.Thread(target=first)
    t1.start()
    assert first_done.wait(timeout=30)
    t2 = threading.Thread(target=second)
    t2.start()
    t2.join(timeout=1)  # let the second assignment reach the locked row
    release_first.set()
    t1.join(timeout=30)
    t2.join(timeout=30)
    assert not errors, errors
    column.refresh_from_db()
    assert column.responsible_section == section_c
    assert get_perms(section_c.group, column) == ["manage_column_items"]
    assert get_perms(section_b.group, column) == []
    assert get_perms(section_a.group, column) == []
