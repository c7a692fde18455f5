"""Numbers the data does hold, offered to staff as suggestions for the parts of the
annual report they enter (table 二 and the narrative sections). Nothing here is
written into a report unless staff choose to take it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from disclosure.choices import ColumnKind, Validity
from disclosure.models import Item, ItemStatus


@dataclass(frozen=True)
class Suggestion:
    field: str
    value: int
    basis: str  # how it was counted, shown next to the cell


def _end_of(year: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, 12, 31, 23, 59, 59))


def normative_documents():
    """The bureau's own 行政规范性文件: items flagged so (with their 统一编号 and
    dates), published at some time (withdrawn ones included). Not a column's kind:
    a 政策文件 column also holds national laws, 工作要点 and 工作总结."""
    return Item.objects.filter(
        is_normative=True,
        status__in=[ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN],
        published_at__isnull=False,
    )


def _repealed_on(item: Item) -> datetime.date | None:
    """The 废止日期; for a document marked 已废止 without one, the day its history
    recorded the change."""
    if item.repealed_on:
        return item.repealed_on
    if item.validity != Validity.REPEALED:
        return None
    record = item.history.filter(validity=Validity.REPEALED).order_by("history_date").first()
    return timezone.localtime(record.history_date).date() if record else None


def normative_counts(year: int) -> dict[str, int]:
    """Table 二, 第二十条第（一）项, 行政规范性文件, from the documents' own fields:
    本年制发 (成文日期 in the year, or published in it when undated), 本年废止 (废止日期
    in the year), 现行有效 (on 31 December: issued by then, not repealed and not
    past its 有效期)."""
    end = datetime.date(year, 12, 31)
    issued = repealed = in_force = 0
    for item in normative_documents():
        written = item.written_on or timezone.localtime(item.published_at).date()
        if written.year == year:
            issued += 1
        gone = _repealed_on(item)
        if gone is not None and gone.year == year:
            repealed += 1
        if written > end or (gone is not None and gone <= end):
            continue
        if item.valid_until is not None and item.valid_until < end:
            continue
        in_force += 1
    return {"issued": issued, "repealed": repealed, "in_force": in_force}


def table2_suggestions(year: int) -> list[Suggestion]:
    counts = normative_counts(year)
    basis = "据目录中标注为本局“行政规范性文件”的已发布信息统计"
    # A county-level department has no power to make 规章 (立法法 Art. 93: only the
    # State Council's departments and provincial / 设区的市 governments make them).
    no_rules = "县级政府部门无规章制定权"
    return [
        Suggestion("regulations_issued", 0, no_rules),
        Suggestion("regulations_repealed", 0, no_rules),
        Suggestion("regulations_in_force", 0, no_rules),
        Suggestion("normative_issued", counts["issued"], basis + "（成文日期在本年）"),
        Suggestion("normative_repealed", counts["repealed"], basis + "（废止日期在本年）"),
        Suggestion("normative_in_force", counts["in_force"], basis + "（年末未废止、未失效）"),
    ]


def published_in_year(year: int):
    """The items 主动公开 in `year` (the figure 一、总体情况 states)."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return Item.objects.published().filter(published_at__gte=start, published_at__lte=_end_of(year))


def overview_suggestion(year: int, table3: dict, table4: dict) -> str:
    """A first draft of 一、总体情况 from the year's numbers."""
    from reports import tables

    published = published_in_year(year)
    total = published.count()
    policy = published.filter(column__kind=ColumnKind.POLICY).count()
    news = published.filter(column__kind=ColumnKind.NEWS).count()
    notice = published.filter(column__kind=ColumnKind.NOTICE).count()
    on_time = published.filter(published_on_time=True).count()
    t = tables.T3_TOTAL_COLUMN
    review = table4[tables.T4_REVIEW][tables.REMEDY_TOTAL_LABEL]
    litigation = sum(
        block[tables.REMEDY_TOTAL_LABEL] for block in table4[tables.T4_LITIGATION].values()
    )
    return (
        f"{year}年，本局深入贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、"
        f"不公开为例外，全面推进政务公开工作。\n"
        f"（一）主动公开。全年通过县政府门户网站政务公开平台主动公开政府信息 {total} 条，"
        f"其中工作动态 {news} 条、通知公告 {notice} 条、政策文件 {policy} 条；"
        f"按时（形成或变更之日起 20 个工作日内）公开 {on_time} 条。\n"
        f"（二）依申请公开。全年新收政府信息公开申请 {table3[tables.ROW_NEW][t]} 件，"
        f"上年结转 {table3[tables.ROW_CARRIED_IN][t]} 件，办结 {table3[tables.ROW_TOTAL][t]} 件，"
        f"结转下年度继续办理 {table3[tables.ROW_CARRIED_OUT][t]} 件。\n"
        f"（三）政府信息管理。严格落实信息发布“三审”制度和保密审查，及时更新政府信息公开指南和目录。\n"
        f"（四）平台建设。按照栏目维护责任分工，开展日常巡查，及时整改发现的问题。\n"
        f"（五）监督保障。全年因政府信息公开被申请行政复议 {review} 件、提起行政诉讼 {litigation} 件。"
    )


def problems_suggestion(year: int) -> str:
    """A first draft of 五、存在的主要问题及改进情况 from the year's inspection findings
    and rectification tasks."""
    from inspection.models import Finding, FindingKind, RectificationTask, TaskStatus

    by_kind = (
        Finding.objects.filter(created_at__year=year)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    found = "、".join(f"{FindingKind(r['kind']).label} {r['n']} 个" for r in by_kind)
    tasks = RectificationTask.objects.filter(assigned_on__year=year)
    closed = tasks.filter(status=TaskStatus.CLOSED).count()
    if not found:
        return (
            "本年度平台未记录巡查或考评发现的问题。"
            "下一步，将建立常态化巡查机制，压实各股室栏目维护责任，不断提升政务公开质量。"
        )
    return (
        f"本年度通过网站巡查和考评迎检发现的问题主要有：{found or '无'}。"
        f"共交办整改任务 {tasks.count()} 件，已整改办结 {closed} 件。"
        "下一步，将进一步压实各股室栏目维护责任，加强日常巡查和整改督办，不断提升政务公开质量。"
    )


def fee_figures(year: int) -> dict:
    """The 信息处理费 figures section 六 reports (国办公开办函〔2021〕30号, 国办函〔2020〕
    109号): fee notices sent in `year` (their count and total) and fees actually
    received in `year` (count and total), in 元, from the requests' fee records."""
    from django.db.models import Sum

    from requests_app.models import DisclosureRequest

    charged = DisclosureRequest.objects.filter(fee_amount__gt=0)
    notified = charged.filter(fee_notified_on__year=year).aggregate(
        n=Count("id"), total=Sum("fee_amount")
    )
    paid = charged.filter(fee_paid_on__year=year).aggregate(n=Count("id"), total=Sum("fee_amount"))
    return {
        "notified": notified["n"],
        "notified_amount": notified["total"] or Decimal(0),
        "paid": paid["n"],
        "paid_amount": paid["total"] or Decimal(0),
    }


def _yuan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01')).normalize():f}"


def other_matters_suggestion(year: int) -> str:
    """A first draft of 六、其他需要报告的事项: the fee figures the 2021 format asks
    for (收费通知的件数和总金额、实际收取的总金额), computed, never typed."""
    fees = fee_figures(year)
    if not fees["notified"] and not fees["paid"]:
        fee_text = "本年度本机关未发出信息处理费收费通知，未收取信息处理费。"
    else:
        fee_text = (
            f"本年度本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
            f"发出收费通知 {fees['notified']} 件，总金额 {_yuan(fees['notified_amount'])} 元；"
            f"实际收取信息处理费 {fees['paid']} 件，总金额 {_yuan(fees['paid_amount'])} 元。"
        )
    return fee_text + "\n本年度无其他需要报告的事项。"
