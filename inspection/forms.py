"""Forms of inspection and rectification: they validate; services change state."""

from django import forms

from common.forms import DateInput, MultipleFileField
from disclosure.models import Section
from inspection.models import CorrectionKind, Evaluation, EvaluationKind
from inspection.services import (
    DEFAULT_DEADLINE_WORKDAYS,
    MAX_DEADLINE_WORKDAYS,
    MAX_EVIDENCE_FILES,
    MIN_DEADLINE_WORKDAYS,
)


def _deadline_field(initial: int) -> forms.IntegerField:
    return forms.IntegerField(
        label="整改时限（工作日）",
        min_value=MIN_DEADLINE_WORKDAYS,
        max_value=MAX_DEADLINE_WORKDAYS,
        initial=initial,
        help_text="按本局工作日历计算，节假日不计入，调休上班日计入。",
        error_messages={
            "min_value": f"整改时限至少 {MIN_DEADLINE_WORKDAYS} 个工作日。",
            "max_value": f"整改时限最多 {MAX_DEADLINE_WORKDAYS} 个工作日。",
            "invalid": "请输入整数。",
            "required": "请填写整改时限。",
        },
    )


class TaskCreateForm(forms.Form):
    section = forms.ModelChoiceField(
        label="责任股室",
        queryset=Section.objects.order_by("order", "id"),
        empty_label="请选择股室",
        error_messages={"required": "请选择责任股室。", "invalid_choice": "请选择有效的股室。"},
    )
    title = forms.CharField(label="任务名称", max_length=300, required=False)
    requirement = forms.CharField(
        label="整改要求",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写整改要求。"},
    )
    deadline_workdays = _deadline_field(DEFAULT_DEADLINE_WORKDAYS)


class TaskAnswerForm(forms.Form):
    answer = forms.CharField(
        label="整改情况",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写整改情况。"},
    )
    files = MultipleFileField(
        max_files=MAX_EVIDENCE_FILES,
        label="佐证材料",
        help_text="可上传截图、文件等（PDF、Word、Excel、JPG、PNG、ZIP、TXT），最多 10 个。",
    )


class TaskVerifyForm(forms.Form):
    note = forms.CharField(
        label="核验意见", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TaskSendBackForm(forms.Form):
    opinion = forms.CharField(
        label="退回意见",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "退回须填写意见。"},
    )
    deadline_workdays = _deadline_field(5)


class TaskCancelForm(forms.Form):
    reason = forms.CharField(
        label="撤销理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "撤销须填写理由。"},
    )


class EvaluationForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "请选择类型"), *EvaluationKind.choices]

    class Meta:
        model = Evaluation
        fields = ["title", "kind", "evaluator", "held_on", "score", "conclusion"]
        widgets = {
            "held_on": DateInput(),
            "conclusion": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {"required": "请填写考评名称。"},
            "kind": {"required": "请选择考评类型。"},
            "evaluator": {"required": "请填写考评（检查）单位。"},
            "held_on": {"required": "请填写考评日期。", "invalid": "日期格式应为 YYYY-MM-DD。"},
            "score": {"invalid": "得分应为数字。"},
        }


class EvaluationFindingForm(forms.Form):
    section = forms.ModelChoiceField(
        label="责任股室",
        queryset=Section.objects.order_by("order", "id"),
        empty_label="请选择股室",
        error_messages={"required": "请选择责任股室。", "invalid_choice": "请选择有效的股室。"},
    )
    subject = forms.CharField(label="问题对象（栏目或信息）", max_length=300, required=False)
    message = forms.CharField(
        label="问题描述",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写问题描述。"},
    )


class CorrectionForm(forms.Form):
    """The public 纠错 form (我为政府网站找错). Name and contact are optional: a
    report is welcome without them; they are only used to reply."""

    kind = forms.ChoiceField(label="问题类型", choices=CorrectionKind.choices)
    page_url = forms.CharField(
        label="问题页面地址",
        max_length=500,
        required=False,
        help_text="可复制浏览器地址栏中的网址。",
    )
    description = forms.CharField(
        label="问题描述",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请描述发现的问题。"},
    )
    name = forms.CharField(label="姓名", max_length=50, required=False)
    contact = forms.CharField(
        label="联系方式",
        max_length=100,
        required=False,
        help_text="电话或电子邮箱，仅用于回复您，不公开。",
    )

    def clean_description(self):
        text = (self.cleaned_data.get("description") or "").strip()
        if len(text) < 5:
            raise forms.ValidationError("问题描述过短，请具体说明错误内容（至少 5 个字）。")
        return text
