"""The public pages of consultations: the list, a consultation, the comment form."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from common.pagination import page_or_404
from common.ratelimit import client_address
from common.sanitize import clean_html
from consultations import selectors, services
from consultations.forms import CommentForm
from disclosure.views import labelled_attachments


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
    if not consultation.is_open:
        # Closed (or not yet open) by now: no form to fill in again, the refusal
        # and what was typed, for the citizen to keep.
        context = _detail_context(consultation)
        context["refusal"] = " ".join(form.non_field_errors()) or (
            "意见征集尚未开始，暂不能提交意见。"
            if consultation.phase == "upcoming"
            else "本次意见征集已截止，不再接收意见。"
        )
        context["typed"] = {
            "author_name": request.POST.get("author_name", "").strip(),
            "body": request.POST.get("body", "").strip(),
        }
    else:
        context = _detail_context(consultation, form=form)
    return render(request, "consultations/detail.html", context, status=status)
