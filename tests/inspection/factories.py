"""Helpers for inspection tests: items public since a given day, office staff."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.roles import Role
from disclosure.models import Attachment, Item
from disclosure.services import attachment_extract
from tests.factories import ItemFactory, SectionFactory, staff


def at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def published_on(day: datetime.date | None, **kwargs) -> Item:
    """A public item whose publication date is `day` (None: public, undated). Whether
    it made its deadline is left unrecorded (as for items published before that was
    recorded): readers compute it from the dates."""
    item = ItemFactory(published=True, **kwargs)
    Item.objects.filter(pk=item.pk).update(
        published_at=at_noon(day) if day else None, published_on_time=None
    )
    item.refresh_from_db()
    return item


def attach(item: Item, content: bytes, *, name="file.pdf", content_type="application/pdf"):
    attachment = Attachment(item=item, title=name, size=len(content), content_type=content_type)
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    # The text is read once when a file is stored (the upload service does it).
    return attachment_extract(attachment=attachment)


def office_user(**kwargs):
    office = SectionFactory(office=True) if "section" not in kwargs else kwargs.pop("section")
    return staff(Role.OFFICE_REVIEWER, section=office, **kwargs)


def minimal_pdf(text: str = "hello") -> bytes:
    """A small valid one-page PDF (reportlab)."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(100, 750, text)
    pdf.save()
    return buffer.getvalue()
