"""`python manage.py pii_scan PATH...`: the security check's scanner on files.

Reads text (TXT/CSV), PDF, DOCX (and XLSX) files, or every such file under a
directory, and prints one line per finding: `PATH:KIND:MASKED_VALUE`. Exit status:
0 nothing found, 1 something found, 2 a file could not be read (reported on stderr)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from review.scanner import UnreadableAttachment, extract_text, maintained_sensitive_words, scan_text

SCANNABLE = {".txt", ".csv", ".pdf", ".docx", ".xlsx"}


class Command(BaseCommand):
    help = "扫描文件中的个人信息（身份证号码、手机号码、银行卡号）和敏感词，每处发现输出一行：路径:类型:脱敏值。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="文件或目录")
        parser.add_argument(
            "--no-sensitive-words",
            action="store_true",
            help="只检查个人信息，不使用敏感词表",
        )

    def handle(self, *args, paths, no_sensitive_words=False, **options):
        words: list[str] = []
        if not no_sensitive_words:
            try:
                words = maintained_sensitive_words()
            except DatabaseError:
                self.stderr.write("提示：无法读取敏感词表，仅检查个人信息。")
        found = 0
        unreadable = 0
        for path in self._files(paths):
            try:
                text = extract_text(path, name=path.name)
            except UnreadableAttachment as exc:
                unreadable += 1
                self.stderr.write(f"{path}: 无法读取：{exc}")
                continue
            for finding in scan_text(text, where=str(path), sensitive_words=words):
                found += 1
                self.stdout.write(f"{path}:{finding.kind}:{finding.masked}")
        if unreadable:
            raise SystemExit(2)
        if found:
            raise SystemExit(1)

    def _files(self, paths):
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                yield from sorted(
                    p for p in path.rglob("*") if p.suffix.lower() in SCANNABLE and p.is_file()
                )
            elif path.exists():
                yield path
            else:
                raise CommandError(f"文件不存在：{raw}")
