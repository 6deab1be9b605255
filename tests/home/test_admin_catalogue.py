"""Every string Wagtail's admin can show has a Chinese translation: each msgid
of the installed Wagtail apps' catalogues (their ``en`` catalogue lists them
all) is in the zh-hans catalogue the site uses, upstream's or ours in
``locale/zh_Hans``. The admin scan only sees the screens its data reaches;
this also covers messages, validation errors, e-mails and the editor's
scripts. A Wagtail upgrade that adds strings fails here until they are
translated (docs/accessibility-and-language.md)."""

import ast
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.translation import trans_real


def _entries(path):
    """(msgctxt, msgid, msgid_plural) of each entry of a .po file."""
    entry, key = {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry.get("msgid"):
                yield entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")
            entry, key = {}, None
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
        elif not line.startswith("#"):
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)


def _wagtail_msgids(domain):
    for config in apps.get_app_configs():
        path = Path(config.path, "locale", "en", "LC_MESSAGES", f"{domain}.po")
        if config.name.startswith("wagtail") and path.exists():
            yield from _entries(path)


def _key(context, msgid, plural):
    key = msgid if context is None else f"{context}\x04{msgid}"
    return key if plural is None else (key, 0)


def test_every_string_of_the_wagtail_admin_has_a_chinese_translation():
    catalogue = trans_real.translation("zh-hans")._catalog
    msgids = list(_wagtail_msgids("django"))
    assert len(msgids) > 1000  # the installed apps' catalogues were found
    missing = [entry for entry in msgids if _key(*entry) not in catalogue]
    assert missing == []


@pytest.mark.django_db
def test_every_string_of_the_wagtail_admin_scripts_has_a_chinese_translation(client):
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    text = response.content.decode()
    start = text.index("const newcatalog = ") + len("const newcatalog = ")
    catalogue = json.loads(text[start : text.index(";\n", start)])
    msgids = list(_wagtail_msgids("djangojs"))
    assert len(msgids) > 50
    missing = [entry for entry in msgids if _js_key(*entry) not in catalogue]
    assert missing == []


def _js_key(context, msgid, plural):
    return msgid if context is None else f"{context}\x04{msgid}"
