"""Smoke test of the whole back office: every registered model admin of every app
(later apps included, through `admin.site._registry`) renders its changelist, add,
change and history pages for a superuser-like office user, on the demo bureau."""

import contextlib
import io

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from tests.disclosure.backoffice import superuser_with_every_role


def _admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
def test_every_admin_page_renders(client, settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=io.StringIO())
    user = superuser_with_every_role()
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.user = user

    failures = []
    checked = 0

    def expect(path, status):
        nonlocal checked
        checked += 1
        try:
            response = client.get(path)
        except Exception as exc:  # noqa: BLE001 - report every broken page at once, not the first
            failures.append(f"{path}: {exc!r}")
            return
        if response.status_code != status:
            failures.append(f"{path}: {response.status_code} (expected {status})")

    expect(reverse("admin:index"), 200)
    for model, model_admin in admin.site._registry.items():
        expect(_admin_url(model, "changelist"), 200)
        expect(_admin_url(model, "add"), 200 if model_admin.has_add_permission(request) else 403)
        obj = model_admin.get_queryset(request).order_by("pk").first()
        if obj is None:
            continue
        expect(_admin_url(model, "change", obj.pk), 200)
        with contextlib.suppress(NoReverseMatch):  # a model admin without history
            expect(_admin_url(model, "history", obj.pk), 200)
    assert not failures, "\n".join(failures)
    assert checked > 3 * len(admin.site._registry)
