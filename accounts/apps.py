from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "账户与角色"

    def ready(self):
        from django.db.models.signals import post_migrate

        from accounts import receivers  # noqa: F401 - counts failed logins per address
        from accounts.permission_names import name_permissions_in_chinese

        # After auth's own post_migrate handler has created the permissions.
        post_migrate.connect(name_permissions_in_chinese, dispatch_uid="accounts_permission_names")
