"""Test helpers of the release workflow: a bureau team with one person per role, and
items walked to any status through the real services."""

from dataclasses import dataclass

from accounts.roles import Role
from disclosure.models import Column, Item, ItemStatus, Section
from review import services
from review.models import SensitiveWord
from tests.factories import ColumnFactory, ItemFactory, SectionFactory, UserFactory, staff

S = ItemStatus

INTERPRETATION_BODY = (
    "<h3>一、制定背景</h3><p>为落实上级部署。</p>"
    "<h3>二、起草过程</h3><p>经调研、征求意见。</p>"
    "<h3>三、工作目标</h3><p>稳定就业。</p>"
    "<h3>四、主要内容</h3><p>共五条。</p>"
    "<h3>五、创新举措</h3><p>免申即享。</p>"
    "<h3>六、下一步工作考虑</h3><p>加强宣传。</p>"
)


@dataclass
class Team:
    section: Section
    other_section: Section
    office_section: Section
    column: Column
    clerk: object  # 股室信息员 of `section`, drafts
    clerk2: object
    head: object  # 股室负责人 of `section`: 初审
    head2: object
    other_head: object  # 股室负责人 of another section: may not 初审 here
    office: object  # 办公室审核员: 复审, release
    office2: object
    leader: object  # 分管领导: 终审, override
    leader2: object
    security: object  # 安全管理员
    sysadmin: object  # 系统管理员

    def by_role(self) -> dict:
        """One user per role, as the transitions map names them."""
        return {
            Role.SECTION_CLERK: self.clerk2,
            Role.SECTION_HEAD: self.head,
            Role.OFFICE_REVIEWER: self.office,
            Role.LEADER: self.leader,
            Role.SECURITY_ADMIN: self.security,
            Role.SYSTEM_ADMIN: self.sysadmin,
            Role.AUDIT_ADMIN: staff(Role.AUDIT_ADMIN),
        }


def make_team() -> Team:
    section = SectionFactory(name="就业促进股")
    other = SectionFactory(name="社会保险股", organisation=section.organisation)
    office_section = SectionFactory(office=True, organisation=section.organisation)
    column = ColumnFactory(name="通知公告", responsible_section=section)
    return Team(
        section=section,
        other_section=other,
        office_section=office_section,
        column=column,
        clerk=staff(Role.SECTION_CLERK, section, full_name="起草人甲"),
        clerk2=staff(Role.SECTION_CLERK, section, full_name="信息员乙"),
        head=staff(Role.SECTION_HEAD, section, full_name="股长丙"),
        head2=staff(Role.SECTION_HEAD, section, full_name="副股长丁"),
        other_head=staff(Role.SECTION_HEAD, other, full_name="社保股长"),
        office=staff(Role.OFFICE_REVIEWER, office_section, full_name="办公室戊"),
        office2=staff(Role.OFFICE_REVIEWER, office_section, full_name="办公室己"),
        leader=staff(Role.LEADER, full_name="分管领导庚"),
        leader2=staff(Role.LEADER, full_name="分管领导辛"),
        security=staff(Role.SECURITY_ADMIN, full_name="安全管理员"),
        sysadmin=staff(Role.SYSTEM_ADMIN, full_name="系统管理员"),
    )


def draft(team: Team, **kwargs) -> Item:
    kwargs.setdefault("column", team.column)
    kwargs.setdefault("created_by", team.clerk)
    return ItemFactory(**kwargs)


def walk(item: Item, team: Team, to: str) -> Item:
    """Take `item` from draft to status `to` the way staff would."""
    steps = {
        S.DRAFT: [],
        S.FIRST_REVIEW: ["submit"],
        S.SECOND_REVIEW: ["submit", "first"],
        S.FINAL_REVIEW: ["submit", "first", "second"],
        S.APPROVED: ["submit", "first", "second", "final"],
        S.SCHEDULED: ["submit", "first", "second", "final", "schedule"],
        S.PUBLISHED: ["submit", "first", "second", "final", "release"],
        S.WITHDRAWN: ["submit", "first", "second", "final", "release", "withdraw"],
        S.RETURNED: ["submit", "return"],
    }[to]
    for step in steps:
        if step == "submit":
            services.item_submit(item=item, acting_user=team.clerk)
        elif step == "first":
            services.review_approve(item=item, acting_user=team.head)
        elif step == "second":
            services.review_approve(item=item, acting_user=team.office)
        elif step == "final":
            services.review_approve(item=item, acting_user=team.leader)
        elif step == "schedule":
            import datetime

            from django.utils import timezone

            services.item_schedule(
                item=item,
                when=timezone.now() + datetime.timedelta(hours=2),
                acting_user=team.office,
            )
        elif step == "release":
            services.item_release(item=item, acting_user=team.office)
        elif step == "withdraw":
            services.item_withdraw(
                item=item, reason="内容有误，已更正后重新发布", acting_user=team.office
            )
        elif step == "return":
            services.review_return(item=item, acting_user=team.head, opinion="请补充申报材料清单。")
    item.refresh_from_db()
    assert item.status == to, (item.status, to)
    return item


def sensitive(*words: str) -> None:
    for word in words:
        SensitiveWord.objects.get_or_create(word=word)


__all__ = ["UserFactory", "draft", "make_team", "sensitive", "walk"]
