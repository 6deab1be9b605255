"""社区信息 (CommunitySettings) moves from home to core, where every app may
read it. Only Django's idea of where the model lives changes: the table
keeps its name (``home_communitysettings``) and its rows, and the content
type is renamed so that the permissions granted on it (审核员 may change it)
and the admin's history of it stay attached."""

import django.core.validators
import django.db.models.deletion
from django.db import IntegrityError, migrations, models, transaction

MODEL = "communitysettings"


def _move_content_type(apps, schema_editor, old_app, new_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    content_type = ContentType.objects.using(db).filter(app_label=old_app, model=MODEL).first()
    if content_type is None:  # a fresh database: Django creates it after migrating
        return
    content_type.app_label = new_app
    try:
        with transaction.atomic(using=db):
            content_type.save(using=db, update_fields=["app_label"])
    except IntegrityError:
        # A content type for the new place exists already (left by an earlier
        # run); `manage.py remove_stale_contenttypes` asks what to do with the old one.
        return
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, "home", "core")


def backwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, "core", "home")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0002_reviewers_edit_community_settings"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CommunitySettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(default="示范社区", max_length=60, verbose_name="社区名称")),
                        ("tagline", models.CharField(blank=True, max_length=120, verbose_name="一句话介绍")),
                        ("address", models.CharField(blank=True, max_length=200, verbose_name="地址")),
                        (
                            "phone",
                            models.CharField(
                                blank=True,
                                help_text="社区对外公开的办公电话，会显示在每个页面底部。",
                                max_length=30,
                                validators=[
                                    django.core.validators.RegexValidator(
                                        "^[0-9()（）+\\-\\s转]{7,30}$",
                                        "请输入电话号码，例如 0816-2345678 或 13812345678。",
                                    )
                                ],
                                verbose_name="联系电话",
                            ),
                        ),
                        ("office_hours", models.CharField(blank=True, max_length=100, verbose_name="办公时间")),
                        ("icp_number", models.CharField(blank=True, max_length=60, verbose_name="ICP 备案号")),
                        (
                            "logo",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                                verbose_name="标志",
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "社区信息",
                        "db_table": "home_communitysettings",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
