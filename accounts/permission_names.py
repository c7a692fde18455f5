"""Django names the permissions it creates in English ("Can view 附件"), and the back
office lists them (a role's permissions on the group page, a user's own). After
every migrate, the default ones are named in Chinese ("查看附件"); their codenames,
which the code checks, stay as they are."""

from __future__ import annotations

ACTIONS = {"add": "添加", "change": "修改", "delete": "删除", "view": "查看"}


def chinese_name(name: str, codename: str) -> str | None:
    """The Chinese name of a default permission, None for any other."""
    action = codename.split("_", 1)[0]
    prefix = f"Can {action} "
    if action in ACTIONS and name.startswith(prefix):
        return ACTIONS[action] + name[len(prefix) :]
    return None


def name_permissions_in_chinese(sender=None, using="default", **kwargs) -> None:
    """post_migrate: rename the default permissions still named in English."""
    from django.contrib.auth.models import Permission

    for permission in Permission.objects.using(using).filter(name__startswith="Can "):
        name = chinese_name(permission.name, permission.codename)
        if name:
            permission.name = name[: Permission._meta.get_field("name").max_length]
            permission.save(using=using, update_fields=["name"])
