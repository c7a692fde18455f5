"""长者模式 and the 无障碍声明 (GB/T 37668-2019, WCAG 2.1 AA, the 适老化 requirements
for government sites; docs/accessibility.md).

长者模式 changes only how pages look (larger text, stronger contrast, larger
targets, one column: static/css/elder.css). It works without JavaScript: the switch
in the header of every page is a plain link to `/elder-mode/?on=1&next=<page>`,
which sets or deletes a cookie and sends the visitor back. The cookie is read by
`portal.context_processors.portal` (`elder_mode`); the shared page cache keeps one
copy per value of it (`settings.PAGE_CACHE_VARY_COOKIES`, common.pagecache).
"""

import datetime

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from common.pagecache import public_page

ELDER_COOKIE = "elder_mode"
ELDER_COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # one year
# When the statement was last reviewed against the standards (shown on the page).
LAST_REVIEWED = datetime.date(2026, 12, 5)


def elder_mode_on(request) -> bool:
    return request.COOKIES.get(ELDER_COOKIE) == "1"


def _safe_next(request) -> str:
    """The page to go back to: a path of this site only; anything else (another
    host, a scheme, nothing) goes to the home page."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


@require_safe
def elder_mode(request):
    """Turn 长者模式 on (`on=1`) or off (`on=0`); without `on`, toggle. A GET is
    enough: it changes only how pages look, nothing is stored on the server."""
    wanted = request.GET.get("on")
    turn_on = not elder_mode_on(request) if wanted not in ("0", "1") else wanted == "1"
    response = HttpResponseRedirect(_safe_next(request))
    response["Cache-Control"] = "no-store"
    if turn_on:
        response.set_cookie(
            ELDER_COOKIE,
            "1",
            max_age=ELDER_COOKIE_MAX_AGE,
            path=settings.SESSION_COOKIE_PATH,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(ELDER_COOKIE, path=settings.SESSION_COOKIE_PATH, samesite="Lax")
    return response


@require_safe
@public_page
def statement(request):
    """无障碍声明: what the site conforms to, what 长者模式 does, keyboard use, known
    limits, how to report a barrier."""
    return render(request, "portal/accessibility.html", {"last_reviewed": LAST_REVIEWED})
