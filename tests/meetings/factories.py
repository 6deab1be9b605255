import datetime

import factory

from learning.meetings.models import Meeting, MeetingAttendance, MeetingKind
from tests.study.factories import BranchFactory, MemberFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.COMMITTEE
    branch = factory.SubFactory(BranchFactory)
    day = datetime.date(2026, 3, 10)
    place = "社区党群服务中心"
    host = "王书记"
    recorder = "李委员"
    topic = "研究第一季度工作"
    minutes = "会议讨论了第一季度的工作安排。"


class MeetingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAttendance

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(MemberFactory)
    status = "present"
    mode = "onsite"
