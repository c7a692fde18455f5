"""Model permissions of the role groups (F8). Object-level rules (which section's
columns, which status) live in each app's permissions.py; these only open the admin
pages a role works in. Other apps grant their own models' permissions in their own
migrations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DRAFTING = [
    "disclosure.add_item",
    "disclosure.change_item",
    "disclosure.view_item",
    "disclosure.delete_item",
    "disclosure.add_attachment",
    "disclosure.change_attachment",
    "disclosure.delete_attachment",
    "disclosure.view_attachment",
]
STRUCTURE_READ = [
    "disclosure.view_column",
    "disclosure.view_section",
    "disclosure.view_organisation",
]

ROLE_PERMISSIONS = {
    "股室信息员": DRAFTING,
    "股室负责人": DRAFTING,
    # The office drafts anywhere, assigns columns to sections (Art. 8(2)) and keeps
    # the bureau's contact details for the guide (Reg. 12).
    "办公室审核员": [
        *DRAFTING,
        *STRUCTURE_READ,
        "disclosure.change_column",
        "disclosure.change_organisation",
    ],
    "分管领导": ["disclosure.view_item", "disclosure.view_attachment", *STRUCTURE_READ],
    # 三员: accounts and the structure, never the content.
    "系统管理员": [
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "auth.view_group",
        *STRUCTURE_READ,
        "disclosure.add_column",
        "disclosure.change_column",
        "disclosure.delete_column",
        "disclosure.add_section",
        "disclosure.change_section",
        "disclosure.add_organisation",
        "disclosure.change_organisation",
    ],
    # Lockouts: see them and lift them.
    "安全管理员": [
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
    ],
    "审计管理员": ["axes.view_accesslog", "axes.view_accessfailurelog"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in perms:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
        ("disclosure", "0001_initial"),
        ("axes", "0010_accessattemptexpiration"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
