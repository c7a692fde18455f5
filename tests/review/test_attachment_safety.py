"""Hostile attachments (issue: a 200 KB DOCX expanding to 48 MB killed a worker on
every render of its review page): archives judged by their central directory before
any parsing, extraction once per stored file in a child with a time and memory limit,
the stored result used by the review page and the inspection, PDF active content
reported by the release check."""

import io
import zipfile
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from common import extraction
from common.extraction import UnreadableAttachment, check_archive, extract, extract_isolated
from disclosure import services as disclosure_services
from disclosure.models import Attachment, TextStatus
from review.checks import security_check
from review.scanner import scan_item
from tests.review.factories import draft
from tests.review.test_scanner import make_docx, make_pdf

pytestmark = pytest.mark.django_db

ID_NUMBER = "110105199003070017"


def docx_bomb(expanded_mb: int = 48) -> bytes:
    """A real DOCX whose document.xml expands to `expanded_mb` MB (paragraphs of
    repeated text); compressed it is a few hundred KB at most."""
    source = zipfile.ZipFile(io.BytesIO(make_docx("封面")))
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
    body = paragraph * (expanded_mb * 1024 * 1024 // len(paragraph))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, _, tail = data.partition(b"<w:body>")
                data = head + b"<w:body>" + body + tail
            bomb.writestr(info.filename, data)
    return out.getvalue()


def upload(item, data: bytes, name: str):
    return disclosure_services.attachment_store(
        item=item, file=SimpleUploadedFile(name, data), title=name.rsplit(".", 1)[0]
    )


# --- archives: judged before parsing ---------------------------------------------------


def test_a_docx_bomb_is_refused_from_its_central_directory_without_parsing():
    data = docx_bomb()
    assert len(data) < 400 * 1024  # small on the wire
    with (
        mock.patch("docx.Document", side_effect=AssertionError("parsed")),
        pytest.raises(UnreadableAttachment, match="疑似压缩炸弹") as refused,
    ):
        extract(data, name="名单.docx")
    assert "MB" in str(refused.value)


def test_too_many_entries_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(extraction.MAX_ENTRIES + 1):
            archive.writestr(f"x/{n}.txt", b"")
    with pytest.raises(UnreadableAttachment, match=f"超过上限 {extraction.MAX_ENTRIES} 个"):
        check_archive(out.getvalue())


def test_a_zip_bomb_and_an_xlsx_bomb_are_refused_too():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.bin", b"\0" * (extraction.MAX_UNCOMPRESSED_BYTES + 1))
    with pytest.raises(UnreadableAttachment, match="疑似压缩炸弹"):
        extract(out.getvalue(), name="资料.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (extraction.MAX_XML_BYTES + 1))
    with pytest.raises(UnreadableAttachment, match="疑似压缩炸弹"):
        extract(out.getvalue(), name="表.xlsx")


def test_an_ordinary_docx_is_within_the_limits():
    check_archive(make_docx("正文", cell="13912345678"))
    assert "13912345678" in extract(make_docx("正文", cell="13912345678"), name="a.docx").text


# --- the child process: time and memory limits --------------------------------------------


def test_extraction_in_the_child_returns_the_text():
    result = extract_isolated(make_docx(f"申请人 {ID_NUMBER}"), name="a.docx", timeout=30)
    assert ID_NUMBER in result.text and result.active_content == ()


def test_a_slow_extraction_is_stopped_at_the_time_limit():
    with (
        mock.patch.object(extraction.isolated, "_CHILD", "import time; time.sleep(30)"),
        pytest.raises(UnreadableAttachment, match="超过 0.5 秒"),
    ):
        extract_isolated(b"x", name="a.txt", timeout=0.5)


def test_a_child_that_runs_out_of_memory_is_reported_not_raised():
    hog = extraction.isolated._CHILD.replace(
        "result = extract(", "_ = bytearray(4 * 1024 ** 3)\n    result = extract("
    )
    with (
        mock.patch.object(extraction.isolated, "_CHILD", hog),
        pytest.raises(UnreadableAttachment, match="内存超过上限"),
    ):
        extract_isolated(b"x", name="a.txt", timeout=30)


def test_a_child_that_dies_is_reported():
    with (
        mock.patch.object(extraction.isolated, "_CHILD", "import os; os._exit(9)"),
        pytest.raises(UnreadableAttachment, match="意外中止"),
    ):
        extract_isolated(b"x", name="a.txt", timeout=30)


# --- once, on upload; the stored result on every page --------------------------------------


def test_the_bomb_uploads_as_an_unreadable_attachment_and_the_review_page_renders(client, team):
    item = draft(team)
    attachment = upload(item, docx_bomb(), "名单.docx")
    assert attachment.text_status == TextStatus.UNREADABLE
    assert "疑似压缩炸弹" in attachment.text_problem and attachment.text == ""
    client.force_login(team.clerk)
    response = client.get(reverse("review:item", args=[item.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "附件无法读取" in page and "疑似压缩炸弹" in page
    codes = [b.code for b in security_check(item).blockers]
    assert "attachment_unreadable" in codes


def test_upload_stores_the_text_and_the_scan_uses_it(team):
    item = draft(team)
    attachment = upload(item, make_docx(f"申请人 {ID_NUMBER}"), "名单.docx")
    assert attachment.text_status == TextStatus.READ and ID_NUMBER in attachment.text
    assert attachment.extracted_name == attachment.file.name
    found = [(f.kind, f.where) for f in scan_item(item, sensitive_words=[]).findings]
    assert found == [("id_number", "名单")]


def test_the_review_page_and_the_release_check_never_call_the_extractor(client, team):
    item = draft(team)
    upload(item, make_docx(f"申请人 {ID_NUMBER}"), "名单.docx")
    upload(item, make_pdf("Phone 13812345678"), "通知.pdf")
    boom = AssertionError("extraction on render")
    with (
        mock.patch("common.extraction.formats.extract", side_effect=boom),
        mock.patch("common.extraction.formats._extract", side_effect=boom),
        mock.patch("common.extraction.isolated.subprocess.run", side_effect=boom),
        mock.patch("disclosure.services.attachments.extract_isolated", side_effect=boom),
    ):
        client.force_login(team.clerk)
        response = client.get(reverse("review:item", args=[item.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "110***********0017" in page and "138****5678" in page
        assert ID_NUMBER not in page


def test_the_inspection_scans_the_stored_text_without_parsing():
    import datetime

    from inspection import rules
    from tests.inspection.factories import published_on

    day = datetime.date(2026, 11, 2)
    item = published_on(day)
    upload(item, make_docx(f"申请人 {ID_NUMBER}"), "名单.docx")
    boom = AssertionError("parsed")
    with (
        mock.patch("common.extraction.formats._extract", side_effect=boom),
        mock.patch("common.extraction.isolated.subprocess.run", side_effect=boom),
    ):
        drafts = list(rules.check_published_content(day + datetime.timedelta(days=1)))
    assert [d.item for d in drafts] == [item]
    assert "110***********0017" in str(drafts[0].detail)


def test_a_replaced_file_is_not_covered_by_the_old_text(team):
    item = draft(team)
    attachment = upload(item, make_docx("无个人信息"), "a.docx")
    attachment.file = ContentFile(make_docx(ID_NUMBER), name="b.docx")
    attachment.save()
    result = scan_item(item, sensitive_words=[])
    assert [u.reason for u in result.unreadable] == [
        "附件文字尚未提取（请运行 manage.py extract_attachments 或重新上传）。"
    ]
    disclosure_services.attachment_extract(attachment=attachment)
    assert [f.kind for f in scan_item(item, sensitive_words=[]).findings] == ["id_number"]


def test_extract_attachments_command_reads_what_was_stored_before(team, capsys):
    item = draft(team)
    old = Attachment.objects.create(
        item=item, title="旧附件", file=ContentFile(make_docx(ID_NUMBER), name="o.docx")
    )
    assert old.text_status == TextStatus.PENDING
    call_command("extract_attachments")
    old.refresh_from_db()
    assert old.text_status == TextStatus.READ and ID_NUMBER in old.text
    assert "已提取 1 个附件" in capsys.readouterr().out
    call_command("extract_attachments")
    assert "已提取 0 个附件，0 个无法读取，1 个已是最新" in capsys.readouterr().out
    call_command("extract_attachments", "--all")
    assert "已提取 1 个附件" in capsys.readouterr().out


# --- PDF active content ---------------------------------------------------------------------


def active_pdf(*, javascript=True, open_action="js", launch=False) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(make_pdf("Notice 2024"))))
    if javascript:  # a document-level script in the name tree
        script = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hello');"),
            }
        )
        tree = DictionaryObject(
            {
                NameObject("/Names"): ArrayObject(
                    [TextStringObject("hello"), writer._add_object(script)]
                )
            }
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): tree}
        )
    if open_action == "js":
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.launchURL('x');"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    elif open_action == "page":
        page = writer.pages[0].indirect_reference
        writer._root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])
    if launch:
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                NameObject("/A"): DictionaryObject(
                    {
                        NameObject("/S"): NameObject("/Launch"),
                        NameObject("/F"): TextStringObject("calc.exe"),
                    }
                ),
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_javascript_and_open_action_are_found():
    assert extract(active_pdf(), name="a.pdf").active_content == ("JavaScript", "OpenAction")


def test_pdf_launch_action_in_an_annotation_is_found():
    found = extract(active_pdf(javascript=False, open_action=None, launch=True), name="a.pdf")
    assert found.active_content == ("Launch",)


def test_an_ordinary_pdf_and_an_open_at_page_destination_are_not_active():
    assert extract(make_pdf("Notice"), name="a.pdf").active_content == ()
    plain = active_pdf(javascript=False, open_action="page")
    assert extract(plain, name="a.pdf").active_content == ()


def test_the_release_check_reports_pdf_active_content_and_the_page_shows_it(client, team):
    item = draft(team)
    attachment = upload(item, active_pdf(launch=True), "通知.pdf")
    assert attachment.active_content == ["JavaScript", "OpenAction", "Launch"]
    report = security_check(item)
    blocker = next(b for b in report.blockers if b.code == "attachment_active_content")
    assert blocker.overridable and not report.ok
    assert "JavaScript 脚本" in blocker.message and "OpenAction" in blocker.message
    assert "Launch" in blocker.message and "通知" in blocker.message
    assert {
        "kind": "active_content",
        "masked": "JavaScript、OpenAction、Launch",
        "where": "通知",
    } in (report.overridable_fingerprint())
    client.force_login(team.clerk)
    page = client.get(reverse("review:item", args=[item.pk])).content.decode()
    assert "PDF 附件含可执行内容" in page


def test_the_daily_integrity_check_does_not_expand_a_bomb():
    from inspection.rules import content as rules

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.bin", b"\0" * (extraction.MAX_UNCOMPRESSED_BYTES + 1))
    with mock.patch.object(zipfile.ZipFile, "testzip", side_effect=AssertionError("expanded")):
        assert rules._content_intact(out.getvalue(), "application/zip")
    # An ordinary package is still tested entry by entry.
    with mock.patch.object(zipfile.ZipFile, "testzip", return_value="word/document.xml"):
        assert not rules._content_intact(make_docx("正文"), "application/zip")
