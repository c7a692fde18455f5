"""The scanner of the security check (seed Art. 9(1)): what it finds, what it must not
mistake for personal data, masking, and reading attachments."""

import io
import subprocess
import sys

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from review.scanner import (
    UnreadableAttachment,
    extract_text,
    id_check_digit,
    is_valid_id_number,
    luhn_valid,
    scan_item,
    scan_text,
)
from tests.review.factories import sensitive

NO_WORDS: list[str] = []


def kinds(text: str, words=NO_WORDS) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in scan_text(text, sensitive_words=words)]


# --- found -------------------------------------------------------------------------

FOUND = [
    ("身份证号码：110105199003070017", ("id_number", "110105199003070017")),
    ("公民身份号码11010519491231002X。", ("id_number", "11010519491231002X")),
    ("号码 11010519491231002x 小写x", ("id_number", "11010519491231002X")),
    ("44030419900307123X", ("id_number", "44030419900307123X")),
    ("<p>330524198511200014</p>", ("id_number", "330524198511200014")),
    ("闰年生日 51010719920229001X", ("id_number", "51010719920229001X")),
    ("２０００年后出生：310115200001010059", ("id_number", "310115200001010059")),
    ("联系电话：13812345678", ("mobile", "13812345678")),
    ("手机 138-1234-5678", ("mobile", "13812345678")),
    ("手机 138 1234 5678", ("mobile", "13812345678")),
    ("+86 19912345678", ("mobile", "19912345678")),
    ("8615012345678", ("mobile", "15012345678")),
    ("全角手机号：１３９１２３４５６７８", ("mobile", "13912345678")),
    ("工资卡号6222021234567890128", ("bank_card", "6222021234567890128")),
    ("卡号：6222 0212 3456 7890 128", ("bank_card", "6222021234567890128")),
    ("卡号 4111111111111111", ("bank_card", "4111111111111111")),
    ("社保卡 6217000012345678907", ("bank_card", "6217000012345678907")),
    ("18位卡号622848012345678918", ("bank_card", "622848012345678918")),
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[t for t, _ in FOUND])
def test_scanner_finds_personal_data(text, expected):
    assert kinds(text) == [expected]


# --- not found: invalid values and false alarms --------------------------------------

NOT_FOUND = [
    # ID numbers with a wrong check digit, an impossible date, a future date
    "110105199003070018",
    "11010519491231002Y",
    "110105199002300017",  # 30 February
    "51010719930229001X",  # 1993 is no leap year
    "110105209912310012",  # born in 2099
    # Luhn-invalid card numbers
    "6222021234567890127",
    "4111111111111112",
    # 索引号, 文号, dates, landlines, amounts
    "索引号：11330524K14997759R/2024-00016",
    "索引号：113305240000000001/2024-00016",
    "示人社发〔2024〕13号",
    "浙人社函〔2023〕138号文件",
    "成文日期：2024-01-15，发布日期20240115",
    "时间戳202401151230",
    "咨询电话：0572-2123456",
    "传真：(0572)2123457",
    "电话 057212345678",
    "全年支出13812345678元",
    "基金结余 ¥13812345678",
    "金额 6222021234567890128 元",
    "合计13,812,345,678.00元",
    "增长 13812345678.5 万元",
    # longer digit runs do not contain shorter matches
    "订单号 1381234567890123456789012",
    "统一社会信用代码 91330524MA2B3C4D5E",
    "邮编 313000，门牌 138 号",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_scanner_raises_no_false_alarm(text):
    assert kinds(text) == []


def test_id_with_wrong_check_digit_is_not_reported_as_a_bank_card():
    # 330524198511200014 with its last digit changed; Luhn happens to pass for some.
    for last in "0123456789":
        value = "33052419851120001" + last
        if value[-1] == id_check_digit(value[:17]):
            continue
        assert kinds(value) == [], value


def test_check_digit_and_luhn_helpers():
    assert id_check_digit("11010519491231002") == "X"
    assert is_valid_id_number("11010519491231002X")
    assert not is_valid_id_number("110105194912310021")
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111121")


# --- masking -----------------------------------------------------------------------


def test_masking_keeps_only_the_ends():
    found = {
        f.kind: f.masked
        for f in scan_text(
            "11010519491231002X 13812345678 6222021234567890128", sensitive_words=NO_WORDS
        )
    }
    assert found == {
        "id_number": "110***********002X",
        "mobile": "138****5678",
        "bank_card": "6222***********0128",
    }


def test_masked_value_never_contains_the_middle_digits():
    (finding,) = scan_text("110105199003070017", sensitive_words=NO_WORDS)
    assert "19900307" not in finding.masked
    assert finding.as_public_dict() == {
        "kind": "id_number",
        "masked": "110***********0017",
        "where": "正文",
    }


# --- several findings, order, duplicates, where --------------------------------------


def test_every_finding_listed_once_in_order_with_where():
    text = "甲 13812345678；乙 110105199003070017；甲又 13812345678"
    found = scan_text(text, where="名单.pdf", sensitive_words=NO_WORDS)
    assert [(f.kind, f.where) for f in found] == [("mobile", "名单.pdf"), ("id_number", "名单.pdf")]


# --- sensitive words -----------------------------------------------------------------


def test_sensitive_words_given_explicitly():
    found = scan_text("本次活动涉及内部绝密资料。", sensitive_words=["绝密", "机密"])
    assert [(f.kind, f.value, f.masked) for f in found] == [("sensitive_word", "绝密", "绝*")]


def test_sensitive_word_match_ignores_case_and_width():
    found = scan_text("ＶＰＮ翻墙教程", sensitive_words=["vpn翻墙"])
    assert [(f.kind, f.value) for f in found] == [("sensitive_word", "vpn翻墙")]


@pytest.mark.django_db
def test_sensitive_words_default_to_the_maintained_list():
    sensitive("内部资料")
    assert [f.kind for f in scan_text("此为内部资料，请勿外传")] == ["sensitive_word"]


@pytest.mark.django_db
def test_inactive_sensitive_words_are_ignored():
    from review.models import SensitiveWord

    SensitiveWord.objects.create(word="内部资料", is_active=False)
    assert scan_text("此为内部资料") == []


# --- attachments ---------------------------------------------------------------------


def make_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(72, 760, text)
    pdf.save()
    return buffer.getvalue()


def make_docx(paragraph: str, cell: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(paragraph)
    if cell:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "联系电话"
        table.cell(0, 1).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_extract_text_from_pdf():
    text = extract_text(io.BytesIO(make_pdf("Phone 13812345678")), name="a.pdf")
    assert "13812345678" in text


def test_extract_text_from_docx_paragraphs_and_tables():
    data = make_docx("申请人 110105199003070017", cell="13912345678")
    text = extract_text(io.BytesIO(data), name="名单.docx")
    assert "110105199003070017" in text and "13912345678" in text


def test_extract_text_from_txt_in_gb18030():
    data = "联系人手机：13812345678".encode("gb18030")
    assert "13812345678" in extract_text(io.BytesIO(data), name="说明.txt")


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"%PDF-1.4 broken", "bad.pdf", "PDF"),
        (b"PK\x03\x04 not really", "bad.docx", "Word"),
        (b"\x89PNG\r\n\x1a\n....", "photo.png", "图片"),
        (b"\xd0\xcf\x11\xe0old word", "old.doc", "旧版"),
        (b"\xff\xfe\xfa\xfb\xfc", "weird.txt", "编码"),
    ],
)
def test_unreadable_files_raise_with_a_reason(data, name, reason):
    with pytest.raises(UnreadableAttachment, match=reason):
        extract_text(io.BytesIO(data), name=name)


def test_pdf_without_text_layer_is_unreadable():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(10, 10, 100, 100)
    pdf.save()
    with pytest.raises(UnreadableAttachment, match="扫描件"):
        extract_text(io.BytesIO(buffer.getvalue()), name="scan.pdf")


@pytest.mark.django_db
def test_scan_item_covers_body_and_each_attachment(team):
    from disclosure.models import Attachment
    from disclosure.services import attachment_extract
    from tests.review.factories import draft

    item = draft(team, body="<p>联系人：张三，13812345678</p>")
    listed = Attachment.objects.create(
        item=item,
        title="申请人名单",
        file=ContentFile(make_docx("110105199003070017"), name="list.docx"),
    )
    photo = Attachment.objects.create(
        item=item, title="现场照片", file=ContentFile(b"\x89PNG\r\n\x1a\n0000", name="p.png")
    )
    for attachment in (listed, photo):
        attachment_extract(attachment=attachment)
    result = scan_item(item, sensitive_words=[])
    assert [(f.kind, f.where) for f in result.findings] == [
        ("mobile", "正文"),
        ("id_number", "申请人名单"),
    ]
    assert [u.where for u in result.unreadable] == ["现场照片"]
    assert not result.clean


# --- the command ---------------------------------------------------------------------


@pytest.mark.django_db
def test_pii_scan_command_prints_findings_and_exits_1(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("手机 13812345678，卡 6222021234567890128", encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(make_docx("身份证 11010519491231002X"))
    (tmp_path / "c.pdf").write_bytes(make_pdf("no personal data 2024-01-15 0572-2123456"))
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "pii_scan", str(tmp_path / "a.txt"), str(tmp_path / "b.docx"), str(tmp_path / "c.pdf")
        )
    assert exit_info.value.code == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{tmp_path / 'a.txt'}:mobile:138****5678",
        f"{tmp_path / 'a.txt'}:bank_card:6222***********0128",
        f"{tmp_path / 'b.docx'}:id_number:110***********002X",
    ]


@pytest.mark.django_db
def test_pii_scan_command_exits_0_when_clean(tmp_path, capsys):
    (tmp_path / "clean.pdf").write_bytes(make_pdf("index 11330524K14997759R/2024-00016"))
    call_command("pii_scan", str(tmp_path / "clean.pdf"))
    assert capsys.readouterr().out == ""


def test_pii_scan_exit_status_from_the_shell(tmp_path):
    """The exit status as cron or CI see it."""
    found = tmp_path / "found.txt"
    found.write_text("13812345678", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("电话 0572-2123456", encoding="utf-8")
    base = [sys.executable, "manage.py", "pii_scan", "--no-sensitive-words"]
    env = {"DEBUG": "1", "PATH": "/usr/bin:/bin"}
    import os

    env = {**os.environ, **env}
    hit = subprocess.run([*base, str(found)], capture_output=True, text=True, env=env, check=False)
    assert hit.returncode == 1, hit.stderr
    assert hit.stdout.strip() == f"{found}:mobile:138****5678"
    ok = subprocess.run([*base, str(clean)], capture_output=True, text=True, env=env, check=False)
    assert ok.returncode == 0, ok.stderr


def test_values_separated_by_list_commas_are_all_found():
    # NFKC turns the Chinese comma into ","; that is a list, not a thousands group.
    found = kinds("张三 110105199003070017，13812345678，卡号6222021234567890128")
    assert [k for k, _ in found] == ["id_number", "mobile", "bank_card"]
