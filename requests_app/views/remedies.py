"""Complaints (申诉/投诉) and administrative remedies (复议/诉讼) in the staff pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from requests_app import forms, permissions, services
from requests_app.services import RequestError
from requests_app.views._common import _staff, _visible
from requests_app.views.staff import _detail_context


@login_required
def complaints(request):
    _staff(request.user)
    rows = (
        permissions.complaints_visible_to(request.user)
        .select_related("request", "answered_by")
        .order_by("status", "due_on")
    )
    return render(
        request,
        "requests_app/complaints.html",
        {
            "rows": rows,
            "can_answer": permissions.can_answer_complaints(request.user),
            "answer_form": forms.ComplaintAnswerForm(),
        },
    )


@login_required
@require_POST
def complaint_answer(request, pk: int):
    _staff(request.user)
    complaint = get_object_or_404(permissions.complaints_visible_to(request.user), pk=pk)
    form = forms.ComplaintAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_answer(
                complaint=complaint, answer=form.cleaned_data["answer"], acting_user=request.user
            )
        except RequestError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已答复。")
    else:
        messages.error(request, "请填写处理结果。")
    return redirect("requests_app:complaints")


@login_required
@require_POST
def remedy_create(request, pk: int):
    req = _visible(request, pk)
    if not permissions.can_record_remedy(request.user):
        return render(request, "errors/403.html", status=403)
    form = forms.RemedyForm(request.POST)
    if form.is_valid():
        try:
            services.remedy_record(request=req, acting_user=request.user, **form.cleaned_data)
        except RequestError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已登记。")
            return redirect("requests_app:staff_detail", pk=req.pk)
    context = _detail_context(request, req)
    context["remedy_form"] = form
    return render(request, "requests_app/staff_detail.html", context, status=400)


@login_required
def remedies(request):
    _staff(request.user)
    rows = (
        permissions.remedies_visible_to(request.user)
        .select_related("request")
        .order_by("-filed_on", "-id")
    )
    return render(
        request,
        "requests_app/remedies.html",
        {
            "rows": rows,
            "can_record": permissions.can_record_remedy(request.user),
            "conclude_form": forms.RemedyConcludeForm(),
        },
    )


@login_required
@require_POST
def remedy_conclude(request, pk: int):
    _staff(request.user)
    case = get_object_or_404(permissions.remedies_visible_to(request.user), pk=pk)
    if not permissions.can_record_remedy(request.user):
        return render(request, "errors/403.html", status=403)
    form = forms.RemedyConcludeForm(request.POST)
    if form.is_valid():
        try:
            services.remedy_conclude(case=case, acting_user=request.user, **form.cleaned_data)
        except RequestError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已登记审结结果。")
    else:
        messages.error(request, "请选择审结结果并填写审结日期。")
    return redirect("requests_app:remedies")
