"""Uploads on S3-compatible object storage (S3_BUCKET; django-storages), against
moto's S3 server on loopback: stored in the bucket, never public, served after the
permission check (through the application, or by a signed URL that expires)."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.urls import reverse

from common.exports import file_response
from tests.disclosure.factories import PDF_BYTES, AttachmentFactory
from tests.factories import ItemFactory

moto_server = pytest.importorskip("moto.server")
ROOT = Path(__file__).resolve().parents[2]
BUCKET = "portal-media"
KEYS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **KEYS)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": KEYS["aws_access_key_id"],
                "secret_key": KEYS["aws_secret_access_key"],
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": False,
                "querystring_auth": True,
                "querystring_expire": 300,
                "signature_version": "s3v4",
            },
        },
    }
    yield client
    for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _url(attachment):
    return reverse("disclosure:attachment", args=[attachment.item.pk, attachment.pk])


@pytest.mark.django_db
def test_an_upload_lands_in_the_bucket_not_on_local_disk(bucket, settings):
    attachment = AttachmentFactory()
    keys = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [attachment.file.name]
    body = bucket.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read()
    assert body == PDF_BYTES
    assert not Path(settings.MEDIA_ROOT).exists() or not any(
        Path(settings.MEDIA_ROOT).rglob("*.pdf")
    )


@pytest.mark.django_db
def test_objects_are_never_public(bucket):
    attachment = AttachmentFactory()
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=attachment.file.name)["Grants"]
    everyone = [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]
    assert everyone == []


@pytest.mark.django_db
def test_a_public_attachment_is_passed_through_after_the_check(client, bucket, settings):
    settings.MEDIA_SIGNED_URLS = False
    attachment = AttachmentFactory()
    response = client.get(_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
def test_with_signed_urls_a_public_attachment_redirects_to_an_expiring_address(
    client, bucket, settings, s3_endpoint
):
    settings.MEDIA_SIGNED_URLS = True
    attachment = AttachmentFactory(title="申请表")
    response = client.get(_url(attachment))
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-store"
    target = response["Location"]
    assert target.startswith(f"{s3_endpoint}/{BUCKET}/")
    query = parse_qs(urlsplit(target).query)
    assert query["X-Amz-Expires"] == ["300"]
    assert "X-Amz-Signature" in query
    with urllib.request.urlopen(target, timeout=10) as fetched:  # noqa: S310 - loopback
        assert fetched.read() == PDF_BYTES
        assert fetched.headers["Content-Type"] == "application/pdf"
        assert fetched.headers["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_a_private_file_is_never_handed_out_by_url(bucket, settings):
    settings.MEDIA_SIGNED_URLS = True
    attachment = AttachmentFactory()
    response = file_response(
        attachment.file.open("rb"),
        filename="答复.pdf",
        content_type="application/pdf",
        private=True,
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_an_unpublished_items_file_is_404_and_no_address_is_given(client, bucket, settings):
    settings.MEDIA_SIGNED_URLS = True
    draft = AttachmentFactory(item=ItemFactory())
    response = client.get(_url(draft))
    assert response.status_code == 404
    assert "Location" not in response


@pytest.mark.django_db
def test_a_file_missing_from_the_bucket_is_404(client, bucket):
    attachment = AttachmentFactory()
    bucket.delete_object(Bucket=BUCKET, Key=attachment.file.name)
    assert client.get(_url(attachment)).status_code == 404


@pytest.mark.django_db
def test_healthz_checks_the_bucket(client, bucket, s3_endpoint, settings):
    body = json.loads(client.get("/healthz").content)
    assert body["checks"]["storage"] == {
        "status": "ok",
        "backend": "S3Storage",
        "ms": body["checks"]["storage"]["ms"],
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "bucket_name": "no-such-bucket"},
        },
    }
    response = client.get("/healthz")
    # Reported, but the node stays in service: the bucket is shared by every node,
    # and pages still render while downloads fail.
    assert response.status_code == 200
    assert json.loads(response.content)["checks"]["storage"]["status"] == "fail"


@pytest.mark.parametrize(
    ("extra", "backend"),
    [
        ({}, "django.core.files.storage.FileSystemStorage"),
        (
            {
                "S3_BUCKET": "portal-media",
                "S3_ENDPOINT_URL": "http://minio:9000",
                "S3_ADDRESSING_STYLE": "path",
            },
            "storages.backends.s3.S3Storage",
        ),
    ],
)
def test_the_environment_selects_the_storage(extra, backend):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "DJANGO_SETTINGS"))}
    env.update({"DEMO_MODE": "1", **extra})
    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    chosen = json.loads(out.strip().splitlines()[-1])
    assert chosen["BACKEND"] == backend
    if extra:
        assert chosen["OPTIONS"]["endpoint_url"] == "http://minio:9000"
        assert chosen["OPTIONS"]["default_acl"] is None
        assert chosen["OPTIONS"]["querystring_expire"] == 300
