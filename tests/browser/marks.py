"""The widths and display modes a citizen's journey runs at."""

import pytest

# A small phone and a common laptop.
WIDTHS = (360, 1366)
# "elder" sets the 长者模式 cookie (the mode itself is being built; the journeys
# already run in it so that it is checked from its first day).
MODES = ("standard", "elder")
MODE_COOKIES: dict[str, dict[str, str]] = {"standard": {}, "elder": {"elder_mode": "1"}}

widths = pytest.mark.parametrize("width", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
modes = pytest.mark.parametrize("mode", MODES, indirect=True)
