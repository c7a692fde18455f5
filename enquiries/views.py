"""政务咨询 pages: the public form and Q&A, the staff list and handling page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.pagecache import public_page
from common.pagination import page_or_404
from common.ratelimit import Limit, client_address, hit
from enquiries import permissions, services
from enquiries.forms import AnswerForm, AskForm, RouteForm
from enquiries.models import Enquiry, EnquiryStatus

# F8: public forms are rate limited, as the request form (5 an hour).
ASK_LIMIT = Limit("enquiry_ask", count=5, seconds=3600)


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    if request.method == "POST":
        form = AskForm(request.POST)
        if not hit(ASK_LIMIT, client_address(request)):
            form.is_valid()  # keep what was typed
            form.add_error(None, "提交过于频繁，请一小时后再试。如有急需，请电话联系局办公室。")
            return render(request, "enquiries/ask.html", {"form": form}, status=429)
        if form.is_valid():
            services.enquiry_submit(client=client_address(request), **form.cleaned_data)
            return redirect("enquiries:thanks")
    else:
        form = AskForm()
    return render(request, "enquiries/ask.html", {"form": form})


@require_safe
def thanks(request):
    from django.conf import settings

    return render(
        request,
        "enquiries/ask.html",
        {"thanks": True, "reply_workdays": settings.ENQUIRY_REPLY_WORKDAYS},
    )


@require_safe
@public_page
def answers(request):
    """The public Q&A: answered questions the office published (no names, no contacts)."""
    page = page_or_404(
        request, Enquiry.objects.published().order_by("-answered_at", "-id"), per_page=20
    )
    return render(request, "enquiries/answers.html", {"page": page, "enquiries": page.object_list})


def _staff_or_404(request):
    if not permissions.can_use_enquiries(request.user):
        raise Http404


@login_required
@require_safe
def staff_list(request):
    _staff_or_404(request)
    visible = permissions.enquiries_visible_to(request.user).select_related("section")
    status = request.GET.get("status", "")
    if status in EnquiryStatus.values:
        visible = visible.filter(status=status)
    page = page_or_404(request, visible, per_page=30)
    return render(
        request,
        "enquiries/staff_list.html",
        {
            "page": page,
            "enquiries": page.object_list,
            "status": status,
            "statuses": EnquiryStatus.choices,
        },
    )


def _visible_or_404(request, pk: int) -> Enquiry:
    _staff_or_404(request)
    return get_object_or_404(permissions.enquiries_visible_to(request.user), pk=pk)


@login_required
@require_safe
def staff_detail(request, pk: int):
    enquiry = _visible_or_404(request, pk)
    return render(
        request,
        "enquiries/staff_detail.html",
        {
            "enquiry": enquiry,
            "route_form": RouteForm(initial={"section": enquiry.section_id}),
            "answer_form": AnswerForm(),
            "can_route": permissions.can_route(request.user)
            and enquiry.status != EnquiryStatus.ANSWERED,
            "can_answer": permissions.can_answer(request.user, enquiry)
            and enquiry.status != EnquiryStatus.ANSWERED,
            "can_publish": permissions.can_publish(request.user)
            and enquiry.status == EnquiryStatus.ANSWERED,
        },
    )


def _act(request, enquiry: Enquiry, action, success: str):
    try:
        action()
    except services.EnquiryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("enquiries:staff_detail", pk=enquiry.pk)


@login_required
@require_POST
def staff_route(request, pk: int):
    enquiry = _visible_or_404(request, pk)
    form = RouteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择承办股室。")
        return redirect("enquiries:staff_detail", pk=enquiry.pk)
    return _act(
        request,
        enquiry,
        lambda: services.enquiry_route(
            enquiry=enquiry, section=form.cleaned_data["section"], acting_user=request.user
        ),
        "已分办。",
    )


@login_required
@require_POST
def staff_answer(request, pk: int):
    enquiry = _visible_or_404(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写答复内容。")
        return redirect("enquiries:staff_detail", pk=enquiry.pk)
    return _act(
        request,
        enquiry,
        lambda: services.enquiry_answer(
            enquiry=enquiry, answer=form.cleaned_data["answer"], acting_user=request.user
        ),
        "已答复。",
    )


@login_required
@require_POST
def staff_publish(request, pk: int):
    enquiry = _visible_or_404(request, pk)
    publish = request.POST.get("publish") == "1"
    return _act(
        request,
        enquiry,
        lambda: services.enquiry_publish(
            enquiry=enquiry, publish=publish, acting_user=request.user
        ),
        "已在咨询专栏公开。" if publish else "已撤回公开。",
    )
