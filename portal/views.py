"""The public shell: home page and error pages."""

from django.shortcuts import render

from disclosure import selectors


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "latest_items": selectors.latest_published_items(limit=10),
            "top_columns": selectors.top_columns_with_latest(per_column=5),
        },
    )


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)
