"""A person at the browser: opens pages of the live portal, checks each one
(tests/browser/audit.py), and signs staff in with their second factor."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django_otp.oath import totp

from tests.browser import audit
from tests.browser.server import PASSWORD, SECOND_FACTOR_USERS, TOTP_KEY

# The last TOTP time step used per account: django-otp accepts each code once.
_last_step: dict[str, int] = {}


def totp_code(username: str) -> str:
    step = int(time.time()) // 30
    if _last_step.get(username) == step:
        time.sleep(30 - time.time() % 30 + 0.5)
        step = int(time.time()) // 30
    _last_step[username] = step
    return f"{totp(bytes.fromhex(TOTP_KEY), step=30, t0=0, digits=6):06d}"


@dataclass
class Visitor:
    page: object
    base_url: str
    width: int
    mode: str
    name: str
    # The display mode's cookies, set again after logging out.
    mode_cookies: list = field(default_factory=list)
    shots: int = field(default=0)

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def open(self, path: str, *, status: int = 200):
        response = self.page.goto(self.url(path))
        assert response is not None
        assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
        self.check()
        return response

    def check(self) -> None:
        """axe-core (serious, critical) and sideways scrolling on the current page."""
        page = self.page
        page.wait_for_load_state("load")
        where = f"{self.path()} at {self.width} px ({self.mode})"
        if audit.save_all_screenshots():
            self.shots += 1
            audit.screenshot(page, f"{self.name}-{self.shots:02d}-{self.path()}")
        violations = audit.axe_violations(page)
        assert not violations, f"axe-core on {where}:\n" + audit.format_violations(violations)
        extra = audit.sideways_overflow(page)
        assert extra == 0, f"{where} scrolls sideways by {extra} px"

    def submit(self, button_text: str | None = None, *, form=None):
        """Click a submit button (by its text) and check the page that follows."""
        scope = form or self.page
        if button_text:
            button = scope.get_by_role("button", name=button_text, exact=True)
        else:
            button = scope.locator("button[type=submit], input[type=submit]")
        with self.page.expect_navigation():
            button.first.click()
        self.check()

    def login(self, username: str, *, next_path: str = "/staff/") -> None:
        page = self.page
        self.open(f"/admin/login/?next={next_path}")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.locator("form#login-form [type=submit], form [type=submit]").first.click()
        if username in SECOND_FACTOR_USERS:
            assert "/accounts/otp/verify/" in page.url, f"{username}: no second factor asked"
            self.check()
            page.fill("input[name=token]", totp_code(username))
            with page.expect_navigation():
                page.get_by_role("button", name="验证").click()
        assert "/admin/login/" not in page.url, f"{username} could not sign in"
        assert "/accounts/otp/" not in page.url, f"{username}: second factor refused"
        self.check()

    def logout(self) -> None:
        """Sign out: the session ends with the browser's cookies."""
        self.page.context.clear_cookies()
        if self.mode_cookies:
            self.page.context.add_cookies(self.mode_cookies)
