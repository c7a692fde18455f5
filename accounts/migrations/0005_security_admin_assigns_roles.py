"""三员分立: the security administrator (安全管理员) assigns roles, so it opens the
account pages (reading accounts, changing only their groups: accounts.admin). The
system administrator keeps account management but gives no roles (enforced in
accounts.admin and accounts.permissions)."""

from django.db import migrations

PERMISSIONS = ["accounts.view_user", "accounts.change_user", "auth.view_group"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="安全管理员")
    for dotted in PERMISSIONS:
        app_label, codename = dotted.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="安全管理员").first()
    if group is not None:
        for dotted in PERMISSIONS:
            app_label, codename = dotted.split(".")
            group.permissions.remove(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_password_policy")]
    operations = [migrations.RunPython(grant, revoke)]
