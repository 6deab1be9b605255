"""Editors' notices go through review; reviewers publish directly."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts import roles
from home.models import NoticePage
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notice_form(title, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": "review-me",
            "date": "2026-11-20",
            "summary": "摘要",
            "body": streamfield([("paragraph", rich_text("<p>正文</p>"))]),
            "attachments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def _add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("home", "noticepage", parent.pk))


def test_editor_notice_stays_off_the_site_until_a_reviewer_approves(
    client, notice_index, django_capture_on_commit_callbacks
):
    editor = UserFactory(roles=[roles.EDITORS])
    reviewer = UserFactory(roles=[roles.REVIEWERS])

    # The editor asks to publish: the notice is only submitted for review.
    client.force_login(editor)
    response = client.post(_add_url(notice_index), _notice_form("待审核的通知", "action-submit"))
    assert response.status_code == 302
    notice = NoticePage.objects.get(title="待审核的通知")
    assert not notice.live
    assert notice.current_workflow_state.status == "in_progress"
    client.logout()
    assert client.get(notice_index.url).content.decode().count("待审核的通知") == 0

    # Even a direct "publish" from the editor does not make it live.
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=(notice.pk,)),
        _notice_form("待审核的通知", "action-publish"),
    )
    notice.refresh_from_db()
    assert not notice.live

    # The reviewer approves the task: now it is live.
    client.force_login(reviewer)
    task_state = notice.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):  # the page cache is purged on commit
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(notice.pk, "approve", task_state.pk),
            ),
            {"comment": ""},
        )
    assert response.status_code in (200, 302)
    notice.refresh_from_db()
    assert notice.live
    client.logout()
    assert "待审核的通知" in client.get(notice_index.url).content.decode()


def test_reviewer_publishes_a_notice_directly(client, notice_index):
    client.force_login(UserFactory(roles=[roles.REVIEWERS]))
    response = client.post(_add_url(notice_index), _notice_form("审核员直接发布", "action-publish"))
    assert response.status_code == 302
    assert NoticePage.objects.get(title="审核员直接发布").live


def test_editor_may_not_create_pages_outside_the_notice_tree(client, notice_index):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    root = Page.get_first_root_node()
    response = client.get(reverse("wagtailadmin_pages:add", args=("home", "homepage", root.pk)))
    assert response.status_code in (302, 403)
