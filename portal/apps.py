"""App configurations the project sets for third-party apps."""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django_otp.plugins.otp_static.apps import DefaultConfig as OtpStaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OtpTotpAppConfig
from django_tasks_db.apps import TasksAppConfig as TasksDbAppConfig


class AxesConfig(AxesAppConfig):
    """django-axes (login lockout, F8) under a Chinese name in the back office."""

    verbose_name = "登录安全"


class TasksDbConfig(TasksDbAppConfig):
    """django-tasks-db (the background task queue) under a Chinese name: a message
    that could not be sent after a day of retries is a failed task here."""

    verbose_name = "后台任务"


class PortalConfig(AppConfig):
    """The project shell. After every `migrate` the database cache's table exists
    (settings.CACHES), so `load_demo` and the site work right after it; the command
    skips tables already there and caches that are not in the database."""

    name = "portal"
    default = True

    def ready(self) -> None:
        post_migrate.connect(create_cache_tables, sender=self)


def create_cache_tables(*, using: str = DEFAULT_DB_ALIAS, verbosity: int = 1, **kwargs) -> None:
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


def _name_model(config, model_name: str, name: str) -> None:
    """django-otp names its models in English without translation; the security
    administrator sees them in the back office. Only the display name changes (the
    model's migration state, read from its Meta, does not)."""
    opts = config.get_model(model_name)._meta
    opts.verbose_name = opts.verbose_name_plural = name


class OtpTotpConfig(OtpTotpAppConfig):
    """django-otp's authenticator apps (accounts.otp) under Chinese names."""

    verbose_name = "第二因素：身份验证器"

    def ready(self):
        super().ready()
        _name_model(self, "totpdevice", "身份验证器")


class OtpStaticConfig(OtpStaticAppConfig):
    """django-otp's one-time recovery codes (accounts.otp) under Chinese names."""

    verbose_name = "第二因素：恢复码"

    def ready(self):
        super().ready()
        _name_model(self, "staticdevice", "恢复码")
