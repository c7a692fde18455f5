"""manage.py extract_attachments — read the text of attachments stored before the
text was kept on the attachment (after an upgrade), or of every attachment with
--all (after the extraction itself changed). Each file is read in a child process
with a time limit, like an upload."""

from django.core.management.base import BaseCommand

from disclosure.models import Attachment, TextStatus
from disclosure.services import attachment_extract


class Command(BaseCommand):
    help = "提取附件文字并保存（升级后对尚未提取的附件执行；--all 重新提取全部附件）。"

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="重新提取全部附件")

    def handle(self, *args, all: bool, **options):
        attachments = Attachment.objects.order_by("pk")
        read = unreadable = skipped = 0
        for attachment in attachments.iterator(chunk_size=200):
            if not all and attachment.text_is_current:
                skipped += 1
                continue
            attachment_extract(attachment=attachment)
            if attachment.text_status == TextStatus.READ:
                read += 1
            else:
                unreadable += 1
                self.stdout.write(f"无法读取：{attachment.title}（{attachment.text_problem}）")
        self.stdout.write(
            f"已提取 {read} 个附件，{unreadable} 个无法读取，{skipped} 个已是最新未处理。"
        )
