import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventIndexPage, EventPage
from events.recurrence import Repeat


def at(day, hour=9, minute=0):
    """An aware Asia/Shanghai datetime."""
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def days_from_now(days, hour=9, minute=0):
    return at(timezone.localdate() + datetime.timedelta(days=days), hour, minute)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "社区活动"
    slug = "events"
    show_in_menus = True


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"测试活动 {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = "lecture"
    audience = "everyone"
    start = factory.LazyFunction(lambda: days_from_now(3, 9))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    place = "社区党群服务中心三楼多功能厅"
    summary = "活动摘要"
    registration_enabled = True
    capacity = 10
    max_companions = 2
    repeat = Repeat.NONE


def publish(page):
    """Publish a new revision, as an editor would: occurrences follow."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_event(parent, **fields):
    """An EventPage under ``parent``, published (with its occurrences)."""
    return publish(EventPageFactory(parent=parent, **fields))


def event_form_data(**overrides):
    """What the admin's 活动 form posts (publish), as an editor fills it in;
    ``start`` and ``end`` as "YYYY-MM-DD HH:MM"."""
    fields = {
        "title": "每月义诊",
        "slug": "clinic",
        "kind": "lecture",
        "audience": "everyone",
        "place": "便民服务大厅",
        "repeat": "none",
        "repeat_interval": "1",
        "max_companions": "1",
        "summary": "",
        "body": streamfield([]),
        "exception_dates": inline_formset([]),
    }
    fields.update(overrides)
    data = nested_form_data(fields)
    data["action-publish"] = "1"
    return data
