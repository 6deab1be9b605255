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


# --- An uploaded file is data, never a page of ours ------------------------------------

ACTIVE_CONTENT = b"<html><script>fetch('/admin/users/add/')</script></html>"


@pytest.fixture
def plant():
    """Puts a file straight into MEDIA_ROOT, as a careless script or a
    compromised upload path would."""
    planted = []

    def plant(name, content=ACTIVE_CONTENT):
        path = settings.MEDIA_ROOT / "planted" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        planted.append(path)
        return f"/media/planted/{name}"

    yield plant
    for path in planted:
        path.unlink(missing_ok=True)


STRICT = "sandbox; default-src 'none'"
PLAYABLE = "sandbox allow-same-origin; default-src 'none'; media-src 'self'"


def assert_sandboxed(response, policy=STRICT):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == policy


@pytest.mark.parametrize(
    "name",
    [
        "attack.html",
        "attack.HTM",
        "attack.xhtml",
        "logo.svg",
        "logo.svgz",
        "feed.xml",
        "payload.js",
        "payload.mjs",
        "style.css",
        "notes.txt",
        "data.json",
        "lecture.mp4.html",
        "archive.unknownext",
        "no-extension",
        "trailing-dot.html.",
    ],
)
def test_a_file_of_any_other_type_is_only_ever_a_sandboxed_download(client, plant, name):
    url = plant(name)
    for response in (
        client.get(url),
        client.head(url),
        client.get(url, headers={"Range": "bytes=0-9"}),
    ):
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert_sandboxed(response)


@pytest.mark.parametrize(
    ("name", "content_type", "policy"),
    [
        ("lecture.mp4", "video/mp4", PLAYABLE),
        ("lecture.WEBM", "video/webm", PLAYABLE),
        ("talk.mp3", "audio/mpeg", PLAYABLE),
        ("poster.jpg", "image/jpeg", STRICT),
        ("photo.png", "image/png", STRICT),
        ("zh.vtt", "text/vtt; charset=utf-8", STRICT),
    ],
)
def test_video_audio_images_and_subtitles_are_shown_inline_sandboxed(
    client, plant, name, content_type, policy
):
    response = client.get(plant(name, b"\0" * 64))
    assert response["Content-Type"] == content_type
    assert "Content-Disposition" not in response
    assert_sandboxed(response, policy)


def test_active_content_behind_an_allowed_extension_keeps_that_type_and_is_not_sniffed(
    client, plant
):
    response = client.get(plant("disguised.mp4"))
    assert response["Content-Type"] == "video/mp4"
    assert_sandboxed(response, PLAYABLE)


def test_not_modified_and_unsatisfiable_answers_are_sandboxed_too(client, plant):
    url = plant("attack.html")
    etag = client.get(url)["ETag"]
    not_modified = client.get(url, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert_sandboxed(not_modified)
    unsatisfiable = client.get(url, headers={"Range": "bytes=99999-"})
    assert unsatisfiable.status_code == 416
    assert_sandboxed(unsatisfiable)


def test_an_unsafe_file_handed_to_nginx_is_still_a_sandboxed_download(client, plant, settings):
    settings.MEDIA_X_ACCEL_REDIRECT = "/protected-media/"
    response = client.get(plant("attack.html"))
    assert response["X-Accel-Redirect"] == "/protected-media/planted/attack.html"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="attack.html"'
    assert_sandboxed(response)


def test_a_video_handed_to_nginx_keeps_its_allowed_type(client, media_file, settings):
    settings.MEDIA_X_ACCEL_REDIRECT = "/protected-media/"
    response = client.get(URL)
    assert response["Content-Type"] == "video/mp4"
    assert "Content-Disposition" not in response
    assert_sandboxed(response, PLAYABLE)
