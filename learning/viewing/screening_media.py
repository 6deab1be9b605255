"""What the screening page needs to play a course: its title and number,
its video files (current transcodes first, then the original, as on the
course page) and its subtitle tracks."""


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
    """The session's published courses that have a video, in the order the
    editor chose them, each with its media."""
    from learning.courses.models import CoursePage

    through = session.courses.through.objects.filter(studysession=session).order_by("pk")
    order = list(through.values_list("coursepage_id", flat=True))
    courses = (
        CoursePage.objects.live()
        .filter(pk__in=order, video__isnull=False)
        .select_related("video", "video__track_listing")
    )
    by_id = {course.pk: course for course in courses}
    return [course_media(by_id[pk]) for pk in order if pk in by_id]
