"""The columns and the deadline filter of the item list in the back office."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html

from disclosure import deadlines
from disclosure.admin._common import _with_calendar
from workcalendar.selectors import WorkCalendar
from workcalendar.templatetags.workdays import workday_date


class DeadlineFilter(admin.SimpleListFilter):
    """Art. 7(2): 20 working days from formation. Computed from the calendar."""

    title = "公开期限"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", "已逾期"), ("due_soon", "5 个工作日内到期")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return deadlines.overdue_items(queryset)
        if self.value() == "due_soon":
            return deadlines.due_soon_items(queryset)
        return queryset


class ItemListColumnsMixin:
    # --- columns of the list ---

    @admin.display(description="状态", ordering="status")
    def status_badge(self, obj):
        if obj is None or obj.pk is None:
            return "草稿（保存后生成）"
        return format_html(
            '<span class="gk-badge gk-status--{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description="公开期限", ordering="formed_on")
    def due_date(self, obj, calendar: WorkCalendar | None = None):
        if obj is None or obj.formed_on is None or not deadlines.deadline_applies(obj):
            return "—"
        # The shared filter marks dates resting on an unconfirmed year with 未确认 (F2).
        return workday_date(deadlines.item_due_date(obj, calendar=calendar))

    @admin.display(description="期限情况")
    def deadline_flag(self, obj, calendar: WorkCalendar | None = None):
        if obj is None or obj.formed_on is None:
            return "—"
        calendar = calendar or WorkCalendar()
        late = deadlines.item_published_late(obj, calendar=calendar)
        if late is not None:
            label, css = ("逾期发布", "late") if late else ("按时发布", "ok")
        elif deadlines.item_is_overdue(obj, calendar=calendar):
            label, css = "已逾期", "overdue"
        elif deadlines.item_is_due_soon(obj, calendar=calendar):
            label, css = "即将到期", "soon"
        else:
            return "—"
        return format_html('<span class="gk-badge gk-badge--{}">{}</span>', css, label)

    @admin.display(description="公开期限", ordering="formed_on")
    def deadline(self, obj, calendar: WorkCalendar | None = None):
        """The list's deadline cell: the due date, 未确认 if it rests on an unconfirmed
        year, and the overdue / due-soon / on-time flag."""
        calendar = calendar or WorkCalendar()
        due = self.due_date(obj, calendar=calendar)
        flag = self.deadline_flag(obj, calendar=calendar)
        if flag == "—":
            return due
        return format_html("{} {}", due, flag)

    # Plain text, not links: most roles may not open sections or accounts.
    @admin.display(description="产生股室")
    def producing_section(self, obj):
        return obj.section.name if obj and obj.section_id else "（保存后按栏目的责任股室确定）"

    @admin.display(description="起草人")
    def drafter(self, obj):
        return str(obj.created_by) if obj and obj.created_by_id else "—"

    @admin.display(description="栏目 / 产生股室", ordering="column__name")
    def column_name(self, obj):
        return format_html(
            '<span title="{}">{}</span><br><span class="gk-quiet">{}</span>',
            str(obj.column),
            obj.column.name,
            obj.section.name,
        )

    @admin.display(description="形成/变更日期", ordering="formed_on")
    def formed(self, obj):
        return obj.formed_on.isoformat() if obj.formed_on else "—"

    @admin.display(description="发布日期", ordering="published_at")
    def published_on(self, obj):
        if obj.published_at is None:
            return "—"
        return timezone.localtime(obj.published_at).date().isoformat()

    def get_list_display(self, request):
        # One calendar for the whole page: the calendar years are read once, not per row.
        calendar = WorkCalendar()
        columns = []
        for name in super().get_list_display(request):
            if name == "deadline":
                columns.append(_with_calendar(self.deadline, calendar))
            else:
                columns.append(name)
        return columns
