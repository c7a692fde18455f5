"""An attachment whose file is gone from storage: the download says 文件暂不可用 (not
页面不存在), the item page names it without a link, the office is told once, and
all of it goes when the file is back (disclosure.services.missing_files)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from disclosure.models import Attachment
from inspection import services as inspection_services
from tests.disclosure.factories import PDF_BYTES, AttachmentFactory
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def missing(office):
    item = ItemFactory(published=True, title="关于发放就业补贴的公告")
    attachment = AttachmentFactory(item=item, title="补贴名单")
    name = attachment.file.name
    attachment.file.storage.delete(name)
    return item, attachment, name


def _restore(attachment: Attachment, name: str) -> None:
    attachment.file.storage.save(name, ContentFile(PDF_BYTES))


def _item_page(client, item) -> str:
    return client.get(reverse("disclosure:item", args=[item.pk])).content.decode()


def test_download_of_a_missing_file_says_so_records_it_and_tells_the_office_once(
    client, missing, mailoutbox, django_capture_on_commit_callbacks, office
):
    item, attachment, name = missing
    url = reverse("disclosure:attachment", args=[item.pk, attachment.pk])
    assert f'href="{url}"' in _item_page(client, item)  # not known yet: a link
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 404
    text = response.content.decode()
    assert "文件暂不可用" in text and "补贴名单" in text and "页面不存在" not in text
    attachment.refresh_from_db()
    assert attachment.file_missing_since is not None
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [office.email] and "附件缺失" in mail.subject
    assert "补贴名单" in mail.body and reverse("disclosure:item", args=[item.pk]) in mail.body
    # Told once: more visitors find the same file missing, no more mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 404
    assert len(mailoutbox) == 1
    # The item page (from the cache before) now names it without a link.
    page = _item_page(client, item)
    assert "补贴名单" in page and "文件暂不可用" in page and url not in page
    api = client.get(reverse("disclosure:api_item", args=[item.pk])).json()
    assert [a["available"] for a in api["attachments"]] == [False]
    # The file is back: the download works and the mark goes.
    _restore(attachment, name)
    assert client.get(url).status_code == 200
    attachment.refresh_from_db()
    assert attachment.file_missing_since is None
    assert url in _item_page(client, item)


def test_the_site_inspection_marks_missing_files_and_clears_returned_ones(
    client, missing, office, mailoutbox, django_capture_on_commit_callbacks
):
    item, attachment, name = missing
    present = AttachmentFactory(item=item, title="申报表")
    with django_capture_on_commit_callbacks(execute=True):
        inspection_services.inspection_run(acting_user=office)
    attachment.refresh_from_db()
    present.refresh_from_db()
    assert attachment.file_missing_since is not None and present.file_missing_since is None
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        inspection_services.inspection_run(acting_user=office)
    assert len(mailoutbox) == 1  # still missing: not told again
    assert "文件暂不可用" in _item_page(client, item)
    _restore(attachment, name)
    inspection_services.inspection_run(acting_user=office)
    attachment.refresh_from_db()
    assert attachment.file_missing_since is None
    assert "文件暂不可用" not in _item_page(client, item)
