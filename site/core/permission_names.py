"""Permission names in Chinese, as the group screens show them.

Django stores a permission's name when it creates the permission, in
English whatever the site's language: "Can add 党员" for our models, "Can
change site" for Wagtail's, "Can choose image" for the permissions a library
declares as a plain string. Wagtail's group screen shows ``Permission.name``.

After every ``migrate`` (and every test database flush) this handler names
each permission of the app just migrated from the model as it is now:

* Django's default actions: 可以添加/修改/删除/查看 + the model's
  ``verbose_name`` (so a renamed model renames its permissions);
* the permissions a model declares in ``Meta.permissions``: their name
  translated into the site's language through gettext (Wagtail's page
  permissions come translated; our own are Chinese source strings; a
  library's plain English string needs a msgid in ``locale/``).

It first lets Django create the app's permissions (``create_permissions``
is idempotent): Django connects its own handler after ours, because ``core``
comes before ``django.contrib.auth`` in INSTALLED_APPS, and a permission made
after this handler ran would stay English until the next migrate.
Permissions are matched by content type and codename, never by name, so
renaming them changes nothing else.
"""

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS, router
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("可以添加%(name)s"),
    "change": _("可以修改%(name)s"),
    "delete": _("可以删除%(name)s"),
    "view": _("可以查看%(name)s"),
}
MAX_LENGTH = 255  # Permission.name


def chinese_names(model):
    """{codename: name} for the permissions Django makes for ``model``."""
    opts = model._meta
    names = {}
    with translation.override(settings.LANGUAGE_CODE):
        for action in opts.default_permissions:
            if action in ACTIONS:
                names[get_permission_codename(action, opts)] = str(ACTIONS[action]) % {
                    "name": opts.verbose_name
                }
        for codename, name in opts.permissions:
            names[codename] = gettext(str(name))
    return {codename: name[:MAX_LENGTH] for codename, name in names.items()}


def name_permissions(app_config, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate: give the app's permissions their Chinese names."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    try:
        Permission = apps.get_model("auth", "Permission")
        ContentType = apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return
    if not router.allow_migrate_model(using, Permission):
        return
    wanted = {}
    for model in app_config.get_models():
        content_type = ContentType.objects.db_manager(using).get_for_model(
            model, for_concrete_model=False
        )
        for codename, name in chinese_names(model).items():
            wanted[content_type.pk, codename] = name
    if not wanted:
        return
    content_types = {content_type for content_type, _codename in wanted}
    renamed = []
    for permission in Permission.objects.using(using).filter(content_type__in=content_types):
        name = wanted.get((permission.content_type_id, permission.codename))
        if name is not None and permission.name != name:
            permission.name = name
            renamed.append(permission)
    Permission.objects.using(using).bulk_update(renamed, ["name"])
