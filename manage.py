#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reads the settings once, here
    except ImproperlyConfigured as exc:
        # A missing or malformed setting: one line saying what to set, not a traceback.
        sys.stderr.write(f"配置错误：{exc}\n")
        sys.exit(2)
    execute_from_command_line(sys.argv)
