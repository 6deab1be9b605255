"""What the screening page needs to play a course: its title and number,
its video files (current transcodes first, then the original, as on the
course page) and its subtitle tracks."""

from django.db.models import F


def course_media(course):
    video = course.video
    sources = [
        {"src": transcode.url, "type": f"video/{transcode.media_format}"}
        for transcode in video.get_current_transcodes()
    ]
    sources.append({"src": video.url, "type": video.content_type or ""})
    return {
        "id": course.pk,
        "title": course.title,
        "number": course.catalogue_number,
        "speaker": course.speaker,
        "duration": course.duration_seconds,
        "sources": sources,
        "tracks": [
            {
                "src": track["src"],
                "kind": track["kind"],
                "srclang": track["srclang"],
                "label": str(track["label"]),
            }
            for track in course.subtitle_tracks()
        ],
    }


def playable_courses(session):
    """The session's published courses that have a video, each with its
    media, in the order of their 点播本 numbers (the printed order the room
    knows; a session's course field keeps no order of its own: Wagtail
    stores the choice as a set)."""
    from learning.courses.models import CoursePage

    courses = (
        CoursePage.objects.live()
        .filter(pk__in=session.courses.values("pk"), video__isnull=False)
        .select_related("video", "video__track_listing")
        .order_by(F("catalogue_number").asc(nulls_last=True), "pk")
    )
    return [course_media(course) for course in courses]
