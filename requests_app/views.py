"""Pages of the requests app: the public form and tracking, and the staff's handling.
Thin: parse, check permission, call one service or selector, render or redirect."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.models import AuditAction
from audit.services import audit_record
from portal import privacy
from portal.exports import file_response
from portal.pagination import page_or_404
from portal.ratelimit import Limit, attempts, client_address, hit
from requests_app import forms, notices, permissions, selectors, services
from requests_app.models import ComplaintStatus, DisclosureRequest, RequestFileKind, Status
from requests_app.outcomes import outcome_full_label
from requests_app.services import RequestError
from requests_app.transitions import Action
from workcalendar.selectors import WorkCalendar

# F8: the public form is rate limited per client.
APPLY_LIMIT = Limit("requests_apply", count=5, seconds=3600)
# Wrong tracking pairs: per client and per number; beyond the limit every try
# (right or wrong) waits for the window to pass.
TRACK_FAIL_LIMIT = Limit("requests_track_fail", count=5, seconds=900)
TRACK_FAIL_NUMBER_LIMIT = Limit("requests_track_fail_no", count=10, seconds=3600)
COMPLAINT_LIMIT = Limit("requests_complaint", count=5, seconds=3600)

SESSION_TRACKED = "requests_tracked"
SESSION_RECEIPT = "requests_receipt"


# -- Public ---------------------------------------------------------------------------


def apply(request):
    """The public form (Reg. 29)."""
    if request.method == "POST":
        form = forms.ApplyForm(request.POST, request.FILES)
        if not hit(APPLY_LIMIT, client_address(request)):
            form.is_valid()  # keep what was typed, show field errors too
            form.add_error(None, "提交过于频繁，请一小时后再试。如有急需，请电话联系局办公室。")
            return render(request, "requests_app/apply.html", {"form": form}, status=429)
        if form.is_valid():
            data = dict(form.cleaned_data)
            files = data.pop("files", [])
            try:
                submission = services.request_submit(data=data, files=files)
            except ValidationError as exc:
                form.add_error("files", exc)
            else:
                _remember(request, submission.request)
                request.session[SESSION_RECEIPT] = {
                    "number": submission.request.tracking_number,
                    "code": services.format_code(submission.query_code),
                    "email": bool(submission.request.email),
                }
                return redirect("requests_app:submitted")
    else:
        form = forms.ApplyForm()
    return render(request, "requests_app/apply.html", {"form": form})


def submitted(request):
    """The tracking number and query code, shown once."""
    receipt = request.session.pop(SESSION_RECEIPT, None)
    if receipt is None:
        return redirect("requests_app:track")
    return render(request, "requests_app/submitted.html", {"receipt": receipt})


def _remember(request, req: DisclosureRequest) -> None:
    tracked = set(request.session.get(SESSION_TRACKED, []))
    tracked.add(req.pk)
    request.session[SESSION_TRACKED] = sorted(tracked)


def _tracked_or_none(request, number: str) -> DisclosureRequest | None:
    ids = request.session.get(SESSION_TRACKED, [])
    if not ids:
        return None
    return DisclosureRequest.objects.filter(
        pk__in=ids, tracking_number=services.normalise_tracking_number(number)
    ).first()


def track(request):
    """Look up a request by tracking number and query code. A wrong pair says only
    that the pair is wrong; repeated failures lock the client and the number out."""
    form = forms.TrackForm(request.POST or None, initial={"tracking_number": request.GET.get("n")})
    status = 200
    if request.method == "POST" and form.is_valid():
        ip = client_address(request)
        number = services.normalise_tracking_number(form.cleaned_data["tracking_number"])
        if (
            attempts(TRACK_FAIL_LIMIT, ip) >= TRACK_FAIL_LIMIT.count
            or attempts(TRACK_FAIL_NUMBER_LIMIT, number) >= TRACK_FAIL_NUMBER_LIMIT.count
        ):
            form.add_error(None, "查询失败次数过多，请 15 分钟后再试。")
            status = 429
        else:
            req = services.request_check_code(
                tracking_number=number, code=form.cleaned_data["query_code"]
            )
            if req is None:
                hit(TRACK_FAIL_LIMIT, ip)
                hit(TRACK_FAIL_NUMBER_LIMIT, number)
                form.add_error(None, "申请编号或查询码不正确，请核对后重试。")
                status = 400
            else:
                _remember(request, req)
                return redirect("requests_app:track_detail", number=req.tracking_number)
    return render(request, "requests_app/track.html", {"form": form}, status=status)


def _tracked(request, number: str) -> DisclosureRequest:
    req = _tracked_or_none(request, number)
    if req is None:
        raise Http404
    return req


def track_detail(request, number: str):
    """What the applicant sees: status, dated steps, the deadline and how it was
    computed, the reply notice and files. Personal data is not shown."""
    req = _tracked_or_none(request, number)
    if req is None:
        # Says nothing about the number: the same lookup form for any number.
        return redirect(reverse("requests_app:track") + "?" + urlencode({"n": number[:30]}))
    complaint_form = forms.ComplaintForm()
    if request.method == "POST":
        complaint_form = forms.ComplaintForm(request.POST)
        if not hit(COMPLAINT_LIMIT, client_address(request)):
            complaint_form.add_error(None, "提交过于频繁，请稍后再试。")
        elif complaint_form.is_valid():
            try:
                services.complaint_submit(request=req, **complaint_form.cleaned_data)
            except RequestError as exc:
                complaint_form.add_error(None, str(exc))
            else:
                messages.success(request, "申诉/投诉已提交，我们将在期限内答复。")
                return redirect("requests_app:track_detail", number=req.tracking_number)
    return render(
        request,
        "requests_app/track_detail.html",
        {
            "req": req,
            "masked_name": privacy.mask_name(req.applicant_name),
            "clock": selectors.request_clock(req),
            "events": selectors.public_events(req),
            "reply_files": req.files.filter(kind=RequestFileKind.REPLY)
            if req.status == Status.CLOSED
            else [],
            "complaints": req.complaints.all(),
            "complaint_form": complaint_form,
            "complaint_open": req.complaints.filter(status=ComplaintStatus.OPEN).exists(),
            "correction": getattr(req, "correction", None),
            "outcome_label": outcome_full_label(req.outcome) if req.outcome else "",
        },
        status=400 if complaint_form.errors else 200,
    )


def track_notice(request, number: str):
    req = _tracked(request, number)
    if req.status != Status.CLOSED or not req.notice_text:
        raise Http404
    return render(
        request,
        "requests_app/notice.html",
        {"req": req, "public": True, "parts": notices.notice_parts(req.notice_text)},
    )


def track_file(request, number: str, file_id: int):
    req = _tracked(request, number)
    if req.status != Status.CLOSED:
        raise Http404
    f = get_object_or_404(req.files, pk=file_id, kind=RequestFileKind.REPLY)
    return _serve(f)


def _serve(f):
    # An applicant's files and the reply: personal data, never cached.
    return file_response(
        f.file.open("rb"), filename=f.name, content_type=f.content_type, private=True
    )


# -- Staff ----------------------------------------------------------------------------


def _staff(user) -> None:
    if not permissions.can_use_requests(user):
        raise Http404


def _visible(request, pk: int) -> DisclosureRequest:
    _staff(request.user)
    qs = selectors.with_clock_data(permissions.requests_visible_to(request.user))
    return get_object_or_404(qs, pk=pk)


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
    board = selectors.dashboard(permissions.requests_visible_to(request.user))
    return render(request, "requests_app/dashboard.html", {"board": board})


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
    Action.DISCARD: (
        forms.DiscardForm,
        lambda r, d, u: services.request_discard(request=r, reason=d["reason"], acting_user=u),
    ),
    Action.ASSIGN: (
        forms.AssignForm,
        lambda r, d, u: services.request_assign(request=r, section=d["section"], acting_user=u),
    ),
    Action.REQUEST_CORRECTION: (
        forms.CorrectionForm,
        lambda r, d, u: services.request_correction_ask(
            request=r, items=d["items"], days=d["days"], acting_user=u
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
            request=r, scheme=d["scheme"], pages=d.get("pages") or 0, acting_user=u
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
            request=r, outcome=d["outcome"], text=d["text"], files=_files(d), acting_user=u
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
        "outcome_label": outcome_full_label(req.outcome) if req.outcome else "",
        "can_record_remedy": permissions.can_record_remedy(request.user)
        and req.received_on is not None,
        "remedy_form": forms.RemedyForm(),
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
    return _serve(f)


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
