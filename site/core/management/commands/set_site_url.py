from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.site_url import parse_site_url


class Command(BaseCommand):
    help = (
        "把默认站点（Wagtail Site）的域名和端口设为网站的对外地址，"
        "日历文件、RSS、邮件、二维码和证明的核验链接都用它。"
        "地址取自参数，否则取自环境变量 SITE_URL，再否则取自 BIND/PORT（make run）。"
        "重复运行不会改动已经正确的设置。"
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="例如 https://community.example.cn")

    def handle(self, *args, url=None, **options):
        from wagtail.models import Site

        url = url or settings.SITE_URL
        try:
            hostname, port = parse_site_url(url)
        except ValueError as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            site = Site.objects.select_for_update().filter(is_default_site=True).first()
            if site is None:
                raise CommandError(
                    "还没有默认站点：请先运行 migrate 和 load_demo（或在后台添加站点）。"
                )
            if (site.hostname, site.port) == (hostname, port):
                self.stdout.write(f"网站地址：{site.root_url}（未改动）")
                return
            site.hostname, site.port = hostname, port
            site.save()
        self.stdout.write(self.style.SUCCESS(f"网站地址已设为：{site.root_url}"))
        if hostname in ("127.0.0.1", "localhost", "::1"):
            self.stdout.write(
                "提示：这个地址只有本机能打开。让其他设备访问时，请设置 SITE_URL，"
                "例如 SITE_URL=http://192.168.1.20:8000 或 https://community.example.cn。"
            )
