"""The calendar in the back office (工作日历): the system administrator enters each
year's State Council notice and confirms the year; the audit administrator reads
it and its history (workcalendar.permissions). Everyone else gets a 404: the admin
index does not list it and its addresses do not exist for them.

Every change goes through workcalendar.services; the forms validate first so a
mistake is shown on the form and nothing typed is lost."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from workcalendar import permissions, services
from workcalendar.models import CalendarDay, CalendarYear, DayKind, weekday_name
from workcalendar.selectors import missing_statutory_days, years_unconfirmed
from workcalendar.statutory import estimate_available, estimated_holidays


def _kind_without_blank(form: forms.ModelForm) -> None:
    # Most entries are holidays: preselect it instead of an empty choice. On the
    # read-only view of a confirmed year's day the form has no editable fields.
    if "kind" not in form.fields:
        return
    field = form.fields["kind"]
    field.choices = DayKind.choices
    field.initial = field.initial or DayKind.HOLIDAY


def status_badge(confirmed: bool) -> str:
    if confirmed:
        return format_html('<span class="wc-badge wc-ok">{}</span>', "已确认")
    return format_html(
        '<span class="wc-badge wc-warn" title="{}">未确认</span>',
        "该年度的放假和调休安排尚未确认，日期按法定节假日推算",
    )


class CalendarAdminMixin:
    """Permissions from workcalendar.permissions instead of Django's model
    permissions; a user who may not read the calendar gets a 404, not a 403."""

    class Media:
        css = {"all": ["workcalendar/admin.css"]}

    def has_module_permission(self, request):
        return permissions.can_view_calendar(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_calendar(request.user)

    def has_add_permission(self, request, *args):
        return permissions.can_change_calendar(request.user)

    # Reverting to an old version would bypass the services: history is read-only.
    def has_change_history_permission(self, request, obj=None):
        return False

    def _hide_from_outsiders(self, request):
        if not permissions.can_view_calendar(request.user):
            raise Http404

    def changelist_view(self, request, extra_context=None):
        self._hide_from_outsiders(request)
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        self._hide_from_outsiders(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._hide_from_outsiders(request)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._hide_from_outsiders(request)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._hide_from_outsiders(request)
        if request.method == "POST":
            # simple-history would save the old version directly: no reverting here.
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class DayInlineForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _kind_without_blank(self)
        if self.instance.pk:
            # To move a day, delete it and add the new date: the history stays clear.
            self.fields["date"].disabled = True


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    form = DayInlineForm
    fields = ["date", "weekday", "kind", "name"]
    readonly_fields = ["weekday"]
    verbose_name = "日期"
    verbose_name_plural = "放假和调休日期（按通知逐日录入，放假期间的周六、周日也要录入）"

    @admin.display(description="星期")
    def weekday(self, obj):
        return weekday_name(obj.date) if obj and obj.date else ""

    def _editable(self, request, obj) -> bool:
        return permissions.can_change_calendar(request.user) and not (obj and obj.confirmed)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_calendar(request.user)

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj)

    def get_extra(self, request, obj=None, **kwargs):
        return 3 if self._editable(request, obj) else 0


@admin.register(CalendarYear)
class CalendarYearAdmin(CalendarAdminMixin, SimpleHistoryAdmin):
    list_display = ["year", "status", "source", "holiday_count", "workday_count", "updated_at"]
    list_display_links = ["year"]
    fields = ["year", "status", "source", "note", "statutory_check", "estimate"]
    readonly_fields = ["status", "statutory_check", "estimate"]
    inlines = [CalendarDayInline]
    actions = ["confirm_years", "unconfirm_years"]
    search_fields = ["year", "source"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_holidays=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
                n_workdays=Count("days", filter=Q(days__kind=DayKind.WORKDAY)),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("year")  # a year is never renumbered
        return fields

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["year", "source", "note"]
        return super().get_fields(request, obj)

    @admin.display(description="状态", ordering="confirmed")
    def status(self, obj):
        return status_badge(obj.confirmed)

    @admin.display(description="放假天数", ordering="n_holidays")
    def holiday_count(self, obj):
        return obj.n_holidays

    @admin.display(description="调休上班天数", ordering="n_workdays")
    def workday_count(self, obj):
        return obj.n_workdays

    @admin.display(description="核对")
    def statutory_check(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        missing = missing_statutory_days(obj.year)
        if not missing:
            return "法定节假日均已录入。"
        return format_html(
            "尚未录入的法定节假日：{}",
            format_html_join("、", "{}（{}）", ((d.isoformat(), n) for d, n in missing)),
        )

    @admin.display(description="按规则推算")
    def estimate(self, obj):
        if obj is None or obj.confirmed:
            return "—（已确认的年度只按录入的日期计算）"
        if not estimate_available(obj.year):
            return "该年度超出推算范围，只按录入的日期和周末计算。"
        days = sorted(estimated_holidays(obj.year).items())
        return format_html(
            "未确认期间，未录入的日期按下列法定节假日推算（不含调休）：{}",
            format_html_join("、", "{}（{}）", ((d.isoformat(), n) for d, n in days)),
        )

    def has_change_permission(self, request, obj=None):
        return permissions.can_change_calendar(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # a year is unconfirmed, never deleted

    def changelist_view(self, request, extra_context=None):
        self._hide_from_outsiders(request)
        if request.method == "GET":
            this_year = timezone.localdate().year
            for year in years_unconfirmed(this_year, this_year + 1):
                messages.warning(
                    request,
                    f"{year}年的放假和调休安排尚未确认：涉及该年的日期按法定节假日推算，"
                    "显示“未确认”。国务院办公厅通知发布后，请录入全部日期并确认。",
                )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        saved = services.calendar_year_save(
            year=obj.year,
            source=form.cleaned_data.get("source", ""),
            note=form.cleaned_data.get("note", ""),
            acting_user=request.user,
        )
        obj.pk, obj.confirmed = saved.pk, saved.confirmed

    def save_formset(self, request, form, formset, change):
        # commit=False fills new/changed/deleted_objects (used for the change message)
        # without writing; the services write.
        formset.save(commit=False)
        for day in formset.deleted_objects:
            services.calendar_day_delete(date=day.date, acting_user=request.user)
        for day in [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]:
            services.calendar_day_set(
                date=day.date, kind=day.kind, name=day.name, acting_user=request.user
            )

    def _run_for_each(self, request, queryset, action, done: str):
        if not permissions.can_change_calendar(request.user):
            raise PermissionDenied
        for year in queryset.order_by("year"):
            try:
                action(year=year.year, acting_user=request.user)
            except services.CalendarError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, f"{year.year}年{done}。", messages.SUCCESS)

    @admin.action(
        description="确认放假和调休安排",
        permissions=["change"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def confirm_years(self, request, queryset):
        self._run_for_each(request, queryset, services.calendar_year_confirm, "已确认")

    @admin.action(
        description="撤销确认（以便更正）",
        permissions=["change"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def unconfirm_years(self, request, queryset):
        self._run_for_each(
            request,
            queryset,
            lambda **kw: services.calendar_year_unconfirm(reason="在管理后台撤销以便更正", **kw),
            "已撤销确认，可以修改",
        )


class DayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _kind_without_blank(self)

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date") or self.instance.date
        if day:
            year = CalendarYear.objects.filter(year=day.year).first()
            if year is not None and year.confirmed:
                raise forms.ValidationError(
                    f"{day.year}年已确认，不能修改；如需更正，请先在“日历年度”中撤销确认。"
                )
        return cleaned


@admin.register(CalendarDay)
class CalendarDayAdmin(CalendarAdminMixin, SimpleHistoryAdmin):
    form = DayForm
    list_display = ["date", "weekday", "kind", "name", "year_status"]
    list_filter = ["kind", "year__confirmed", "year"]
    search_fields = ["name"]
    date_hierarchy = "date"
    ordering = ["-date"]
    list_select_related = ["year"]
    fields = ["date", "kind", "name"]

    @admin.display(description="星期")
    def weekday(self, obj):
        return weekday_name(obj.date)

    @admin.display(description="年度状态", ordering="year__confirmed")
    def year_status(self, obj):
        return status_badge(obj.year.confirmed)

    def get_readonly_fields(self, request, obj=None):
        return ["date"] if obj is not None else []

    def _editable(self, request, obj) -> bool:
        return permissions.can_change_calendar(request.user) and not (
            obj is not None and obj.year.confirmed
        )

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj)

    def save_model(self, request, obj, form, change):
        saved = services.calendar_day_set(
            date=obj.date, kind=obj.kind, name=obj.name, acting_user=request.user
        )
        obj.pk, obj.year_id = saved.pk, saved.year_id

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        # Days are removed one by one from their page: a bulk delete could mix in
        # days of confirmed years.
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        services.calendar_day_delete(date=obj.date, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for day in queryset:
            services.calendar_day_delete(date=day.date, acting_user=request.user)
