"""Downloads handed to nginx after the permission check (PROTECTED_MEDIA_ACCEL)."""

import io
from urllib.parse import quote

import pytest
from django.urls import reverse

from common.exports import file_response
from tests.disclosure.factories import PDF_BYTES, AttachmentFactory
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def _url(attachment):
    return reverse("disclosure:attachment", args=[attachment.item.pk, attachment.pk])


def test_behind_nginx_a_public_attachment_is_an_internal_redirect(client, settings):
    settings.PROTECTED_MEDIA_ACCEL = True
    attachment = AttachmentFactory(title="申请表")
    response = client.get(_url(attachment))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected/" + quote(attachment.file.name)
    assert response.content == b""  # nginx sends the file, not a gunicorn worker
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" not in response.get("Cache-Control", "")


def test_without_nginx_the_application_streams_the_file(client, settings):
    settings.PROTECTED_MEDIA_ACCEL = False
    attachment = AttachmentFactory()
    response = client.get(_url(attachment))
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_permission_check_still_comes_first(client, settings):
    settings.PROTECTED_MEDIA_ACCEL = True
    draft = AttachmentFactory(item=ItemFactory())  # an unpublished item's file
    response = client.get(_url(draft))
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_file_missing_on_disk_is_404_not_a_redirect_to_nothing(client, settings):
    settings.PROTECTED_MEDIA_ACCEL = True
    attachment = AttachmentFactory()
    attachment.file.storage.delete(attachment.file.name)
    response = client.get(_url(attachment))
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_private_file_keeps_no_store_behind_nginx(settings):
    settings.PROTECTED_MEDIA_ACCEL = True
    attachment = AttachmentFactory()
    response = file_response(
        attachment.file.open("rb"), filename="答复.pdf", content_type="", private=True
    )
    assert response["X-Accel-Redirect"].startswith(settings.PROTECTED_MEDIA_ACCEL_PREFIX)
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/octet-stream"


def test_content_not_stored_as_an_upload_is_streamed(settings):
    settings.PROTECTED_MEDIA_ACCEL = True
    response = file_response(
        io.BytesIO(b"abc"), filename="x.txt", content_type="text/plain", private=True
    )
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"abc"
