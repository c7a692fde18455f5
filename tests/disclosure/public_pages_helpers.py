"""Helpers shared by test_public_pages.py and test_public_browse.py."""

import zoneinfo

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def html(response) -> str:
    return response.content.decode()
