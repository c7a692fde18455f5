"""Forms of the guide and the annual report: they validate; services write."""

from django import forms

from disclosure.models import Organisation
from reports.models import AnnualReport, Guide
from reports.services import CONTACT_FIELDS, FIRST_REPORT_YEAR
from reports.tables import TABLE2_FIELDS

TEXTAREA = forms.Textarea(attrs={"rows": 5})


class GuideForm(forms.ModelForm):
    class Meta:
        model = Guide
        fields = ["intro", "classification", "proactive", "request_procedure", "fees", "remedies"]
        widgets = {f: TEXTAREA for f in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = f"请填写“{field.label}”。"


class ContactsForm(forms.ModelForm):
    """Reg. 12: the disclosure office's name, address, hours, phone, fax, online contact."""

    class Meta:
        model = Organisation
        fields = list(CONTACT_FIELDS)
        error_messages = {"email": {"invalid": "请输入有效的电子邮箱地址。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("disclosure_office", "address", "office_hours", "phone"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = f"请填写“{self.fields[name].label}”。"


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(
        label="年度",
        min_value=FIRST_REPORT_YEAR,
        error_messages={
            "required": "请填写年度。",
            "invalid": "年度应为四位数年份。",
            "min_value": f"年度不能早于 {FIRST_REPORT_YEAR} 年（2021 年版格式）。",
        },
    )


class ReportForm(forms.ModelForm):
    """Table 二 and the narrative sections. Cells may stay empty while drafting;
    publication requires them all."""

    class Meta:
        model = AnnualReport
        fields = ["overview", *TABLE2_FIELDS, "problems", "other_matters"]
        widgets = {
            "overview": forms.Textarea(attrs={"rows": 10}),
            "problems": forms.Textarea(attrs={"rows": 6}),
            "other_matters": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TABLE2_FIELDS:
            field = self.fields[name]
            field.widget.attrs.update({"min": 0, "inputmode": "numeric"})
            field.error_messages.update(
                {
                    "invalid": "请输入数字。",
                    "min_value": "不能为负数。",
                    "max_digits": "数值过大。",
                    "max_decimal_places": "最多保留 4 位小数。",
                }
            )
        self.fields["fees_amount"].widget.attrs.update({"step": "0.0001", "inputmode": "decimal"})
