"""Read-only JSON API of published items for open-data reuse (F1).

GET /api/v1/items/       filters q, column (slug), topic (code), year, section (id);
                         page (from 1), page_size (1-100, default 20); the
                         first 10,000 results are paged ("count_exact": false
                         when there are more: narrow the filters)
GET /api/v1/items/<id>/  the same fields plus body and attachments
GET /api/v1/schema/      the OpenAPI 3.1 description of both (disclosure.openapi)

Only what `selectors.public_items()` returns is ever serialised. Malformed
parameters are a 400 and an unknown or non-public id a 404, each with
{"error": "<Chinese message>"}. Users' documentation: docs/api.md.
"""

from django.core.paginator import EmptyPage
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from common.errors import PortalError
from common.links import absolute_url
from common.listing import CappedPaginator
from common.pagecache import public_page
from common.sanitize import clean_html
from disclosure import listings, selectors
from disclosure.models import Item
from disclosure.search import PublicFilterForm

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Query parameters of the list besides the filters of PublicFilterForm (disclosure.openapi
# documents both, docs/api.md explains them).
PAGING_PARAMETERS = ("page", "page_size")
PAGE_ERROR = "page 参数应为正整数。"
PAGE_SIZE_ERROR = f"page_size 参数应为 1 至 {MAX_PAGE_SIZE} 之间的整数。"
PAGE_RANGE_ERROR = "页码超出范围，共 {num_pages} 页。"
NOT_FOUND_ERROR = "未找到该信息。"


class ApiError(PortalError):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def _json(data: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Public open data: any site may read it from a browser (no cookies are involved).
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status=status)


def _positive_int(request: HttpRequest, name: str, default: int, message: str) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise ApiError(message)
    return int(raw)


def _date(value) -> str | None:
    return value.isoformat() if value else None


def item_data(request: HttpRequest, item: Item) -> dict:
    """The catalogue fields of one item (list and detail)."""
    return {
        "id": item.pk,
        "index_number": item.index_number,
        "title": item.title,
        "column": {"slug": item.column.slug, "name": item.column.name},
        "topic": {"code": item.topic, "name": item.get_topic_display()},
        "publisher": item.section.organisation.name,
        "section": item.section.name,
        "written_on": _date(item.written_on),
        "published_at": (
            timezone.localtime(item.published_at).replace(microsecond=0).isoformat()
            if item.published_at
            else None
        ),
        "document_number": item.document_number,
        "validity": {"code": item.validity, "name": item.get_validity_display()},
        "keywords": item.keywords,
        "summary": item.summary,
        "url": absolute_url(reverse("disclosure:item", args=[item.pk]), request),
    }


@require_safe
@public_page
def item_list(request: HttpRequest) -> JsonResponse:
    form = PublicFilterForm(request.GET)
    if not form.is_valid():
        return _error(form.first_error(), 400)
    try:
        page_number = _positive_int(request, "page", 1, PAGE_ERROR)
        page_size = _positive_int(request, "page_size", DEFAULT_PAGE_SIZE, PAGE_SIZE_ERROR)
        if page_size > MAX_PAGE_SIZE:
            raise ApiError(PAGE_SIZE_ERROR)
    except ApiError as exc:
        return _error(exc.message, exc.status)

    # At most LISTING_CAP results are paged; `count_exact` is false beyond that.
    paginator = CappedPaginator(listings.search_listing(form.filters()), page_size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        return _error(PAGE_RANGE_ERROR.format(num_pages=paginator.num_pages), 404)
    ids = list(page.object_list)
    by_id = {item.pk: item for item in selectors.public_items_by_ids(ids)}
    items = [by_id[pk] for pk in ids if pk in by_id]

    def page_url(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return absolute_url(f"{request.path}?{params.urlencode()}", request)

    return _json(
        {
            "count": paginator.count,
            "count_exact": not paginator.more,
            "page": page.number,
            "page_size": page_size,
            "num_pages": paginator.num_pages,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "results": [item_data(request, item) for item in items],
        }
    )


@require_safe
@public_page
def item_detail(request: HttpRequest, pk: int) -> JsonResponse:
    try:
        item = selectors.public_content_or_404(pk)
    except Http404:
        return _error(NOT_FOUND_ERROR, 404)
    data = item_data(request, item)
    data["body"] = clean_html(item.body)  # sanitized again, as on the public page
    data["attachments"] = [
        {
            "title": attachment.title,
            "url": absolute_url(
                reverse("disclosure:attachment", args=[item.pk, attachment.pk]), request
            ),
            "size": attachment.size,
            "content_type": attachment.content_type,
            "available": attachment.file_missing_since is None,  # False: 文件暂不可用
        }
        for attachment in item.attachments.all()
    ]
    # A replaced item points to the newer one, as its public page does (F3).
    newer = item.replaced_by if item.replaced_by_id else None
    data["replaced_by"] = (
        absolute_url(reverse("disclosure:api_item", args=[newer.pk]), request)
        if newer is not None and newer.is_public
        else None
    )
    return _json(data)
