"""The staff's handling of requests: the list, the dashboard, registration, the detail
page with its actions, notices and files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import AuditAction
from audit.services import audit_record
from common import privacy
from common.pagination import page_or_404
from requests_app import forms, grounds, notices, permissions, selectors, services
from requests_app.models import RequestFileKind, Status
from requests_app.outcomes import outcome_full_label
from requests_app.services import RequestError
from requests_app.transitions import Action
from requests_app.views._common import _serve, _staff, _visible
from workcalendar.selectors import WorkCalendar


@login_required
def staff_list(request):
    _staff(request.user)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    q = request.GET.get("q", "")[:30]
    page = page_or_404(
        request,
        selectors.staff_list(permissions.requests_visible_to(request.user), status=status, q=q),
    )
    rows = list(page.object_list)
    handled = permissions.handled_ids(request.user, rows)
    cal = WorkCalendar()
    for r in rows:
        r.clock = selectors.request_clock(r, cal=cal)
        r.display_name = (
            r.applicant_name if r.pk in handled else privacy.mask_name(r.applicant_name)
        )
        r.display_phone = r.phone if r.pk in handled else privacy.mask_phone(r.phone)
    return render(
        request,
        "requests_app/staff_list.html",
        {
            "rows": rows,
            "page": page,
            "status": status,
            "q": q,
            "statuses": Status.choices,
            "can_register": permissions.can_manage_requests(request.user),
        },
    )


@login_required
def dashboard(request):
    _staff(request.user)
    visible = permissions.requests_visible_to(request.user)
    board = selectors.dashboard(visible)
    year = timezone.localdate().year
    context = {"board": board, "discarded": selectors.discarded_counts(visible, year), "year": year}
    return render(request, "requests_app/dashboard.html", context)


@login_required
def register(request):
    """Staff register a request received in person, by post or by fax."""
    _staff(request.user)
    if not permissions.can_manage_requests(request.user):
        raise Http404
    form = forms.RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("files", [])
        channel = data.pop("channel")
        received_on = data.pop("received_on")
        note = data.pop("receipt_note")
        try:
            submission = services.request_register(
                data=data,
                channel=channel,
                received_on=received_on,
                receipt_note=note,
                files=files,
                acting_user=request.user,
            )
        except (RequestError, ValidationError) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(
                request,
                f"已登记，申请编号 {submission.request.tracking_number}，"
                f"查询码 {services.format_code(submission.query_code)}"
                "（请告知申请人，查询码只显示这一次）。",
            )
            return redirect("requests_app:staff_detail", pk=submission.request.pk)
    return render(request, "requests_app/register.html", {"form": form})


# Action -> (form class, call). The call gets (request, cleaned data, user).
def _files(d):
    return d.get("files", [])


ACTIONS = {
    Action.CONFIRM_RECEIPT: (
        forms.ConfirmReceiptForm,
        lambda r, d, u: services.request_confirm_receipt(
            request=r, received_on=d["received_on"], acting_user=u
        ),
    ),
    Action.PROPOSE_DISCARD: (
        forms.DiscardProposeForm,
        lambda r, d, u: services.request_discard_propose(
            request=r, reason=d["reason"], note=d["note"], acting_user=u
        ),
    ),
    Action.DISCARD: (
        forms.DiscardForm,
        lambda r, d, u: services.request_discard(request=r, acting_user=u),
    ),
    Action.ASSIGN: (
        forms.AssignForm,
        lambda r, d, u: services.request_assign(request=r, section=d["section"], acting_user=u),
    ),
    Action.REQUEST_CORRECTION: (
        forms.CorrectionForm,
        lambda r, d, u: services.request_correction_ask(
            request=r, items=d["items"], days=d["days"], method=d["method"], acting_user=u
        ),
    ),
    Action.RECEIVE_CORRECTION: (
        forms.CorrectionReceiveForm,
        lambda r, d, u: services.request_correction_receive(
            request=r, received_on=d["received_on"], note=d["note"], acting_user=u
        ),
    ),
    Action.LAPSE_CORRECTION: (
        forms.LapseForm,
        lambda r, d, u: services.request_correction_lapse(request=r, acting_user=u),
    ),
    Action.START_PAUSE: (
        forms.PauseStartForm,
        lambda r, d, u: services.request_pause_start(request=r, acting_user=u, **d),
    ),
    Action.END_PAUSE: (
        forms.PauseEndForm,
        lambda r, d, u: services.request_pause_end(request=r, acting_user=u, **d),
    ),
    Action.APPLY_EXTENSION: (
        forms.ExtensionApplyForm,
        lambda r, d, u: services.request_extension_apply(request=r, acting_user=u, **d),
    ),
    Action.DECIDE_EXTENSION: (
        forms.ExtensionDecideForm,
        lambda r, d, u: services.request_extension_decide(
            request=r, approve=d["decision"] == "approve", note=d["note"], acting_user=u
        ),
    ),
    Action.NOTIFY_FEE: (
        forms.FeeForm,
        lambda r, d, u: services.request_fee_notify(
            request=r,
            scheme=d["scheme"],
            pages=d.get("pages") or 0,
            method=d["method"],
            acting_user=u,
        ),
    ),
    Action.RECORD_PAYMENT: (
        forms.PaymentForm,
        lambda r, d, u: services.request_fee_record_payment(
            request=r, paid_on=d["paid_on"], acting_user=u
        ),
    ),
    Action.LAPSE_FEE: (
        forms.LapseForm,
        lambda r, d, u: services.request_fee_lapse(request=r, acting_user=u),
    ),
    Action.SUBMIT_DRAFT: (
        forms.DraftForm,
        lambda r, d, u: services.request_draft_submit(
            request=r,
            ground=d["ground"],
            details=d["details"],
            text=d["text"],
            files=_files(d),
            acting_user=u,
        ),
    ),
    Action.RETURN_DRAFT: (
        forms.ReturnForm,
        lambda r, d, u: services.request_draft_return(
            request=r, opinion=d["opinion"], acting_user=u
        ),
    ),
    Action.APPROVE: (
        forms.ApproveForm,
        lambda r, d, u: services.request_approve(request=r, acting_user=u),
    ),
    Action.WITHDRAW: (
        forms.WithdrawForm,
        lambda r, d, u: services.request_withdraw(request=r, note=d["note"], acting_user=u),
    ),
    Action.ANSWER_ON_SPOT: (
        forms.AnswerOnSpotForm,
        lambda r, d, u: services.request_answer_on_the_spot(
            request=r, ground=d["ground"], details=d["details"], text=d["text"], acting_user=u
        ),
    ),
    Action.ASK_REASONS: (
        forms.ReasonsAskForm,
        lambda r, d, u: services.request_reasons_ask(
            request=r, items=d["items"], days=d["days"], acting_user=u
        ),
    ),
    Action.DECIDE_REASONS: (
        forms.ReasonsDecideForm,
        lambda r, d, u: services.request_reasons_decide(request=r, acting_user=u, **d),
    ),
}


# Shown unfolded: the step the request waits for. The others fold away.
PRIMARY_ACTIONS = {
    Action.CONFIRM_RECEIPT,
    Action.ASSIGN,
    Action.RECEIVE_CORRECTION,
    Action.LAPSE_CORRECTION,
    Action.END_PAUSE,
    Action.DECIDE_EXTENSION,
    Action.RECORD_PAYMENT,
    Action.LAPSE_FEE,
    Action.SUBMIT_DRAFT,
    Action.APPROVE,
}


def _detail_context(request, req, bound_action=None, bound_form=None):
    rclock = selectors.request_clock(req)
    actions = selectors.available_actions(request.user, req, rclock)
    if bound_action is not None and bound_action not in actions:
        actions.insert(0, bound_action)  # show the refused form with its message
    action_forms = []
    for action in actions:
        form_class, _call = ACTIONS[action]
        if action == bound_action:
            form = bound_form
        else:
            form = form_class(prefix=action.value)
            if action == Action.ASSIGN and req.section_id:
                form.initial["section"] = req.section_id
        is_open = action == bound_action or (
            action in PRIMARY_ACTIONS and not (action == Action.ASSIGN and req.section_id)
        )
        action_forms.append({"action": action, "form": form, "open": is_open})
    unmasked = permissions.can_see_personal_data(request.user, req)
    files = list(req.files.all())
    if not unmasked:
        files = [f for f in files if f.kind == RequestFileKind.REPLY]
    return {
        "req": req,
        "clock": rclock,
        "unmasked": unmasked,
        "masked": {
            "name": privacy.mask_name(req.applicant_name),
            "id_number": privacy.mask_id(req.id_number),
            "phone": privacy.mask_phone(req.phone),
            "email": privacy.mask_email(req.email),
            "address": privacy.mask_address(req.address),
        },
        "action_forms": action_forms,
        "events": req.events.select_related("actor").order_by("at", "id"),
        "files": files,
        "pauses": req.pauses.all(),
        "correction": getattr(req, "correction", None),
        "extension": getattr(req, "extension", None),
        "complaints": req.complaints.all(),
        "remedies": req.remedy_cases.all(),
        "draft_label": outcome_full_label(req.draft_outcome) if req.draft_outcome else "",
        "draft_details": grounds.detail_lines(req.draft_ground, req.draft_details)
        if req.draft_ground
        else [],
        "outcome_label": outcome_full_label(req.outcome) if req.outcome else "",
        "can_record_remedy": permissions.can_record_remedy(request.user)
        and req.received_on is not None,
        "remedy_form": forms.RemedyForm(),
        "deliveries": selectors.deliveries_of(req),
        "can_record_receipt": permissions.can_handle_request(request.user, req),
        "receipt_form": forms.DeliveryReceiptForm(),
    }


@login_required
def staff_detail(request, pk: int):
    req = _visible(request, pk)
    if permissions.can_see_personal_data(request.user, req):
        # F8: who looked at an applicant's personal data is on the audit log.
        audit_record(
            action=AuditAction.VIEW_PERSONAL,
            actor=request.user,
            target=req,
            request=request,
            detail="查看申请人个人信息",
        )
    return render(request, "requests_app/staff_detail.html", _detail_context(request, req))


@login_required
@require_POST
def staff_action(request, pk: int, action: str):
    req = _visible(request, pk)
    try:
        action = Action(action)
        form_class, call = ACTIONS[action]
    except (ValueError, KeyError):
        raise Http404 from None
    if not permissions.can_take_action(request.user, action, req):
        return render(request, "errors/403.html", status=403)
    form = form_class(request.POST, request.FILES, prefix=action.value)
    if form.is_valid():
        try:
            call(req, form.cleaned_data, request.user)
        except RequestError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"已完成：{action.label}。")
            return redirect("requests_app:staff_detail", pk=req.pk)
    req = _visible(request, pk)
    context = _detail_context(request, req, bound_action=action, bound_form=form)
    messages.error(request, f"“{action.label}”未完成，请查看下方提示。")
    return render(request, "requests_app/staff_detail.html", context, status=400)


@login_required
def staff_notice(request, pk: int):
    req = _visible(request, pk)
    if not req.notice_text:
        raise Http404
    text = req.notice_text
    if not permissions.can_see_personal_data(request.user, req):
        text = text.replace(req.applicant_name, privacy.mask_name(req.applicant_name))
    else:
        # F8: the reply notice names the applicant: who opened it is audited.
        audit_record(
            action=AuditAction.VIEW_PERSONAL,
            actor=request.user,
            target=req,
            request=request,
            detail="查看答复告知书",
        )
    return render(
        request,
        "requests_app/notice.html",
        {"req": req, "public": False, "parts": notices.notice_parts(text)},
    )


@login_required
def staff_file(request, pk: int, file_id: int):
    req = _visible(request, pk)
    f = get_object_or_404(req.files, pk=file_id)
    if f.kind != RequestFileKind.REPLY and not permissions.can_see_personal_data(request.user, req):
        raise Http404
    # F8: downloads of the applicant's and the reply's files are audited.
    audit_record(
        action=AuditAction.DOWNLOAD_PERSONAL,
        actor=request.user,
        target=req,
        request=request,
        detail=f"下载{f.get_kind_display()}：{f.name}",
    )
    return _serve(f)
