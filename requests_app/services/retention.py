"""Retention of applicants' personal data (PIPL Art. 19, 47): a request keeps the
applicant's identity and contact data for `REQUEST_PERSONAL_DATA_YEARS` years after
it was closed (default 10, the archive period of the bureau's request files); then
the name of a natural person, the ID number and its index, phone, e-mail, address,
postcode, the contact and representative names and the applicant's own files are
removed. The request itself (dates, outcome, reply) stays: the annual reports count
it. Run daily by `manage.py anonymise_requests`."""

from __future__ import annotations

import datetime
import functools

from django.conf import settings
from django.db import transaction

from audit.models import AuditAction
from audit.services import audit_record
from requests_app.models import DisclosureRequest, RequestFile, RequestFileKind
from requests_app.outcomes import ApplicantType
from requests_app.services._common import _event, _now, _today

ANONYMISED_NAME = "（已匿名化）"
PERSONAL_FIELDS = (
    "applicant_name",
    "id_number",
    "id_number_index",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "anonymised_at",
)


def retention_cutoff(today: datetime.date, years: int) -> datetime.date:
    """The last closing date whose requests are due on `today`: exactly `years`
    years before (29 February falls back to 28 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def requests_due_for_anonymising(today: datetime.date | None = None, years: int | None = None):
    years = settings.REQUEST_PERSONAL_DATA_YEARS if years is None else years
    cutoff = retention_cutoff(today or _today(), years)
    return DisclosureRequest.objects.filter(
        closed_on__isnull=False, closed_on__lte=cutoff, anonymised_at__isnull=True
    )


def requests_anonymise_due(*, today: datetime.date | None = None, years: int | None = None) -> int:
    """Anonymise every request closed `years` or more years before `today`; the
    number anonymised. Idempotent: an anonymised request is not touched again."""
    done = 0
    for pk in list(requests_due_for_anonymising(today, years).values_list("pk", flat=True)):
        with transaction.atomic():
            req = DisclosureRequest.objects.select_for_update().get(pk=pk)
            if req.anonymised_at is not None:
                continue
            _anonymise(req)
            done += 1
    if done:
        audit_record(
            action=AuditAction.OTHER,
            detail=f"保存期满，匿名化 {done} 件依申请公开申请的申请人个人信息",
        )
    return done


def _anonymise(req: DisclosureRequest) -> None:
    if req.applicant_type == ApplicantType.NATURAL_PERSON:
        req.applicant_name = ANONYMISED_NAME
    for name in ("id_number", "legal_representative", "contact_person", "phone", "email"):
        setattr(req, name, "")
    req.address, req.postcode = "", ""
    req.anonymised_at = _now()
    req.save(update_fields=[*PERSONAL_FIELDS, "updated_at"])
    files = list(RequestFile.objects.filter(request=req, kind=RequestFileKind.SUPPORTING))
    for stored in files:
        stored.delete()
        transaction.on_commit(functools.partial(stored.file.delete, save=False))
    _event(
        req,
        "anonymise",
        on=_today(),
        note=f"保存期满（办结后 {settings.REQUEST_PERSONAL_DATA_YEARS} 年），"
        f"删除申请人个人信息及其提交的 {len(files)} 份材料。",
    )
