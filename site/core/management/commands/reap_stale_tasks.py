from django.core.management.base import BaseCommand, CommandError

from core import mail
from core.background import minutes, reap_stale_tasks


class Command(BaseCommand):
    help = (
        "把后台任务队列中因工作进程意外终止而一直处于“运行中”的任务重新排队"
        "（同一任务三次丢失后标记为失败）。启动工作进程前用 --worker-id 运行，"
        "或由计划任务用 --older-than 运行。同时把发送中断或错过发送时间的邮件重新排队。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-id", help="即将以此编号启动的工作进程：它上次领取的任务都已中断。"
        )
        parser.add_argument(
            "--older-than", type=float, help="开始运行超过这么多分钟的任务视为已中断。"
        )

    def handle(self, *args, worker_id=None, older_than=None, **options):
        if worker_id is None and older_than is None:
            raise CommandError("请指定 --worker-id 或 --older-than。")
        if older_than is not None and older_than < 0:
            raise CommandError("--older-than 不能为负数。")
        requeued, failed = reap_stale_tasks(
            worker_id=worker_id,
            older_than=minutes(older_than) if older_than is not None else None,
        )
        self.stdout.write(f"已重新排队 {requeued} 个任务，标记失败 {failed} 个。")
        stalled = mail.requeue_stalled()
        self.stdout.write(f"已重新排队 {stalled} 封中断的邮件。")
