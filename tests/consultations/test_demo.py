"""consultations.demo: one consultation of each kind, idempotent."""

import io

import pytest

from accounts.roles import Role
from consultations import demo, selectors
from consultations.models import Comment, CommentStatus, Consultation, Phase
from tests.consultations.factories import office_section
from tests.factories import ColumnFactory, OrganisationFactory, SectionFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx():
    organisation = OrganisationFactory()
    office = staff(Role.OFFICE_REVIEWER, office_section(), username="demo-office")
    SectionFactory(name="就业促进股", organisation=organisation)
    SectionFactory(name="职业能力建设股", organisation=organisation)
    ColumnFactory(name="政策文件", kind="policy", responsible_section=office_section())
    return {"organisation": organisation, "users": {"office": office}, "stdout": io.StringIO()}


def _snapshot():
    return (
        Consultation.objects.count(),
        Comment.objects.count(),
        sorted(Consultation.objects.values_list("item__title", flat=True)),
    )


def test_demo_has_one_consultation_of_each_kind_and_is_idempotent(ctx):
    demo.load(ctx)
    first = _snapshot()
    demo.load(ctx)
    assert _snapshot() == first
    phases = sorted(c.phase for c in Consultation.objects.all())
    assert phases == sorted([Phase.OPEN, Phase.CLOSED, Phase.CONCLUDED, Phase.DRAFT])
    internal = Consultation.objects.get(is_internal=True)
    assert internal not in Consultation.objects.public()
    closed = Consultation.objects.get(item__title=demo.CLOSED_TITLE)
    assert list(selectors.closed_without_feedback()) == [closed]
    assert closed.feedback_overdue
    concluded = Consultation.objects.get(item__title=demo.CONCLUDED_TITLE)
    assert concluded.policy_item.is_public and concluded.feedback_item.is_public
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert statuses == {CommentStatus.APPROVED, CommentStatus.PENDING, CommentStatus.HIDDEN}
    assert Consultation.objects.get(item__title=demo.OPEN_TITLE).item.section.name == "就业促进股"


def test_demo_without_a_bureau_does_nothing():
    demo.load({})
    assert not Consultation.objects.exists()


def test_demo_registers_the_catalogue_consultation_items(ctx):
    from tests.consultations.factories import consultation_column, publish
    from tests.factories import ItemFactory

    notice = publish(ItemFactory(column=consultation_column(), title="关于公开征求意见的公告"))
    ctx["items"] = {"consult-skills": notice}
    demo.load(ctx)
    demo.load(ctx)
    consultation = Consultation.objects.get(item=notice)
    assert consultation.contact_person == "朱晓东"
    assert consultation.is_public
