"""Reg. 44: the office's page of information asked for by several applicants, and
its proposals to disclose it proactively."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from disclosure.models import Item
from requests_app import permissions, selectors, services
from requests_app.models import ProactiveProposal, ProposalStatus
from requests_app.services import RequestError
from requests_app.views._common import _staff


def _office(request) -> None:
    _staff(request.user)
    if not permissions.can_manage_requests(request.user):
        raise Http404


@login_required
def proactive(request):
    _office(request)
    visible = permissions.requests_visible_to(request.user)
    return render(
        request,
        "requests_app/proactive.html",
        {
            "frequent": selectors.frequently_requested(visible),
            "proposals": ProactiveProposal.objects.select_related("item").order_by(
                "status", "-proposed_at"
            ),
            "open_status": ProposalStatus.OPEN,
        },
    )


@login_required
@require_POST
def proactive_propose(request):
    _office(request)
    req = get_object_or_404(
        permissions.requests_visible_to(request.user), pk=request.POST.get("request") or 0
    )
    try:
        services.proactive_proposal_create(
            request=req, note=request.POST.get("note", ""), acting_user=request.user
        )
    except RequestError as exc:
        messages.error(request, f"未提出建议：{exc}")
    else:
        messages.success(request, f"已建议将“{req.info_summary}”纳入主动公开。")
    return redirect("requests_app:proactive")


@login_required
@require_POST
def proactive_resolve(request, pk: int):
    _office(request)
    proposal = get_object_or_404(ProactiveProposal, pk=pk)
    index = (request.POST.get("index_number") or "").strip()
    item = None
    if index:
        item = Item.objects.filter(index_number=index).first()
        if item is None:
            messages.error(request, f"未办理：索引号“{index}”不存在。")
            return redirect("requests_app:proactive")
    try:
        services.proactive_proposal_resolve(
            proposal=proposal,
            item=item,
            decline_reason=request.POST.get("decline_reason", ""),
            acting_user=request.user,
        )
    except RequestError as exc:
        messages.error(request, f"未办理：{exc}")
    else:
        messages.success(request, f"已办理：{proposal.info_title}")
    return redirect("requests_app:proactive")
