from django.db import models


class SearchDocument(models.Model):
    """The search document of one public item (disclosure.search_index keeps it in
    step): what search matches against, normalised (lower case), with the fields
    the filters and the order need, so a search reads this table alone.

    `grams` holds every distinct character and pair of adjacent characters of
    `text` (the overlapping-bigram technique of CJK analyzers), space-separated;
    `title_grams` the same for the title. On PostgreSQL GIN indexes over them serve
    queries of any length; on SQLite an FTS5 table holds them (docs/search.md)."""

    item = models.OneToOneField(
        "disclosure.Item",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    column = models.ForeignKey(
        "disclosure.Column", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    section = models.ForeignKey(
        "disclosure.Section", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    topic = models.CharField(max_length=10)
    published_at = models.DateTimeField()
    title = models.TextField()
    text = models.TextField()
    grams = models.TextField(blank=True)
    title_grams = models.TextField(blank=True)

    class Meta:
        verbose_name = "检索文档"
        verbose_name_plural = "检索文档"
        indexes = [
            models.Index(fields=["-published_at", "-item"], name="searchdoc_newest_idx"),
            # The catalogue's counts per column, topic, section and year: an
            # index-only scan (disclosure.selectors.catalogue_counts).
            models.Index(
                fields=["column", "section", "topic", "published_at"], name="searchdoc_facets_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title
