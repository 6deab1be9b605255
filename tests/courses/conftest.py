import shutil
import subprocess

import pytest

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.s3 import moto_server, s3_media  # noqa: F401 - fixtures (object storage)

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")


@pytest.fixture
def library(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def course(library):
    """A published ten-minute course in 基层党建."""
    return CoursePageFactory(parent=library, title="基层党建工作学习")


@pytest.fixture
def reviewer(client):
    user = UserFactory(roles=[roles.REVIEWERS])
    client.force_login(user)
    return user


# Colour bars and a tone, 3 seconds.
CLIP = (
    "-f", "lavfi", "-i", "testsrc=size=320x180:rate=10:duration=3",
    "-f", "lavfi", "-i", "sine=duration=3",
    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
)  # fmt: skip


def make_clip(folder, name="clip.mp4", arguments=CLIP):
    """The bytes of a file ffmpeg makes with ``arguments``."""
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    path = folder / name
    subprocess.run([shutil.which("ffmpeg"), "-v", "error", *arguments, str(path)], check=True)
    return path.read_bytes()


@pytest.fixture(scope="session")
def mp4_bytes(tmp_path_factory):
    """A real 3-second MP4 (colour bars and a tone), made with ffmpeg."""
    return make_clip(tmp_path_factory.mktemp("video"))
