"""Back-office forms of the catalogue. They validate (in Chinese) and never change
state: saving goes through `disclosure.services`."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from common.codes import validate_uscc
from common.uploads import validate_upload
from disclosure import services
from disclosure.choices import Publicity
from disclosure.models import Attachment, Column, Item, Organisation, Section


def _blank_label(field: forms.Field, label: str) -> None:
    """Give an optional choice field a Chinese blank option (Django's own
    "- Select an option -" has no zh-hans translation yet)."""
    field.choices = [("", label), *[c for c in field.choices if c[0] != ""]]


class ItemAdminForm(forms.ModelForm):
    """What a drafter writes. `status`, `index_number`, `published_at`, the producing
    section and the review fields are never on it."""

    class Meta:
        model = Item
        fields = list(services.ITEM_FIELDS)
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "publicity_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A read-only view builds the form without fields.
        if "column" in self.fields:
            self.fields["column"].empty_label = "（请选择栏目）"
        for name in ("topic", "content_category"):
            if name in self.fields:
                _blank_label(self.fields[name], "（请选择）")
        if "publicity" in self.fields:
            _blank_label(self.fields["publicity"], "（尚未确定，提交审核前须选择）")
        if "non_disclosure_reason" in self.fields:
            _blank_label(self.fields["non_disclosure_reason"], "（主动公开的信息不选）")
        if "body" in self.fields:
            self.fields["body"].help_text = (
                "可使用段落 &lt;p&gt;、标题 &lt;h3&gt;、列表、表格和链接等标记；"
                "脚本、样式等不安全的标记保存时自动清除。"
            )

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError("请填写标题。")
        return title

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name, label in (("written_on", "成文日期"), ("formed_on", "形成/变更日期")):
            value = cleaned.get(name)
            if value and value > today:
                self.add_error(name, f"{label}不能晚于今天。")
        publicity = cleaned.get("publicity")
        # Art. 7(1): a reason belongs only to information that is not proactively
        # disclosed; a leftover reason on a 主动公开 item would print a wrong 附注.
        if publicity in ("", Publicity.PROACTIVE) and cleaned.get("non_disclosure_reason"):
            self.add_error(
                "non_disclosure_reason",
                "主动公开或尚未确定公开属性的信息不需要选择不公开理由，请清空此项。",
            )
        return cleaned


class OrganisationAdminForm(forms.ModelForm):
    """The bureau. Its code is the 前段码 of every 索引号, so it must be a valid
    统一社会信用代码: the same check as an applicant organisation's (GB 32100-2015)."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "code",
            "disclosure_office",
            "address",
            "postcode",
            "office_hours",
            "phone",
            "fax",
            "email",
        ]

    def clean_code(self):
        return validate_uscc(self.cleaned_data.get("code") or "")


def attachment_link(attachment: Attachment) -> str:
    """A staff download link: `<kind> · <size>`."""
    url = reverse("admin:disclosure_item_attachment", args=[attachment.item_id, attachment.pk])
    kind = attachment.file.name.rsplit(".", 1)[-1].upper() if "." in attachment.file.name else ""
    return format_html(
        '<a href="{}" class="gk-file">下载 · {} · {}</a>',
        url,
        kind,
        filesizeformat(attachment.size),
    )


class StoredFileDisplay(forms.Widget):
    """An uploaded attachment, shown as a download link through the admin (MEDIA_URL
    is never served: files go through views that check who may see them)."""

    def render(self, name, value, attrs=None, renderer=None):
        instance = getattr(value, "instance", None)
        if instance is None or not instance.pk:
            return ""
        return attachment_link(instance)


class AttachmentInlineForm(forms.ModelForm):
    """One attachment row. A new file is checked by content and size before anything
    is written; an existing file cannot be swapped (delete the row and add anew)."""

    class Meta:
        model = Attachment
        fields = ["title", "file", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:  # a read-only view builds the form without fields
            self.fields["title"].required = False
            self.fields["title"].help_text = "留空时使用文件名。"
        if self.instance.pk and "file" in self.fields:
            self.fields["file"].disabled = True
            self.fields["file"].widget = StoredFileDisplay()

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            validate_upload(file)  # raises a Chinese ValidationError; nothing is stored
        return file

    def clean(self):
        cleaned = super().clean()
        file = cleaned.get("file")
        if not (cleaned.get("title") or "").strip():
            if self.instance.pk:
                self.add_error("title", "请填写附件名称。")
            elif isinstance(file, UploadedFile):
                cleaned["title"] = file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or file.name
        return cleaned


class ColumnAdminForm(forms.ModelForm):
    class Meta:
        model = Column
        fields = [
            "parent",
            "name",
            "slug",
            "kind",
            "update_months",
            "content_category",
            "responsible_section",
            "description",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "content_category" in self.fields:
            _blank_label(self.fields["content_category"], "（不对应具体类别）")
        if "update_months" in self.fields:
            _blank_label(self.fields["update_months"], "（不定期）")
        for name, label in (
            ("parent", "（无，作为一级栏目）"),
            ("responsible_section", "（请选择）"),
        ):
            if name in self.fields:
                self.fields[name].empty_label = label

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is not None and services.column_would_cycle(column=self.instance, parent=parent):
            raise forms.ValidationError("上级栏目不能是本栏目或其下级栏目。")
        return parent


class SectionAdminForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["organisation", "name", "is_office", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            self.fields["organisation"].empty_label = "（请选择）"

    def clean_name(self):
        name = (self.cleaned_data.get("name") or "").strip()
        if not name:
            raise forms.ValidationError("请填写股室（单位）名称。")
        return name
