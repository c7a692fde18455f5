"""One answer per legal ground (Reg. 36(1)-(7), 30, 35, 37, 38, 39, 40): each answer
cites exactly its own article and item, asks for what that ground needs, and is
counted in its own row of the annual report's table 三."""

import re

import pytest
from django.urls import reverse

from disclosure.choices import Publicity
from reports import tables
from requests_app import grounds, services
from requests_app.forms import DraftForm
from requests_app.grounds import GROUNDS, Ground, WithheldBasis
from requests_app.models import Status
from requests_app.outcomes import Outcome
from requests_app.services import RequestError
from tests.factories import ItemFactory
from tests.requests_app.factories import (
    D,
    assigned,
    at,
    draft_args,
    found_unreasonable,
    refresh,
)
from tests.requests_app.services_helpers import RECEIVED

pytestmark = pytest.mark.django_db

ANSWER_DAY = D(2026, 3, 20)


def answer(office, section, clerk, ground, details, text=""):
    req = assigned(office, section, RECEIVED)
    with at(ANSWER_DAY):
        if ground == Ground.EXCESSIVE:
            found_unreasonable(req, office, clerk)
        services.request_draft_submit(
            request=req, ground=ground, details=details, text=text, acting_user=clerk
        )
        services.request_approve(request=req, acting_user=office)
    return refresh(req)


# -- 36(1): already public -------------------------------------------------------------


def test_already_public_names_the_published_item_with_its_index_number_and_link(
    office, section, clerk
):
    item = ItemFactory(published=True, title="2025年度就业补助资金使用情况公示")
    req = answer(office, section, clerk, Ground.PUBLIC_ALREADY, {"public_index": item.index_number})
    assert req.outcome == Outcome.DISCLOSED  # counted as 予以公开
    url = reverse("disclosure:item", args=[item.pk])
    assert req.ground_details["public_index"] == item.index_number
    assert req.ground_details["public_url"].endswith(url)
    assert f"《{item.title}》，索引号 {item.index_number}" in req.notice_text
    assert url in req.notice_text
    assert "依据：《中华人民共和国政府信息公开条例》第三十六条第（一）项。" in req.notice_text
    assert "第（二）项" not in req.notice_text


@pytest.mark.parametrize("kind", ["unknown", "draft", "on_request", "withdrawn"])
def test_already_public_refuses_an_index_number_that_is_not_a_public_item(
    office, section, clerk, kind
):
    if kind == "unknown":
        index = "11330524K14997759R/2026-09999"
    else:
        item = ItemFactory(published=True)
        index = item.index_number
        if kind == "draft":
            item.status = "draft"
        elif kind == "on_request":
            item.publicity = Publicity.ON_REQUEST
            item.non_disclosure_reason = "process_info"
            item.publicity_note = "过程性信息"
        else:
            item.status = "withdrawn"
            item.withdrawal_reason = "内容有误"
            item.withdrawn_at = item.published_at
        item.save()
    req = assigned(office, section, RECEIVED)
    with at(ANSWER_DAY), pytest.raises(RequestError, match="不是本平台已发布的主动公开信息"):
        services.request_draft_submit(
            request=req,
            ground=Ground.PUBLIC_ALREADY,
            details={"public_index": index},
            acting_user=clerk,
        )
    req = refresh(req)
    assert req.status == Status.ASSIGNED and not req.draft_ground


# -- what each ground asks for ----------------------------------------------------------

REQUIRED = [
    (ground, field.key)
    for ground, spec in GROUNDS.items()
    for field in spec.fields
    if field.required
]


@pytest.mark.parametrize(("ground", "key"), REQUIRED)
def test_each_ground_refuses_a_draft_without_what_it_needs(office, section, clerk, ground, key):
    details = {
        "public_index": "x",
        "access": "电子邮件",
        "basis": WithheldBasis.PROCESS_INFO,
        "reason": "内部讨论稿",
        "search": "检索了收发文登记",
        "agency_name": "县统计局",
        "agency_contact": "0572-6020000",
        "earlier_reply": "人社依申告〔2026〕1号",
        "channel": "县社保中心窗口",
    }
    details[key] = "  "
    req = assigned(office, section, RECEIVED)
    label = next(f.label for f in GROUNDS[ground].fields if f.key == key)
    with at(ANSWER_DAY), pytest.raises(RequestError, match=f"须填写{label}"):
        services.request_draft_submit(
            request=req, ground=ground, details=details, acting_user=clerk
        )
    assert refresh(req).status == Status.ASSIGNED


def test_withholding_needs_a_basis_from_articles_14_15_16(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(ANSWER_DAY), pytest.raises(RequestError, match="第十四条、第十五条、第十六条"):
        services.request_draft_submit(
            request=req,
            ground=Ground.WITHHELD,
            details={"basis": Outcome.WITHHELD_ADMIN_QUERY, "reason": "行政查询"},
            acting_user=clerk,
        )


@pytest.mark.parametrize(
    ("basis", "article"),
    [
        (WithheldBasis.STATE_SECRET, "第十四条"),
        (WithheldBasis.LAW_PROHIBITED, "第十四条"),
        (WithheldBasis.THREE_SECURITY, "第十四条"),
        (WithheldBasis.THIRD_PARTY, "第十五条"),
        (WithheldBasis.INTERNAL_AFFAIRS, "第十六条第一款"),
        (WithheldBasis.PROCESS_INFO, "第十六条第二款"),
        (WithheldBasis.ENFORCEMENT_FILE, "第十六条第二款"),
    ],
)
def test_withheld_cites_36_3_and_its_basis_and_counts_in_the_basis_row(
    office, section, clerk, basis, article
):
    req = answer(
        office, section, clerk, Ground.WITHHELD, {"basis": basis, "reason": "具体理由甲乙丙"}
    )
    assert req.outcome == Outcome(basis.value)
    assert f"依据：《中华人民共和国政府信息公开条例》第三十六条第（三）项、{article}。" in (
        req.notice_text
    )
    assert "具体理由甲乙丙" in req.notice_text


def test_not_exist_and_not_ours_count_in_one_row_but_answer_differently(office, section, clerk):
    search = "检索了本局 2020 年以来的收发文登记和档案目录。"
    absent = answer(office, section, clerk, Ground.NOT_EXIST, {"search": search})
    elsewhere = answer(
        office,
        section,
        clerk,
        Ground.NOT_OURS,
        {"agency_name": "示例县统计局", "agency_contact": "0572-6020000"},
    )
    assert absent.outcome == elsewhere.outcome == Outcome.UNAVAILABLE_NOT_HELD
    assert "第三十六条第（四）项。" in absent.notice_text and search in absent.notice_text
    assert "第（五）项" not in absent.notice_text
    assert "第三十六条第（五）项。" in elsewhere.notice_text
    assert "示例县统计局" in elsewhere.notice_text and "0572-6020000" in elsewhere.notice_text
    assert "第（四）项" not in elsewhere.notice_text


def test_admin_query_names_the_channel_and_counts_as_row_3_8(office, section, clerk):
    channel = "请持身份证件到县社会保险服务中心窗口查询。"
    req = answer(office, section, clerk, Ground.ADMIN_QUERY, {"channel": channel})
    assert req.outcome == Outcome.WITHHELD_ADMIN_QUERY
    assert channel in req.notice_text and "第三十六条第（七）项。" in req.notice_text


def test_a_form_other_than_requested_cites_article_40(office, section, clerk):
    req = answer(
        office,
        section,
        clerk,
        Ground.DISCLOSED,
        {
            "access": "安排到本局档案室查阅",
            "form_note": "原件为大幅图纸，复制成本过高，安排查阅、抄录。",
        },
    )
    assert "第三十六条第（二）项、第四十条。" in req.notice_text


def test_details_a_ground_does_not_use_are_dropped(office, section, clerk):
    req = answer(
        office,
        section,
        clerk,
        Ground.NEEDS_CREATION,
        {"agency_name": "不该出现的机关", "basis": WithheldBasis.STATE_SECRET},
    )
    assert req.ground_details == {}
    assert "不该出现的机关" not in req.notice_text
    assert "依据：《中华人民共和国政府信息公开条例》第三十八条。" in req.notice_text


@pytest.mark.parametrize("ground", list(Ground))
def test_every_citation_names_at_most_one_item_of_article_36(ground):
    details = {"basis": WithheldBasis.THIRD_PARTY, "form_note": "x"}
    cited = grounds.citation(ground, details)
    assert cited.count("第三十六条") <= 1
    assert not re.search(r"第（[一二三四五六七]）项、第（", cited)


def test_approval_refuses_a_draft_without_a_ground(office, section, clerk):
    req = assigned(office, section, RECEIVED)
    with at(ANSWER_DAY):
        services.request_draft_submit(request=req, **draft_args("disclosed"), acting_user=clerk)
    req.draft_ground = ""  # a draft written before grounds existed
    req.save(update_fields=["draft_ground"])
    with at(ANSWER_DAY), pytest.raises(RequestError, match="答复依据"):
        services.request_approve(request=req, acting_user=office)
    assert refresh(req).status == Status.DRAFTED


# -- the form ---------------------------------------------------------------------------


def test_draft_form_names_each_missing_detail_in_chinese():
    form = DraftForm(data={"ground": Ground.NOT_OURS, "agency_name": "县统计局"})
    assert not form.is_valid()
    assert form.errors["agency_contact"] == [
        "“不属于本机关负责公开（第三十六条第（五）项）”须填写该机关的联系方式。"
    ]
    assert "agency_name" not in form.errors


def test_draft_form_requires_a_ground():
    form = DraftForm(data={"text": "答复"})
    assert not form.is_valid()
    assert "ground" in form.errors


def test_draft_form_passes_the_details_of_its_ground():
    form = DraftForm(
        data={"ground": Ground.NOT_EXIST, "search": "检索了档案目录", "agency_name": "x"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["details"] == {"search": "检索了档案目录"}


def test_staff_page_keeps_the_input_when_a_detail_is_missing(client, office, section, clerk):
    req = assigned(office, section, RECEIVED)
    client.force_login(clerk)
    with at(ANSWER_DAY):
        response = client.post(
            reverse("requests_app:staff_action", args=[req.pk, "submit_draft"]),
            {
                "submit_draft-ground": Ground.PARTIAL,
                "submit_draft-access": "电子邮件发送",
                "submit_draft-reason": "其余部分涉及个人隐私",
            },
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "须填写不予公开的法律依据" in html
    assert "其余部分涉及个人隐私" in html
    assert refresh(req).status == Status.ASSIGNED


# -- table 三 keeps counting ------------------------------------------------------------


def test_table3_counts_each_ground_in_its_row(office, section, clerk):
    item = ItemFactory(published=True)
    answers = [
        (Ground.PUBLIC_ALREADY, {"public_index": item.index_number}),
        (Ground.DISCLOSED, {"access": "邮寄"}),
        (Ground.PARTIAL, {"access": "邮寄", "basis": WithheldBasis.THIRD_PARTY, "reason": "隐私"}),
        (Ground.WITHHELD, {"basis": WithheldBasis.PROCESS_INFO, "reason": "过程稿"}),
        (Ground.NOT_EXIST, {"search": "已检索"}),
        (Ground.NOT_OURS, {"agency_name": "县统计局", "agency_contact": "电话"}),
        (Ground.REPEAT, {"earlier_reply": "人社依申告〔2026〕1号"}),
        (Ground.ADMIN_QUERY, {"channel": "社保窗口"}),
        (Ground.NEEDS_CREATION, {}),
        (Ground.CONFIRMATION, {}),
        (Ground.PETITION, {}),
        (Ground.PUBLICATION, {}),
        (Ground.EXCESSIVE, {}),
    ]
    for ground, details in answers:
        answer(office, section, clerk, ground, details)
    table = tables.compute_table3(2026)

    def cell(row):
        return table[row]["自然人"]

    assert cell("（一）予以公开") == 2  # 36(1) and 36(2)
    assert cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == 1
    assert cell("6.属于四类过程性信息") == 1
    assert cell("8.属于行政查询事项") == 1  # 36(7)
    assert cell("1.本机关不掌握相关政府信息") == 2  # 36(4) and 36(5)
    assert cell("2.没有现成信息需要另行制作") == 1
    assert cell("1.信访举报投诉类申请") == 1
    assert cell("2.重复申请") == 1
    assert cell("3.要求提供公开出版物") == 1
    assert cell("4.无正当理由大量反复申请") == 1
    assert cell("5.要求行政机关确认或重新出具已获取信息") == 1
    assert cell("（七）总计") == len(answers)
    assert cell("一、本年新收政府信息公开申请数量") == len(answers)
    assert tables.check_table3(table) == []
