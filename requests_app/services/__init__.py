"""Every write of the requests app. Views, commands and the demo call these; each
transition locks the request, checks the transitions map and the permission, saves
with `update_fields`, records a dated step and queues mail on commit.

Split by concern: `intake`, `deadlines`, `answer`, `remedies`; shared helpers in
`_common`."""

from requests_app.services._common import (
    CODE_ALPHABET,
    CODE_LENGTH,
    RequestError,
    Seams,
    format_code,
    normalise_code,
    normalise_tracking_number,
    seams,
)
from requests_app.services.answer import (
    reply_file_add,
    request_approve,
    request_draft_return,
    request_draft_submit,
    request_withdraw,
)
from requests_app.services.archive import (
    archive_export_year,
    request_archive,
    requests_archive_closed,
)
from requests_app.services.deadlines import (
    delivery_record_receipt,
    request_correction_ask,
    request_correction_lapse,
    request_correction_receive,
    request_correction_upload,
    request_extension_apply,
    request_extension_decide,
    request_fee_lapse,
    request_fee_notify,
    request_fee_record_payment,
    request_pause_end,
    request_pause_start,
    requests_close_lapsed,
    requests_remind_due,
)
from requests_app.services.intake import (
    Submission,
    request_assign,
    request_check_code,
    request_confirm_receipt,
    request_discard,
    request_discard_propose,
    request_register,
    request_submit,
)
from requests_app.services.keys import personal_data_rotate_key
from requests_app.services.notices import notice_settings_update
from requests_app.services.proactive import (
    proactive_proposal_create,
    proactive_proposal_resolve,
)
from requests_app.services.remedies import (
    complaint_answer,
    complaint_submit,
    remedy_conclude,
    remedy_record,
)
from requests_app.services.retention import (
    requests_anonymise_due,
    requests_due_for_anonymising,
    retention_cutoff,
)
from requests_app.services.special import (
    request_answer_on_the_spot,
    request_reasons_ask,
    request_reasons_decide,
)

__all__ = [
    "personal_data_rotate_key",
    "requests_anonymise_due",
    "requests_due_for_anonymising",
    "retention_cutoff",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "RequestError",
    "Seams",
    "seams",
    "Submission",
    "complaint_answer",
    "complaint_submit",
    "format_code",
    "normalise_code",
    "normalise_tracking_number",
    "remedy_conclude",
    "remedy_record",
    "reply_file_add",
    "request_approve",
    "request_assign",
    "request_check_code",
    "request_confirm_receipt",
    "request_correction_ask",
    "request_correction_lapse",
    "request_correction_receive",
    "request_correction_upload",
    "request_discard",
    "request_discard_propose",
    "request_draft_return",
    "request_draft_submit",
    "delivery_record_receipt",
    "notice_settings_update",
    "archive_export_year",
    "request_archive",
    "requests_archive_closed",
    "proactive_proposal_create",
    "proactive_proposal_resolve",
    "request_answer_on_the_spot",
    "request_reasons_ask",
    "request_reasons_decide",
    "request_extension_apply",
    "request_extension_decide",
    "request_fee_lapse",
    "request_fee_notify",
    "request_fee_record_payment",
    "request_pause_end",
    "request_pause_start",
    "request_register",
    "request_submit",
    "request_withdraw",
    "requests_close_lapsed",
    "requests_remind_due",
]
