"""Search documents rebuilt by a background task (disclosure.tasks)."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from common.pagecache import catalogue_version
from disclosure.models import SearchDocument
from tests.factories import ItemFactory

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_inline_the_document_is_written_with_the_publication():
    item = ItemFactory(published=True)
    assert SearchDocument.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_queued_the_publication_carries_its_reindex_task_and_rolls_back_with_it(settings):
    settings.TASKS = DB_TASKS
    item = ItemFactory(published=True)
    assert not SearchDocument.objects.filter(pk=item.pk).exists()  # not in the request
    [queued] = DBTaskResult.objects.filter(task_path="disclosure.tasks.reindex_items")
    assert queued.args_kwargs["kwargs"]["item_ids"] == [item.pk]
    try:
        with transaction.atomic():
            ItemFactory(published=True)
            raise RuntimeError("the publication failed")
    except RuntimeError:
        pass
    assert DBTaskResult.objects.filter(task_path="disclosure.tasks.reindex_items").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_writes_the_document_and_drops_the_page_copies(settings):
    settings.TASKS = DB_TASKS
    item = ItemFactory(published=True)
    version = catalogue_version()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert SearchDocument.objects.filter(pk=item.pk).exists()
    # Copies of search pages made before the index caught up are not served again.
    assert catalogue_version() > version
    assert DBTaskResult.objects.get(task_path="disclosure.tasks.reindex_items").return_value == 1
