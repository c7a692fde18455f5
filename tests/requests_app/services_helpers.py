"""Helpers shared by test_services.py and test_answer_services.py."""

from requests_app import selectors
from tests.requests_app.factories import (
    D,
    refresh,
)

RECEIVED = D(2026, 3, 2)  # a Monday; + 20 working days = 2026-03-30


def due(req):
    return selectors.reply_deadline_of(refresh(req)).day
