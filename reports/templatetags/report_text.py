"""Plain text typed by staff (guide, annual report) as paragraphs: every line its own
indented paragraph, as official documents are set."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def paragraphs(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines()]
    return mark_safe("".join(f"<p>{escape(line)}</p>" for line in lines if line))  # noqa: S308
