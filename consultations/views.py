"""Pages of the consultations app. Thin: parse, check permission, call one service
or selector, render or redirect (after every successful POST).

Public pages read only through `selectors.public_*`: a draft, an internal
consultation or an unapproved comment is a 404 or absent, never a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit.models import AuditAction
from audit.services import audit_record
from common.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response
from common.pagination import page_or_404
from common.privacy import mask_contact
from common.ratelimit import client_address
from common.sanitize import clean_html
from consultations import export, permissions, selectors, services
from consultations.forms import (
    AdoptionForm,
    AttachmentForm,
    CommentForm,
    ConsultationEditForm,
    ConsultationForm,
    FeedbackForm,
    ModerationForm,
    PolicyLinkForm,
)
from consultations.models import CommentStatus, Phase
from disclosure.views import labelled_attachments

# --- public -----------------------------------------------------------------------


@require_safe
def consultation_list(request):
    phase = request.GET.get("phase", "")
    if phase not in selectors.PUBLIC_PHASES:
        phase = ""
    now = timezone.now()
    page = page_or_404(request, selectors.public_consultations(phase=phase, now=now))
    return render(
        request,
        "consultations/list.html",
        {
            "page": page,
            "phase": phase,
            "phases": [(p, p.label) for p in selectors.PUBLIC_PHASES],
            "counts": selectors.public_consultation_counts(now=now),
            "breadcrumbs": [("意见征集", "")],
        },
    )


def _attachments(item) -> list:
    return labelled_attachments(item.attachments.order_by("order", "id"))


def _detail_context(consultation, form=None):
    comments = list(selectors.public_comments(consultation))
    feedback = selectors.public_feedback(consultation)
    return {
        "consultation": consultation,
        "item": consultation.item,
        "breadcrumbs": [
            ("意见征集", reverse("consultations:list")),
            (consultation.item.title, ""),
        ],
        "body_html": clean_html(consultation.item.body),
        "attachments": _attachments(consultation.item),
        "comments": comments,
        "feedback": feedback,
        "feedback_html": clean_html(feedback.body) if feedback else "",
        "policy": (
            consultation.policy_item
            if consultation.policy_item_id and consultation.policy_item.is_public
            else None
        ),
        "form": form
        if form is not None
        else (CommentForm(consultation=consultation) if consultation.is_open else None),
    }


@require_safe
def consultation_detail(request, pk: int):
    consultation = selectors.public_consultation_or_404(pk)
    return render(request, "consultations/detail.html", _detail_context(consultation))


@require_POST
def comment_create(request, pk: int):
    """Post a comment. Whatever the page showed, the service decides whether the
    consultation is still open; a refusal re-renders the page with what was typed."""
    consultation = selectors.public_consultation_or_404(pk)
    form = CommentForm(request.POST, consultation=consultation)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.comment_submit(
                consultation=consultation,
                author_name=data["author_name"],
                contact=data["contact"],
                draft_section=data.get("draft_section", ""),
                body=data["body"],
                client_address=client_address(request),
            )
        except services.CommentRateLimited as exc:
            form.add_error(None, str(exc))
            status = 429
        except services.CommentRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, "您的意见已提交，感谢参与！意见经审核后公开，联系方式不会公开。"
            )
            # The form posts to "#comment-form" (an error shows there); on success
            # go to the top of the page, where the message is.
            return redirect(reverse("consultations:detail", args=[consultation.pk]) + "#main")
    context = _detail_context(consultation, form=form)
    context["form_refused"] = True
    return render(request, "consultations/detail.html", context, status=status)


# --- back office --------------------------------------------------------------------


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
        },
    )


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


def _back_to_comments(request, consultation, comment_pk=None, *, failed=False):
    """Back to the list the moderator was on: at the comment after success, at the
    top (where the message is) after a refusal."""
    url = reverse("consultations:staff_detail", args=[consultation.pk])
    status = request.POST.get("return_status", "")
    if status in CommentStatus.values:
        url += f"?status={status}"
    if failed:
        return redirect(url + "#main")
    return redirect(url + (f"#comment-{comment_pk}" if comment_pk else "#comments"))


def _comment_action(request, pk: int, comment_pk: int, *, form_class, invalid: str, act, done):
    """A moderator's POST on one comment: validate `form_class`, call the service
    through `act(comment, cleaned_data)`, and go back to the list the moderator
    was on with the outcome."""
    _staff_or_404(request)
    consultation = _managed_or_404(request, pk)
    comment = get_object_or_404(consultation.comments, pk=comment_pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, invalid)
        return _back_to_comments(request, consultation, failed=True)
    try:
        act(comment, form.cleaned_data)
    except services.ConsultationError as exc:
        messages.error(request, f"第 {comment.pk} 号意见：{exc}")
        return _back_to_comments(request, consultation, failed=True)
    messages.success(request, f"第 {comment.pk} 号意见{done}")
    return _back_to_comments(request, consultation, comment.pk)


@login_required
@require_POST
def staff_moderate(request, pk: int, comment_pk: int):
    return _comment_action(
        request,
        pk,
        comment_pk,
        form_class=ModerationForm,
        invalid="审核操作无效，请重试。",
        act=lambda comment, data: services.comment_moderate(
            comment=comment, action=data["action"], reason=data["reason"], acting_user=request.user
        ),
        done="已处理。",
    )


@login_required
@require_POST
def staff_adoption(request, pk: int, comment_pk: int):
    return _comment_action(
        request,
        pk,
        comment_pk,
        form_class=AdoptionForm,
        invalid="采纳情况无效，请重试。",
        act=lambda comment, data: services.comment_set_adoption(
            comment=comment, adoption=data["adoption"], note=data["note"], acting_user=request.user
        ),
        done="的采纳情况已记录。",
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
