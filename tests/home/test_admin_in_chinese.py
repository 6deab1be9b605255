"""The admin in Chinese: every admin screen each role reaches (discovered from
the menu and the links on each screen, see tests/admin_scan.py) is scanned
for labels with Latin words that are not names of products, formats or data.

Screens added later are found by the same walk. Nothing English is tolerated:
the only Latin words allowed besides the scan's product and format names are
the course categories' 网址名称 (slugs the data migration gives them), which
are data shown as typed, not labels."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtailvideos.models import TrackListing, Video, VideoTrack, VideoTranscode

from accounts import roles
from learning.courses.models import CourseCategory
from tests.accounts.factories import UserFactory
from tests.admin_scan import scan, url_shape
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import EventIndexPageFactory, make_event
from tests.home.factories import NoticeIndexPageFactory, NoticePageFactory
from tests.study.factories import BranchFactory, MemberFactory, StudyPlanFactory, make_session
from tests.volunteers.factories import (
    RecordFactory,
    VolunteerFactory,
    VolunteerIndexPageFactory,
    WishFactory,
    make_activity,
)

pytestmark = pytest.mark.django_db

ROLES = [roles.EDITORS, roles.REVIEWERS, roles.BRANCH_ADMINS, roles.VOLUNTEER_COORDINATORS]
# Screens the walk must reach, so that a change to the walk or to the fixture
# cannot quietly drop the screens that were English before (URL shapes).
MUST_VISIT = [
    "/admin/",
    "/admin/pages/",
    "/admin/sites/",
    "/admin/groups/edit/N/",
    "/admin/videos/",
    "/admin/videos/N/",
    "/admin/videos/tracks/",
    "/admin/videos/tracks/edit/N/",
    "/admin/redirects/import/",
    "/admin/workflows/tasks/edit/N/",
    "/admin/volunteer_roster/inspect/N/",
    "/admin/choose-page/N/",
    "/admin/videos/chooser/",
]


def _jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), (163, 21, 21)).save(buffer, "JPEG")
    return buffer.getvalue()


def _video():
    """A course video as an editor leaves it: a poster, Chinese subtitles,
    one transcode under way and one that failed."""
    video = Video.objects.create(
        title="党课录像",
        file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="lecture.mp4"),
        thumbnail=ContentFile(_jpeg(), name="poster.jpg"),
    )
    listing = TrackListing.objects.create(video=video)
    VideoTrack.objects.create(
        listing=listing,
        file=ContentFile(b"WEBVTT\n", name="subtitles.vtt"),
        kind="subtitles",
        label="中文字幕",
        language="zh",
    )
    VideoTranscode.objects.create(video=video, media_format="mp4", processing=True)
    VideoTranscode.objects.create(video=video, media_format="webm", error_message="转码失败")
    return video


@pytest.fixture
def content(home_page):
    notices = NoticeIndexPageFactory(parent=home_page)
    NoticePageFactory(parent=notices, title="停水通知")
    library = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=library, title="基层党建工作学习")
    _video()
    events = EventIndexPageFactory(parent=home_page)
    make_event(events, title="社区大讲堂")
    branch = BranchFactory(name="第一党支部")
    MemberFactory(branch=branch, name="李建国")
    StudyPlanFactory(branch=branch)
    session = make_session(events, [branch], title="十一月远教学习会")
    session.courses.add(course)
    VolunteerIndexPageFactory(parent=home_page)
    make_activity(events, title="敬老志愿服务")
    RecordFactory(
        volunteer=VolunteerFactory(real_name="王秀兰", availability="weekend,weekday_evening")
    )
    WishFactory()


def _choosers(home_page):
    """The choosers' first steps, which open in a modal (no link leads there)."""
    names = [
        "wagtailadmin_choose_page",
        "wagtailadmin_choose_page_search",
        "wagtailadmin_choose_page_external_link",
        "wagtailadmin_choose_page_email_link",
        "wagtailadmin_choose_page_phone_link",
        "wagtailadmin_choose_page_anchor_link",
        "wagtailadmin_workflows:task_chooser",
        "wagtailimages_chooser:choose",
        "wagtaildocs_chooser:choose",
        "wagtailvideos_chooser:choose",
        "wagtailsnippetchoosers_courses_coursecategory:choose",
    ]
    child = reverse("wagtailadmin_choose_page_child", args=[home_page.pk])
    return [reverse(name) for name in names] + [child]


def test_every_admin_screen_of_every_role_is_in_chinese(client, content, home_page):
    # Data, not labels: the categories' 网址名称 as the data migration set them.
    slugs = set(CourseCategory.objects.values_list("slug", flat=True))
    seen, found, visited = set(), {}, []
    people = [UserFactory(roles=[role], is_staff=True) for role in ROLES]
    people.append(UserFactory(is_superuser=True, is_staff=True))
    for person in people:  # each role's own screens first, then the rest
        client.force_login(person)
        untranslated, screens = scan(client, also=_choosers(home_page), seen=seen)
        visited += screens
        for url, labels in untranslated.items():
            new = [label for label in labels if label not in slugs]
            if new:
                found[url] = new
    assert len(visited) > 60  # the walk reached the admin, not just a login page
    shapes = {url_shape(url) for url in visited}
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
    assert [shape for shape in MUST_VISIT if shape not in shapes] == []
