"""Forms of the requests app. They validate and name every problem in Chinese; the
services change state. The answer's form is in `answer` (re-exported here)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.forms import DateInput, MultipleFileField
from common.uploads import ALLOWED_DESCRIPTION
from disclosure.models import Section
from requests_app import clock
from requests_app.forms.answer import MAX_FILES
from requests_app.models import (
    Channel,
    ComplaintKind,
    DeliveryMethod,
    DiscardReason,
    FeeScheme,
    IdType,
    InfoForm,
    PauseKind,
    ServiceMethod,
)
from requests_app.outcomes import (
    ApplicantType,
    OrganisationKind,
    RemedyKind,
    RemedyResult,
)
from requests_app.validators import validate_id_card, validate_phone, validate_uscc

REQUIRED = "请填写此项。"


class ApplicantFieldsMixin(forms.Form):
    """Reg. 29: who applies, what they want, in what form and how to receive it."""

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择申请人类型。"},
    )
    organisation_kind = forms.ChoiceField(
        label="法人或其他组织类型",
        choices=[("", "请选择（法人或其他组织填写）")] + OrganisationKind.choices,
        required=False,
    )
    applicant_name = forms.CharField(label="姓名/名称", max_length=100)
    id_type = forms.ChoiceField(label="证件类型", choices=IdType.choices)
    id_number = forms.CharField(label="证件号码", max_length=40)
    legal_representative = forms.CharField(label="法定代表人/负责人", max_length=50, required=False)
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30)
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        help_text="填写后，申请编号、查询码和办理进展将发送到此邮箱。",
        error_messages={"invalid": "请填写正确的电子邮箱地址。"},
    )
    address = forms.CharField(label="通信地址", max_length=200)
    postcode = forms.RegexField(
        label="邮政编码",
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": "邮政编码应为 6 位数字。"},
    )
    info_title = forms.CharField(label="所需信息名称", max_length=300, required=False)
    info_document_number = forms.CharField(label="文号", max_length=100, required=False)
    info_description = forms.CharField(
        label="所需信息的内容描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=3000,
        help_text="不知道名称或文号时，请描述所需信息的内容、涉及的时间和事项，便于查找。",
    )
    info_form = forms.ChoiceField(
        label="信息载体形式",
        choices=InfoForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择所需信息的载体形式（纸质或电子）。"},
    )
    delivery_method = forms.ChoiceField(
        label="获取信息方式",
        choices=DeliveryMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式。"},
    )
    files = MultipleFileField(
        max_files=MAX_FILES,
        label="相关材料（可选）",
        help_text=f"如身份证明、委托书等，最多 {MAX_FILES} 个，支持 {ALLOWED_DESCRIPTION}。",
    )

    def clean_phone(self):
        return validate_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_type")
        id_type = data.get("id_type")
        number = data.get("id_number", "")
        if kind == ApplicantType.ORGANISATION:
            if not data.get("organisation_kind"):
                self.add_error("organisation_kind", "请选择法人或其他组织的类型。")
            if id_type not in (IdType.USCC, IdType.OTHER, None):
                self.add_error("id_type", "法人或其他组织请选择统一社会信用代码或其他有效证件。")
            if not data.get("contact_person", "").strip():
                self.add_error("contact_person", "法人或其他组织请填写联系人。")
        elif kind == ApplicantType.NATURAL_PERSON:
            data["organisation_kind"] = ""
            if id_type == IdType.USCC:
                self.add_error("id_type", "自然人不能使用统一社会信用代码，请选择个人证件。")
        if number and id_type == IdType.ID_CARD:
            try:
                data["id_number"] = validate_id_card(number)
            except ValidationError as exc:
                self.add_error("id_number", exc)
        elif number and id_type == IdType.USCC:
            try:
                data["id_number"] = validate_uscc(number)
            except ValidationError as exc:
                self.add_error("id_number", exc)
        # Reg. 29(2): the name, the 文号 or a description that lets the agency find
        # it -- any one of the three is enough.
        if not any(
            data.get(name, "").strip()
            for name in ("info_title", "info_document_number", "info_description")
        ):
            self.add_error(
                "info_description",
                "请填写所需信息的名称、文号，或对所需信息作出描述（《条例》第二十九条）。",
            )
        wants_email = data.get("delivery_method") == DeliveryMethod.EMAIL
        if wants_email and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "选择电子邮件方式获取信息时，请填写电子邮箱。")
        if (
            data.get("delivery_method") in (DeliveryMethod.EMAIL, DeliveryMethod.ONLINE)
            and data.get("info_form") == InfoForm.PAPER
        ):
            self.add_error("delivery_method", "纸质信息请选择邮寄或自行领取。")
        return data


class ApplyForm(ApplicantFieldsMixin):
    """The public form."""

    declaration = forms.BooleanField(
        label="本人（本单位）承诺所填信息真实有效",
        error_messages={"required": "请确认所填信息真实有效。"},
    )
    # A field people never see (hidden by CSS): bots fill it in.
    website = forms.CharField(label="网址（请勿填写）", required=False)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError("提交失败，请刷新页面后重试。")
        return ""


class RegisterForm(ApplicantFieldsMixin):
    """Staff register a request received in person, by post or by fax (Reg. 31)."""

    channel = forms.ChoiceField(
        label="收到方式",
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
    )
    received_on = forms.DateField(
        label="收到申请日期",
        widget=DateInput(),
        help_text="当面提交：提交之日；邮寄：签收之日（平常信函为与申请人确认之日）；传真：双方确认之日。",
    )
    receipt_note = forms.CharField(
        label="收到情况说明", max_length=200, required=False, help_text="如邮件单号、确认方式。"
    )

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError("收到申请日期不能晚于今天。")
        return day


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label="申请编号", max_length=30)
    query_code = forms.CharField(label="查询码", max_length=30)


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=ComplaintKind.choices)
    text = forms.CharField(
        label="申诉/投诉内容", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


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


# Re-exported: the package's modules are one namespace for the views.
from requests_app.forms.answer import AnswerOnSpotForm as AnswerOnSpotForm  # noqa: E402
from requests_app.forms.answer import DraftForm as DraftForm  # noqa: E402
from requests_app.forms.answer import NoticeSettingsForm as NoticeSettingsForm  # noqa: E402
from requests_app.forms.answer import ReasonsAskForm as ReasonsAskForm  # noqa: E402
from requests_app.forms.answer import ReasonsDecideForm as ReasonsDecideForm  # noqa: E402
from requests_app.forms.tracking import CorrectionUploadForm as CorrectionUploadForm  # noqa: E402
