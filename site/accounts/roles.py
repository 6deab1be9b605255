"""Roles are Django groups, created by the data migration 0002_roles.

Members and volunteers are ordinary users without a group. These names are
used only to *name* groups (the demo, tests); authorisation never asks for a
group's name, which an admin may rename: it asks for a permission codename
that the roles' data migrations grant (``user.has_perm("app.codename")``).
"""

from django.utils.translation import gettext_lazy as _

EDITORS = "编辑"
REVIEWERS = "审核员"
BRANCH_ADMINS = "远教管理员"
# Created by the study app's migration 0008 (every branch, not only their own).
COMMUNITY_STUDY_ADMINS = "社区远教管理员"
VOLUNTEER_COORDINATORS = "志愿者协调员"

ALL = (EDITORS, REVIEWERS, BRANCH_ADMINS, COMMUNITY_STUDY_ADMINS, VOLUNTEER_COORDINATORS)

DESCRIPTIONS = {
    EDITORS: _("撰写通知、课程和活动，提交审核后发布"),
    REVIEWERS: _("审核并直接发布内容"),
    BRANCH_ADMINS: _("管理所负责支部的党员、学习计划、点名册和台账"),
    COMMUNITY_STUDY_ADMINS: _("管理全部支部，指定各支部的远教管理员"),
    VOLUNTEER_COORDINATORS: _("审核志愿者、组织活动、认定服务时长"),
}
