"""The demo bureau's accounts (F9): one per role, all with the printed demo password.

Called by `disclosure.demo` once the sections exist (accounts sit below the catalogue,
so the sections come in as their groups). Idempotent: an existing username is kept
as it is. Demo mode only (the loaders check `settings.DEMO_MODE`)."""

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password

from accounts.models import User
from accounts.roles import Role

# One password for every demo account; printed by load_demo. Demo mode only.
DEMO_PASSWORD = "Demo-2026-gkpt"  # noqa: S105 - printed demo credential, never in production

# (username, full name, role, section or None, printed role label)
USERS = [
    ("clerk", "王丽", Role.SECTION_CLERK, "就业促进股", "股室信息员（就业促进股）"),
    ("head", "李建国", Role.SECTION_HEAD, "就业促进股", "股室负责人（就业促进股）"),
    ("clerk2", "陈晓燕", Role.SECTION_CLERK, "社会保险股", "股室信息员（社会保险股）"),
    ("head2", "赵志强", Role.SECTION_HEAD, "社会保险股", "股室负责人（社会保险股）"),
    ("office", "孙敏", Role.OFFICE_REVIEWER, "局办公室", "办公室审核员"),
    ("leader", "刘振华", Role.LEADER, None, "分管领导"),
    ("sysadmin", "周涛", Role.SYSTEM_ADMIN, None, "系统管理员"),
    ("security", "吴静", Role.SECURITY_ADMIN, None, "安全管理员"),
    ("auditor", "郑伟", Role.AUDIT_ADMIN, None, "审计管理员"),
    ("bgs", "何雪", Role.SECTION_CLERK, "局办公室", "股室信息员（局办公室）"),
    ("zcfg", "黄海燕", Role.SECTION_CLERK, "政策法规股", "股室信息员（政策法规股）"),
    ("ldgx", "徐明", Role.SECTION_CLERK, "劳动关系股", "股室信息员（劳动关系股）"),
    ("rsgl", "马丽娟", Role.SECTION_CLERK, "人事管理股", "股室信息员（人事管理股）"),
    ("zynl", "朱晓东", Role.SECTION_CLERK, "职业能力建设股", "股室信息员（职业能力建设股）"),
    ("jcdd", "胡斌", Role.SECTION_CLERK, "劳动保障监察大队", "股室信息员（劳动保障监察大队）"),
    (
        "sbzx",
        "林芳",
        Role.SECTION_CLERK,
        "社会保险事业管理中心",
        "股室信息员（社会保险事业管理中心）",
    ),
]


def demo_user(
    *,
    username: str,
    full_name: str,
    groups: list[Group],
    label: str,
    ctx: dict,
) -> User:
    """The demo account `username`, created with `groups` when missing; its
    credentials are appended to `ctx["credentials"]` for load_demo to print."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            full_name=full_name,
            email=f"{username}@rsj.example.gov.cn",
            is_staff=True,
        )
        validate_password(DEMO_PASSWORD, user)  # the same rules as real accounts
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(*groups)
    ctx.setdefault("credentials", []).append((username, DEMO_PASSWORD, label))
    return user


def demo_users(*, section_groups: dict[str, Group], ctx: dict) -> dict[str, User]:
    """Every account of USERS, keyed by username; `section_groups` maps a section's
    name to its group."""
    users = {}
    for username, full_name, role, section, label in USERS:
        groups = [Group.objects.get(name=str(role))]
        if section:
            groups.append(section_groups[section])
        users[username] = demo_user(
            username=username, full_name=full_name, groups=groups, label=label, ctx=ctx
        )
    return users
