"""Credit members who watched a session's courses online to the end within
its make-up window as present online. Run daily (e.g. from cron)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from learning.study import services
from learning.study.models import StudySession


class Command(BaseCommand):
    help = "把在补学期限内在线看完学习会课程的党员记为线上出席"

    def handle(self, *args, **options):
        now = timezone.now()
        sessions = (
            StudySession.objects.live().filter(start__lte=now, courses__isnull=False).distinct()
        )
        total = 0
        for session in sessions:
            # Only sessions whose make-up window is open or closed within the last day.
            if session.makeup_deadline() < now - datetime.timedelta(days=1):
                continue
            total += services.credit_online_completions(session, now=now)
        self.stdout.write(f"已记为线上出席：{total} 人次")
