"""The staff pages of a consultation: list, create, detail, edit, attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.models import AuditAction
from audit.services import audit_record
from common.privacy import mask_contact
from common.sanitize import clean_html
from consultations import permissions, selectors, services
from consultations.forms import (
    AdoptionForm,
    AttachmentForm,
    ConsultationEditForm,
    ConsultationForm,
    ExtendForm,
    PolicyLinkForm,
)
from consultations.models import CommentStatus, Phase
from consultations.views.public import _attachments


def _staff_or_404(request):
    if not permissions.can_use_staff_pages(request.user):
        raise Http404("not for this user")


def _consultation_or_404(request, pk: int):
    return selectors.staff_consultation_or_404(request.user, pk)


def _managed_or_404(request, pk: int):
    consultation = _consultation_or_404(request, pk)
    if not permissions.can_manage_consultation(request.user, consultation):
        raise Http404("not managed by this user")
    return consultation


@login_required
@require_safe
def staff_list(request):
    _staff_or_404(request)
    consultations = list(selectors.staff_consultations(request.user))
    today = timezone.localdate()
    visible = permissions.consultations_visible_to(request.user)
    awaiting = selectors.with_feedback_due(
        selectors.closed_without_feedback().filter(pk__in=visible.values("pk"))
    )
    return render(
        request,
        "consultations/staff_list.html",
        {
            "consultations": consultations,
            "awaiting_feedback": awaiting,
            "today": today,
            "can_create": permissions.can_create_consultation(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_create(request):
    _staff_or_404(request)
    if not permissions.can_create_consultation(request.user):
        raise Http404("cannot create")
    sections = permissions.member_sections(request.user)
    columns = selectors.consultation_columns()
    form = ConsultationForm(request.POST or None, sections=sections, columns=columns)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(
                acting_user=request.user, **form.cleaned_data
            )
        except (services.ConsultationError, ValidationError) as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "意见征集草稿已保存。补全必填项后即可提交审核。")
            return redirect("consultations:staff_detail", pk=consultation.pk)
    return render(request, "consultations/staff_form.html", {"form": form, "creating": True})


def _add_errors(form, exc) -> None:
    if isinstance(exc, ValidationError):
        for message in exc.messages:
            form.add_error(None, message)
    else:
        form.add_error(None, str(exc))


@login_required
@require_safe
def staff_detail(request, pk: int):
    _staff_or_404(request)
    consultation = _consultation_or_404(request, pk)
    status = request.GET.get("status", "")
    if status not in CommentStatus.values:
        status = ""
    can_manage = permissions.can_manage_consultation(request.user, consultation)
    comments = list(selectors.staff_comments(consultation, status=status))
    show_contacts = permissions.can_see_contacts(request.user, consultation)
    for comment in comments:
        comment.shown_contact = comment.contact if show_contacts else mask_contact(comment.contact)
    if show_contacts and any(comment.contact for comment in comments):
        # F8: who saw citizens' contact details is on the audit log.
        audit_record(
            action=AuditAction.VIEW_PERSONAL,
            actor=request.user,
            target=consultation,
            request=request,
            detail="查看意见征集的联系方式",
        )
    return render(
        request,
        "consultations/staff_detail.html",
        {
            "consultation": consultation,
            "item": consultation.item,
            "body_html": clean_html(consultation.item.body),
            "attachments": _attachments(consultation.item),
            "review_url": _review_url(consultation.item),
            "blockers": services.release_blockers(consultation.item),
            "editable": consultation.item.status in services.EDITABLE_ITEM_STATUSES,
            "can_manage": can_manage,
            "comments": comments,
            "status": status,
            "statuses": CommentStatus.choices,
            "summary": selectors.feedback_summary(consultation),
            "attachment_form": AttachmentForm(),
            "adoption_choices": AdoptionForm().fields["adoption"].choices,
            "policy_form": PolicyLinkForm(
                initial={"policy_item": consultation.policy_item_id},
                policy_items=selectors.policy_item_choices(request.user, consultation),
            ),
            "show_contacts": show_contacts,
            "closed": consultation.closes_at is not None
            and consultation.closes_at < timezone.now(),
            "Phase": Phase,
            "can_extend": can_manage and consultation.is_public and consultation.is_open,
            "extend_form": ExtendForm(),
        },
    )


@login_required
@require_POST
def staff_extend(request, pk: int):
    """Extend an open consultation (audited, shown publicly with the new close time)."""
    _staff_or_404(request)
    consultation = _managed_or_404(request, pk)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_extend(
                consultation=consultation, acting_user=request.user, **form.cleaned_data
            )
        except services.ConsultationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "征集期限已延长，公开页面显示新的截止时间和理由。")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("consultations:staff_detail", pk=consultation.pk)


def _review_url(item) -> str:
    """The review workflow's page for the item, once the review app provides one."""
    from django.urls import NoReverseMatch

    for name in ("review:item", "review:item_detail"):
        try:
            return reverse(name, args=[item.pk])
        except NoReverseMatch:
            continue
    return ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_edit(request, pk: int):
    _staff_or_404(request)
    consultation = _managed_or_404(request, pk)
    item = consultation.item
    initial = {
        "title": item.title,
        "topic": item.topic,
        "body": item.body,
        "draft_sections": consultation.draft_sections,
        "basis": consultation.basis,
        "opens_at": consultation.opens_at and timezone.localtime(consultation.opens_at),
        "closes_at": consultation.closes_at and timezone.localtime(consultation.closes_at),
        "contact_person": consultation.contact_person,
        "contact_method": consultation.contact_method,
        "is_internal": consultation.is_internal,
        "kind": consultation.kind,
        "market_related": consultation.market_related,
        "shortened_reason": consultation.shortened_reason,
    }
    form = ConsultationEditForm(
        request.POST or None,
        initial=initial,
        sections=permissions.member_sections(request.user),
        columns=selectors.consultation_columns(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(
                consultation=consultation, acting_user=request.user, **form.cleaned_data
            )
        except (services.ConsultationError, ValidationError) as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "征求意见稿已保存。")
            return redirect("consultations:staff_detail", pk=consultation.pk)
    return render(
        request,
        "consultations/staff_form.html",
        {"form": form, "creating": False, "consultation": consultation},
    )


@login_required
@require_POST
def staff_attachment_add(request, pk: int):
    _staff_or_404(request)
    consultation = _managed_or_404(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.consultation_attachment_add(
                consultation=consultation,
                file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                acting_user=request.user,
            )
        except (services.ConsultationError, ValidationError) as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, "附件已上传。")
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("consultations:staff_detail", pk=consultation.pk)


@login_required
@require_POST
def staff_attachment_delete(request, pk: int, attachment_pk: int):
    _staff_or_404(request)
    consultation = _managed_or_404(request, pk)
    try:
        services.consultation_attachment_delete(
            consultation=consultation, attachment_pk=attachment_pk, acting_user=request.user
        )
    except services.ConsultationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "附件已删除。")
    return redirect("consultations:staff_detail", pk=consultation.pk)


def _message(exc) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc)
