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


def _seal_image():
    """A stand-in seal for the demo: a red ring with a star (the real one is uploaded
    by the office)."""
    import io
    import math

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (210, 20, 20, 230)
    draw.ellipse((12, 12, size - 12, size - 12), outline=red, width=16)
    centre, outer, inner = size / 2, 70, 28
    points = [
        (
            centre + (outer if i % 2 == 0 else inner) * math.sin(i * math.pi / 5),
            centre - (outer if i % 2 == 0 else inner) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(points, fill=red)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("demo-seal.png", buffer.getvalue(), content_type="image/png")


def _notice_settings(office, organisation) -> None:
    county = organisation.name.split("县", 1)[0] + "县" if "县" in organisation.name else ""
    services.notice_settings_update(
        review_authority=f"{county}人民政府" if county else "县人民政府",
        court=f"{county}人民法院" if county else "",
        complaint_route=f"{county}人民政府办公室（政务公开办）" if county else "上一级行政机关",
        seal=_seal_image(),
        acting_user=office,
    )


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
    _notice_settings(office, organisation)
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
