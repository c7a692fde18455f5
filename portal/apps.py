"""App configurations the project sets for third-party apps."""

from axes.apps import AppConfig as AxesAppConfig
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
