from django.apps import AppConfig


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = "依申请公开"

    def ready(self):
        from requests_app import checks  # noqa: F401 - registers the start-up checks
