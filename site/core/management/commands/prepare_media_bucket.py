from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.bucket import prepare_bucket

OUTCOMES = {"changed": "已设置", "unchanged": "未改动", "unsupported": "存储不支持，已跳过"}
LABELS = {
    "public_access_block": "公开访问阻止（只允许存储桶策略公开，不允许 ACL）",
    "policy": "存储桶策略（图片、视频、字幕等前缀公开只读，文档不公开）",
    "cors": "跨域规则（视频播放器和字幕）",
}


class Command(BaseCommand):
    help = (
        "为媒体文件的对象存储（MEDIA_S3_BUCKET）设置网站需要的存储桶策略和跨域规则："
        "MEDIA_S3_PUBLIC_PREFIXES 下的文件公开只读，文档等其余文件不公开；"
        "允许网站的地址（MEDIA_S3_CORS_ORIGINS，默认 SITE_URL）读取视频和字幕。"
        "在一个空的私有存储桶上运行一次；重复运行不会改动已经正确的设置。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--origin",
            action="append",
            dest="origins",
            help="允许跨域读取媒体的网站地址，可重复；默认取 MEDIA_S3_CORS_ORIGINS。",
        )

    def handle(self, *args, origins=None, **options):
        from botocore.exceptions import BotoCoreError, ClientError
        from django.core.files.storage import default_storage

        bucket = settings.AWS_STORAGE_BUCKET_NAME
        if not bucket:
            raise CommandError("没有设置 MEDIA_S3_BUCKET：媒体文件存放在本机，不需要准备存储桶。")
        origins = origins or settings.MEDIA_S3_CORS_ORIGINS
        client = default_storage.connection.meta.client
        try:
            outcome = prepare_bucket(client, bucket, settings.MEDIA_S3_PUBLIC_PREFIXES, origins)
        except (ClientError, BotoCoreError) as error:
            raise CommandError(f"无法设置存储桶 {bucket}：{error}") from error
        for key, label in LABELS.items():
            self.stdout.write(f"{label}：{OUTCOMES[outcome[key]]}")
        self.stdout.write(
            self.style.SUCCESS(
                f"存储桶 {bucket} 已准备好；公开前缀："
                + "、".join(settings.MEDIA_S3_PUBLIC_PREFIXES)
                + "；允许的网站地址："
                + "、".join(origins)
            )
        )
