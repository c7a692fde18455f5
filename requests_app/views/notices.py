"""The office's notice settings page, the notice PDFs (staff and applicant) and the
signed-for dates of posted notices."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.exports import file_response
from requests_app import forms, permissions, selectors, services
from requests_app.models import CaseFile, Status
from requests_app.services import RequestError
from requests_app.views._common import _staff, _visible


def _pdf(req):
    if not req.notice_pdf:
        raise Http404
    # The applicant's name is in it: personal data, never cached.
    return file_response(
        req.notice_pdf.open("rb"),
        filename=f"答复告知书-{req.tracking_number}.pdf",
        content_type="application/pdf",
        private=True,
    )


@login_required
def staff_notice_pdf(request, pk: int):
    """The sealed PDF, for those who see the applicant's data unmasked (404 for the
    others: the HTML notice shows them a masked copy)."""
    req = _visible(request, pk)
    if not permissions.can_see_personal_data(request.user, req):
        raise Http404
    return _pdf(req)


def track_notice_pdf(request, number: str):
    from requests_app.views.public import _tracked

    req = _tracked(request, number)
    if req.status != Status.CLOSED:
        raise Http404
    return _pdf(req)


@login_required
def notice_settings(request):
    _staff(request.user)
    if not permissions.can_configure_notices(request.user):
        raise Http404
    current = selectors.notice_settings()
    status = 200
    if request.method == "POST":
        form = forms.NoticeSettingsForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.notice_settings_update(
                    review_authority=data["review_authority"],
                    court=data["court"],
                    complaint_route=data["complaint_route"],
                    seal=data["seal"],
                    remove_seal=data["remove_seal"],
                    retention_years=data["retention_years"],
                    acting_user=request.user,
                )
            except RequestError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "告知书设置已保存，此后出具的告知书按新设置生成。")
                return redirect("requests_app:notice_settings")
        status = 400
    else:
        form = forms.NoticeSettingsForm(
            initial={
                "review_authority": current.review_authority,
                "court": current.court,
                "complaint_route": current.complaint_route,
                "retention_years": current.retention_years,
            }
        )
    return render(
        request,
        "requests_app/notice_settings.html",
        {"form": form, "current": current},
        status=status,
    )


@login_required
@require_POST
def delivery_receipt(request, pk: int, delivery_id: int):
    """Enter the signed-for date of a posted notice or letter."""
    req = _visible(request, pk)
    delivery = get_object_or_404(req.deliveries, pk=delivery_id)
    if not permissions.can_handle_request(request.user, req):
        return render(request, "errors/403.html", status=403)
    form = forms.DeliveryReceiptForm(request.POST)
    if form.is_valid():
        try:
            services.delivery_record_receipt(
                delivery=delivery,
                received_on=form.cleaned_data["received_on"],
                note=form.cleaned_data["note"],
                acting_user=request.user,
            )
        except RequestError as exc:
            messages.error(request, f"签收日期未登记：{exc}")
        else:
            messages.success(request, f"已登记{delivery.get_kind_display()}的签收日期。")
    else:
        messages.error(request, "签收日期未登记：请填写正确的签收日期。")
    return redirect(reverse("requests_app:staff_detail", args=[req.pk]) + "#deliveries")


@login_required
def case_file(request, pk: int):
    """One request's case file, for those who see the applicant's data."""
    req = _visible(request, pk)
    if not permissions.can_see_personal_data(request.user, req):
        raise Http404
    case = get_object_or_404(CaseFile, request=req)
    return file_response(
        case.file.open("rb"),
        filename=f"归档-{req.tracking_number}.zip",
        content_type="application/zip",
        private=True,
    )


@login_required
def archive_export(request):
    """The office exports a year's case files for the 档案室 (audited)."""
    _staff(request.user)
    if not permissions.can_manage_requests(request.user):
        raise Http404
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        raise Http404 from None
    data = services.archive_export_year(year=year, acting_user=request.user)
    return file_response(
        io.BytesIO(data),
        filename=f"依申请公开归档-{year}.zip",
        content_type="application/zip",
        private=True,
    )
