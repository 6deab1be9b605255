import datetime

from django.core.management.base import BaseCommand, CommandError

from events import schedule


class Command(BaseCommand):
    help = (
        "给明天（或 --date 指定日期）有活动的已确认报名者发送提醒邮件。"
        "可重复运行：每人每场只提醒一次。建议每天傍晚由计划任务运行一次。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="活动日期，格式 YYYY-MM-DD；默认为明天。")

    def handle(self, *args, date=None, **options):
        day = None
        if date:
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError("日期格式不正确，应为 YYYY-MM-DD，例如 2026-12-15。") from error
        sent = schedule.send_reminders(day=day)
        self.stdout.write(f"已安排发送 {sent} 封活动提醒邮件（由后台进程发出）。")
