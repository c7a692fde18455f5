"""Factories of the consultations tests (shared ones: tests/factories.py)."""

import datetime

import factory
from django.utils import timezone

from consultations import services
from consultations.models import Comment, CommentStatus, Consultation
from disclosure import services as disclosure_services
from disclosure.choices import ContentCategory, NonDisclosureReason, Publicity
from disclosure.models import Column, Section
from tests.factories import ColumnFactory, ItemFactory, SectionFactory


def office_section() -> Section:
    """The bureau's office (one per test database)."""
    section = Section.objects.filter(is_office=True).first()
    return section or SectionFactory(office=True)


def consultation_column() -> Column:
    """The 意见征集 column; the office is responsible for it."""
    column = Column.objects.filter(name="意见征集").first()
    return column or ColumnFactory(
        name="意见征集", slug="yjzj", responsible_section=office_section()
    )


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A consultation open now, with every required field. Traits: `published`
    (the draft item published through disclosure.services.item_mark_published),
    `internal` (内部征集: not disclosed, Art. 6 internal affairs)."""

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    item = factory.SubFactory(
        ItemFactory,
        column=factory.LazyFunction(consultation_column),
        section=factory.SubFactory(SectionFactory),
        title=factory.Sequence(
            lambda n: f"关于第{n}号就业补贴办法（征求意见稿）公开征求意见的公告"
        ),
        content_category=ContentCategory.NORMATIVE_DRAFTS,
    )
    basis = "《中华人民共和国就业促进法》《某省就业补助资金管理办法》"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    contact_person = "张三"
    contact_method = "电话 0572-1234567，电子邮箱 jyk@rsj.example.gov.cn"
    draft_sections = "第一条\n第二条\n第三条"
    created_by = factory.LazyAttribute(lambda o: o.item.created_by)

    class Params:
        published = factory.Trait(_publish=True)
        # (Deep `item__...` declarations in a trait leak into the item even when
        # the trait is off, so the item's publicity is set in _create.)
        internal = factory.Trait(is_internal=True)

    _publish = False

    @classmethod
    def _create(cls, model_class, *args, _publish=False, **kwargs):
        if kwargs.get("is_internal"):
            item = kwargs["item"]
            item.publicity = Publicity.NOT_DISCLOSED
            item.non_disclosure_reason = NonDisclosureReason.INTERNAL_AFFAIRS
            item.publicity_note = services.INTERNAL_PUBLICITY_NOTE
            item.save(update_fields=["publicity", "non_disclosure_reason", "publicity_note"])
        consultation = super()._create(model_class, *args, **kwargs)
        if _publish:
            consultation.item = disclosure_services.item_mark_published(item=consultation.item)
        return consultation


def publish(item):
    """Publish as the review workflow will at its end."""
    return disclosure_services.item_mark_published(item=item)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    consultation = factory.SubFactory(ConsultationFactory, published=True)
    author_name = factory.Sequence(lambda n: f"市民{n}")
    contact = factory.Sequence(lambda n: f"1380000{n:04d}")
    body = factory.Sequence(lambda n: f"建议第{n}条补贴标准适当提高，并简化申请材料。")
    body_digest = factory.Sequence(lambda n: f"body-{n}")
    client_digest = factory.Sequence(lambda n: f"client-{n}")
    status = CommentStatus.PENDING

    class Params:
        approved = factory.Trait(status=CommentStatus.APPROVED)
        hidden = factory.Trait(status=CommentStatus.HIDDEN)
