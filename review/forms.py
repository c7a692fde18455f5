"""Forms of the review pages. Each carries the token of the page it was rendered
with (`services.form_token`), so a stale form is refused by the service."""

import datetime

from django import forms
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from disclosure.choices import Validity
from disclosure.models import Item
from review.models import InterpretationForm


class TokenForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)


class ApproveForm(TokenForm):
    opinion = forms.CharField(
        label="审核意见（可选）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(TokenForm):
    opinion = forms.CharField(
        label="退回意见",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="写明需要修改的内容；退回意见发送给起草人。",
        error_messages={"required": "退回必须填写审核意见。"},
    )


class OverrideForm(TokenForm):
    reason = forms.CharField(
        label="越过安全检查发布的理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="仅分管领导可确认；理由与当时的检查发现一并记录。",
        error_messages={"required": "请填写理由。"},
    )


class ScheduleForm(TokenForm):
    when = forms.DateTimeField(
        label="发布时间",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": "请选择发布时间。",
            "invalid": "请按 年-月-日 时:分 填写发布时间。",
        },
    )

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise forms.ValidationError("定时发布时间必须晚于当前时间。")
        return when


class SignOffForm(TokenForm):
    signer = forms.CharField(
        label="签发人", max_length=50, error_messages={"required": "请填写签发人。"}
    )
    signer_title = forms.CharField(label="签发人职务", max_length=50, required=False)
    signed_on = forms.DateField(
        label="签发日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写签发日期。", "invalid": "日期格式应为 年-月-日。"},
    )

    def clean_signed_on(self):
        value = self.cleaned_data["signed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("签发日期不能晚于今天。")
        return value


class WithdrawForm(TokenForm):
    reason = forms.CharField(
        label="撤回理由",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="理由与撤回日期将在公开页面显示，替代原内容。",
        error_messages={"required": "撤回必须填写理由。"},
    )


def find_item(reference: str, queryset) -> Item | None:
    """An item by its 索引号 or its number."""
    reference = (reference or "").strip()
    if not reference:
        return None
    found = queryset.filter(index_number=reference).first()
    if found is None and reference.isdigit():
        found = queryset.filter(pk=int(reference)).first()
    return found


class ReplaceForm(TokenForm):
    replacement = forms.CharField(
        label="替代信息的索引号或编号",
        max_length=60,
        help_text="须为已发布的主动公开信息，填写其索引号（如 机关代码/2026-00012）或编号。",
        error_messages={"required": "请填写替代信息的索引号或编号。"},
    )
    note = forms.CharField(label="说明（可选）", max_length=500, required=False)

    def clean_replacement(self):
        found = find_item(self.cleaned_data["replacement"], Item.objects.published())
        if found is None:
            raise forms.ValidationError("没有找到该索引号或编号对应的已发布信息。")
        return found


class UpdateForm(TokenForm):
    title = forms.CharField(label="标题", max_length=300)
    summary = forms.CharField(
        label="内容概述", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    keywords = forms.CharField(label="关键词", max_length=200, required=False)
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    # A 行政规范性文件's dates (table 二 counts from them; 失效 is computed from them).
    valid_until = forms.DateField(
        label="有效期至",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="行政规范性文件填写。",
    )
    repealed_on = forms.DateField(
        label="废止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="有效性改为“已废止”时填写。",
    )
    body = forms.CharField(
        label="正文（HTML）", required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    substantive = forms.BooleanField(
        label="实质性变更（变更说明与日期将在公开页面显示）", required=False, initial=True
    )
    note = forms.CharField(
        label="变更说明",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="实质性变更必须填写；轻微更正（错别字、格式）可不填，不在公开页面显示。",
    )

    def clean(self):
        data = super().clean()
        if data.get("substantive") and not (data.get("note") or "").strip():
            self.add_error("note", "实质性变更必须填写变更说明。")
        return data


class RelationsForm(forms.Form):
    is_signed_document = forms.BooleanField(
        label="本件为签发稿（已履行公文签发程序，凭签发记录发布）", required=False
    )
    needs_interpretation = forms.BooleanField(
        label="本件为需要解读的政策文件（须与解读同步发布）", required=False
    )
    interprets = forms.ModelChoiceField(
        label="本件为以下政策文件的解读",
        queryset=Item.objects.none(),
        required=False,
        empty_label="（不是解读材料）",
    )
    interpretation_form = forms.ChoiceField(
        label="解读形式（解读材料）",
        choices=InterpretationForm.choices,
        initial=InterpretationForm.TEXT,
        required=False,
        help_text="文字解读须包含制定背景、起草过程、工作目标、主要内容、创新举措、下一步工作考虑；"
        "图解、视频、音频解读须上传相应文件。",
    )
    signatory_user = forms.ModelChoiceField(
        label="署名（解读材料）",
        queryset=User.objects.none(),
        required=False,
        empty_label="（不是解读材料）",
        help_text="从分管领导（主要负责人）账号中选择。",
    )
    responds_to = forms.CharField(
        label="本件回应的信息（索引号或编号）", max_length=60, required=False
    )

    def __init__(self, *args, policies=None, lookup=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interprets"].queryset = (
            policies if policies is not None else Item.objects.none()
        )
        self.fields["interprets"].label_from_instance = lambda i: (
            f"{i.title}（{i.get_status_display()}）"
        )
        self._lookup = lookup if lookup is not None else Item.objects.none()
        self.fields["signatory_user"].queryset = User.objects.filter(
            is_active=True, groups__name=str(Role.LEADER)
        ).order_by("username")
        self.fields["signatory_user"].label_from_instance = str

    def clean_interpretation_form(self):
        return self.cleaned_data.get("interpretation_form") or InterpretationForm.TEXT

    def clean_responds_to(self):
        reference = self.cleaned_data.get("responds_to")
        if not reference:
            return None
        found = find_item(reference, self._lookup)
        if found is None:
            raise forms.ValidationError("没有找到该索引号或编号对应的信息。")
        return found


def default_schedule_time() -> datetime.datetime:
    """Tomorrow 09:00 local time, the usual publishing hour."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(9, 0)))
