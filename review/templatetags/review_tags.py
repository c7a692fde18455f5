"""Template helpers of the review app: the public links and notices of an item
(public item page hooks) and status badges for staff lists."""

from django import template

from disclosure.models import ItemStatus
from review import selectors

register = template.Library()

_BADGE = {
    ItemStatus.DRAFT: "",
    ItemStatus.RETURNED: "bad",
    ItemStatus.FIRST_REVIEW: "warn",
    ItemStatus.SECOND_REVIEW: "warn",
    ItemStatus.FINAL_REVIEW: "warn",
    ItemStatus.APPROVED: "ok",
    ItemStatus.SCHEDULED: "ok",
    ItemStatus.PUBLISHED: "ok",
    ItemStatus.WITHDRAWN: "bad",
}


@register.simple_tag
def review_public_links(item):
    """Public interpretation / response / replacement links of `item`, both ways
    (computed once per page: both hooks use them)."""
    cached = getattr(item, "_review_public_links", None)
    if cached is None:
        cached = selectors.public_links(item)
        item._review_public_links = cached
    return cached


@register.simple_tag
def review_change_notes(item):
    return list(selectors.public_change_notes(item))


@register.filter
def status_badge(item) -> str:
    return _BADGE.get(item.status, "")
