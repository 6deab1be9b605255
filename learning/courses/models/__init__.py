"""The course library: categories, the library page, course pages and each
member's viewing progress.

``CourseProgress`` is read by the study app (``learning.study``) to credit
members who completed a session's courses online: keep its name and the
fields ``user``, ``course`` and ``completed_at`` stable.
"""

from .categories import CatalogueCounter, CourseCategory
from .pages import (
    COURSES_PER_PAGE,
    LIBRARY_ORDERS,
    CourseDocument,
    CourseIndexPage,
    CoursePage,
    CourseTag,
)
from .processing import VideoLadder, VideoProcessing
from .progress import COMPLETION_SHARE, RESUME_NEAR_END_SECONDS, CourseProgress

__all__ = [
    "COMPLETION_SHARE",
    "COURSES_PER_PAGE",
    "LIBRARY_ORDERS",
    "RESUME_NEAR_END_SECONDS",
    "CatalogueCounter",
    "CourseCategory",
    "CourseDocument",
    "CourseIndexPage",
    "CoursePage",
    "CourseProgress",
    "CourseTag",
    "VideoLadder",
    "VideoProcessing",
]
