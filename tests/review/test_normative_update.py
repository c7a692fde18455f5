"""After publication, the office records a 行政规范性文件's 废止日期 and 有效期 through
the published-item update (table 二 counts from them); incoherent dates and a 文号
against GB/T 9704 are refused, nothing changed."""

import datetime

import pytest

from disclosure.choices import Validity
from disclosure.models import Item
from disclosure.models import ItemStatus as S
from reports import suggestions
from review import services
from tests.review.factories import draft, walk

pytestmark = pytest.mark.django_db
D = datetime.date

NORMATIVE = {
    "is_normative": True,
    "document_number": "示人社规〔2025〕1号",
    "normative_code": "SXSD01-2025-0001",
    "written_on": D(2025, 4, 18),
    "formed_on": D(2025, 4, 18),
    "effective_on": D(2025, 5, 1),
    "summary": "规范就业补助资金管理。",
    "no_consultation_reason": "转发上级文件，不涉及群众切身利益调整。",
}


def test_a_normative_draft_without_consultation_or_reason_cannot_be_submitted(team):
    fields = {**NORMATIVE, "no_consultation_reason": ""}
    with pytest.raises(services.TransitionError, match="行政规范性文件未关联公开征求意见"):
        walk(draft(team, **fields), team, S.PUBLISHED)


def _update(item, team, **changes):
    return services.item_update_published(
        item=item, changes=changes, substantive=True, note="文件废止。", acting_user=team.office
    )


def test_repealing_a_published_document_records_its_date(team):
    item = walk(draft(team, **NORMATIVE), team, S.PUBLISHED)
    _update(item, team, validity=Validity.REPEALED, repealed_on=D(2026, 6, 1))
    item = Item.objects.get(pk=item.pk)
    assert item.repealed_on == D(2026, 6, 1) and item.current_validity == "已废止"
    assert suggestions.normative_counts(2026)["repealed"] == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"repealed_on": D(2026, 6, 1)}, "有效性应选择“已废止”"),
        ({"valid_until": D(2025, 4, 30)}, "有效期不能早于施行日期"),
        ({"document_number": "示人社规〔2025〕01号"}, "不编虚位"),
    ],
)
def test_incoherent_changes_are_refused(team, changes, message):
    item = walk(draft(team, **NORMATIVE), team, S.PUBLISHED)
    with pytest.raises(services.TransitionError, match=message):
        _update(item, team, **changes)
    stored = Item.objects.get(pk=item.pk)
    assert (stored.repealed_on, stored.valid_until, stored.document_number) == (
        None,
        None,
        "示人社规〔2025〕1号",
    )
