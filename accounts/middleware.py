"""The forced password change: a signed-in user whose password has expired (90
days) or was set by somebody else reaches only the change-password page (and
logout) until they have chosen a new one."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import otp
from accounts.lockout import LOCKOUT_MESSAGE, address_locked
from accounts.passwords import password_change_reason

OTP_URL_NAMES = ("accounts:otp_setup", "accounts:otp_verify")


class SecondFactorMiddleware:
    """A signed-in user who must give a second factor reaches only the enrolment
    or verification page (and logout) until they have (accounts.otp)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self._exempt: tuple[str, ...] | None = None

    def exempt_paths(self) -> tuple[str, ...]:
        if self._exempt is None:
            self._exempt = tuple(reverse(name) for name in (*OTP_URL_NAMES, "admin:logout"))
        return self._exempt

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            path = request.path_info
            if path not in self.exempt_paths() and not path.startswith(settings.STATIC_URL):
                state = otp.second_factor_state(user)
                if state == otp.VERIFY:
                    return redirect(reverse("accounts:otp_verify") + "?" + _next(request))
                if state == otp.ENROL:
                    return redirect(reverse("accounts:otp_setup") + "?" + _next(request))
        return self.get_response(request)


def _next(request: HttpRequest) -> str:
    from django.utils.http import urlencode

    target = request.get_full_path() if request.method == "GET" else reverse("staff_start")
    return urlencode({"next": target})


class LoginAddressLockoutMiddleware:
    """Refuses a login attempt from an address with too many recent failures
    across all usernames (password spraying), before any password is checked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self._login_path: str | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._login_path is None:
            self._login_path = reverse("admin:login")
        if (
            request.method == "POST"
            and request.path_info == self._login_path
            and address_locked(request)
        ):
            return render(
                request, "accounts/locked_out.html", {"message": LOCKOUT_MESSAGE}, status=429
            )
        return self.get_response(request)


class PasswordPolicyMiddleware:
    ALLOWED_URL_NAMES = (
        "admin:password_change",
        "admin:password_change_done",
        "admin:logout",
        *OTP_URL_NAMES,
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self._allowed: tuple[str, ...] | None = None

    def allowed_paths(self) -> tuple[str, ...]:
        if self._allowed is None:
            self._allowed = tuple(reverse(name) for name in self.ALLOWED_URL_NAMES)
        return self._allowed

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            path = request.path_info
            exempt = path in self.allowed_paths() or path.startswith(settings.STATIC_URL)
            reason = "" if exempt else password_change_reason(user)
            if reason:
                messages.warning(request, reason)
                return redirect("admin:password_change")
        return self.get_response(request)
