"""Pages of the guide, the catalogue export, the annual reports and the statistics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from common.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response
from disclosure.categories import categories_with_columns
from disclosure.selectors import current_organisation
from enquiries.selectors import year_counts as enquiry_counts
from reports import catalogue, permissions, selectors, services, statistics, suggestions, tables
from reports.forms import ContactsForm, GuideForm, ReportCreateForm, ReportForm
from reports.services import ReportError
from reports.xlsx import annual_report_xlsx


def _organisation_or_404():
    organisation = current_organisation()
    if organisation is None:
        raise Http404
    return organisation


# -- Guide (Reg. 12) --------------------------------------------------------------------


@require_safe
def guide(request):
    organisation = _organisation_or_404()
    return render(
        request,
        "reports/guide.html",
        {
            "guide": services.guide_for(organisation),
            "org": organisation,
            # Reg. 12: how the information is classified - every kind and its columns.
            "categories": categories_with_columns(),
            "can_edit": permissions.can_edit_guide(request.user),
        },
    )


@login_required
def guide_edit(request):
    if not permissions.can_edit_guide(request.user):
        raise Http404
    organisation = _organisation_or_404()
    current = services.guide_for(organisation)
    guide_form = GuideForm(request.POST or None, instance=current, prefix="guide")
    contacts_form = ContactsForm(request.POST or None, instance=organisation, prefix="contacts")
    if request.method == "POST":
        guide_ok, contacts_ok = guide_form.is_valid(), contacts_form.is_valid()
        if guide_ok and contacts_ok:
            try:
                services.guide_update(
                    organisation=_organisation_or_404(),
                    texts=guide_form.cleaned_data,
                    contacts=contacts_form.cleaned_data,
                    acting_user=request.user,
                )
            except ReportError as exc:
                guide_form.add_error(None, str(exc))
            else:
                messages.success(request, "政府信息公开指南已更新。")
                return redirect("reports:guide")
    return render(
        request,
        "reports/guide_edit.html",
        {"guide_form": guide_form, "contacts_form": contacts_form},
        status=400 if request.method == "POST" else 200,
    )


# -- Catalogue export ------------------------------------------------------------------


def _export_year(request) -> int | None:
    raw = request.GET.get("year", "")
    if not raw:
        return None
    if not raw.isdigit() or not 1990 <= int(raw) <= 2100:
        raise Http404
    return int(raw)


@require_safe
def catalogue_csv(request):
    items = catalogue.catalogue_items(year=_export_year(request))
    return download_response(
        catalogue.csv_stream(items, request),
        filename="政府信息公开目录.csv",
        content_type=CSV_CONTENT_TYPE,
        private=False,
    )


@require_safe
def catalogue_xlsx(request):
    items = catalogue.catalogue_items(year=_export_year(request))
    return download_response(
        catalogue.xlsx_bytes(items, request=request),
        filename="政府信息公开目录.xlsx",
        content_type=XLSX_CONTENT_TYPE,
        private=False,
    )


# -- Annual reports (public) -----------------------------------------------------------


@require_safe
def annual_list(request):
    return render(
        request,
        "reports/annual_list.html",
        {
            "reports": selectors.published_reports(),
            "can_manage": permissions.can_manage_reports(request.user),
        },
    )


def _report_or_404(user, year: int):
    organisation = _organisation_or_404()
    return get_object_or_404(
        permissions.reports_visible_to(user).select_related("organisation", "published_by"),
        organisation=organisation,
        year=year,
    )


def _report_context(report):
    data = selectors.report_tables(report)
    return {
        "report": report,
        "t": data,
        "t2_blocks": [
            {
                "block": block,
                "rows": [
                    (label, [data.table2[block.label][label][c] for c in block.columns])
                    for label, _fields in block.rows
                ],
            }
            for block in tables.TABLE2
        ],
        "t3_rows": tables.table3_layout(data.table3),
        "t3_columns": tables.T3_COLUMNS,
        "t3_org_columns": tables.T3_COLUMNS[1:-1],
        "t4_values": tables.table4_values(data.table4),
        "t4_results": tables.T4_RESULTS,
        "labels": tables,
    }


@require_safe
def annual_detail(request, year: int):
    report = _report_or_404(request.user, year)
    return render(request, "reports/annual_detail.html", _report_context(report))


@require_safe
def annual_print(request, year: int):
    report = _report_or_404(request.user, year)
    return render(request, "reports/annual_print.html", _report_context(report))


@require_safe
def annual_xlsx(request, year: int):
    report = _report_or_404(request.user, year)
    return download_response(
        annual_report_xlsx(report, selectors.report_tables(report)),
        filename=f"{report.year}年政府信息公开工作年度报告.xlsx",
        content_type=XLSX_CONTENT_TYPE,
        private=not report.is_published,  # a draft is the office's alone
    )


# -- Annual reports (office) -----------------------------------------------------------


@login_required
def annual_manage(request):
    if not permissions.can_manage_reports(request.user):
        raise Http404
    organisation = _organisation_or_404()
    form = ReportCreateForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.annual_report_create(
                organisation=organisation, year=form.cleaned_data["year"], acting_user=request.user
            )
        except ReportError as exc:
            form.add_error("year", str(exc))
        else:
            messages.success(request, f"已创建 {report.year} 年度报告草稿。")
            return redirect("reports:annual_edit", year=report.year)
    return render(
        request,
        "reports/annual_manage.html",
        {
            "form": form,
            "reports": organisation.annual_reports.order_by("-year"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def annual_edit(request, year: int):
    if not permissions.can_manage_reports(request.user):
        raise Http404
    report = _report_or_404(request.user, year)
    if report.is_published:
        return redirect("reports:annual_detail", year=year)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_update(
                report=report, data=form.cleaned_data, acting_user=request.user
            )
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存。")
            return redirect("reports:annual_edit", year=year)
    context = _report_context(report)
    suggested = {s.field: s for s in suggestions.table2_suggestions(year)}
    context.update(
        form=form,
        blockers=services.annual_report_blockers(report),
        t2_fields=[
            (
                block,
                [
                    (label, [(form[f], suggested.get(f)) for f in fields])
                    for label, fields in block.rows
                ],
            )
            for block in tables.TABLE2
        ],
    )
    return render(
        request,
        "reports/annual_edit.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def annual_suggest(request, year: int):
    if not permissions.can_manage_reports(request.user):
        raise Http404
    report = _report_or_404(request.user, year)
    try:
        filled = services.annual_report_apply_suggestions(report=report, acting_user=request.user)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        if filled:
            messages.success(request, "已采用数据建议：" + "、".join(filled) + "。请核对后保存。")
        else:
            messages.info(request, "没有可填入的空白项（不会覆盖已填写的内容）。")
    return redirect("reports:annual_edit", year=year)


@login_required
@require_POST
def annual_publish(request, year: int):
    if not permissions.can_manage_reports(request.user):
        raise Http404
    report = _report_or_404(request.user, year)
    try:
        services.annual_report_publish(report=report, acting_user=request.user, request=request)
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:annual_edit", year=year)
    messages.success(request, f"{year} 年度报告已发布。")
    return redirect("reports:annual_detail", year=year)


# -- Statistics ------------------------------------------------------------------------


@login_required
def statistics_view(request):
    if not permissions.can_view_statistics(request.user):
        raise Http404
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    if not 2000 <= year <= today.year:
        year = today.year
    return render(
        request,
        "reports/statistics.html",
        {
            "stats": statistics.dashboard(year=year, today=today),
            "year": year,
            # 政务咨询 (国办秘函〔2019〕19号: the interaction channel is inspected too).
            "enquiries": enquiry_counts(year, today),
        },
    )
