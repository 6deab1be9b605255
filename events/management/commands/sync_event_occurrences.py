from django.core.management.base import BaseCommand

from events import schedule


class Command(BaseCommand):
    help = "按重复规则为所有已发布的活动生成未来一年内的场次（每天运行一次，让“一直重复”的活动向前顺延）。"

    def handle(self, *args, **options):
        count = schedule.sync_all_occurrences()
        self.stdout.write(f"已更新 {count} 个活动的场次。")
