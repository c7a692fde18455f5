"""Case files (归档): a closed request's package with the application, every step,
the notice (text and PDF), the deliveries, the files and a manifest of checksums;
kept for the configured period; exported by year for the 档案室."""

import datetime
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditAction, AuditEntry
from requests_app import services
from requests_app.models import CaseFile
from requests_app.services import RequestError
from tests.requests_app.factories import D, answered, assigned, at

pytestmark = pytest.mark.django_db


ANSWERED = D(2026, 3, 16)


def closed(office, section, clerk, day=ANSWERED):
    return answered(office, section, clerk, D(2026, 3, 2), day, outcome="disclosed")


def test_package_holds_the_case_and_a_manifest_that_matches(office, section, clerk):
    req = closed(office, section, clerk)
    case = services.request_archive(request=req)
    data = case.file.read()
    assert hashlib.sha256(data).hexdigest() == case.sha256 and case.size == len(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names[:3] == ["01-申请.txt", "02-办理记录.txt", "03-送达记录.txt"]
        assert "04-答复告知书.txt" in names and "04-答复告知书.pdf" in names
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["申请编号"] == req.tracking_number
        for entry in manifest["文件"]:
            assert hashlib.sha256(archive.read(entry["名称"])).hexdigest() == entry["sha256"]
        application = archive.read("01-申请.txt").decode()
        assert req.applicant_name in application and "予以公开" in application
        assert "审批通过并答复" in archive.read("02-办理记录.txt").decode()
    assert case.retain_until == datetime.date(2036, 12, 31)  # 10 years after 2026


def test_archiving_is_once_and_only_for_closed_requests(office, section, clerk):
    req = closed(office, section, clerk)
    first = services.request_archive(request=req)
    assert services.request_archive(request=req).pk == first.pk
    open_one = assigned(office, section, D(2026, 3, 2))
    with pytest.raises(RequestError, match="已办结"):
        services.request_archive(request=open_one)


def test_retention_follows_the_office_setting(office, section, clerk):
    services.notice_settings_update(
        review_authority="示例县人民政府",
        court="",
        complaint_route="县政务公开办",
        retention_years=30,
        acting_user=office,
    )
    case = services.request_archive(request=closed(office, section, clerk))
    assert case.retain_until == datetime.date(2056, 12, 31)
    with pytest.raises(RequestError, match="1 至 100 年"):
        services.notice_settings_update(
            review_authority="示例县人民政府",
            court="",
            complaint_route="县政务公开办",
            retention_years=0,
            acting_user=office,
        )


def test_closing_produces_the_case_file_after_commit(
    office, section, clerk, django_capture_on_commit_callbacks
):
    req = assigned(office, section, D(2026, 3, 2))
    with at(D(2026, 3, 5)), django_capture_on_commit_callbacks(execute=True):
        services.request_withdraw(request=req, note="申请人来电撤回", acting_user=office)
    assert CaseFile.objects.filter(request=req).exists()


def test_daily_command_catches_up(office, section, clerk):
    req = closed(office, section, clerk)
    out = io.StringIO()
    call_command("archive_closed_requests", stdout=out)
    assert "已归档 1 件" in out.getvalue() and CaseFile.objects.filter(request=req).exists()
    out = io.StringIO()
    call_command("archive_closed_requests", stdout=out)
    assert "已归档 0 件" in out.getvalue()


def test_office_exports_a_year_audited(client, office, section, clerk, leader):
    a = closed(office, section, clerk, D(2026, 3, 16))
    b = closed(office, section, clerk, D(2026, 3, 17))
    for req in (a, b):
        services.request_archive(request=req)
    url = reverse("requests_app:archive_export") + "?year=2026"
    client.force_login(leader)
    assert client.get(url).status_code == 404
    client.force_login(clerk)
    assert client.get(url).status_code == 404
    client.force_login(office)
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == sorted(
            [f"{a.tracking_number}.zip", f"{b.tracking_number}.zip", "目录.csv"]
        )
        listing = archive.read("目录.csv").decode("utf-8-sig")
        assert a.case_file.sha256 in listing
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=office).exists()


def test_case_file_download_follows_who_sees_the_applicant(
    client, office, section, clerk, leader, other_clerk
):
    req = closed(office, section, clerk)
    services.request_archive(request=req)
    url = reverse("requests_app:case_file", args=[req.pk])
    for user, status in ((office, 200), (clerk, 200), (leader, 404), (other_clerk, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
