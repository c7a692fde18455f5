"""The demo data of the release workflow: every stage, the special cases, idempotent."""

import io

import pytest

from accounts.roles import Role
from disclosure.choices import ColumnKind
from disclosure.models import Item, ItemStatus
from review import demo
from review.models import Action, ChangeNote, Decision, SensitiveWord, SignOff
from tests.factories import ColumnFactory, SectionFactory, staff

S = ItemStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau():
    """What disclosure.demo provides: sections, columns, one account per role."""
    section = SectionFactory(name="就业促进股")
    office = SectionFactory(office=True, organisation=section.organisation)
    ColumnFactory(name="通知公告", kind=ColumnKind.NOTICE, responsible_section=section)
    ColumnFactory(name="政策文件", kind=ColumnKind.POLICY, responsible_section=section)
    users = {
        "clerk": staff(Role.SECTION_CLERK, section),
        "head": staff(Role.SECTION_HEAD, section),
        "office": staff(Role.OFFICE_REVIEWER, office),
        "leader": staff(Role.LEADER),
        "security": staff(Role.SECURITY_ADMIN),
    }
    return {"organisation": section.organisation, "users": users, "stdout": io.StringIO()}


def test_demo_has_every_stage_and_each_special_case(bureau):
    demo.load(bureau)
    statuses = set(Item.objects.values_list("status", flat=True))
    assert statuses == set(S.values)
    returned = Decision.objects.get(action=Action.RETURN)
    assert returned.opinion and returned.item.status == S.RETURNED
    policy = Item.objects.get(title="示例县创业担保贷款贴息管理办法")
    interpretation = policy.interpretations.get()
    assert policy.is_public and interpretation.is_public
    assert policy.index_number != interpretation.index_number
    assert policy.responses.filter(status=S.PUBLISHED).exists()
    assert Item.objects.filter(status=S.WITHDRAWN).exclude(withdrawal_reason="").exists()
    assert Item.objects.exclude(replaced_by=None).filter(status=S.PUBLISHED).exists()
    assert SignOff.objects.filter(item__status=S.PUBLISHED).exists()
    assert ChangeNote.objects.filter(substantive=True).exists()
    assert SensitiveWord.objects.count() >= 5


def test_demo_runs_twice_without_duplicates(bureau):
    demo.load(bureau)
    counts = (Item.objects.count(), Decision.objects.count(), SensitiveWord.objects.count())
    demo.load(bureau)
    assert (Item.objects.count(), Decision.objects.count(), SensitiveWord.objects.count()) == counts


def test_demo_without_accounts_does_nothing(db):
    SectionFactory(name="就业促进股")
    demo.load({"stdout": io.StringIO()})
    assert not Item.objects.exists()
