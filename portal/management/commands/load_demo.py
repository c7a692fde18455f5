"""Fill the database with the demo bureau. Running it again changes nothing."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "载入演示数据（仅演示模式）。重复运行不会产生重复数据。"

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "演示数据只能在演示模式（DEMO_MODE=1）下载入，生产环境不会创建演示账户。"
            )
        ctx: dict = {"stdout": self.stdout, "credentials": []}
        # Notifications the demo's workflow steps send are kept in memory, not printed.
        with override_settings(
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        ):
            for dotted in settings.DEMO_LOADERS:
                try:
                    module = import_module(dotted)
                except ModuleNotFoundError as exc:
                    if exc.name == dotted:
                        continue  # that app has no demo data
                    raise
                with transaction.atomic():
                    module.load(ctx)
        if ctx["credentials"]:
            self.stdout.write("\n演示账户（仅用于演示环境）：")
            for username, password, role in ctx["credentials"]:
                self.stdout.write(f"  {role:<8} 用户名 {username:<12} 密码 {password}")
        # Where the site is served: SITE_URL (`make run` passes its HOST and PORT).
        url = f"{settings.SITE_URL}{settings.URL_PREFIX}/"
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪： {url}"))
