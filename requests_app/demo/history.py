"""The requests of the demo: past ones in every outcome, and current ones in every state."""

import datetime

from requests_app import services
from requests_app.demo.people import DAY, _data, _Demo, _on
from requests_app.grounds import Ground
from requests_app.models import Channel, DiscardReason, PauseKind
from requests_app.outcomes import Outcome, RemedyKind, RemedyResult


def _history(demo: _Demo, today: datetime.date) -> None:
    """Closed requests across last year and this year, with complaints and cases."""
    last = today.year - 1
    plan = [
        (datetime.date(last, 2, 18), 12, Outcome.DISCLOSED, False),
        (datetime.date(last, 4, 8), 10, Outcome.UNAVAILABLE_NOT_HELD, False),
        (datetime.date(last, 6, 10), 18, Outcome.WITHHELD_PROCESS_INFO, True),
        (datetime.date(last, 9, 3), 8, Outcome.NOT_PROCESSED_PETITION, False),
        (datetime.date(last, 11, 12), 15, Outcome.PARTIAL, True),
        # received last year, answered this year (carried over)
        (datetime.date(last, 12, 15), 19, Outcome.DISCLOSED, False),
        (datetime.date(today.year, 1, 12), 9, Outcome.DISCLOSED, False),
        (datetime.date(today.year, 3, 9), 14, Outcome.NOT_PROCESSED_REPEAT, False),
        (datetime.date(today.year, 4, 20), 12, Outcome.UNAVAILABLE_NEEDS_CREATION, True),
        (datetime.date(today.year, 6, 1), 16, Outcome.WITHHELD_ENFORCEMENT_FILE, False),
        (datetime.date(today.year, 7, 6), 11, Outcome.NOT_PROCESSED_PUBLICATION, True),
        (datetime.date(today.year, 8, 17), 13, Outcome.DISCLOSED, False),
    ]
    closed = []
    for k, (received, workdays, outcome, org) in enumerate(plan):
        if not demo.cal.is_workday(received):
            received = demo.workdays_before(received, 1)
        answer_day = demo.cal.add_workdays(received, workdays).date
        if answer_day >= today:
            continue
        req, code = demo.answered(received, answer_day, outcome, k, org=org)
        closed.append((req, answer_day))
    if not closed:
        return
    demo.codes.append(("已答复", closed[-1][0].tracking_number, code))

    # 逾期不补正 (Reg. 30) and 逾期未缴费 (109号) this year.
    received = demo.workdays_before(datetime.date(today.year, 5, 15), 0)
    if demo.cal.is_workday(received) and received < today - 60 * DAY:
        req, _ = demo.assigned(received, 1)
        with _on(received + DAY):
            services.request_correction_ask(
                request=req,
                items="请写明所需补贴名单的年份和补贴类别",
                days=10,
                acting_user=demo.clerk_of(req),
            )
        lapse = demo.cal.add_workdays(req.correction.due_on, 1).date
        with _on(lapse):
            services.requests_close_lapsed()
    received = datetime.date(today.year, 9, 1)
    if demo.cal.is_workday(received) and received < today - 60 * DAY:
        req, _ = demo.assigned(received, 2, org=True)
        with _on(received + 2 * DAY):
            services.request_fee_notify(
                request=req, scheme="per_page", pages=260, acting_user=demo.clerk_of(req)
            )
        req.refresh_from_db()
        with _on(demo.cal.add_workdays(req.fee_due_on, 1).date):
            services.requests_close_lapsed()

    # Complaints: one answered, one still open.
    first, first_day = closed[0]
    with _on(first_day + 3 * DAY):
        complaint = services.complaint_submit(
            request=first, kind="complaint", text="答复未附全部附件，请补充提供。"
        )
    with _on(first_day + 10 * DAY):
        services.complaint_answer(
            complaint=complaint,
            answer="经核查，已于当日补充发送全部附件。",
            acting_user=demo.office,
        )
    recent, _recent_day = closed[-1]
    with _on(demo.workdays_before(today, 3)):
        services.complaint_submit(
            request=recent, kind="appeal", text="对答复内容有异议，认为应当全部公开。"
        )

    # 行政复议 / 行政诉讼 (table 四).
    cases = [
        (0, RemedyKind.REVIEW, 20, RemedyResult.UPHELD, 60),
        (2, RemedyKind.REVIEW, 25, RemedyResult.CORRECTED, 55),
        (2, RemedyKind.LITIGATION_AFTER_REVIEW, 90, RemedyResult.UPHELD, 150),
        (4, RemedyKind.LITIGATION_DIRECT, 30, None, None),
        (8, RemedyKind.REVIEW, 15, None, None),
    ]
    for index, kind, after, result, concluded_after in cases:
        if index >= len(closed):
            continue
        req, answered_on = closed[index]
        filed = answered_on + after * DAY
        if filed >= today:
            continue
        with _on(filed):
            case = services.remedy_record(
                request=req,
                kind=kind,
                filed_on=filed,
                case_number=f"（{filed.year}）示复字第{index + 1}号"
                if kind == RemedyKind.REVIEW
                else f"（{filed.year}）示行初字第{index + 1}号",
                authority="示例县人民政府" if kind == RemedyKind.REVIEW else "示例县人民法院",
                acting_user=demo.office,
            )
        if result is not None:
            concluded = filed + concluded_after * DAY
            if concluded < today:
                with _on(concluded):
                    services.remedy_conclude(
                        case=case, result=result, concluded_on=concluded, acting_user=demo.office
                    )


def _current(demo: _Demo, today: datetime.date) -> None:
    """Open requests in every state, relative to today."""
    # Submitted online, not yet confirmed.
    with _on(today, 8):
        sub = services.request_submit(data=_data(90))
    demo.codes.append(("待确认", sub.request.tracking_number, sub.query_code))
    # Submitted online three working days ago and never confirmed: flagged.
    with _on(demo.workdays_before(today, 3), 18):
        services.request_submit(data=_data(92))
    # A submission discarded as not a request.
    with _on(demo.workdays_before(today, 2)):
        junk = services.request_submit(data=_data(91)).request
        services.request_discard_propose(
            request=junk,
            reason=DiscardReason.NO_CONTENT,
            note="内容为测试文字",
            acting_user=demo.office,
        )
        services.request_discard(request=junk, acting_user=demo.head)
    # Received, not yet assigned.
    demo.received(demo.workdays_before(today, 1), channel=Channel.POST_SIGNED)
    # Overdue: received 24 working days ago, still being handled.
    demo.assigned(demo.workdays_before(today, 24), 0)
    # Due soon: received 17 working days ago.
    req, code = demo.assigned(demo.workdays_before(today, 17), 1, org=True)
    demo.codes.append(("即将到期", req.tracking_number, code))
    # Extended: received 18 working days ago, 15 more approved by the office head.
    req, _ = demo.assigned(demo.workdays_before(today, 18), 2)
    with _on(demo.workdays_before(today, 2)):
        services.request_extension_apply(
            request=req,
            days=15,
            reason="申请内容涉及多个年度的档案，需调取、整理",
            acting_user=demo.clerk_of(req),
        )
    with _on(demo.workdays_before(today, 1)):
        services.request_extension_decide(request=req, approve=True, acting_user=demo.head)
    # An extension waiting for the office head.
    req, _ = demo.assigned(demo.workdays_before(today, 12), 0)
    with _on(today, 9):
        services.request_extension_apply(
            request=req,
            days=10,
            reason="需协调社会保险经办机构提供数据",
            acting_user=demo.clerk_of(req),
        )
    # Waiting for a correction (asked within 7 working days of receipt).
    req, code = demo.assigned(demo.workdays_before(today, 3), 1)
    with _on(demo.workdays_before(today, 1)):
        services.request_correction_ask(
            request=req,
            items="申请内容描述不明确：请写明所需信息的年份、补贴项目名称，或提供文件的文号。",
            days=10,
            acting_user=demo.clerk_of(req),
        )
    demo.codes.append(("待补正", req.tracking_number, code))
    # Consulting a third party (Reg. 32).
    req, _ = demo.assigned(demo.workdays_before(today, 8), 2, org=True)
    with _on(demo.workdays_before(today, 4)):
        services.request_pause_start(
            request=req,
            kind=PauseKind.THIRD_PARTY,
            party="示例县宏达机械有限公司",
            started_on=demo.workdays_before(today, 4),
            note="涉及企业用工及工资支付信息",
            acting_user=demo.clerk_of(req),
        )
    # Awaiting a fee (按量计收).
    req, _ = demo.assigned(demo.workdays_before(today, 6), 0, org=True)
    with _on(demo.workdays_before(today, 2)):
        services.request_fee_notify(
            request=req, scheme="per_page", pages=150, acting_user=demo.clerk_of(req)
        )
    # A draft waiting for the office's approval.
    req, _ = demo.assigned(demo.workdays_before(today, 9), 1)
    with _on(today, 9):
        services.request_draft_submit(
            request=req,
            ground=Ground.DISCLOSED,
            details={"access": "以电子邮件方式发送公开文本。"},
            text="现将 2025 年度就业补助资金使用情况的公开文本提供给您。",
            acting_user=demo.clerk_of(req),
        )
    # Answered today.
    req, _ = demo.answered(demo.workdays_before(today, 5), today, Outcome.PARTIAL, 2)
