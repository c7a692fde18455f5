"""sitemap.xml: public pages, columns and published items (F1)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from disclosure import selectors
from disclosure.models import Column, Item

# The public entry pages. Other apps' pages are named by url name and left out
# while that app is not installed (as the navigation does).
STATIC_PAGES = [
    "home",
    "disclosure:catalogue",
    "disclosure:topics",
    "reports:guide",  # Reg. 12: the guide must be easy to find
    "requests_app:apply",
    "consultations:list",
    "reports:annual_list",
]


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        names = []
        for name in STATIC_PAGES:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            names.append(name)
        return names

    def location(self, name: str) -> str:
        return reverse(name)


class ColumnSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Column.objects.order_by("order", "id")

    def location(self, column: Column) -> str:
        return reverse("disclosure:column", args=[column.slug])


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        # Only the fields the sitemap needs: bodies can be long.
        return selectors.public_items().select_related(None).only("id", "updated_at")

    def location(self, item: Item) -> str:
        return reverse("disclosure:item", args=[item.pk])

    def lastmod(self, item: Item):
        return item.updated_at

    def get_latest_lastmod(self):
        # The sitemap index asks for this; Django's default loads every item for it.
        return selectors.public_items().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "columns": ColumnSitemap,
    "items": ItemSitemap,
    # Other apps' public pages (e.g. consultations), named in settings.EXTRA_SITEMAPS.
    **{name: import_string(path) for name, path in settings.EXTRA_SITEMAPS.items()},
}
