"""The draft answer's form: one legal ground and what it asks for."""

from django import forms

from common.forms import DateInput, MultipleFileField
from requests_app.grounds import GROUNDS, Ground, WithheldBasis, clean_details
from requests_app.models import ReasonsDecision
from requests_app.outcomes import Outcome, outcome_group

MAX_FILES = 5  # files per upload field, on every form of the app


def _ground_choices():
    """The grounds grouped by the table 三 group they are counted in."""
    groups: dict[str, list] = {}
    for ground in Ground:
        spec = GROUNDS[ground]
        row = spec.outcome or Outcome.WITHHELD_STATE_SECRET  # 不予公开: by its basis
        title = "更正申请（第四十一条）" if spec.kind == "correction" else outcome_group(row).title
        groups.setdefault(title, []).append((ground.value, ground.label))
    return [("", "请选择答复依据"), *groups.items()]


def _detail_field(key: str, **kwargs) -> forms.Field:
    field = next(f for spec in GROUNDS.values() for f in spec.fields if f.key == key)
    help_text = field.help or ""
    return forms.CharField(label=field.label, required=False, help_text=help_text, **kwargs)


class DraftForm(forms.Form):
    """The draft answer: one legal ground and what it asks for (`requests_app.grounds`).
    The fields a ground does not use are ignored; those it needs are required."""

    ground = forms.ChoiceField(
        label="答复依据",
        choices=_ground_choices(),
        help_text="每份答复只适用一项依据；年度报告按依据自动计入相应行。",
    )
    public_index = _detail_field("public_index", max_length=60)
    access = _detail_field("access", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    form_note = _detail_field("form_note", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    basis = forms.ChoiceField(
        label="不予公开的法律依据",
        required=False,
        choices=[("", "（部分公开、不予公开时选择）"), *WithheldBasis.choices],
    )
    reason = _detail_field("reason", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    search = _detail_field("search", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    agency_name = _detail_field("agency_name", max_length=100)
    agency_contact = _detail_field("agency_contact", max_length=200)
    earlier_reply = _detail_field("earlier_reply", max_length=100)
    channel = _detail_field("channel", max_length=500)
    correction_done = _detail_field(
        "correction_done", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    refusal_reason = _detail_field(
        "refusal_reason", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    text = forms.CharField(
        label="其他说明（可选）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text="将载入答复告知书。",
    )
    files = MultipleFileField(max_files=MAX_FILES, label="答复材料（可选）")

    DETAIL_KEYS = (
        "public_index",
        "access",
        "form_note",
        "basis",
        "reason",
        "search",
        "agency_name",
        "agency_contact",
        "earlier_reply",
        "channel",
        "correction_done",
        "refusal_reason",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # static/js/request_grounds.js shows only the fields of the chosen ground.
        for key in self.DETAIL_KEYS:
            used = [g for g, spec in GROUNDS.items() if any(f.key == key for f in spec.fields)]
            self.fields[key].widget.attrs["data-grounds"] = " ".join(used)
        self.fields["ground"].widget.attrs["data-ground-select"] = ""

    def clean(self):
        data = super().clean()
        ground = data.get("ground")
        if ground:
            details, errors = clean_details(ground, {k: data.get(k) for k in self.DETAIL_KEYS})
            for key, message in errors.items():
                self.add_error(key, message)
            data["details"] = details
        return data


class NoticeSettingsForm(forms.Form):
    """What every 告知书 names (Reg. 51) and the seal image."""

    review_authority = forms.CharField(
        label="行政复议机关",
        max_length=100,
        help_text="2023年修订的《行政复议法》第二十四条：县级人民政府工作部门的复议机关为本级人民政府，"
        "请写明全称，如“示例县人民政府”。",
    )
    court = forms.CharField(
        label="行政诉讼管辖法院",
        max_length=100,
        required=False,
        help_text="写明全称；实行行政案件集中管辖的，写明集中管辖法院。未填写时告知书写“有管辖权的人民法院”。",
    )
    complaint_route = forms.CharField(
        label="投诉、举报受理机关",
        max_length=200,
        help_text="《条例》第五十一条：上一级行政机关或者政府信息公开工作主管部门，可写明具体名称。",
    )
    seal = forms.FileField(
        label="印章图片（可选）",
        required=False,
        help_text="PNG 或 JPG，不超过 2 MB；建议透明背景的 PNG。加盖在告知书 PDF 的落款处。",
    )
    remove_seal = forms.BooleanField(label="删除现有印章图片", required=False)
    retention_years = forms.IntegerField(
        label="申请案卷保管期限（年）",
        min_value=1,
        max_value=100,
        initial=10,
        required=False,
        help_text="办结的申请自动归档；保管期限自办结之年的次年起算，按本机关档案保管期限表确定。",
    )


class AnswerOnSpotForm(DraftForm):
    """当场答复 (Reg. 33(1)): the same ground and details, no files to attach."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["files"]


class ReasonsAskForm(forms.Form):
    items = forms.CharField(
        label="需要说明的事项",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="如：您自某日起已提出某件申请，数量、频次明显超过合理范围（《条例》第三十五条）。",
    )
    days = forms.IntegerField(label="说明理由期限（工作日）", min_value=1, max_value=30, initial=10)


class ReasonsDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="认定结果", choices=ReasonsDecision.choices, widget=forms.RadioSelect
    )
    answered_on = forms.DateField(label="收到说明日期", required=False, widget=DateInput())
    note = forms.CharField(label="认定理由", widget=forms.Textarea(attrs={"rows": 3}))
    later_due_on = forms.DateField(
        label="延迟答复的合理期限（理由合理但无法按期答复时）",
        required=False,
        widget=DateInput(),
    )
