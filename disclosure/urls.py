from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from common.pagecache import public_page
from disclosure import api, feeds, openapi, views
from disclosure.sitemaps import SITEMAPS

app_name = "disclosure"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("standard/", views.standard_directory, name="standard"),
    path("columns/<slug:slug>/", views.column_detail, name="column"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/print/", views.item_print, name="item_print"),
    path(
        "items/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<str:code>/", views.topic_detail, name="topic"),
    path("sections/<int:pk>/", views.section_detail, name="section"),
    path("years/<int:year>/", views.year_detail, name="year"),
    path("search/", views.search, name="search"),
    path("feeds/latest.xml", public_page(feeds.LatestItemsFeed()), name="feed_latest"),
    path("feeds/columns/<slug:slug>.xml", public_page(feeds.ColumnFeed()), name="feed_column"),
    # An index with one sitemap per section (items paginated), so it scales.
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "disclosure:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("api/v1/items/", api.item_list, name="api_items"),
    path("api/v1/items/<int:pk>/", api.item_detail, name="api_item"),
    path("api/v1/schema/", openapi.schema_view, name="api_schema"),
]
