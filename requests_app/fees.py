"""信息处理费 (Reg. 42, 国办函〔2020〕109号《政府信息公开信息处理费管理办法》).

Free by default. Only when an applicant's requests clearly exceed reason may staff
charge, by one of two schemes per request; the amount is computed here, never typed.
- 按件计收: same applicant, one calendar month: the 1st-10th request free; 11th-30th
  100 元 each; from the 31st, every further band of 10 costs 100 元 more per request
  (31st-40th 200 元, 41st-50th 300 元, ...).
- 按量计收: per request, by pages: pages 1-30 free; the part 31-100 at 10 元 a page;
  101-200 at 20 元; 201 and up at 40 元.
"""

from dataclasses import dataclass
from decimal import Decimal

from requests_app.models import FeeScheme


@dataclass(frozen=True)
class Fee:
    scheme: str
    quantity: int
    amount: Decimal
    explanation: str


def per_request_rate(ordinal: int) -> Decimal:
    """The charge for the `ordinal`-th request of the same applicant in a month."""
    if ordinal < 1:
        raise ValueError("ordinal starts at 1")
    if ordinal <= 10:
        return Decimal(0)
    if ordinal <= 30:
        return Decimal(100)
    band = (ordinal - 31) // 10  # 31-40 -> 0, 41-50 -> 1, ...
    return Decimal(200 + 100 * band)


# (first page, last page or None, yuan per page)
PAGE_BANDS = ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))


def per_page_amount(pages: int) -> tuple[Decimal, list[str]]:
    """The charge for `pages` pages and one explanation line per charged band."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    total = Decimal(0)
    lines = []
    for first, last, rate in PAGE_BANDS:
        if pages < first:
            break
        upto = pages if last is None else min(pages, last)
        count = upto - first + 1
        if rate:
            amount = Decimal(count * rate)
            total += amount
            lines.append(f"第 {first}–{upto} 页 {count} 页 × {rate} 元 = {amount} 元")
    return total, lines


def compute_fee(scheme: str, quantity: int) -> Fee:
    """The fee for one request. `quantity`: for 按件 the request's ordinal in the
    applicant's calendar month; for 按量 the number of pages."""
    if scheme == FeeScheme.PER_REQUEST:
        rate = per_request_rate(quantity)
        if rate:
            text = f"按件计收：本自然月第 {quantity} 件，每件 {rate} 元，计 {rate} 元"
        else:
            text = f"按件计收：本自然月第 {quantity} 件，10 件以内（含）不收费"
        return Fee(scheme, quantity, rate, text)
    if scheme == FeeScheme.PER_PAGE:
        amount, lines = per_page_amount(quantity)
        if amount:
            text = f"按量计收：共 {quantity} 页，" + "；".join(lines) + f"，合计 {amount} 元"
        else:
            text = f"按量计收：共 {quantity} 页，30 页以内（含）不收费"
        return Fee(scheme, quantity, amount, text)
    return Fee(FeeScheme.NONE, 0, Decimal(0), "不收费")
