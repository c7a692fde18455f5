"""The vendored axe-core is the pinned release (tests/browser/vendor/README.md), and
the one line that says why the browser journeys are skipped where they are."""

import hashlib
import os

import pytest

from tests.browser import audit
from tests.browser.server import skip_reason


def test_axe_core_is_the_pinned_release():
    data = audit.AXE_FILE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == audit.AXE_SHA256
    assert data.startswith(f"/*! axe v{audit.AXE_VERSION}".encode())
    readme = (audit.VENDOR / "README.md").read_text()
    assert audit.AXE_VERSION in readme and audit.AXE_SHA256 in readme


def test_browser_journeys_can_run():
    """CI sets BROWSER_TESTS=required: there a missing Chromium fails the run
    instead of skipping the journeys."""
    reason = skip_reason()
    if reason and os.environ.get("BROWSER_TESTS") == "required":
        pytest.fail(reason)
    if reason:
        pytest.skip(reason)
