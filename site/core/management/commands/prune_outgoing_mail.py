import datetime

from django.core.management.base import BaseCommand, CommandError

from core import mail


class Command(BaseCommand):
    help = "删除创建超过指定天数、已发送或已失败的外发邮件记录（默认 30 天）。建议每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="保留天数，默认 30。")

    def handle(self, *args, days=30, **options):
        if days < 1:
            raise CommandError("保留天数至少为 1。")
        deleted = mail.prune(datetime.timedelta(days=days))
        self.stdout.write(f"已删除 {deleted} 封邮件的发送记录。")
