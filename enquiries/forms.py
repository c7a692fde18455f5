"""Forms of 政务咨询: they validate (Chinese errors) and never change state."""

from django import forms

from disclosure.models import Section


class AskForm(forms.Form):
    subject = forms.CharField(
        label="咨询标题", max_length=100, error_messages={"required": "请填写咨询标题。"}
    )
    question = forms.CharField(
        label="咨询内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写咨询内容。"},
    )
    name = forms.CharField(label="姓名", max_length=50, required=False, help_text="可不填。")
    contact = forms.CharField(
        label="联系方式",
        max_length=100,
        help_text="电话或电子邮箱，用于答复您，不会公开。",
        error_messages={"required": "请填写联系方式，以便答复您。"},
    )

    def clean_question(self):
        text = (self.cleaned_data.get("question") or "").strip()
        if len(text) < 5:
            raise forms.ValidationError("咨询内容过短，请具体说明您的问题（至少 5 个字）。")
        return text

    def clean_contact(self):
        import re

        value = (self.cleaned_data.get("contact") or "").strip()
        phone = re.sub(r"[\s-]", "", value)
        if re.fullmatch(r"1[3-9]\d{9}|0\d{9,11}", phone) or re.fullmatch(
            r"[^@\s]+@[^@\s]+\.[^@\s]+", value
        ):
            return value
        raise forms.ValidationError("请填写正确的手机号码、带区号的固定电话或电子邮箱。")


class RouteForm(forms.Form):
    section = forms.ModelChoiceField(
        label="承办股室", queryset=Section.objects.all(), empty_label="（请选择）",
        error_messages={"required": "请选择承办股室。"},
    )  # fmt: skip


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="答复内容",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写答复内容。"},
    )
