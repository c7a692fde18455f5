from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "workcalendar"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from workcalendar import checks  # noqa: F401 - registers the system check
