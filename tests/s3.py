"""A real S3-compatible server for the tests of media on object storage:
moto's server (``moto[server]``, a test requirement) started once per run on
a port of its own, like tests/core/test_cache_outage.py starts redis-server.

The fixtures reach the tests through tests/core/conftest.py and
tests/courses/conftest.py. ``s3_media`` gives each test an empty bucket of its
own, prepared by ``manage.py prepare_media_bucket``, with the site's default
storage switched to it (core/storage.py) exactly as production settings do
when ``MEDIA_S3_BUCKET`` is set."""

import io
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

MOTO_SERVER = Path(sys.executable).with_name("moto_server")
SITE_ORIGIN = "http://testserver"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def anonymous_get(url, **headers):
    """``(status, headers, body)`` of a plain GET with no credentials."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - the test's server
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory):
    """The endpoint URL of a moto S3 server running for this test session."""
    if not MOTO_SERVER.exists():
        pytest.skip("moto's server is not installed (pip install -r requirements.txt)")
    port = _free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("w")
    process = subprocess.Popen(
        [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)  # noqa: S310
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("moto_server exited at start") from None
            time.sleep(0.05)
    else:
        process.terminate()
        raise RuntimeError("moto_server did not start")
    yield endpoint
    process.terminate()
    process.wait(10)
    log.close()


def use_bucket(settings, endpoint, bucket, origins=(SITE_ORIGIN,)):
    """Production's settings for ``MEDIA_S3_BUCKET=bucket`` on ``endpoint``."""
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_ACCESS_KEY_ID = "test-key"
    settings.AWS_SECRET_ACCESS_KEY = "test-secret"
    settings.MEDIA_S3_CORS_ORIGINS = list(origins)
    settings.MEDIA_ORIGIN = endpoint
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    for directive in ("img-src", "media-src", "connect-src"):
        directives[directive] = [*directives[directive], endpoint]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": directives,
    }
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
    # Last: changing STORAGES makes Django build the default storage anew,
    # which reads the AWS_* settings above.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "core.storage.MediaStorage"}}


def new_bucket(settings, endpoint, origins=(SITE_ORIGIN,)):
    """An empty private bucket, prepared by ``prepare_media_bucket`` for a
    site at ``origins``, as the site's media storage. Returns its name."""
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    use_bucket(settings, endpoint, bucket, origins)
    default_storage.connection.meta.client.create_bucket(Bucket=bucket)
    call_command("prepare_media_bucket", stdout=io.StringIO())
    return bucket


@pytest.fixture
def s3_media(settings, moto_server):
    """A bucket of this test's own as the site's media storage (new_bucket)."""
    return new_bucket(settings, moto_server)
