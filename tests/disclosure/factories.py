"""Factories of the disclosure app's own tests (shared ones: tests/factories.py)."""

import factory

from disclosure.models import Attachment
from tests.factories import ItemFactory

# A minimal PDF: enough for a reader to recognise the type.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attachment stored under MEDIA_ROOT (a per-test folder, tests/conftest.py),
    with size and type as the upload check would have recorded them."""

    class Meta:
        model = Attachment

    item = factory.SubFactory(ItemFactory, published=True)
    title = factory.Sequence(lambda n: f"附件{n}：申请表")
    file = factory.django.FileField(data=PDF_BYTES, filename="form.pdf")
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(PDF_BYTES))
