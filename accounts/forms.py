"""The back-office login form."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm

from accounts.models import User

USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length or 150


class LoginForm(AdminAuthenticationForm):
    """The admin login with the username's length checked before anything is looked
    up: Django sets the field's `max_length` after construction, which adds no
    validator, so an over-long name went on to the lockout records (255 characters
    at most) and failed there with a 500."""

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username") or ""
        if len(username) > USERNAME_MAX_LENGTH:
            raise forms.ValidationError(
                f"用户名不能超过 {USERNAME_MAX_LENGTH} 个字符，请检查后重新输入。",
                code="max_length",
            )
        return username


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label="动态口令或恢复码",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": "请输入身份验证器显示的 6 位动态口令，或一个恢复码。"},
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split()).lower()
