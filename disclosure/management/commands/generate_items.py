"""manage.py generate_items N — a synthetic catalogue for benchmarks (make bench)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from disclosure import synthetic


def progress_bar(label: str, stream=None):
    """A one-line progress bar on the terminal: label, bar, done/total, rate."""
    stream = stream or sys.stderr
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        rate = done / max(time.monotonic() - started, 1e-6)
        stream.write(
            f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {rate:,.0f}/s"
        )
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


class Command(BaseCommand):
    help = "生成 N 条已发布的模拟公开信息（含检索文档），用于性能测试。"

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="并行写入的进程数（默认：PostgreSQL 每核一个，SQLite 一个）",
        )

    def handle(self, *args, count: int, seed: int, batch_size: int, jobs, **options):
        if count < 1:
            raise CommandError("数量应为正整数。")
        if jobs is not None and jobs < 1:
            raise CommandError("进程数应为正整数。")
        started = time.monotonic()
        try:
            done = synthetic.generate(
                count,
                seed=seed,
                batch_size=batch_size,
                jobs=jobs or synthetic.default_jobs(),
                progress=progress_bar("生成信息", self.stderr._out),
            )
        except RuntimeError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"已生成 {done} 条信息，用时 {time.monotonic() - started:.1f} 秒。")
