"""Write deploy/nginx/portal.conf filled in for this machine (see portal.nginx)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.nginx import Site, render, standalone


class Command(BaseCommand):
    help = "生成本机的 nginx 配置（deploy/nginx/portal.conf 模板，上传上限等取自设置）。"

    def add_arguments(self, parser):
        host = next((h for h in settings.ALLOWED_HOSTS if h[0] not in "[.0123456789"), "localhost")
        parser.add_argument("--server-name", default=host)
        parser.add_argument("--cert", required=True, help="TLS certificate chain (PEM)")
        parser.add_argument("--key", required=True, help="its private key (PEM)")
        parser.add_argument(
            "--upstream",
            action="append",
            help="gunicorn address, repeat for several web nodes (default 127.0.0.1:8000)",
        )
        parser.add_argument("--listen-v4", default="0.0.0.0")  # noqa: S104
        parser.add_argument("--listen-v6", default="[::]")
        parser.add_argument("--http-port", type=int, default=80)
        parser.add_argument("--https-port", type=int, default=443)
        parser.add_argument("--static-root", default=str(settings.STATIC_ROOT))
        parser.add_argument("--media-root", default=str(settings.MEDIA_ROOT))
        parser.add_argument(
            "--standalone",
            metavar="DIR",
            help="write a complete configuration into DIR (for nginx -t) and print its path",
        )

    def handle(self, *args, **o):
        site = Site(
            server_name=o["server_name"],
            tls_cert=o["cert"],
            tls_key=o["key"],
            upstreams=o["upstream"] or ["127.0.0.1:8000"],
            listen_v4=o["listen_v4"],
            listen_v6=o["listen_v6"],
            http_port=o["http_port"],
            https_port=o["https_port"],
            static_root=o["static_root"],
            media_root=o["media_root"],
        )
        if o["standalone"]:
            self.stdout.write(str(standalone(site, Path(o["standalone"]).resolve())))
        else:
            self.stdout.write(render(site), ending="")
