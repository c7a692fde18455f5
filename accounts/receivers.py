"""Counts failed logins per client address (accounts.lockout). Observes only."""

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from accounts.lockout import count_failure


@receiver(user_login_failed, dispatch_uid="accounts_count_failed_login")
def _login_failed(sender, credentials, request=None, **kwargs):
    count_failure(request)
