"""Forms of the requests app. They validate and name every problem in Chinese; the
services change state. The answer's form is in `answer` (re-exported here)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.forms import DateInput, MultipleFileField
from common.uploads import ALLOWED_DESCRIPTION
from requests_app.forms.answer import MAX_FILES
from requests_app.models import (
    Channel,
    ComplaintKind,
    DeliveryMethod,
    IdType,
    InfoForm,
    RequestKind,
)
from requests_app.outcomes import (
    ORGANISATION_ONLY_FIELDS,
    ApplicantType,
    OrganisationKind,
)
from requests_app.validators import validate_id_card, validate_phone, validate_uscc

REQUIRED = "请填写此项。"


class ApplicantFieldsMixin(forms.Form):
    """Reg. 29: who applies, what they want, in what form and how to receive it."""

    kind = forms.ChoiceField(
        label="申请类型",
        choices=RequestKind.choices,
        initial=RequestKind.DISCLOSURE,
        required=False,
        widget=forms.RadioSelect,
        help_text="有证据证明本机关提供的与您自身相关的政府信息记录不准确的，可以要求更正"
        "（《条例》第四十一条），请在下方写明需要更正的记录和正确内容，并上传证明材料。",
    )

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
            data.update(dict.fromkeys(ORGANISATION_ONLY_FIELDS, ""))
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
        data["kind"] = data.get("kind") or RequestKind.DISCLOSURE
        if data["kind"] == RequestKind.RECORD_CORRECTION:
            # Reg. 41: 有证据证明 — the record, the correct content and the evidence.
            if not data.get("info_description", "").strip():
                self.add_error(
                    "info_description", "更正申请请写明需要更正的记录、正确的内容和证明材料。"
                )
            if not data.get("files"):
                self.add_error(
                    "files", "更正申请请上传证明该记录不准确的材料（《条例》第四十一条）。"
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
    website = forms.CharField(
        label="网址（请勿填写）",
        required=False,
        # Out of the tab order: keyboard users never land in it (aria-hidden).
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

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


# Re-exported: the package's modules are one namespace for the views.
from requests_app.forms.answer import AnswerOnSpotForm as AnswerOnSpotForm  # noqa: E402
from requests_app.forms.answer import DraftForm as DraftForm  # noqa: E402
from requests_app.forms.answer import NoticeSettingsForm as NoticeSettingsForm  # noqa: E402
from requests_app.forms.answer import ReasonsAskForm as ReasonsAskForm  # noqa: E402
from requests_app.forms.answer import ReasonsDecideForm as ReasonsDecideForm  # noqa: E402
from requests_app.forms.handling import ApproveForm as ApproveForm  # noqa: E402
from requests_app.forms.handling import AssignForm as AssignForm  # noqa: E402
from requests_app.forms.handling import ComplaintAnswerForm as ComplaintAnswerForm  # noqa: E402
from requests_app.forms.handling import ConfirmReceiptForm as ConfirmReceiptForm  # noqa: E402
from requests_app.forms.handling import CorrectionForm as CorrectionForm  # noqa: E402
from requests_app.forms.handling import CorrectionReceiveForm as CorrectionReceiveForm  # noqa: E402
from requests_app.forms.handling import DeliveryReceiptForm as DeliveryReceiptForm  # noqa: E402
from requests_app.forms.handling import DiscardForm as DiscardForm  # noqa: E402
from requests_app.forms.handling import DiscardProposeForm as DiscardProposeForm  # noqa: E402
from requests_app.forms.handling import ExtensionApplyForm as ExtensionApplyForm  # noqa: E402
from requests_app.forms.handling import ExtensionDecideForm as ExtensionDecideForm  # noqa: E402
from requests_app.forms.handling import FeeForm as FeeForm  # noqa: E402
from requests_app.forms.handling import LapseForm as LapseForm  # noqa: E402
from requests_app.forms.handling import PauseEndForm as PauseEndForm  # noqa: E402
from requests_app.forms.handling import PauseStartForm as PauseStartForm  # noqa: E402
from requests_app.forms.handling import PaymentForm as PaymentForm  # noqa: E402
from requests_app.forms.handling import RemedyConcludeForm as RemedyConcludeForm  # noqa: E402
from requests_app.forms.handling import RemedyForm as RemedyForm  # noqa: E402
from requests_app.forms.handling import ReturnForm as ReturnForm  # noqa: E402
from requests_app.forms.handling import SendMethodField as SendMethodField  # noqa: E402
from requests_app.forms.handling import WithdrawForm as WithdrawForm  # noqa: E402
from requests_app.forms.tracking import CorrectionUploadForm as CorrectionUploadForm  # noqa: E402
