"""Minimum consultation periods, checked before a consultation's draft is released:

- 重大行政决策: 一般不少于30日 (重大行政决策程序暂行条例, 国务院令第713号, Art. 15);
- 行政规范性文件 涉及群众切身利益: 一般不少于7个工作日; closely tied to market
  entities' business: 一般不少于30日 (国办发〔2018〕37号);
- 其他: no minimum.

"一般": a shorter period is allowed with a reason made public with the draft."""

from __future__ import annotations

import datetime

from django.utils import timezone

from consultations.models import Consultation, ConsultationKind
from workcalendar.selectors import add_workdays

MAJOR_DECISION_DAYS = 30  # 国务院令第713号 Art. 15
NORMATIVE_WORKDAYS = 7  # 国办发〔2018〕37号
NORMATIVE_MARKET_DAYS = 30  # 国办发〔2018〕37号, closely tied to market entities


def minimum_label(kind: str, market_related: bool) -> str:
    if kind == ConsultationKind.MAJOR_DECISION:
        return f"重大行政决策征求意见一般不少于{MAJOR_DECISION_DAYS}日（国务院令第713号第十五条）"
    if kind == ConsultationKind.NORMATIVE and market_related:
        return (
            f"与市场主体生产经营活动密切相关的行政规范性文件征求意见一般不少于"
            f"{NORMATIVE_MARKET_DAYS}日（国办发〔2018〕37号）"
        )
    if kind == ConsultationKind.NORMATIVE:
        return f"行政规范性文件征求意见一般不少于{NORMATIVE_WORKDAYS}个工作日（国办发〔2018〕37号）"
    return ""


def earliest_close(
    kind: str, market_related: bool, opens_on: datetime.date
) -> datetime.date | None:
    """The first day the consultation may close on without a reason (None: any)."""
    if kind == ConsultationKind.MAJOR_DECISION or (
        kind == ConsultationKind.NORMATIVE and market_related
    ):
        return opens_on + datetime.timedelta(days=MAJOR_DECISION_DAYS)
    if kind == ConsultationKind.NORMATIVE:
        return add_workdays(opens_on, NORMATIVE_WORKDAYS).date
    return None


def period_problem(consultation: Consultation) -> str | None:
    """Why the consultation's period is shorter than its minimum, or None."""
    if consultation.opens_at is None or consultation.closes_at is None:
        return None
    opens_on = timezone.localdate(consultation.opens_at)
    closes_on = timezone.localdate(consultation.closes_at)
    earliest = earliest_close(consultation.kind, consultation.market_related, opens_on)
    if earliest is None or closes_on >= earliest:
        return None
    return (
        f"{minimum_label(consultation.kind, consultation.market_related)}，"
        f"本次征集至 {closes_on:%Y-%m-%d}，不足规定期限（最早 {earliest:%Y-%m-%d} 截止）"
    )
