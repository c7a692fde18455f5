"""Start-up checks that protect applicants' data: the field key is configured (in
production), and mail does not go to the console or files, where every applicant's
query code would land in the server log. Run by `manage.py check`/`migrate` and by
the web process at start (portal/wsgi.py refuses to start on an error)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

TAG = "applicant_data"

UNSAFE_MAIL_BACKENDS = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
)


def _mail_backends() -> list[str]:
    mailers = getattr(settings, "MAILERS", None) or {}
    backends = [m.get("BACKEND", "") for m in mailers.values() if isinstance(m, dict)]
    legacy = getattr(settings, "EMAIL_BACKEND", "")
    return [b for b in [*backends, legacy] if b]


@checks.register(TAG)
def mail_backend_not_console(app_configs, **kwargs):
    # Demo mode (invented applicants, never production) and tests keep the console.
    if (
        settings.DEBUG
        or getattr(settings, "TESTING", False)
        or getattr(settings, "DEMO_MODE", False)
    ):
        return []
    unsafe = [b for b in _mail_backends() if b in UNSAFE_MAIL_BACKENDS]
    if not unsafe:
        return []
    return [
        checks.Error(
            "关闭 DEBUG 时不得使用控制台或文件邮件后端：申请人的查询码会写入服务器日志。",
            hint="设置 EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend 及 EMAIL_HOST 等。",
            id="requests_app.E001",
        )
    ]


@checks.register(TAG)
def field_key_configured(app_configs, **kwargs):
    from common.crypto import keyring

    try:
        keyring()
    except ImproperlyConfigured as exc:
        return [
            checks.Error(
                f"个人信息加密密钥未配置或格式错误：{exc}",
                hint="设置 FIELD_ENCRYPTION_KEY（见 docs/operations.md“个人信息加密”）。",
                id="requests_app.E002",
            )
        ]
    return []


def refuse_unsafe_start() -> None:
    """Raise ImproperlyConfigured when a check above fails (the web process)."""
    errors = [e for e in checks.run_checks(tags=[TAG]) if e.is_serious()]
    if errors:
        raise ImproperlyConfigured("；".join(f"{e.id} {e.msg}" for e in errors))
