"""The overdue-rectification panel other apps' dashboards show (F7). A template tag, so
that those apps' Python never imports the inspection (it sits above them)."""

from django import template

from inspection.selectors import overdue_tasks_for

register = template.Library()


@register.inclusion_tag("inspection/_overdue_tasks.html", takes_context=True)
def overdue_tasks_panel(context) -> dict:
    """The tasks overdue that the page's user may see."""
    return {"overdue_tasks": overdue_tasks_for(context["request"].user)}
