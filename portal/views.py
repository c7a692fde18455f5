"""The public shell: home page and error pages."""

import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_safe

from common.pagecache import public_page
from disclosure import selectors

logger = logging.getLogger(__name__)

HOME_LATEST = 10
HOME_PER_COLUMN = 6


@require_safe
@public_page
def home(request):
    """Latest public items, the main columns with their latest items, quick links
    (the nav entries of portal/context_processors.py) and the catalogue entry
    points (F1). A handful of queries whatever the number of columns or items."""
    top_columns, latest_items = selectors.top_columns_with_latest(
        per_column=HOME_PER_COLUMN, latest=HOME_LATEST
    )
    return render(
        request,
        "portal/home.html",
        {
            "latest_items": latest_items,
            "top_columns": top_columns,
            "topics": [t for t in selectors.topics_with_counts() if t.count],
        },
    )


@login_required
def staff_start(request):
    """The staff start page: where a login without `next` lands. Sends each user
    to the first back-office page their roles open (the staff navigation, in its
    order); an account without a staff role goes to the public home page."""
    from portal.context_processors import staff_links

    links = staff_links(request.user)
    return redirect(links[0]["url"] if links else "home")


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


# How long a client is asked to wait when the database does not answer (seconds).
RETRY_AFTER_SECONDS = 30


def _database_unavailable(exc: BaseException | None) -> bool:
    """The error (or one it came from) says the database cannot be reached or the
    connection broke: psycopg's and SQLite's connection errors arrive as these."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def server_error(request):
    """Rendered without the request's context processors: whatever broke (often the
    database) must not break the error page too.

    The one place every uncaught error ends (a view's, or a middleware's such as the
    session's): when the database is unreachable the answer is 503 with Retry-After
    and a page that says to try again shortly, not 500. Public pages in the shared
    page cache are answered before the database is touched (common.pagecache)."""
    if _database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    try:
        body = loader.get_template("errors/500.html").render({})
    except Exception:  # the last resort must not raise
        logger.exception("the 500 page could not be rendered")
        body = "<!DOCTYPE html><title>系统繁忙</title><h1>系统繁忙</h1><p>服务器暂时出错，请稍后再试。</p>"
    return HttpResponseServerError(body)


def service_unavailable(request):
    """503 with Retry-After; standalone like the 500 page (no database, no context
    processors), never stored by a cache."""
    try:
        body = loader.get_template("errors/503.html").render({})
    except Exception:  # the last resort must not raise
        logger.exception("the 503 page could not be rendered")
        body = (
            "<!DOCTYPE html><title>服务暂时不可用</title><h1>服务暂时不可用</h1><p>请稍后再试。</p>"
        )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: an expired or very old page, or
    cookies turned off. Says what to do, in Chinese; the technical reason is not
    shown. A fresh token is issued so that the reloaded form can be sent."""
    get_token(request)
    return render(request, "errors/csrf.html", status=403)


# -- Site pages every government site has (国办发〔2017〕47号: 网站地图, 联系我们, 网站声明) --


@require_safe
@public_page
def site_map(request):
    """The human-readable site map: the main pages and the whole column tree."""
    return render(request, "portal/site_map.html", {"tree": selectors.column_tree().flat()})


@require_safe
@public_page
def contact(request):
    return render(request, "portal/contact.html")


@require_safe
@public_page
def statement(request):
    """网站声明 with the privacy statement (the 系统管理员 keeps both texts)."""
    return render(request, "portal/statement.html")
