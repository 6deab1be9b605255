import datetime

from django.core.management.base import BaseCommand, CommandError

from learning.meetings import reminders


class Command(BaseCommand):
    help = (
        "三会一课到期提醒：本周期还没开够、即将到期的会议，邮件提醒支部的远教管理员。"
        "可重复运行：每个支部每种会议每个周期只提醒一次。建议每天由计划任务运行一次。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按这一天计算，格式 YYYY-MM-DD；默认为今天。")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError("日期格式不正确，应为 YYYY-MM-DD，例如 2026-12-15。") from error
        sent = reminders.send_reminders(today=today)
        self.stdout.write(f"已发送 {sent} 封三会一课提醒邮件。")
