import datetime

from django.core.management.base import BaseCommand, CommandError

from core import exports


class Command(BaseCommand):
    help = "删除创建超过指定天数的导出任务及其文件（默认 7 天）。建议每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="保留天数，默认 7。")

    def handle(self, *args, days=7, **options):
        if days < 1:
            raise CommandError("保留天数至少为 1。")
        deleted = exports.prune(datetime.timedelta(days=days))
        self.stdout.write(f"已删除 {deleted} 个导出任务及其文件。")
