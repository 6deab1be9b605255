from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import home_page


class Command(BaseCommand):
    help = "载入演示内容（可重复运行，不会重复创建）。"

    def handle(self, *args, **options):
        # Every app's loader gets the home page, so that no app imports home.
        with transaction.atomic():
            home = home_page(self.stdout)
        for app in apps.get_app_configs():
            module_name = f"{app.name}.demo"
            if not app.name.startswith("wagtail") and find_spec(module_name, None) is not None:
                self.stdout.write(f"{app.verbose_name}：")
                with transaction.atomic():
                    import_module(module_name).load(home, self.stdout)
        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))
