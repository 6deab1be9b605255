"""Wagtail's own first rows, named in Chinese.

Wagtail's migrations make the tree's root page "Root", the root collection
"Root" and a placeholder page "Welcome to your new Wagtail site!". They are
data, so no translation catalogue reaches them, and the admin shows them in
the page explorer (浏览: Root, its breadcrumbs, sorting hints), the page
choosers of workflows and group permissions, the sites screen, the page
types report and every collection list. Renaming the rows once names them
everywhere. Only rows still carrying Wagtail's English names are renamed, so
an administrator's own name is kept; ``load_demo`` deletes the placeholder
page, real installs without the demo keep it until they replace it.
"""

from django.db import migrations

ROOT_PAGE = ("Root", "根目录")
WELCOME_PAGE = ("Welcome to your new Wagtail site!", "欢迎使用新的 Wagtail 网站！")
ROOT_COLLECTION = ("Root", "根集合")


def _rename(apps, english_to_chinese):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    old, new = english_to_chinese(ROOT_PAGE)
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    plain_page = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if plain_page is not None:
        old, new = english_to_chinese(WELCOME_PAGE)
        Page.objects.filter(depth=2, content_type=plain_page, title=old).update(
            title=new, draft_title=new
        )
    old, new = english_to_chinese(ROOT_COLLECTION)
    Collection.objects.filter(depth=1, name=old).update(name=new)


def forwards(apps, schema_editor):
    _rename(apps, lambda names: names)


def backwards(apps, schema_editor):
    _rename(apps, lambda names: names[::-1])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_community_settings_moved_to_core"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
