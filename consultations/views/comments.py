"""Moderation and adoption of comments from the staff pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from consultations import services
from consultations.forms import (
    AdoptionForm,
    ModerationForm,
)
from consultations.models import CommentStatus
from consultations.views.staff import _managed_or_404, _staff_or_404


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
