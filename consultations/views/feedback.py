"""The feedback, the resulting policy and the exports of comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.models import AuditAction
from audit.services import audit_record
from common.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response
from consultations import export, permissions, selectors, services
from consultations.forms import (
    FeedbackForm,
    PolicyLinkForm,
)
from consultations.views.staff import (
    _add_errors,
    _consultation_or_404,
    _managed_or_404,
    _staff_or_404,
)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_feedback(request, pk: int):
    _staff_or_404(request)
    consultation = _managed_or_404(request, pk)
    policy_items = selectors.policy_item_choices(request.user, consultation)
    if consultation.feedback_item_id:
        initial = {
            "title": consultation.feedback_item.title,
            "body": consultation.feedback_item.body,
            "policy_item": consultation.policy_item_id,
        }
    elif consultation.closes_at and consultation.opens_at:
        title, body = selectors.feedback_draft_text(consultation)
        initial = {"title": title, "body": body, "policy_item": consultation.policy_item_id}
    else:
        initial = {}
    form = FeedbackForm(request.POST or None, initial=initial, policy_items=policy_items)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_save(
                consultation=consultation, acting_user=request.user, **form.cleaned_data
            )
        except (services.ConsultationError, ValidationError) as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "意见征集及采纳情况已保存为草稿，请提交审核后发布。")
            return redirect("consultations:staff_detail", pk=consultation.pk)
    return render(
        request,
        "consultations/feedback_form.html",
        {
            "form": form,
            "consultation": consultation,
            "summary": selectors.feedback_summary(consultation),
        },
    )


@login_required
@require_POST
def staff_policy_link(request, pk: int):
    _staff_or_404(request)
    consultation = _managed_or_404(request, pk)
    form = PolicyLinkForm(
        request.POST, policy_items=selectors.policy_item_choices(request.user, consultation)
    )
    if not form.is_valid():
        messages.error(request, "请选择有效的政策文件。")
    else:
        try:
            services.consultation_link_policy(
                consultation=consultation,
                policy_item=form.cleaned_data["policy_item"],
                acting_user=request.user,
            )
        except services.ConsultationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "政策文件关联已保存。")
    return redirect("consultations:staff_detail", pk=consultation.pk)


EXPORT_FORMATS = {
    "csv": (CSV_CONTENT_TYPE, export.comments_csv),
    "xlsx": (XLSX_CONTENT_TYPE, export.comments_xlsx),
}


@login_required
@require_safe
def staff_export(request, pk: int, fmt: str):
    _staff_or_404(request)
    consultation = _consultation_or_404(request, pk)
    if fmt not in EXPORT_FORMATS or not permissions.can_export_comments(request.user, consultation):
        raise Http404("no such export")
    content_type, build = EXPORT_FORMATS[fmt]
    show_contacts = permissions.can_see_contacts(request.user, consultation)
    data = build(consultation, show_contacts=show_contacts)
    # F8: exports of citizens' personal data are audited.
    audit_record(
        action=AuditAction.EXPORT,
        actor=request.user,
        target=consultation,
        detail=f"导出意见（{fmt.upper()}，{'含' if show_contacts else '不含'}联系方式）",
        request=request,
    )
    return download_response(
        data,
        filename=export.export_filename(consultation, fmt),
        content_type=content_type,
        private=True,
    )
