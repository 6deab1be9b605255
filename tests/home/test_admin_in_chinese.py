"""The admin in Chinese: every admin screen each role reaches (discovered from
the menu and the links on each screen, see tests/admin_scan.py) is scanned
for labels with Latin words that are not names of products, formats or data.

Screens added later are found by the same walk. The labels listed in
``NOT_YET_TRANSLATED`` are the ones still English today (strings that
wagtailvideos and some Wagtail screens do not pass through gettext, and the
permission names Django stores in English); the test fails on any other, so
nothing new slips in, and an entry that no longer shows must be removed."""

import json
import re

import pytest

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.admin_scan import scan
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

NOT_YET_TRANSLATED = [
    # Wagtail's own screens
    r"Actions",
    r"Add",
    r"Page",
    r"Root",
    r"Search",
    r"Wagtail [\d.]+ editor guide",
    r"\d+-\d+ of \d+ 页面",
    r"\d+ (?:Documents?|Images?)",
    r"created in .*",
    r"浏览: Root.*",
    r"以'.+'顺序排列'Root'的子页面",
    r"If you just want to add pages to an existing site, .*",
    r"Pages created here will not be accessible at any URL.*",
    r"The root level is where you can add new sites .*",
    r"Port|Root page|Site name|按“Port”升序排列。|localhost",
    r"Pages/snippets at this step in a workflow .*",
    r"Wagtail 核心组件 \| 页面 \| .*",
    r"\(they can be named anything\)\.|and",
    r"After submitting you will be taken to a confirmation view .*",
    r"Select a file where redirects are separated into rows .*",
    # Django's permission names, stored in English when a model is migrated
    r"Can (?:add|change|delete|view|access) .*",
    r"Can view",
    r"Toggle all .* permissions",
    # wagtailvideos: its views, forms and track listings are not in gettext
    r"\d+ videos?",
    r"Videos|Video|Add a video|File|Thumbnail|Quality|Media format|Tracks",
    r"Track listings?.*|新建[:：] ?Track listing.*|添加 track listing|增加 video track",
    r"还没有track listings。",
    r"Sorry, your browser doesn't support playback for this video",
    r"Editing video .*",
    # volunteers: the availability is stored as codes and shown raw
    r"weekend|weekday|evening|any",
    # data: the page Wagtail's first migration makes
    r".*Welcome to your new Wagtail site!.*",
]
NOT_YET_TRANSLATED_UNDER = {
    # wagtailvideos' own listing: booleans raw, an empty list in English
    "/admin/videos/": r"True|False|You've not uploaded any videos\. Why not|add one now",
    # data: the categories' 网址名称 (slug) column
    "/admin/snippets/courses/coursecategory/": r"[a-z]+",
}
_KNOWN = re.compile("|".join(f"(?:{pattern})" for pattern in NOT_YET_TRANSLATED))


def _known(url, label):
    if _KNOWN.fullmatch(label):
        return True
    return any(
        url.startswith(prefix) and re.fullmatch(pattern, label)
        for prefix, pattern in NOT_YET_TRANSLATED_UNDER.items()
    )


@pytest.fixture
def content(home_page):
    notices = NoticeIndexPageFactory(parent=home_page)
    NoticePageFactory(parent=notices, title="停水通知")
    library = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=library, title="基层党建工作学习")
    events = EventIndexPageFactory(parent=home_page)
    make_event(events, title="社区大讲堂")
    branch = BranchFactory(name="第一党支部")
    MemberFactory(branch=branch, name="李建国")
    StudyPlanFactory(branch=branch)
    session = make_session(events, [branch], title="十一月远教学习会")
    session.courses.add(course)
    VolunteerIndexPageFactory(parent=home_page)
    make_activity(events, title="敬老志愿服务")
    RecordFactory(volunteer=VolunteerFactory(real_name="王秀兰"))
    WishFactory()


def test_every_admin_screen_of_every_role_is_in_chinese(client, content):
    seen, found, screens = set(), {}, 0
    people = [UserFactory(roles=[role], is_staff=True) for role in ROLES]
    people.append(UserFactory(is_superuser=True, is_staff=True))
    for person in people:  # each role's own screens first, then the rest
        client.force_login(person)
        untranslated, visited = scan(client, seen=seen)
        screens += len(visited)
        for url, labels in untranslated.items():
            new = [label for label in labels if not _known(url, label)]
            if new:
                found[url] = new
    assert screens > 60  # the walk reached the admin, not just a login page
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
