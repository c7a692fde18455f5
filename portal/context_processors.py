"""Context every page shares: the organisation and the navigation."""

from functools import cache

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.module_loading import import_string

# (label, url name). A link whose view does not exist is left out.
PUBLIC_NAV = [
    ("首页", "home"),
    ("信息公开目录", "disclosure:catalogue"),
    ("信息公开指南", "reports:guide"),
    ("依申请公开", "requests_app:apply"),
    ("意见征集", "consultations:list"),
    ("政务咨询", "enquiries:ask"),
    ("年度报告", "reports:annual_list"),
]
# (label, url name, the permission function that decides who sees the link).
# Staff see only the links to pages they may open.
STAFF_NAV = [
    ("工作台", "review:dashboard", "review.permissions.can_use_review"),
    ("依申请办理", "requests_app:staff_list", "requests_app.permissions.can_use_requests"),
    ("意见征集管理", "consultations:staff_list", "consultations.permissions.can_use_staff_pages"),
    ("政务咨询", "enquiries:staff_list", "enquiries.permissions.can_use_enquiries"),
    ("巡查整改", "inspection:dashboard", "inspection.permissions.can_view_dashboard"),
    ("统计", "reports:statistics", "reports.permissions.can_view_statistics"),
    ("管理后台", "admin:index", None),
]


def _url(name: str) -> str | None:
    # Keyed by the script prefix too: under a URL prefix (settings.URL_PREFIX) every
    # link carries it, and a cached link must not outlive a change of it.
    return _reverse(name, get_script_prefix())


@cache
def _reverse(name: str, prefix: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _allowed(user, predicate: str | None) -> bool:
    if predicate is None:
        return True
    try:
        check = import_string(predicate)
    except ImportError:
        return False
    return bool(check(user))


def staff_links(user) -> list[dict]:
    """The staff navigation `user` may follow (empty for anyone but active staff)."""
    if user is None or not user.is_authenticated or not user.is_staff:
        return []
    from accounts.otp import OK, second_factor_state

    if second_factor_state(user) != OK:
        return []  # nothing to follow before the second factor is given
    return [
        {"label": label, "url": _url(name)}
        for label, name, predicate in STAFF_NAV
        if _url(name) and _allowed(user, predicate)
    ]


def portal(request):
    from disclosure.selectors import page_identity
    from portal.accessibility import elder_mode_on

    user = getattr(request, "user", None)
    public = [{"label": label, "url": _url(name)} for label, name in PUBLIC_NAV if _url(name)]
    staff = staff_links(user)
    organisation, site = page_identity()
    return {
        # 长者模式 (portal.accessibility): a cookie, so cached copies vary on it.
        "elder_mode": elder_mode_on(request),
        "organisation": organisation,
        "site": site,
        "public_nav": public,
        "staff_nav": staff,
    }
