"""The public pages of requests: the form (Reg. 29) and tracking by number and query code."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from common import privacy
from common.crypto import DecryptionError, decrypt, encrypt
from common.ratelimit import Limit, attempts, client_address, hit
from requests_app import forms, notices, selectors, services
from requests_app.models import ComplaintStatus, DisclosureRequest, RequestFileKind, Status
from requests_app.outcomes import outcome_full_label
from requests_app.services import RequestError
from requests_app.views._common import _serve

# F8: the public form is rate limited per client.
APPLY_LIMIT = Limit("requests_apply", count=5, seconds=3600)
# Wrong tracking pairs: per client and per number; beyond the limit every try
# (right or wrong) waits for the window to pass.
TRACK_FAIL_LIMIT = Limit("requests_track_fail", count=5, seconds=900)
TRACK_FAIL_NUMBER_LIMIT = Limit("requests_track_fail_no", count=10, seconds=3600)
COMPLAINT_LIMIT = Limit("requests_complaint", count=5, seconds=3600)

SESSION_TRACKED = "requests_tracked"
SESSION_RECEIPT = "requests_receipt"
RECEIPT = "session.requests_receipt.code"  # the label the receipt's code is sealed with


# -- Public ---------------------------------------------------------------------------


def apply(request):
    """The public form (Reg. 29)."""
    if request.method == "POST":
        form = forms.ApplyForm(request.POST, request.FILES)
        if not hit(APPLY_LIMIT, client_address(request)):
            form.is_valid()  # keep what was typed, show field errors too
            form.add_error(None, "提交过于频繁，请一小时后再试。如有急需，请电话联系局办公室。")
            return render(request, "requests_app/apply.html", _apply_context(form), status=429)
        if form.is_valid():
            data = dict(form.cleaned_data)
            files = data.pop("files", [])
            try:
                submission = services.request_submit(data=data, files=files)
            except ValidationError as exc:
                form.add_error("files", exc)
            else:
                _remember(request, submission.request)
                # Across the one redirect to the receipt, and encrypted: the session
                # row never holds the query code in clear.
                request.session[SESSION_RECEIPT] = {
                    "number": submission.request.tracking_number,
                    "code": encrypt(services.format_code(submission.query_code), label=RECEIPT),
                    "email": bool(submission.request.email),
                }
                return redirect("requests_app:submitted")
    else:
        form = forms.ApplyForm()
    return render(request, "requests_app/apply.html", _apply_context(form))


def _apply_context(form) -> dict:
    return {"form": form, "retention_years": settings.REQUEST_PERSONAL_DATA_YEARS}


def submitted(request):
    """The tracking number and query code, shown once."""
    receipt = request.session.pop(SESSION_RECEIPT, None)
    if receipt is None:
        return redirect("requests_app:track")
    try:
        receipt["code"] = decrypt(receipt["code"], label=RECEIPT)
    except (KeyError, TypeError, DecryptionError):
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


def track_detail(request, number: str, *, correction_form=None, status=None):
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
            "correction_form": correction_form or forms.CorrectionUploadForm(),
        },
        status=status or (400 if complaint_form.errors else 200),
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


CORRECTION_LIMIT = Limit("requests_correction", count=5, seconds=3600)


def track_correction(request, number: str):
    """The applicant sends the corrected request (Reg. 30) from the tracking page."""
    req = _tracked(request, number)
    if request.method != "POST":
        return redirect("requests_app:track_detail", number=req.tracking_number)
    form = forms.CorrectionUploadForm(request.POST, request.FILES)
    if not hit(CORRECTION_LIMIT, client_address(request)):
        form.add_error(None, "提交过于频繁，请稍后再试。")
    elif form.is_valid():
        try:
            services.request_correction_upload(
                request=req, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
            )
        except RequestError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error("files", exc.messages)
        else:
            messages.success(request, "补正材料已提交，工作人员确认收到后重新计算答复期限。")
            return redirect("requests_app:track_detail", number=req.tracking_number)
    reasons = "".join(form.non_field_errors()) or "请查看下方提示。"
    messages.error(request, f"补正材料未提交：{reasons}")
    return track_detail(request, number, correction_form=form, status=400)
