"""Longer pieces of the settings, read from the environment like the rest of
portal/settings.py (which stays under the 400-line rule by calling these)."""

from common.env import env_int, env_str


def s3_storage() -> dict | None:
    """Uploaded files on an S3-compatible bucket (OSS, OBS, COS, MinIO, ...) when
    S3_BUCKET is set, so that several web nodes see the same files; None keeps the
    local folder MEDIA_ROOT. Objects get no ACL (the bucket stays private) and are read
    only through the application after its permission check, or by a signed URL that
    expires (MEDIA_SIGNED_URLS, public files only)."""
    if not env_str("S3_BUCKET", ""):
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET", ""),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            # "virtual" for OSS and COS, "path" for MinIO; unset: the client decides.
            "addressing_style": env_str("S3_ADDRESSING_STYLE", "") or None,
            "location": env_str("S3_PREFIX", ""),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": env_int("MEDIA_SIGNED_URL_SECONDS", 300),
            "signature_version": "s3v4",
        },
    }


def cache_config(redis_url: str) -> dict:
    """The shared cache: Redis when `redis_url` is set, else a table of the database."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                # A Redis that stops answering fails requests (and /healthz) within
                # seconds instead of holding every gunicorn worker.
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            # Created by portal's migrations (portal.migrations), so `load_demo` and the
            # site work right after `migrate`.
            "LOCATION": "portal_cache",
            # Public page copies live here too (common.pagecache): room for them.
            "OPTIONS": {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 4},
        }
    }


def logging_config(log_format: str, level: str) -> dict:
    """Console logging with the request id on every line; one JSON object per line
    when `log_format` is "json" (common.requestlog)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "common.requestlog.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "common.requestlog.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "json" if log_format == "json" else "text",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"axes": {"level": "WARNING"}},
    }
