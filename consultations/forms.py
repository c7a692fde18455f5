"""Forms of the consultations app: they validate and never change state."""

import re

from django import forms
from django.utils.html import escape

from common.forms import DATETIME_LOCAL_FORMAT, DateTimeLocalInput
from consultations.models import Adoption, Consultation, ConsultationKind, ModerationAction
from consultations.services import COMMENT_MAX_CHARS
from disclosure.choices import Topic
from disclosure.models import Item

_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def text_to_html(text: str) -> str:
    """Plain text typed into a textarea becomes paragraphs; text that already holds
    HTML tags is kept as is (sanitised by the service)."""
    text = (text or "").strip()
    if not text or _TAG.search(text):
        return text
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


class CommentForm(forms.Form):
    """The public comment form. The window, rate limit and duplicate check are the
    service's (they hold whatever the page showed)."""

    author_name = forms.CharField(
        label="姓名",
        max_length=50,
        required=False,
        help_text="可不填，不填即匿名。审核通过后公开显示姓名（或“匿名”）。",
    )
    contact = forms.CharField(
        label="联系方式",
        max_length=100,
        required=False,
        help_text="电话或电子邮箱，仅供工作人员联系您，不会公开。",
    )
    draft_section = forms.ChoiceField(label="针对章节", required=False)
    body = forms.CharField(
        label="意见内容",
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "请填写意见内容。"},
    )
    # A field people do not see (hidden by CSS); bots fill every field they find.
    website = forms.CharField(
        label="请勿填写此项",
        required=False,
        # Out of the tab order: keyboard users never land in it (aria-hidden).
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        choices = consultation.section_choices
        if choices:
            self.fields["draft_section"].choices = [("", "整体意见")] + [(c, c) for c in choices]
        else:
            del self.fields["draft_section"]

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < 5:
            raise forms.ValidationError("意见内容过短，请至少填写 5 个字。")
        return body

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交未通过检查，请刷新页面后重试。")
        return ""


class ConsultationForm(forms.Form):
    section = forms.ModelChoiceField(
        label="责任股室", queryset=None, empty_label=None, help_text="负责起草并处理意见的股室。"
    )
    column = forms.ModelChoiceField(label="发布栏目", queryset=None, empty_label=None)
    title = forms.CharField(label="征求意见稿标题", max_length=300)
    topic = forms.ChoiceField(label="主题分类", choices=Topic.choices, initial=Topic.LABOUR)
    body = forms.CharField(
        label="征求意见稿正文",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text="可直接输入文字（每行一段），也可粘贴带格式的网页内容；正文或附件至少有一项。",
    )
    draft_sections = forms.CharField(
        label="可选择的章节",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="每行一项，如“第三条”。留空则公众只能提出整体意见。",
    )
    basis = forms.CharField(
        label="决策依据",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="起草所依据的法律法规和政策文件（第七条第三项）。发布前必填。",
    )
    opens_at = forms.DateTimeField(
        label="征集开始时间",
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text="发布前必填。",
    )
    closes_at = forms.DateTimeField(
        label="征集截止时间",
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text="截止后提交的意见一律不予接收。发布前必填。",
    )
    contact_person = forms.CharField(
        label="联系人", max_length=50, required=False, help_text="发布前必填。"
    )
    contact_method = forms.CharField(
        label="联系方式",
        max_length=200,
        required=False,
        help_text="电话、电子邮箱或通信地址，发布前必填。",
    )
    is_internal = forms.BooleanField(
        label="内部征集（行政机关内部互相征集意见，不对外公开）", required=False
    )
    kind = forms.ChoiceField(
        label="征集事项类型",
        choices=ConsultationKind.choices,
        initial=ConsultationKind.OTHER,
        required=False,
        help_text="重大行政决策一般不少于30日；行政规范性文件一般不少于7个工作日。",
    )
    market_related = forms.BooleanField(
        label="与市场主体生产经营活动密切相关（行政规范性文件征求意见一般不少于30日）",
        required=False,
    )
    shortened_reason = forms.CharField(
        label="缩短征求意见期限的理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="期限少于规定的，须说明理由，理由与征集稿一同公开。",
    )

    def __init__(self, *args, sections, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections
        self.fields["column"].queryset = columns

    def clean_body(self) -> str:
        return text_to_html(self.cleaned_data["body"])

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or ConsultationKind.OTHER

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", "截止时间必须晚于开始时间。")
        return cleaned


class ConsultationEditForm(ConsultationForm):
    """Section and column stay as created (they decide who reviews it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["section"]
        del self.fields["column"]


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件", error_messages={"required": "请选择要上传的文件。"})
    title = forms.CharField(label="附件名称", max_length=200, required=False)


class ModerationForm(forms.Form):
    action = forms.ChoiceField(choices=ModerationAction.choices)
    reason = forms.CharField(label="理由", max_length=500, required=False)


class AdoptionForm(forms.Form):
    adoption = forms.ChoiceField(label="采纳情况", choices=Adoption.choices, required=False)
    note = forms.CharField(
        label="说明", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )


class FeedbackForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    body = forms.CharField(
        label="意见征集情况及采纳情况",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="写明收到意见的数量、采纳情况及未采纳的理由。",
    )
    policy_item = forms.ModelChoiceField(
        label="据此制定的政策文件",
        queryset=Item.objects.none(),
        required=False,
        empty_label="（暂无，可在政策印发后再关联）",
    )

    def __init__(self, *args, policy_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy_item"].queryset = policy_items

    def clean_body(self) -> str:
        return text_to_html(self.cleaned_data["body"])


class PolicyLinkForm(forms.Form):
    policy_item = forms.ModelChoiceField(
        label="据此制定的政策文件",
        queryset=Item.objects.none(),
        required=False,
        empty_label="（不关联）",
    )

    def __init__(self, *args, policy_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy_item"].queryset = policy_items


class ExtendForm(forms.Form):
    closes_at = forms.DateTimeField(
        label="新的截止时间",
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        error_messages={"required": "请填写新的截止时间。", "invalid": "截止时间格式不正确。"},
    )
    reason = forms.CharField(
        label="延长理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="理由与新的截止时间一同在征集页面公开。",
        error_messages={"required": "请填写延长征集期限的理由，理由将向社会公开。"},
    )
