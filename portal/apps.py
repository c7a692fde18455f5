"""App configurations the project sets for third-party apps."""

from axes.apps import AppConfig as AxesAppConfig
from django_tasks_db.apps import TasksAppConfig as TasksDbAppConfig


class AxesConfig(AxesAppConfig):
    """django-axes (login lockout, F8) under a Chinese name in the back office."""

    verbose_name = "登录安全"


class TasksDbConfig(TasksDbAppConfig):
    """django-tasks-db (the background task queue) under a Chinese name: a message
    that could not be sent after a day of retries is a failed task here."""

    verbose_name = "后台任务"
