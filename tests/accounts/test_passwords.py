"""The password policy: three of four character classes, no username inside, not
common, not one of the last five, 90-day expiry and a forced change, the last login
shown after login; the demo accounts' printed password still passes."""

import datetime

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import demo
from accounts.models import PasswordHistory, User
from accounts.passwords import character_classes, password_change_reason
from accounts.roles import Role
from tests.factories import UserFactory, staff

pytestmark = pytest.mark.django_db


def messages_for(password, user):
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


def test_a_password_containing_the_username_is_refused():
    user = User(username="rsgl")
    message = messages_for("rsgl123456", user)
    assert "密码中不能包含用户名" in message
    # In any letter case, and even with every character class present.
    assert "密码中不能包含用户名" in messages_for("RSGL-2026-xyz", user)
    assert messages_for("Mlj-2026-renshi", user) == ""


@pytest.mark.parametrize(
    ("password", "classes"),
    [
        ("abcdefghijk", 1),
        ("abcdefgh1234", 2),
        ("ABCDEFGH-xyz", 3),
        ("Abcdefgh1234", 3),
        ("abcd-1234-efgh", 3),
        ("Ab1-汉字密码测试", 4),
    ],
)
def test_character_classes_are_counted(password, classes):
    assert character_classes(password) == classes


def test_fewer_than_three_character_classes_are_refused():
    user = User(username="wang")
    assert "四类中的 3 类" in messages_for("abcdefgh1234", user)
    assert "四类中的 3 类" in messages_for("zhongguorenshi", user)
    assert messages_for("abcd-1234-efgh", user) == ""
    assert messages_for("Zhongguo-renshi", user) == ""


def test_a_common_password_is_refused_in_chinese():
    message = messages_for("Password123", User(username="wang"))
    assert message and "常见" in message


def test_short_passwords_are_refused():
    assert "10" in messages_for("Ab-12345", User(username="wang"))


def test_the_demo_password_passes_for_every_demo_account():
    for username, full_name, *_ in demo.USERS:
        user = User(username=username, full_name=full_name, email=f"{username}@rsj.example.gov.cn")
        assert messages_for(demo.DEMO_PASSWORD, user) == "", username


def test_demo_accounts_are_not_forced_to_change_their_password():
    user = demo.demo_user(username="clerk", full_name="王丽", groups=[], label="x", ctx={})
    assert user.check_password(demo.DEMO_PASSWORD)
    assert password_change_reason(user) == ""
    assert not User.objects.get(pk=user.pk).must_change_password


# --- history -------------------------------------------------------------------------

PASSWORDS = [f"Renshi-{n}-gkpt" for n in range(1, 8)]


def set_password(user, password):
    form = SetPasswordForm(user, {"new_password1": password, "new_password2": password})
    if not form.is_valid():
        return " ".join(e for errors in form.errors.values() for e in errors)
    form.save()
    return ""


def test_the_last_five_passwords_are_not_reused():
    user = UserFactory(username="wang")
    for password in PASSWORDS[:5]:
        assert set_password(user, password) == ""
    # Current (5th) and the four before it are refused...
    for password in PASSWORDS[:5]:
        assert "最近 5 次" in set_password(user, password), password
    # ...a sixth is fine, and then the first one is old enough again.
    assert set_password(user, PASSWORDS[5]) == ""
    assert set_password(user, PASSWORDS[0]) == ""
    assert PasswordHistory.objects.filter(user=user).count() == 5


def test_the_history_keeps_hashes_only():
    user = UserFactory(username="wang")
    set_password(user, PASSWORDS[0])
    stored = PasswordHistory.objects.get(user=user).password
    assert PASSWORDS[0] not in stored and stored == User.objects.get(pk=user.pk).password


# --- expiry and the forced change ---------------------------------------------------------


def age_password(user, days):
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_a_password_older_than_90_days_must_be_changed_first(client):
    user = staff(Role.OFFICE_REVIEWER, username="office")
    age_password(user, 91)
    client.force_login(user)
    response = client.get(reverse("requests_app:staff_list"))
    assert response.status_code == 302 and response.url == reverse("admin:password_change")
    page = client.get(response.url)
    assert page.status_code == 200
    assert "已超过 90 天未修改" in page.content.decode()
    # Logging out stays possible.
    assert client.post(reverse("admin:logout")).status_code == 200


def test_a_password_younger_than_90_days_is_fine(client):
    user = staff(Role.OFFICE_REVIEWER, username="office")
    age_password(user, 89)
    client.force_login(user)
    assert client.get(reverse("requests_app:staff_list")).status_code == 200


def test_changing_the_expired_password_opens_the_back_office_again(client):
    user = staff(Role.OFFICE_REVIEWER, username="office")
    age_password(user, 120)
    client.force_login(user)
    response = client.post(
        reverse("admin:password_change"),
        {
            "old_password": "demo-pass-123",
            "new_password1": "Xinmima-2026-gk",
            "new_password2": "Xinmima-2026-gk",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert client.get(reverse("requests_app:staff_list")).status_code == 200
    user.refresh_from_db()
    assert user.check_password("Xinmima-2026-gk")
    assert timezone.now() - user.password_changed_at < datetime.timedelta(minutes=1)


def test_the_change_page_refuses_the_same_password_again(client):
    user = staff(Role.OFFICE_REVIEWER, username="office")
    set_password(user, "Renshi-2026-gkpt")
    age_password(user, 120)
    client.force_login(user)
    response = client.post(
        reverse("admin:password_change"),
        {
            "old_password": "Renshi-2026-gkpt",
            "new_password1": "Renshi-2026-gkpt",
            "new_password2": "Renshi-2026-gkpt",
        },
    )
    assert response.status_code == 200
    assert "最近 5 次" in response.content.decode()
    assert client.get(reverse("requests_app:staff_list")).status_code == 302


def test_a_flagged_account_must_change_before_anything_else(client):
    user = staff(Role.AUDIT_ADMIN, username="auditor")
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    client.force_login(user)
    for url in (reverse("admin:index"), reverse("staff_start"), "/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("admin:password_change")
    assert "由他人设置" in client.get(reverse("admin:password_change")).content.decode()


def test_anonymous_visitors_are_not_affected(client):
    assert client.get("/").status_code == 200


# --- the last login ----------------------------------------------------------------------


def login(client, password="demo-pass-123", ip="10.0.0.1"):  # noqa: S107
    return client.post(
        reverse("admin:login"),
        {"username": "office", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
        follow=True,
    )


def test_the_last_login_time_and_address_are_shown_after_login(client):
    staff(Role.OFFICE_REVIEWER, username="office")
    first = login(client, ip="10.0.0.1").content.decode()
    assert "欢迎首次登录" in first
    client.post(reverse("admin:logout"))
    login(client, password="wrong-password-1", ip="10.9.9.9")
    second = login(client, ip="10.0.0.2").content.decode()
    assert "上次登录时间：" in second and "登录地址：10.0.0.1" in second
    assert "此后有 1 次失败的登录尝试" in second


def test_changing_ones_own_password_is_audited_once(client):
    from audit.models import AuditAction, AuditEntry

    user = staff(Role.SECTION_CLERK, username="clerk")
    client.force_login(user)
    client.post(
        reverse("admin:password_change"),
        {
            "old_password": "demo-pass-123",
            "new_password1": "Xinmima-2026-gk",
            "new_password2": "Xinmima-2026-gk",
        },
        REMOTE_ADDR="10.3.3.3",
    )
    [entry] = AuditEntry.objects.filter(action=AuditAction.PASSWORD_CHANGE)
    assert entry.actor == user and entry.ip_address == "10.3.3.3"
    assert not AuditEntry.objects.filter(action=AuditAction.PASSWORD_SET).exists()
