"""An editor who abandons a new notice (Wagtail saved it as a draft while
they typed) and starts again with the same title is told in Chinese that the
draft is there, with a link to go on editing it, instead of Wagtail's English
"The slug … is already in use"."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts import roles
from home.models import NoticePage
from tests.accounts.factories import UserFactory
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


def _notice(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "summary": "摘要",
            "body": streamfield([("paragraph", rich_text("<p>正文</p>"))]),
            "attachments": inline_formset([]),
        }
    )


def _add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("home", "noticepage", parent.pk))


def test_starting_again_offers_the_autosaved_draft_in_chinese(client, notice_index):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    # Autosave: the editor's browser saves the new notice in the background.
    saved = client.post(
        _add_url(notice_index),
        _notice("停水通知", "water-cut"),
        HTTP_ACCEPT="application/json",
    )
    assert saved.status_code == 200 and saved.json()["success"]
    draft = NoticePage.objects.get(slug="water-cut")
    assert not draft.live

    response = client.post(_add_url(notice_index), _notice("停水通知", "water-cut"))
    assert response.status_code == 200  # the form again, nothing lost
    html = response.content.decode()
    assert "already in use" not in html
    assert "已有一篇草稿“停水通知”使用网址名称“water-cut”" in html
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert f'<a href="{edit_url}">继续编辑那篇草稿</a>' in html
    assert client.get(edit_url).status_code == 200
    assert NoticePage.objects.filter(slug="water-cut").count() == 1


def test_a_published_page_with_the_same_address_is_named_without_a_draft_link(client, notice_index):
    NoticePageFactory(parent=notice_index, title="停电通知", slug="power-cut")
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    html = client.post(_add_url(notice_index), _notice("停电通知", "power-cut")).content.decode()
    assert "已有页面“停电通知”使用网址名称“power-cut”，请换一个网址名称" in html
    assert "继续编辑那篇草稿" not in html
