"""The second factor's pages: enrolment by QR code and verification at login."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from accounts import otp, services
from accounts.forms import OTPTokenForm
from audit.models import AuditAction, AuditOutcome
from audit.services import audit_record


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("staff_start")


@login_required
def otp_setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm
    with a first code; the recovery codes are then shown once. A user who already
    has a device must verify with it first, so that a password alone cannot
    replace the device."""
    user = request.user
    if user_has_device(user) and not user.is_verified():
        return redirect(reverse("accounts:otp_verify") + "?next=" + reverse("accounts:otp_setup"))
    device = services.totp_enrolment_device(user=user)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_confirm(
            user=user, device=device, token=form.cleaned_data["token"], request=request
        )
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/otp_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "token",
            "动态口令不正确，请核对手机时间后，输入身份验证器当前显示的 6 位数字"
            "（连续输错后须稍候几秒再试）。",
        )
    uri = device.config_url
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr": segno.make(uri, micro=False).svg_data_uri(scale=4),
            "secret": _grouped(_base32(device)),
            "required": otp.second_factor_required(user),
            "next": _next_url(request),
        },
    )


@login_required
def otp_verify(request):
    """Give the code of the enrolled device (or a one-time recovery code)."""
    user = request.user
    if not user_has_device(user):
        return redirect(reverse("accounts:otp_setup") + "?next=" + _next_url(request))
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if device.name == services.RECOVERY_NAME:
                left = device.token_set.count()
                messages.warning(
                    request,
                    f"您使用了一个恢复码，还剩 {left} 个。恢复码用完前请重新绑定身份验证器。",
                )
            return redirect(_next_url(request))
        audit_record(
            action=AuditAction.LOGIN_FAILED,
            actor=user,
            request=request,
            detail="动态口令验证失败",
            outcome=AuditOutcome.FAILURE,
        )
        form.add_error("token", "动态口令或恢复码不正确，请重新输入（连续输错后须稍候几秒再试）。")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


def _base32(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
