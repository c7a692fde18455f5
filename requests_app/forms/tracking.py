"""The applicant's forms on the tracking page (besides the complaint form)."""

from django import forms

from common.forms import MultipleFileField
from common.uploads import ALLOWED_DESCRIPTION
from requests_app.forms.answer import MAX_FILES  # the same limit as the request form


class CorrectionUploadForm(forms.Form):
    """The applicant's correction from the tracking page; files checked as on the form."""

    text = forms.CharField(
        label="补正内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="按补正告知书写明所需信息的名称、文号或描述等。",
    )
    files = MultipleFileField(
        max_files=MAX_FILES,
        label="补正材料（可选）",
        help_text=f"最多 {MAX_FILES} 个，支持 {ALLOWED_DESCRIPTION}。",
    )

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("files"):
            raise forms.ValidationError("请填写补正内容或上传补正材料。")
        return data
