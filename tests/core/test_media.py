"""Media files answer Range requests (videos seek) and nothing outside
MEDIA_ROOT is ever served."""

import os

import pytest
from django.conf import settings

from core.media import parse_range

pytestmark = pytest.mark.django_db

SIZE = 100_000


@pytest.fixture
def media_file():
    path = settings.MEDIA_ROOT / "range-test" / "lecture.mp4"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = os.urandom(SIZE)
    path.write_bytes(data)
    yield data
    path.unlink()


URL = "/media/range-test/lecture.mp4"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_without_range_the_whole_file_is_sent_and_ranges_are_advertised(client, media_file):
    response = client.get(URL)
    assert response.status_code == 200
    assert body(response) == media_file
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["ETag"] and response["Last-Modified"]


def test_a_closed_range_answers_206_with_exactly_those_bytes(client, media_file):
    response = client.get(URL, headers={"Range": "bytes=1000-1999"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1999/{SIZE}"
    assert response["Content-Length"] == "1000"
    assert body(response) == media_file[1000:2000]


def test_a_suffix_range_sends_the_last_bytes(client, media_file):
    response = client.get(URL, headers={"Range": "bytes=-500"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {SIZE - 500}-{SIZE - 1}/{SIZE}"
    assert body(response) == media_file[-500:]


def test_a_range_past_the_end_is_cut_at_the_end(client, media_file):
    response = client.get(URL, headers={"Range": f"bytes={SIZE - 10}-{SIZE + 500}"})
    assert response.status_code == 206
    assert body(response) == media_file[-10:]


def test_an_open_ended_range_is_answered_in_parts_of_bounded_size(client, media_file, settings):
    settings.MEDIA_RANGE_CHUNK_BYTES = 4096
    response = client.get(URL, headers={"Range": "bytes=50000-"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 50000-54095/{SIZE}"
    assert body(response) == media_file[50000:54096]


def test_an_impossible_range_answers_416_with_the_size(client, media_file):
    response = client.get(URL, headers={"Range": f"bytes={SIZE}-"})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"


@pytest.mark.parametrize("header", ["bytes=abc", "bytes=0-10,20-30", "items=0-10", "bytes=9-1"])
def test_a_malformed_or_multiple_range_is_ignored_and_the_whole_file_sent(
    client, media_file, header
):
    response = client.get(URL, headers={"Range": header})
    assert response.status_code == 200
    assert body(response) == media_file


def test_if_range_with_a_stale_etag_gets_the_whole_file(client, media_file):
    response = client.get(URL, headers={"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert response.status_code == 200


def test_if_range_with_the_current_etag_gets_the_range(client, media_file):
    etag = client.get(URL)["ETag"]
    response = client.get(URL, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert response.status_code == 206


def test_a_known_etag_answers_304(client, media_file):
    etag = client.get(URL)["ETag"]
    assert client.get(URL, headers={"If-None-Match": etag}).status_code == 304


def test_head_gives_the_headers_without_a_body(client, media_file):
    response = client.head(URL, headers={"Range": "bytes=0-99"})
    assert response.status_code == 206
    assert response["Content-Length"] == "100"
    assert response.content == b""


def test_subtitles_are_served_as_text_vtt(client):
    path = settings.MEDIA_ROOT / "range-test" / "zh.vtt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("WEBVTT\n", encoding="utf-8")
    assert client.get("/media/range-test/zh.vtt")["Content-Type"].startswith("text/vtt")


@pytest.mark.parametrize(
    "url",
    [
        "/media/../settings.py",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/..%2f..%2fetc/passwd",
        "/media//etc/passwd",
        "/media/",
        "/media/range-test/",
        "/media/range-test/missing.mp4",
    ],
)
def test_nothing_outside_media_root_and_no_directory_is_served(client, media_file, url):
    assert client.get(url).status_code == 404


def test_a_symlink_out_of_media_root_is_not_followed(client, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    link = settings.MEDIA_ROOT / "link.txt"
    link.unlink(missing_ok=True)
    link.symlink_to(secret)
    try:
        assert client.get("/media/link.txt").status_code == 404
    finally:
        link.unlink()


def test_post_is_not_allowed(client, media_file):
    assert client.post(URL).status_code == 405


def test_with_x_accel_redirect_nginx_is_told_which_file_to_send(client, media_file, settings):
    settings.MEDIA_X_ACCEL_REDIRECT = "/protected-media/"
    response = client.get(URL, headers={"Range": "bytes=0-9"})
    assert response["X-Accel-Redirect"] == "/protected-media/range-test/lecture.mp4"
    assert response.content == b""


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-0", (0, 0)),
        ("bytes=10-", (10, 99)),
        ("bytes=-1", (99, 99)),
        ("bytes=-1000", (0, 99)),
        ("bytes=100-", "unsatisfiable"),
        ("bytes=-0", "unsatisfiable"),
        ("bytes=-", None),
        ("", None),
    ],
)
def test_range_parsing(header, expected):
    assert parse_range(header, 100) == expected


def test_documents_are_only_served_by_wagtails_document_view(client):
    path = settings.MEDIA_ROOT / "documents" / "handout.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4")
    assert client.get("/media/documents/handout.pdf").status_code == 404
