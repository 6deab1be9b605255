"""Business rules of the course library: durations, related courses and
viewing progress. Views, the admin and commands call these functions."""

from .models import CoursePage

RELATED_COURSES = 4


def fill_duration_from_video(course):
    """The duration comes from the video file (read by ffprobe when the video
    was uploaded), not from the editor, since completion depends on it."""
    if course.video_id and course.video.duration:
        course.duration = course.video.duration


def related_courses(course, limit=RELATED_COURSES):
    """Other live courses of the same category, newest first."""
    return list(
        CoursePage.objects.live()
        .public()
        .filter(category_id=course.category_id)
        .exclude(pk=course.pk)
        .newest_first()[:limit]
    )
