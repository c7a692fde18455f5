"""Demo requests (`manage.py load_demo`, after disclosure.demo): one in every state,
one overdue, one extended, one waiting for a correction, one consulting a third
party, one awaiting a fee; closed requests with various outcomes across last year
and this year (so the annual report has data), complaints, and 复议/诉讼 cases.

Everything goes through the services. Past steps are replayed "on" their day by
pointing the services' clock at that day (`_on`), so every stored date and step
is one the workflow itself would have produced. Dates are relative to today.
Running it again changes nothing (it loads only into an empty requests table).

Split: `people` (staff, applicants, the clock), `history` (the requests); `load` here.
"""

from django.utils import timezone

from accounts.roles import Role
from disclosure.models import Section
from disclosure.selectors import current_organisation
from requests_app import services
from requests_app.demo.history import _current, _history
from requests_app.demo.people import _clerk, _Demo, _office_head, _section, _user
from requests_app.models import DisclosureRequest

__all__ = ["load"]


def load(ctx: dict) -> None:
    organisation = ctx.get("organisation") or current_organisation()
    if organisation is None or DisclosureRequest.objects.exists():
        return
    office = _user(ctx, Role.OFFICE_REVIEWER)
    office_section = Section.objects.filter(is_office=True).first()
    if office is None or office_section is None:
        return
    head = _office_head(ctx, office_section)
    sections = [
        s
        for s in (
            _section(("就业",)),
            _section(("社会保险", "社保", "养老")),
            _section(("劳动关系", "监察", "仲裁")),
        )
        if s is not None
    ]
    sections = list(dict.fromkeys(sections))
    if not sections:
        return
    clerks = {s.pk: _clerk(ctx, s) for s in sections}
    demo = _Demo(ctx, office, head, sections, clerks)
    today = timezone.localdate()
    if not demo.cal.is_workday(today):
        today = demo.workdays_before(today, 1)
    # The demo applicants' addresses are invented: send them nothing.
    with services.seams(mail_applicants=False):
        _history(demo, today)
        _current(demo, today)
    stdout = ctx.get("stdout")
    if stdout is not None:
        stdout.write(f"依申请公开：{DisclosureRequest.objects.count()} 件申请")
        for label, number, code in demo.codes:
            stdout.write(
                f"  演示查询（{label}）：申请编号 {number}  查询码 {services.format_code(code)}"
            )
