"""Helpers shared by the requests app's pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from common.exports import file_response
from requests_app import permissions, selectors
from requests_app.models import DisclosureRequest


def _serve(f):
    # An applicant's files and the reply: personal data, never cached.
    return file_response(
        f.file.open("rb"), filename=f.name, content_type=f.content_type, private=True
    )


def _staff(user) -> None:
    if not permissions.can_use_requests(user):
        raise Http404


def _visible(request, pk: int) -> DisclosureRequest:
    _staff(request.user)
    qs = selectors.with_clock_data(permissions.requests_visible_to(request.user))
    return get_object_or_404(qs, pk=pk)
