"""Joins main's search-document migration (0007_search_document_toast) and the
national-standards chain (0007-0014) of this branch; no operation."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0007_search_document_toast"),
        ("disclosure", "0014_preload_standard_directory"),
    ]

    operations = []
