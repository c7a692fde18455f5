"""Uploads (F8): type decided by content, size limited, Chinese refusals, and nothing
stored when a file is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common.uploads import validate_upload
from disclosure import services
from disclosure.models import Attachment
from tests.disclosure.backoffice import EXE_BYTES, PDF_BYTES, make_bureau


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_pdf_is_accepted_with_its_type_and_size():
    checked = validate_upload(SimpleUploadedFile("通知.pdf", PDF_BYTES))
    assert checked.content_type == "application/pdf" and checked.size == len(PDF_BYTES)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("通知.pdf", EXE_BYTES, "类型不受支持"),  # an executable named .pdf
        ("通知.pdf", "各有关单位：现将有关事项通知如下。".encode(), "扩展名与实际内容不符"),
        ("通知.docx", PDF_BYTES, "扩展名与实际内容不符"),  # a PDF named .docx
        ("通知.pdf", b"", "文件为空"),
    ],
)
def test_disguised_and_empty_files_are_refused_in_chinese(name, content, message):
    with pytest.raises(ValidationError) as exc:
        validate_upload(SimpleUploadedFile(name, content))
    assert message in " ".join(exc.value.messages)


def test_an_oversized_file_is_refused_with_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        validate_upload(SimpleUploadedFile("大文件.pdf", PDF_BYTES + b" " * 200))
    assert "超过上限" in exc.value.messages[0] and "100" in exc.value.messages[0]


@pytest.mark.django_db
def test_attachment_add_stores_the_checked_type_and_size(settings):
    bureau = make_bureau()
    attachment = services.attachment_add(
        item=bureau.item_a,
        file=SimpleUploadedFile("../../etc/实施细则.pdf", PDF_BYTES),
        acting_user=bureau.clerk_a,
    )
    attachment.refresh_from_db()
    assert attachment.title == "实施细则"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF_BYTES)
    # The stored name is random, never the uploader's.
    assert attachment.file.name.startswith("attachments/") and "etc" not in attachment.file.name
    assert attachment.file.read() == PDF_BYTES
    assert len(stored_files(settings)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, limit",
    [("通知.pdf", EXE_BYTES, None), ("通知.pdf", PDF_BYTES + b" " * 500, 100)],
)
def test_a_refused_attachment_stores_nothing(settings, name, content, limit):
    if limit:
        settings.UPLOAD_MAX_BYTES = limit
    bureau = make_bureau()
    with pytest.raises(ValidationError):
        services.attachment_add(
            item=bureau.item_a, file=SimpleUploadedFile(name, content), acting_user=bureau.clerk_a
        )
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["clerk_b", "leader", "auditor"])
def test_attachment_add_refuses_users_who_may_not_edit_the_item(settings, username):
    bureau = make_bureau()
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            item=bureau.item_a,
            file=SimpleUploadedFile("通知.pdf", PDF_BYTES),
            acting_user=bureau.users[username],
        )
    assert not Attachment.objects.exists() and stored_files(settings) == []


@pytest.mark.django_db
def test_attachment_add_refuses_published_items(settings):
    bureau = make_bureau()
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            item=bureau.item_a_published,
            file=SimpleUploadedFile("通知.pdf", PDF_BYTES),
            acting_user=bureau.clerk_a,
        )
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_deleting_an_attachment_or_its_draft_removes_the_file(
    settings, django_capture_on_commit_callbacks
):
    bureau = make_bureau()
    first = services.attachment_add(
        item=bureau.item_a, file=SimpleUploadedFile("一.pdf", PDF_BYTES), acting_user=bureau.clerk_a
    )
    services.attachment_add(
        item=bureau.item_a, file=SimpleUploadedFile("二.pdf", PDF_BYTES), acting_user=bureau.clerk_a
    )
    assert len(stored_files(settings)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_delete(attachment=first, acting_user=bureau.clerk_a)
    assert len(stored_files(settings)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.item_delete(item=bureau.item_a, acting_user=bureau.clerk_a)
    assert stored_files(settings) == []
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_attachment_update_requires_a_title(settings):
    bureau = make_bureau()
    attachment = services.attachment_add(
        item=bureau.item_a, file=SimpleUploadedFile("一.pdf", PDF_BYTES), acting_user=bureau.clerk_a
    )
    with pytest.raises(ValidationError):
        services.attachment_update(
            attachment=attachment, acting_user=bureau.clerk_a, title=" ", order=1
        )
    services.attachment_update(
        attachment=attachment, acting_user=bureau.clerk_a, title="附件1", order=2
    )
    attachment.refresh_from_db()
    assert (attachment.title, attachment.order) == ("附件1", 2)


@pytest.mark.django_db
def test_attachments_cannot_change_once_the_item_was_submitted_meanwhile(settings):
    """The caller's copy of the item still says 草稿; the database says it went to
    review since: files are content, so adding, renaming and deleting are refused."""
    from disclosure.models import Item, ItemStatus

    bureau = make_bureau()
    item = bureau.item_a
    kept = services.attachment_add(
        item=item, file=SimpleUploadedFile("方案.pdf", PDF_BYTES), acting_user=bureau.clerk_a
    )
    Item.objects.filter(pk=item.pk).update(status=ItemStatus.FIRST_REVIEW)
    assert item.status == ItemStatus.DRAFT  # stale in memory
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            item=item, file=SimpleUploadedFile("通知.pdf", PDF_BYTES), acting_user=bureau.clerk_a
        )
    with pytest.raises(PermissionDenied):
        services.attachment_update(
            attachment=kept, acting_user=bureau.clerk_a, title="新名称", order=1
        )
    with pytest.raises(PermissionDenied):
        services.attachment_delete(attachment=kept, acting_user=bureau.clerk_a)
    kept.refresh_from_db()
    assert kept.title == "方案" and Attachment.objects.count() == 1
    assert len(stored_files(settings)) == 1
