"""The clock's steps: correction (Reg. 30), consultations (Reg. 32-34), extension (Reg. 33), fees (Reg. 42).

Split by step: `correction`, `pauses`, `extension`, `fees`."""

from requests_app.services.deadlines.correction import (
    request_correction_ask,
    request_correction_lapse,
    request_correction_receive,
    request_correction_upload,
)
from requests_app.services.deadlines.delivery import delivery_record_receipt
from requests_app.services.deadlines.extension import (
    request_extension_apply,
    request_extension_decide,
)
from requests_app.services.deadlines.fees import (
    request_fee_lapse,
    request_fee_notify,
    request_fee_record_payment,
    requests_close_lapsed,
)
from requests_app.services.deadlines.pauses import request_pause_end, request_pause_start
from requests_app.services.deadlines.reminders import requests_remind_due

__all__ = [
    "delivery_record_receipt",
    "request_correction_ask",
    "request_correction_lapse",
    "request_correction_receive",
    "request_correction_upload",
    "request_extension_apply",
    "request_extension_decide",
    "request_fee_lapse",
    "request_fee_notify",
    "request_fee_record_payment",
    "request_pause_end",
    "request_pause_start",
    "requests_close_lapsed",
    "requests_remind_due",
]
