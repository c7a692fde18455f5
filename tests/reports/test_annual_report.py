"""The annual report's life: drafting, suggestions, the publication check (the
consistency rule among it), the frozen published report, its pages and XLSX."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from audit.models import AuditAction, AuditEntry
from disclosure.choices import ColumnKind, Validity
from reports import services, suggestions, tables
from reports.models import AnnualReport, ReportStatus
from reports.services import ReportError
from requests_app.outcomes import ApplicantColumn as C
from requests_app.outcomes import Outcome as O
from tests.factories import ColumnFactory, UserFactory, staff
from tests.inspection.factories import published_on
from tests.reports.factories import JAN_2027, filled, make_request

pytestmark = pytest.mark.django_db
D = datetime.date

# -- creating and editing ------------------------------------------------------------


def test_only_the_office_compiles_reports(organisation):
    for user in (staff(Role.SECTION_CLERK), staff(Role.LEADER), UserFactory()):
        with pytest.raises(ReportError, match="只有局办公室"):
            services.annual_report_create(organisation=organisation, year=2025, acting_user=user)
    assert not AnnualReport.objects.exists()


def test_year_must_be_past_or_current_and_unique(organisation, office, report):
    with pytest.raises(ReportError, match="已存在"):
        services.annual_report_create(
            organisation=organisation, year=2026, acting_user=office, today=D(2027, 1, 10)
        )
    with pytest.raises(ReportError, match="2021 年至 2027 年"):
        services.annual_report_create(
            organisation=organisation, year=2028, acting_user=office, today=D(2027, 1, 10)
        )
    with pytest.raises(ReportError):
        services.annual_report_create(organisation=organisation, year=2019, acting_user=office)


# -- the publication check -----------------------------------------------------------


def test_every_blocker_is_listed_at_once(report, requests_2026):
    blockers = services.annual_report_blockers(report, today=D(2026, 12, 20))
    assert blockers[0] == "2026 年度尚未结束，年度报告须在次年发布。"
    assert "请填写“一、总体情况”。" in blockers
    assert "请填写“五、存在的主要问题及改进情况”。" in blockers
    assert "请填写“六、其他需要报告的事项”。" in blockers
    table2 = next(b for b in blockers if b.startswith("表二"))
    assert (
        "行政许可·本年处理决定数量" in table2
        and "行政事业性收费·本年收费金额（单位：万元）" in table2
    )


def test_complete_consistent_report_has_no_blockers(report, office, requests_2026):
    filled(report, office)
    assert services.annual_report_blockers(report, today=D(2027, 1, 10)) == []


def test_report_breaking_the_consistency_rule_cannot_be_published(
    report, office, requests_2026, monkeypatch
):
    filled(report, office)
    real = tables.compute_table3

    def broken(year):
        table = real(year)
        table[tables.ROW_CARRIED_OUT]["法律服务机构"] = 0
        table[tables.ROW_CARRIED_OUT]["总计"] -= 1
        return table

    monkeypatch.setattr(tables, "compute_table3", broken)
    with time_machine.travel(JAN_2027, tick=False), pytest.raises(ReportError) as exc:
        services.annual_report_publish(report=report, acting_user=office)
    assert "“法律服务机构”列：第一项加第二项（1）不等于第三项（七）加第四项（0）" in str(exc.value)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.table3 is None


def test_publish_freezes_tables_three_and_four(report, office, requests_2026):
    filled(report, office)
    with time_machine.travel(JAN_2027, tick=False):
        services.annual_report_publish(report=report, acting_user=office)
    report.refresh_from_db()
    assert report.is_published and report.published_by == office
    assert report.table3 == tables.compute_table3(2026)
    assert report.table3["一、本年新收政府信息公开申请数量"]["总计"] == 3
    assert AuditEntry.objects.filter(action=AuditAction.PUBLISH, actor=office).exists()
    # A request recorded late for 2026 does not change the published report.
    make_request(C.NATURAL_PERSON, D(2026, 6, 1), D(2026, 6, 10), O.DISCLOSED)
    from reports.selectors import report_tables

    assert report_tables(report).table3["一、本年新收政府信息公开申请数量"]["总计"] == 3
    # And the published report cannot be edited or published again.
    with pytest.raises(ReportError, match="已发布"):
        services.annual_report_update(report=report, data={"overview": "改"}, acting_user=office)
    with pytest.raises(ReportError, match="已发布"):
        services.annual_report_publish(report=report, acting_user=office)


def test_leader_cannot_publish(report, office, requests_2026):
    filled(report, office)
    with time_machine.travel(JAN_2027, tick=False), pytest.raises(ReportError):
        services.annual_report_publish(report=report, acting_user=staff(Role.LEADER))


# -- suggestions ---------------------------------------------------------------------


def _normative(day, number, **fields):
    fields.setdefault("summary", "规范某项工作。")
    return published_on(
        day, is_normative=True, document_number=number, normative_code=f"SX-{number}",
        effective_on=fields.pop("effective_on", fields.get("written_on")), **fields,
    )  # fmt: skip


def test_normative_document_suggestions_count_the_flagged_documents_only(organisation):
    """Table 二 counts the bureau's own 行政规范性文件 from their fields: not the laws,
    工作要点 and 工作总结 that share a 政策文件 column (the audit's finding)."""
    policy = ColumnFactory(kind=ColumnKind.POLICY)
    _normative(
        D(2024, 5, 1), "示人社规〔2024〕1号", column=policy,
        written_on=D(2024, 4, 20), validity=Validity.REPEALED, repealed_on=D(2026, 7, 31),
    )  # fmt: skip
    _normative(D(2026, 3, 1), "示人社规〔2026〕2号", column=policy, written_on=D(2026, 2, 25))
    # A 2025 document whose 有效期 ran out on 30 June 2026: 失效, not in force at year end.
    _normative(
        D(2025, 3, 1), "示人社规〔2025〕1号", written_on=D(2025, 2, 1), valid_until=D(2026, 6, 30)
    )
    # Valid until 31 December 2026 itself: still in force that day.
    _normative(
        D(2025, 4, 1), "示人社规〔2025〕2号", written_on=D(2025, 3, 1), valid_until=D(2026, 12, 31)
    )
    # Not the bureau's 行政规范性文件, however they look:
    published_on(D(2026, 3, 1), column=policy, document_number="中华人民共和国主席令第七十三号")
    published_on(D(2026, 3, 1), column=policy, document_number="示人社发〔2026〕9号")  # 工作要点
    published_on(D(2026, 3, 1), document_number="示人社〔2026〕9号")
    assert suggestions.normative_counts(2026) == {"issued": 1, "repealed": 1, "in_force": 2}
    assert suggestions.normative_counts(2025) == {"issued": 2, "repealed": 0, "in_force": 3}
    assert suggestions.normative_counts(2024) == {"issued": 1, "repealed": 0, "in_force": 1}


def test_a_document_marked_repealed_without_a_date_counts_from_its_history(organisation):
    with time_machine.travel(datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)):
        old = _normative(D(2024, 5, 1), "示人社规〔2024〕1号", written_on=D(2024, 4, 20))
    with time_machine.travel(datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC)):
        old.validity = Validity.REPEALED
        old.save()
    assert suggestions.normative_counts(2026) == {"issued": 0, "repealed": 1, "in_force": 0}
    assert suggestions.normative_counts(2025) == {"issued": 0, "repealed": 0, "in_force": 1}


def test_apply_suggestions_fills_only_blank_cells(report, office, requests_2026):
    services.annual_report_update(
        report=report, data={"normative_issued": 9, "other_matters": "无"}, acting_user=office
    )
    filled_labels = services.annual_report_apply_suggestions(report=report, acting_user=office)
    report.refresh_from_db()
    assert report.normative_issued == 9  # kept
    assert report.regulations_issued == 0 and report.normative_repealed == 0
    assert report.licensing_decisions is None  # no data: staff enter it
    assert "新收政府信息公开申请 3 件" in report.overview
    assert report.other_matters == "无"
    assert "一、总体情况" in filled_labels


def _fee(notified, paid, amount):
    from requests_app.models import DisclosureRequest

    req = make_request(C.NATURAL_PERSON, notified)
    DisclosureRequest.objects.filter(pk=req.pk).update(
        fee_amount=Decimal(amount), fee_notified_on=notified, fee_paid_on=paid
    )


def test_section_six_reports_the_computed_fee_figures(report, office):
    _fee(D(2026, 3, 2), D(2026, 3, 10), "100")
    _fee(D(2026, 11, 2), None, "700.50")  # notified, never paid
    _fee(D(2025, 12, 20), D(2026, 1, 5), "200")  # notified last year, paid in this one
    _fee(D(2027, 1, 4), None, "900")  # next year: not counted
    make_request(C.NATURAL_PERSON, D(2026, 4, 1))  # free of charge: not counted
    assert suggestions.fee_figures(2026) == {
        "notified": 2,
        "notified_amount": Decimal("800.50"),
        "paid": 2,
        "paid_amount": Decimal("300"),
    }
    text = suggestions.other_matters_suggestion(2026)
    assert "发出收费通知 2 件，总金额 800.5 元" in text
    assert "实际收取信息处理费 2 件，总金额 300 元" in text
    services.annual_report_apply_suggestions(report=report, acting_user=office)
    report.refresh_from_db()
    assert report.other_matters == text


def test_section_six_says_so_when_no_fee_was_charged():
    assert suggestions.fee_figures(2026)["notified"] == 0
    assert suggestions.other_matters_suggestion(2026).startswith(
        "本年度本机关未发出信息处理费收费通知，未收取信息处理费。"
    )


# -- pages and exports ---------------------------------------------------------------


def test_draft_is_a_404_to_the_public_and_previewed_by_the_office(client, report, office):
    url = reverse("reports:annual_detail", args=[2026])
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:annual_xlsx", args=[2026])).status_code == 404
    assert client.get(reverse("reports:annual_print", args=[2026])).status_code == 404
    client.force_login(staff(Role.SECTION_CLERK))
    assert client.get(url).status_code == 404
    assert report.title not in client.get(reverse("reports:annual_list")).content.decode()
    client.force_login(office)
    assert "草稿预览" in client.get(url).content.decode()


def test_published_report_page_print_and_xlsx(client, report, office, requests_2026):
    filled(report, office)
    with time_machine.travel(JAN_2027, tick=False):
        services.annual_report_publish(report=report, acting_user=office)
    assert report.title in client.get(reverse("reports:annual_list")).content.decode()
    page = client.get(reverse("reports:annual_detail", args=[2026])).content.decode()
    for heading in (
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项", tables.T3_NOTE, "4.保护第三方合法权益", "复议后起诉",
    ):  # fmt: skip
        assert heading in page
    printed = client.get(reverse("reports:annual_print", args=[2026]))
    assert printed.status_code == 200 and "reports-print.css" in printed.content.decode()

    response = client.get(reverse("reports:annual_xlsx", args=[2026]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "报告正文",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    t2 = workbook["二、主动公开政府信息情况"]
    t2_rows = {r[0]: r[1:] for r in t2.iter_rows(min_row=2, values_only=True) if r[0]}
    assert t2_rows["行政许可"][0] == 245
    assert t2_rows["行政规范性文件"] == (3, 1, 12)
    t3 = workbook["三、收到和处理政府信息公开申请情况"]
    assert t3["A2"].value == tables.T3_NOTE and "A2:C4" in {str(r) for r in t3.merged_cells.ranges}
    assert [t3.cell(row=4, column=c).value for c in range(5, 10)] == [
        "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
    ]  # fmt: skip
    by_label = {}
    for row in t3.iter_rows(min_row=5, values_only=True):
        label = row[2] or row[1] or row[0]
        by_label[label] = list(row[3:10])
    frozen = report.__class__.objects.get(pk=report.pk).table3
    for label in tables.T3_ROWS:
        assert by_label[label] == [frozen[label][c] for c in tables.T3_COLUMNS], label
    t4 = workbook["四、政府信息公开行政复议、行政诉讼情况"]
    assert [c.value for c in t4[5]] == [0] * 15
    assert t4["A2"].value == "行政复议" and t4["F2"].value == "行政诉讼"


def test_xlsx_keeps_staff_text_that_looks_like_a_formula_as_text(client, report, office):
    services.annual_report_update(
        report=report, data={"overview": '=HYPERLINK("http://x")'}, acting_user=office
    )
    client.force_login(office)
    response = client.get(reverse("reports:annual_xlsx", args=[2026]))
    assert response["Cache-Control"] == "no-store"  # a draft is the office's alone
    sheet = load_workbook(io.BytesIO(response.content))["报告正文"]
    assert sheet["A3"].data_type == "s" and sheet["A3"].value == '=HYPERLINK("http://x")'


def test_office_edits_a_draft_through_the_page(client, report, office):
    client.force_login(office)
    url = reverse("reports:annual_edit", args=[2026])
    page = client.get(url).content.decode()
    assert "发布前检查" in page and "县级政府部门无规章制定权" in page
    bad = client.post(url, {"overview": "草稿内容", "licensing_decisions": "-3"})
    assert bad.status_code == 400
    assert "不能为负数" in bad.content.decode() and "草稿内容" in bad.content.decode()
    ok = client.post(url, {"overview": "草稿内容", "licensing_decisions": "12"})
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.overview == "草稿内容" and report.licensing_decisions == 12


def test_publish_button_refuses_with_the_reasons(client, report, office):
    client.force_login(office)
    response = client.post(reverse("reports:annual_publish", args=[2026]), follow=True)
    assert "年度报告不能发布" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_manage_pages_are_office_only(client, report):
    for user in (staff(Role.LEADER), staff(Role.SECTION_HEAD)):
        client.force_login(user)
        for name in ("reports:annual_edit", "reports:annual_publish", "reports:annual_suggest"):
            assert client.post(reverse(name, args=[2026])).status_code == 404
        assert client.get(reverse("reports:annual_manage")).status_code == 404
