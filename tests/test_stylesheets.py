"""Layout rules that are easy to break without noticing (found by looking at pages)."""

import re
from pathlib import Path

from django.conf import settings

CSS = Path(settings.BASE_DIR) / "static" / "css"


def _rules(name: str) -> dict[str, str]:
    """selector -> declarations, for the simple one-line rules these files use."""
    text = re.sub(r"/\*.*?\*/", "", (CSS / name).read_text(), flags=re.S)
    return {sel.strip(): body for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text)}


def test_main_padding_is_not_overridden_by_wrap():
    # <main class="wrap">: ".wrap { padding: 0 16px }" outranks a bare "main" rule, so
    # pages touched the staff bar and the footer. The rule must be at least as specific.
    rules = _rules("portal.css")
    assert "padding-top" in rules.get("main.wrap", "")
    assert "padding-bottom" in rules.get("main.wrap", "")


def test_consultation_staff_page_fits_a_phone():
    rules = _rules("consultations.css")
    # A single "1fr" track grows to the widest table in it; minmax(0, 1fr) does not.
    assert "minmax(0, 1fr)" in rules[".form-grid, .staff-grid"]
    # The policy <select> lists long titles: it must shrink to its panel.
    assert "max-width: 100%" in rules[".inline-form select"]
    assert "max-width: 100%" in rules[".inline-form .field"]
