"""Context every page shares: the organisation and the navigation."""

from django.urls import NoReverseMatch, reverse

# (label, url name). A link whose view does not exist yet is left out, so apps can
# land one by one without breaking the shell.
PUBLIC_NAV = [
    ("首页", "home"),
    ("信息公开目录", "disclosure:catalogue"),
    ("信息公开指南", "reports:guide"),
    ("依申请公开", "requests_app:apply"),
    ("意见征集", "consultations:list"),
    ("年度报告", "reports:annual_list"),
]
STAFF_NAV = [
    ("工作台", "review:dashboard"),
    ("依申请办理", "requests_app:staff_list"),
    ("意见征集管理", "consultations:staff_list"),
    ("巡查整改", "inspection:dashboard"),
    ("统计", "reports:statistics"),
    ("管理后台", "admin:index"),
]


def _links(entries):
    links = []
    for label, name in entries:
        try:
            links.append({"label": label, "url": reverse(name)})
        except NoReverseMatch:
            continue
    return links


def portal(request):
    from disclosure.selectors import current_organisation

    user = getattr(request, "user", None)
    return {
        "organisation": current_organisation(),
        "public_nav": _links(PUBLIC_NAV),
        "staff_nav": _links(STAFF_NAV) if user is not None and user.is_staff else [],
    }
