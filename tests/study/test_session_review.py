"""A branch administrator's study session and event pages go through the
内容审核 review like an editor's, through the real page editor: "publish"
is not theirs to press, submitting starts the workflow, nothing goes live
and nothing live is taken down without a reviewer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from accounts import roles
from learning.study import demo
from learning.study.models import StudySession
from tests.accounts.factories import UserFactory
from tests.study.factories import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_rights(event_index):
    """What the demo (and migration 0008 for an existing 社区活动) gives."""
    demo.grant_session_pages(event_index)
    return event_index


def _form(branch, title="十二月远教学习会", slug="study-december", **actions):
    day = timezone.localdate() + datetime.timedelta(days=10)
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "start": f"{day} 09:00",
            "end": f"{day} 11:00",
            "place": "远教活动室",
            "host": "王秀兰",
            "makeup_days": "7",
            "summary": "",
            "body": streamfield([]),
        }
    )
    data["branches"] = [str(branch.pk)]
    data.update(actions)
    return data


def _add_url(index):
    return reverse("wagtailadmin_pages:add", args=("study", "studysession", index.pk))


def test_the_branch_administrators_have_no_publish_right_on_any_page(page_rights):
    codenames = set(
        GroupPagePermission.objects.filter(group__name=roles.BRANCH_ADMINS).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}


def test_an_administrators_publish_is_a_submission_for_review(admin_client, page_rights, branch):
    form = admin_client.get(_add_url(page_rights)).content.decode()
    assert 'name="action-publish"' not in form
    assert 'name="action-submit"' in form

    response = admin_client.post(_add_url(page_rights), _form(branch, **{"action-publish": "1"}))
    assert response.status_code == 302
    draft = StudySession.objects.get(slug="study-december")
    assert not draft.live  # "publish" saved a draft, nothing more

    response = admin_client.post(
        _add_url(page_rights),
        _form(branch, title="一月远教学习会", slug="study-january", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    submitted = StudySession.objects.get(slug="study-january")
    assert not submitted.live
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "内容审核"
    assert state.current_task_state.task.name == "审核员审批"


def test_an_administrator_cannot_change_or_take_down_a_live_page_without_review(
    admin_client, page_rights, branch
):
    live = make_session(page_rights, [branch], title="已发布的学习会")
    edit = reverse("wagtailadmin_pages:edit", args=[live.pk])
    data = _form(branch, title="改过的标题", slug=live.slug, **{"action-publish": "1"})
    assert admin_client.post(edit, data).status_code == 302
    live.refresh_from_db()
    assert (live.title, live.live, live.has_unpublished_changes) == ("已发布的学习会", True, True)
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[live.pk])
    admin_client.post(unpublish)
    live.refresh_from_db()
    assert live.live


def test_a_reviewer_still_publishes_directly(client, page_rights, branch):
    reviewer = UserFactory(roles=[roles.REVIEWERS])
    client.force_login(reviewer)
    response = client.post(_add_url(page_rights), _form(branch, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert StudySession.objects.get(slug="study-december").live
