"""Pagination of list pages, public and staff alike. A page number that is not a
number or lies out of range is a 404, as Django's own list views do; the pages link
to each other with templates/includes/_pagination.html."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest

PAGE_SIZE = 20


def page_or_404(request: HttpRequest, object_list, *, per_page: int | None = None) -> Page:
    """The page of `object_list` named by the `page` query parameter (default 1)."""
    paginator = Paginator(object_list, per_page or PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        raise Http404("no such page") from None
