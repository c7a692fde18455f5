"""Template helpers for consultations: the time left, phase badges, and the links
a public item page shows to the consultation it belongs to (Art. 7(3)2: the
feedback is published linked to the consultation and the resulting policy)."""

import datetime

from django import template

from consultations import selectors
from consultations.models import Phase

register = template.Library()

PHASE_BADGES = {
    Phase.DRAFT: "",
    Phase.UPCOMING: "warn",
    Phase.OPEN: "ok",
    Phase.CLOSED: "bad",
    Phase.CONCLUDED: "",
}


@register.filter
def time_left(delta: datetime.timedelta | None) -> str:
    """ "剩余 3 天 4 小时" style; empty when there is no time left."""
    if delta is None or delta.total_seconds() <= 0:
        return ""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"剩余 {days} 天 {hours} 小时"
    if hours:
        return f"剩余 {hours} 小时 {minutes} 分钟"
    return f"剩余 {max(minutes, 1)} 分钟"


@register.filter
def phase_badge(phase: str) -> str:
    return PHASE_BADGES.get(phase, "")


@register.inclusion_tag("consultations/_public_item_links.html")
def consultation_links(item):
    """On a public item page: the consultation(s) this item is the draft, the
    feedback or the resulting policy of. Only public consultations."""
    return {"item": item, "links": selectors.public_consultations_for_item(item)}
