"""Factories shared by every app's tests: the bureau, its sections, staff by role,
columns and items. App-specific factories live in tests/<app>/factories.py."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from disclosure import services
from disclosure.choices import ContentCategory, Publicity, Topic
from disclosure.models import Column, Item, ItemStatus, Organisation, Section


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    name = "示例县人力资源和社会保障局"
    code = "11330524K14997759R"
    address = "示例县人民路 1 号"
    phone = "0572-1234567"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"第{n}股")
    group = factory.LazyAttribute(lambda o: Group.objects.create(name=f"股室：{o.name}"))

    class Params:
        office = factory.Trait(name="局办公室", is_office=True)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@rsj.example.gov.cn")
    is_staff = True
    password = factory.django.Password("demo-pass-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            self.groups.add(Group.objects.get(name=str(role)))

    @factory.post_generation
    def section(self, create, extracted, **kwargs):
        if extracted is not None:
            self.groups.add(extracted.group)


def staff(role: Role, section: Section | None = None, **kwargs) -> User:
    """A user with one role, a member of `section` if given."""
    return UserFactory(roles=[role], section=section, **kwargs)


class ColumnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Column
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column-{n}")
    responsible_section = factory.SubFactory(SectionFactory)

    @factory.post_generation
    def grant(self, create, extracted, **kwargs):
        # The permission that goes with responsibility (disclosure.permissions).
        services.column_assign_section(column=self, section=self.responsible_section)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item
        skip_postgeneration_save = True

    column = factory.SubFactory(ColumnFactory)
    section = factory.LazyAttribute(lambda o: o.column.responsible_section)
    title = factory.Sequence(lambda n: f"关于做好第{n}批就业补贴申报工作的通知")
    body = "<p>各有关单位：现将有关事项通知如下。</p>"
    topic = Topic.LABOUR_EMPLOYMENT
    content_category = ContentCategory.POLICY_MEASURES
    formed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    publicity = Publicity.PROACTIVE
    created_by = factory.SubFactory(UserFactory)

    class Params:
        published = factory.Trait(status=ItemStatus.DRAFT, _publish=True)
        on_request = factory.Trait(
            publicity=Publicity.ON_REQUEST,
            non_disclosure_reason="process_info",
            publicity_note="过程性信息",
        )
        not_disclosed = factory.Trait(
            publicity=Publicity.NOT_DISCLOSED,
            non_disclosure_reason="internal_affairs",
            publicity_note="内部事务信息",
        )

    _publish = False

    @classmethod
    def _create(cls, model_class, *args, _publish=False, **kwargs):
        item = super()._create(model_class, *args, **kwargs)
        if _publish:
            item = services.item_mark_published(item=item)
        return item


def catalogue_refresh(*items: Item) -> None:
    """After a test writes items' rows directly (a fixture state, not a service):
    their search documents and the public page cache follow, as after a service."""
    for item in items:
        services.catalogue_item_changed(item=item)


def verify_second_factor(client, user) -> None:
    """Mark `client`'s session as verified by a second factor for `user` (a
    confirmed TOTP device), as the verification page does after a correct code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="测试设备", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
