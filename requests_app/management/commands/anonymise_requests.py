"""manage.py anonymise_requests — remove applicants' personal data from requests
closed REQUEST_PERSONAL_DATA_YEARS years ago or more (default 10). Run daily."""

from django.conf import settings
from django.core.management.base import BaseCommand

from requests_app.services import requests_anonymise_due


class Command(BaseCommand):
    help = "匿名化办结满保存期限（REQUEST_PERSONAL_DATA_YEARS 年，默认 10 年）的申请的个人信息。"

    def handle(self, *args, **options):
        done = requests_anonymise_due()
        years = settings.REQUEST_PERSONAL_DATA_YEARS
        self.stdout.write(f"已匿名化 {done} 件办结满 {years} 年的申请的申请人个人信息。")
