"""App configurations the project sets for third-party apps."""

from axes.apps import AppConfig as AxesAppConfig


class AxesConfig(AxesAppConfig):
    """django-axes (login lockout, F8) under a Chinese name in the back office."""

    verbose_name = "登录安全"
