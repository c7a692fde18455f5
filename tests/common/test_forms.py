"""common.forms: the form pieces every app shares."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from common.forms import DateInput, DateTimeLocalInput, MultipleFileField
from tests.inspection.factories import minimal_pdf


class UploadForm(forms.Form):
    files = MultipleFileField(max_files=2, label="材料")


def _pdf(name="a.pdf"):
    return SimpleUploadedFile(name, minimal_pdf(), content_type="application/pdf")


def _fake(name="b.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a pdf", content_type="application/pdf")


def _form(*files):
    from django.utils.datastructures import MultiValueDict

    return UploadForm(data={}, files=MultiValueDict({"files": list(files)}))


def test_no_file_is_an_empty_list_unless_required():
    form = _form()
    assert form.is_valid() and form.cleaned_data["files"] == []

    class Required(forms.Form):
        files = MultipleFileField(max_files=2, required=True, error_messages={"required": "请上传"})

    assert Required(data={}, files={}).errors["files"] == ["请上传"]


def test_good_files_come_back_as_a_list():
    form = _form(_pdf("a.pdf"), _pdf("b.pdf"))
    assert form.is_valid()
    assert [f.name for f in form.cleaned_data["files"]] == ["a.pdf", "b.pdf"]


def test_too_many_files_are_refused_with_the_limit():
    form = _form(_pdf(), _pdf(), _pdf())
    assert form.errors["files"] == ["最多上传 2 个文件。"]


def test_every_bad_file_is_named_at_once():
    form = _form(_fake("x.pdf"), _fake("y.pdf"))
    assert not form.is_valid()
    assert len(form.errors["files"]) == 2


@pytest.mark.parametrize(
    ("widget", "html"),
    [
        (DateInput(), 'type="date" name="d" value="2026-03-02"'),
        (DateTimeLocalInput(), 'type="datetime-local" name="d" value="2026-03-02T09:30"'),
    ],
)
def test_date_widgets_render_the_html5_formats(widget, html):
    import datetime

    value = datetime.datetime(2026, 3, 2, 9, 30)
    assert html in widget.render("d", value if "local" in html else value.date())
