"""manage.py rotate_field_key — after putting a new key first in FIELD_ENCRYPTION_KEY
("<new id>:<new key>,<old id>:<old key>"), re-encrypt applicants' personal data
under it; then the old key can be removed from the environment."""

from django.core.management.base import BaseCommand

from common.crypto import current_key, keyring
from requests_app.services import personal_data_rotate_key


class Command(BaseCommand):
    help = "用 FIELD_ENCRYPTION_KEY 中的第一个（当前）密钥重新加密申请人个人信息（密钥轮换）。"

    def handle(self, *args, **options):
        key_id, _ = current_key()
        done = personal_data_rotate_key()
        others = [k for k, _ in keyring()[1:]]
        self.stdout.write(f"已用密钥 {key_id} 重新加密 {done} 件申请的个人信息。")
        if others:
            self.stdout.write(
                "确认无误后可从 FIELD_ENCRYPTION_KEY 中删除旧密钥：" + "、".join(others) + "。"
            )
