"""manage.py rebuild_search_index — drop and rebuild every search document (after
bulk loads and restores; the services keep the index in step otherwise)."""

import time

from django.core.management.base import BaseCommand

from disclosure import search_index
from disclosure.management.commands.generate_items import progress_bar


class Command(BaseCommand):
    help = "重建全部公开信息的检索索引（批量导入或恢复备份之后使用）。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args, batch_size: int, quiet: bool, **options):
        started = time.monotonic()
        progress = None if quiet else progress_bar("重建索引", self.stderr._out)
        done = search_index.rebuild(batch_size=batch_size, progress=progress)
        self.stdout.write(
            f"已为 {done} 条公开信息建立检索文档，用时 {time.monotonic() - started:.1f} 秒。"
        )
