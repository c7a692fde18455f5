"""The staff's action forms on a request's page (one per action of the map)."""

from django import forms
from django.utils import timezone

from common.forms import DateInput
from disclosure.models import Section
from requests_app import clock
from requests_app.models import (
    DiscardReason,
    FeeScheme,
    PauseKind,
    ServiceMethod,
)
from requests_app.outcomes import RemedyKind, RemedyResult

# -- Staff action forms --------------------------------------------------------------


def _today_initial():
    return timezone.localdate()


class ConfirmReceiptForm(forms.Form):
    received_on = forms.DateField(
        label="确认收到日期",
        widget=DateInput(),
        initial=_today_initial,
        help_text="《条例》第三十一条：网上提交的申请以双方确认之日为收到申请之日。",
    )


class DiscardProposeForm(forms.Form):
    reason = forms.ChoiceField(
        label="作废原因", choices=DiscardReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="说明",
        required=False,
        max_length=300,
        help_text="重复提交的，注明按哪一申请编号办理。",
    )


class DiscardForm(forms.Form):
    """The head of the office approves the proposed discard."""


class AssignForm(forms.Form):
    section = forms.ModelChoiceField(
        label="承办股室", queryset=Section.objects.order_by("order", "id"), empty_label="请选择"
    )


# How a notice or letter is sent (ServiceMethod without 自行领取, which is for replies).
SEND_METHODS = [c for c in ServiceMethod.choices if c[0] != ServiceMethod.PICKUP]


class SendMethodField(forms.ChoiceField):
    """送达方式; left empty it is 网上 (the form's default)."""

    def __init__(self, help_text: str):
        super().__init__(
            label="送达方式",
            choices=SEND_METHODS,
            initial=ServiceMethod.ONLINE,
            required=False,
            widget=forms.RadioSelect,
            help_text=help_text,
        )

    def clean(self, value):
        return super().clean(value) or ServiceMethod.ONLINE.value


class DeliveryReceiptForm(forms.Form):
    received_on = forms.DateField(label="签收日期", widget=DateInput())
    note = forms.CharField(label="说明（如邮件单号）", required=False, max_length=200)


class CorrectionForm(forms.Form):
    items = forms.CharField(
        label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    days = forms.IntegerField(
        label="补正期限（工作日）",
        min_value=1,
        max_value=60,
        initial=clock.CORRECTION_DEFAULT_WORKDAYS,
    )
    method = SendMethodField(
        "期限自收到之日次日起算：网上或当面送达的，发出之日即为收到之日；邮寄的，签收后登记签收日期。"
    )


class CorrectionReceiveForm(forms.Form):
    received_on = forms.DateField(label="收到补正申请日期", widget=DateInput())
    note = forms.CharField(label="说明（逾期补正须写明正当理由）", required=False, max_length=500)


class PauseStartForm(forms.Form):
    kind = forms.ChoiceField(
        label="类型", choices=[c for c in PauseKind.choices if c[0] != PauseKind.FEE]
    )
    party = forms.CharField(label="征求意见对象", max_length=200)
    started_on = forms.DateField(label="发出征求意见书日期", widget=DateInput())
    note = forms.CharField(label="说明", required=False, max_length=500)
    method = SendMethodField(
        "第三方或其他机关的 15 个工作日自收到征求意见书之日次日起算：网上或当面送达的，发出之日即为收到之日；邮寄的，签收后登记签收日期。"
    )


class PauseEndForm(forms.Form):
    ended_on = forms.DateField(label="结束日期（收到答复或期满之日）", widget=DateInput())
    note = forms.CharField(label="意见情况", required=False, max_length=500)


class ExtensionApplyForm(forms.Form):
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=clock.EXTENSION_MAX_WORKDAYS,
        initial=clock.EXTENSION_MAX_WORKDAYS,
        error_messages={"max_value": "延期最长不得超过 20 个工作日（《条例》第三十三条）。"},
    )
    reason = forms.CharField(label="延期理由", max_length=1000)


class ExtensionDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="审批意见",
        choices=[("approve", "同意延期"), ("refuse", "不同意延期")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="说明", required=False, max_length=300)


class FeeForm(forms.Form):
    scheme = forms.ChoiceField(
        label="收费方式",
        choices=[c for c in FeeScheme.choices if c[0] != FeeScheme.NONE],
        widget=forms.RadioSelect,
        help_text="按件计收按申请人本自然月累计申请件数自动计算；按量计收须填写页数。",
    )
    pages = forms.IntegerField(label="页数（按量计收）", min_value=1, required=False)
    method = SendMethodField(
        "缴费期限为申请人收到收费通知次日起 20 个工作日：网上或当面送达的，发出之日即为收到之日；邮寄的，签收后登记签收日期。"
    )

    def clean(self):
        data = super().clean()
        if data.get("scheme") == FeeScheme.PER_PAGE and not data.get("pages"):
            self.add_error("pages", "按量计收须填写页数。")
        return data


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label="缴费日期", widget=DateInput(), initial=_today_initial)


class ReturnForm(forms.Form):
    opinion = forms.CharField(label="退回意见", widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    note = forms.CharField(label="撤回情况（方式、时间）", max_length=500)


class ApproveForm(forms.Form):
    pass


class LapseForm(forms.Form):
    pass


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=RemedyKind.choices)
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    authority = forms.CharField(label="复议机关/审理法院", max_length=100, required=False)
    filed_on = forms.DateField(label="受理/立案日期", widget=DateInput())
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RemedyConcludeForm(forms.Form):
    result = forms.ChoiceField(
        label="审结结果", choices=[c for c in RemedyResult.choices if c[0] != RemedyResult.PENDING]
    )
    concluded_on = forms.DateField(label="审结日期", widget=DateInput())


class ComplaintAnswerForm(forms.Form):
    answer = forms.CharField(label="处理结果", widget=forms.Textarea(attrs={"rows": 4}))
