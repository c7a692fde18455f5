"""A small bureau for the back-office tests: two sections with their columns, the
office, one user per role, and items in both sections."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role
from disclosure import services
from disclosure.models import Column, Item, Organisation, Section
from tests.factories import ColumnFactory, ItemFactory, OrganisationFactory, UserFactory, staff

# A minimal valid PDF: enough for type detection by content.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# A Windows executable header, named .pdf by the uploader.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@dataclass
class Bureau:
    organisation: Organisation
    office_section: Section
    section_a: Section
    section_b: Section
    column_a: Column
    column_a_child: Column
    column_b: Column
    column_office: Column
    users: dict[str, User] = field(default_factory=dict)
    item_a: Item | None = None
    item_b: Item | None = None
    item_a_published: Item | None = None

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


def make_bureau(*, with_items: bool = True) -> Bureau:
    organisation = OrganisationFactory()
    office = services.section_create(organisation=organisation, name="局办公室", is_office=True)
    section_a = services.section_create(organisation=organisation, name="就业促进股", order=1)
    section_b = services.section_create(organisation=organisation, name="社会保险股", order=2)
    column_a = ColumnFactory(name="就业创业", slug="employment", responsible_section=section_a)
    column_a_child = ColumnFactory(
        name="就业政策落实",
        slug="employment-policy",
        parent=column_a,
        responsible_section=section_a,
    )
    column_b = ColumnFactory(name="社会保险", slug="insurance", responsible_section=section_b)
    column_office = ColumnFactory(name="通知公告", slug="notices", responsible_section=office)
    bureau = Bureau(
        organisation=organisation,
        office_section=office,
        section_a=section_a,
        section_b=section_b,
        column_a=column_a,
        column_a_child=column_a_child,
        column_b=column_b,
        column_office=column_office,
    )
    bureau.users = {
        "clerk_a": staff(Role.SECTION_CLERK, section_a, username="clerk_a"),
        "head_a": staff(Role.SECTION_HEAD, section_a, username="head_a"),
        "clerk_b": staff(Role.SECTION_CLERK, section_b, username="clerk_b"),
        "head_b": staff(Role.SECTION_HEAD, section_b, username="head_b"),
        "office": staff(Role.OFFICE_REVIEWER, office, username="office"),
        "leader": staff(Role.LEADER, username="leader"),
        "sysadmin": staff(Role.SYSTEM_ADMIN, username="sysadmin"),
        "security": staff(Role.SECURITY_ADMIN, username="security"),
        "auditor": staff(Role.AUDIT_ADMIN, username="auditor"),
        # Staff without any role, and a clerk without a section: they see nothing.
        "norole": UserFactory(username="norole"),
        "lonely_clerk": staff(Role.SECTION_CLERK, username="lonely_clerk"),
    }
    if with_items:
        formed = datetime.date.today() - datetime.timedelta(days=3)
        bureau.item_a = ItemFactory(
            column=column_a,
            title="就业股的草稿",
            created_by=bureau.users["clerk_a"],
            formed_on=formed,
        )
        bureau.item_b = ItemFactory(
            column=column_b,
            title="社保股的草稿",
            created_by=bureau.users["clerk_b"],
            formed_on=formed,
        )
        bureau.item_a_published = ItemFactory(
            column=column_a_child,
            title="就业股已发布的通知",
            created_by=bureau.users["clerk_a"],
            published=True,
        )
    return bureau


def superuser_with_every_role(username: str = "root") -> User:
    """Superuser-like: a superuser who also holds every role group (superusers get no
    role implicitly, 三员)."""
    user = UserFactory(username=username, is_superuser=True)
    user.groups.add(*Group.objects.filter(name__in=[str(r) for r in Role]))
    return user
