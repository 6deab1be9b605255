"""Content like the demo's (``manage.py load_demo``) for the query budget
tests: what a page shows beyond its own list, and what cost the demo's pages
queries the tests' bare lists never showed (the community's logo, 志愿服务's
figures and open wishes, a 直播预告 with its branches and courses, courses
with a poster, a video with subtitles, course materials and tags)."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtailvideos.models import TrackListing, Video, VideoTrack

from core.models import CommunitySettings
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import EventIndexPageFactory
from tests.study.factories import BranchFactory, make_session
from tests.volunteers.factories import (
    RecordFactory,
    VolunteerFactory,
    VolunteerIndexPageFactory,
    WishFactory,
)


def image(title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), "red").save(buffer, format="PNG")
    picture = get_image_model()(title=title)
    picture.file = ImageFile(io.BytesIO(buffer.getvalue()), name="picture.png")
    picture.save()
    return picture


def video(title="讲座视频"):
    """A video with a poster frame and a subtitle track in the video library."""
    clip = Video.objects.create(title=title, file=ContentFile(b"...", name="talk.mp4"))
    clip.thumbnail.save("talk.jpg", ContentFile(b"..."), save=True)
    Video.objects.filter(pk=clip.pk).update(duration=datetime.timedelta(minutes=10))
    clip.refresh_from_db()
    listing = TrackListing.objects.create(video=clip)
    VideoTrack.objects.create(
        listing=listing, label="中文", language="zh", file=ContentFile(b"WEBVTT\n", name="t.vtt")
    )
    return clip


def course(library, **fields):
    """A course as the demo has them: a poster, a video, materials and tags."""
    page = CoursePageFactory(parent=library, poster=image("课程封面"), video=video(), **fields)
    document = get_document_model().objects.create(
        title="课件", file=ContentFile(b"%PDF-1.4", name="slides.pdf")
    )
    page.documents.create(document=document, title="学习课件")
    page.tags.add("党章", "党史")
    page.save_revision().publish()
    return page


def furnish(home_page, events=None):
    """The sections the demo's home, notice list and calendar show beside
    their lists. Returns the event index (``events`` if given) and the
    course library."""
    settings = CommunitySettings.for_site(Site.objects.get(root_page=home_page))
    settings.logo = image("社区标志")
    settings.save()

    VolunteerIndexPageFactory(parent=home_page)
    for _ in range(2):
        RecordFactory(status="approved", volunteer=VolunteerFactory())
    WishFactory.create_batch(3)

    events = events or EventIndexPageFactory(parent=home_page)
    library = CourseIndexPageFactory(parent=home_page)
    shown = [course(library, title=f"直播课程 {i}") for i in range(2)]
    for i in range(2):  # 直播预告: the next two sessions, each with branches and courses
        session = make_session(events, BranchFactory.create_batch(2), title=f"学习会 {i}")
        session.courses.add(*shown)
        session.save_revision().publish()
    return events, library
