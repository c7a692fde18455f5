from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "账户与角色"

    def ready(self):
        from accounts import receivers  # noqa: F401 - counts failed logins per address
