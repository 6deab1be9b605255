import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.validators import normalize_mobile, validate_mobile

DEFAULT_PHONE = "13800000000"


class Command(BaseCommand):
    help = (
        "确保存在一个超级管理员。手机号和密码取自 ADMIN_PHONE、ADMIN_PASSWORD；"
        "未设置密码时首次运行生成随机密码，保存在 var/admin-login.txt 并打印。"
    )

    def handle(self, *args, **options):
        User = get_user_model()
        phone = normalize_mobile(os.environ.get("ADMIN_PHONE", DEFAULT_PHONE))
        try:
            validate_mobile(phone)
        except ValidationError as exc:
            raise CommandError(f"ADMIN_PHONE：{exc.messages[0]}") from exc
        password = os.environ.get("ADMIN_PASSWORD", "")
        login_file = settings.VAR_DIR / "admin-login.txt"

        user = User.objects.filter(phone=phone).first()
        if user is None:
            password = password or secrets.token_urlsafe(9)
            user = User.objects.create_superuser(phone=phone, password=password, real_name="管理员")
            self._remember(login_file, phone, password)
            action = "已创建管理员"
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
            self._remember(login_file, phone, password)
            action = "已按 ADMIN_PASSWORD 重设管理员密码"
        else:
            password = self._remembered(login_file, phone)
            action = "管理员已存在"

        shown = password or "（未改动；设置 ADMIN_PASSWORD 可重设）"
        self.stdout.write(self.style.SUCCESS(f"{action}：手机号 {phone}  密码 {shown}"))

    def _remember(self, path, phone, password):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{phone}\n{password}\n", encoding="utf-8")
        path.chmod(0o600)

    def _remembered(self, path, phone):
        try:
            saved_phone, saved_password = path.read_text(encoding="utf-8").split()[:2]
        except (OSError, ValueError):
            return ""
        return saved_password if saved_phone == phone else ""
