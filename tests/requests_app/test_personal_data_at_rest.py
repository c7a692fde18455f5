"""Applicants' personal data at rest: SM4-GCM field by field with a key from the
environment (never in the database), a keyed SM3 blind index for the one look-up
(the same applicant's requests in a month), key rotation, the query code never in
clear in the session, start-up checks, anonymisation after the retention period and
the privacy notice of the form."""

import base64
import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from common.crypto import DecryptionError, blind_index, decrypt, keyring, parse_keyring
from requests_app import checks, selectors, services
from requests_app.models import DisclosureRequest, RequestFile
from requests_app.views.public import SESSION_RECEIPT
from tests.requests_app.factories import D, answered, applicant_data, at, org_data, registered

pytestmark = pytest.mark.django_db

ID = "11010519491231002X"
PHONE = "13812341234"
EMAIL = "zhang@example.com"
ADDRESS = "示例县城关镇人民路 8 号 3 幢 201 室"
K1 = "k1:" + "11" * 16
K2 = "k2:" + base64.b64encode(bytes(range(16))).decode()
PERSONAL = ("id_number", "phone", "email", "address")


def raw_row(req) -> dict:
    """The stored columns, read with SQL (the ORM would decrypt)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, email, address, id_number_index, applicant_name "
            "FROM requests_app_disclosurerequest WHERE id = %s",
            [req.pk],
        )
        row = cursor.fetchone()
    return dict(zip([*PERSONAL, "id_number_index", "applicant_name"], row, strict=True))


def submit(**data) -> DisclosureRequest:
    return services.request_submit(data=applicant_data(**data)).request


# --- encryption -------------------------------------------------------------------------


def test_round_trip_and_no_plaintext_in_the_database_row():
    req = submit()
    stored = raw_row(req)
    for name, clear in zip(PERSONAL, (ID, PHONE, EMAIL, ADDRESS), strict=True):
        assert stored[name].startswith("sm4gcm:dev:"), name
        assert clear not in stored[name] and clear[-4:] not in stored[name]
    again = DisclosureRequest.objects.get(pk=req.pk)
    assert (again.id_number, again.phone, again.email, again.address) == (ID, PHONE, EMAIL, ADDRESS)
    # Two encryptions of one value differ (random nonce): nothing to compare by.
    assert raw_row(submit())["phone"] != stored["phone"]


def test_the_value_is_sm4_gcm_under_the_configured_key_bound_to_its_column():
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    with override_settings(FIELD_ENCRYPTION_KEY=K1):
        req = submit()
        stored = raw_row(req)["phone"]
        _prefix, key_id, payload = stored.split(":", 2)
        raw = base64.b64decode(payload)
        nonce, sealed = raw[:12], raw[12:]
        decryptor = Cipher(
            algorithms.SM4(bytes.fromhex("11" * 16)), modes.GCM(nonce, sealed[-16:])
        ).decryptor()
        decryptor.authenticate_additional_data(b"requests_app.DisclosureRequest.phone")
        assert key_id == "k1"
        assert decryptor.update(sealed[:-16]) + decryptor.finalize() == PHONE.encode()
        # Copied into another column, or altered, it does not decrypt.
        with pytest.raises(DecryptionError, match="校验失败"):
            decrypt(stored, label="requests_app.DisclosureRequest.address")
        altered = stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:]
        with pytest.raises(DecryptionError):
            decrypt(altered, label="requests_app.DisclosureRequest.phone")
    # Without its key the value cannot be read.
    with override_settings(FIELD_ENCRYPTION_KEY=K2), pytest.raises(DecryptionError, match="k1"):
        DisclosureRequest.objects.get(pk=req.pk)


def test_empty_values_stay_empty_and_legacy_plaintext_reads_as_is():
    req = submit(email="")
    assert raw_row(req)["email"] == ""
    assert decrypt("旧的明文", label="x") == "旧的明文"


def test_keyring_refuses_malformed_keys():
    for bad in ("nokey", "k1:abcd", "k1:" + "11" * 16 + ",k1:" + "22" * 16, "k 1:" + "11" * 16):
        with pytest.raises(ImproperlyConfigured):
            parse_keyring(bad)
    assert [k for k, _ in parse_keyring(f"{K2},{K1}")] == ["k2", "k1"]


# --- blind index ------------------------------------------------------------------------


def test_the_same_applicant_is_found_through_the_blind_index(office):
    first = registered(office, D(2026, 3, 2), id_number=ID)
    second = registered(office, D(2026, 3, 3), id_number=ID.lower())  # same person
    other = registered(office, D(2026, 3, 3), id_number="110101199003071234")
    next_month = registered(office, D(2026, 4, 1), id_number=ID)
    assert [selectors.requests_of_applicant_in_month(r) for r in (first, second, other)] == [
        1,
        2,
        1,
    ]
    assert selectors.requests_of_applicant_in_month(next_month) == 1
    index = raw_row(first)["id_number_index"]
    assert len(index) == 64 and index == raw_row(second)["id_number_index"]
    assert ID not in index and index != raw_row(other)["id_number_index"]
    assert index == blind_index(ID, label="requests_app.DisclosureRequest.id_number")


# --- rotation ---------------------------------------------------------------------------


def test_rotation_re_encrypts_under_the_new_key_and_keeps_the_look_up(office, capsys):
    with override_settings(FIELD_ENCRYPTION_KEY=K1):
        a = registered(office, D(2026, 3, 2), id_number=ID)
        b = registered(office, D(2026, 3, 3), id_number=ID)
        old_index = raw_row(a)["id_number_index"]
    with override_settings(FIELD_ENCRYPTION_KEY=f"{K2},{K1}"):
        call_command("rotate_field_key")
        assert "已用密钥 k2 重新加密 2 件" in capsys.readouterr().out
        assert all(raw_row(r)[n].startswith("sm4gcm:k2:") for r in (a, b) for n in PERSONAL)
        call_command("rotate_field_key")  # nothing left to do
        assert "重新加密 0 件" in capsys.readouterr().out
    with override_settings(FIELD_ENCRYPTION_KEY=K2):  # the old key removed
        again = DisclosureRequest.objects.get(pk=a.pk)
        assert (again.id_number, again.phone, again.address) == (ID, PHONE, ADDRESS)
        assert raw_row(a)["id_number_index"] != old_index
        assert selectors.requests_of_applicant_in_month(DisclosureRequest.objects.get(pk=b.pk)) == 2


# --- the query code in the session ------------------------------------------------------


def test_the_query_code_is_sealed_in_the_session_and_shown_once(client):
    data = {**applicant_data(), "declaration": "on"}
    response = client.post(reverse("requests_app:apply"), data)
    assert response.status_code == 302
    sealed = client.session[SESSION_RECEIPT]["code"]
    assert sealed.startswith("sm4gcm:")
    page = client.get(reverse("requests_app:submitted")).content.decode()
    code = decrypt(sealed, label="session.requests_receipt.code")
    assert code in page and SESSION_RECEIPT not in client.session
    assert client.get(reverse("requests_app:submitted")).status_code == 302  # once


# --- start-up checks --------------------------------------------------------------------

PRODUCTION = {"DEBUG": False, "TESTING": False, "DEMO_MODE": False}
CONSOLE = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
SMTP = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}


def test_console_mail_is_refused_with_debug_off():
    with override_settings(**PRODUCTION, MAILERS=CONSOLE, FIELD_ENCRYPTION_KEY=K1):
        assert [e.id for e in checks.mail_backend_not_console(None)] == ["requests_app.E001"]
        with pytest.raises(ImproperlyConfigured, match="E001"):
            checks.refuse_unsafe_start()
    with override_settings(**PRODUCTION, MAILERS=SMTP, FIELD_ENCRYPTION_KEY=K1):
        assert checks.mail_backend_not_console(None) == []
        checks.refuse_unsafe_start()
    with override_settings(**{**PRODUCTION, "DEBUG": True}, MAILERS=CONSOLE):
        assert checks.mail_backend_not_console(None) == []


def test_production_refuses_to_start_without_the_field_key():
    with override_settings(**PRODUCTION, MAILERS=SMTP, FIELD_ENCRYPTION_KEY=""):
        with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEY"):
            keyring()
        assert [e.id for e in checks.field_key_configured(None)] == ["requests_app.E002"]
        with pytest.raises(ImproperlyConfigured, match="E002"):
            checks.refuse_unsafe_start()
    with override_settings(**PRODUCTION, FIELD_ENCRYPTION_KEY="k1:short"):
        assert [e.id for e in checks.field_key_configured(None)] == ["requests_app.E002"]
    # Demo and test mode derive a development key; never stored.
    assert keyring()[0][0] == "dev"


# --- anonymisation after the retention period -------------------------------------------


def closed_on(office, section, clerk, day: datetime.date, **data) -> DisclosureRequest:
    return answered(office, section, clerk, day - datetime.timedelta(days=3), day, **data)


def test_anonymisation_boundary_and_what_it_removes(office, section, clerk):
    today = D(2026, 12, 4)
    due = closed_on(office, section, clerk, D(2016, 12, 2))  # exactly 10 years + 2 days
    boundary = closed_on(office, section, clerk, D(2016, 12, 4))  # exactly 10 years
    kept = closed_on(office, section, clerk, D(2016, 12, 7))  # 10 years less 3 days
    with at(D(2016, 11, 1)):
        open_old = services.request_submit(
            data=applicant_data(),
            files=[SimpleUploadedFile("身份证.txt", "身份证复印件".encode(), "text/plain")],
        ).request
    assert RequestFile.objects.filter(request=open_old).count() == 1
    organisation = closed_on(office, section, clerk, D(2016, 1, 4), **org_data())
    with at(today):
        assert services.requests_anonymise_due() == 3
    for req in (due, boundary):
        row = raw_row(req)
        assert row["applicant_name"] == "（已匿名化）"
        assert all(row[n] == "" for n in (*PERSONAL, "id_number_index"))
        fresh = DisclosureRequest.objects.get(pk=req.pk)
        assert fresh.anonymised_at is not None and fresh.outcome and fresh.closed_on
        assert fresh.events.filter(action="anonymise").count() == 1
    assert DisclosureRequest.objects.get(pk=kept.pk).phone == PHONE
    assert DisclosureRequest.objects.get(pk=open_old.pk).phone == PHONE  # open: never
    org = DisclosureRequest.objects.get(pk=organisation.pk)
    assert org.applicant_name == "示例县某某科技有限公司" and org.phone == "" and org.anonymised_at
    with at(today):
        assert services.requests_anonymise_due() == 0  # once
    with at(D(2026, 12, 7)):
        assert services.requests_anonymise_due() == 1  # the day it is due


def test_anonymisation_removes_the_applicants_files_and_follows_the_setting(
    office, section, clerk, django_capture_on_commit_callbacks
):
    with at(D(2020, 3, 2)):
        req = services.request_register(
            data=applicant_data(),
            files=[SimpleUploadedFile("身份证.txt", "身份证复印件".encode(), "text/plain")],
            channel="in_person",
            received_on=D(2020, 3, 2),
            acting_user=office,
        ).request
    with at(D(2020, 3, 3)):
        services.request_assign(request=req, section=section, acting_user=office)
        services.request_draft_submit(
            request=req,
            ground="36_6",
            details={"earlier_reply": "人社依申告〔2020〕1号"},
            text="重复申请",
            acting_user=clerk,
        )
        services.request_approve(request=req, acting_user=office)
    stored = RequestFile.objects.get(request=req)
    assert stored.file.storage.exists(stored.file.name)
    with at(D(2026, 3, 3)):
        assert services.requests_anonymise_due() == 0  # 10 years by default
        with (
            override_settings(REQUEST_PERSONAL_DATA_YEARS=5),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("anonymise_requests")
    assert not RequestFile.objects.filter(request=req).exists()
    assert not stored.file.storage.exists(stored.file.name)
    assert DisclosureRequest.objects.get(pk=req.pk).id_number == ""


# --- the privacy notice -----------------------------------------------------------------


def test_the_form_tells_who_what_why_how_long_and_the_rights(client):
    page = client.get(reverse("requests_app:apply")).content.decode()
    for words in (
        "个人信息处理告知",
        "第十七条、第三十五条",
        "处理者",
        "证件类型和号码、联系电话、电子邮箱、通信地址",
        "目的和依据",
        "保存 10 年",
        "查阅、复制、更正、补充",
        "SM4",
    ):
        assert words in page, words
    with override_settings(REQUEST_PERSONAL_DATA_YEARS=15):
        assert "保存 15 年" in client.get(reverse("requests_app:apply")).content.decode()
