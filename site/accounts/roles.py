"""Roles are Django groups, created by the data migration 0002_roles.

Members and volunteers are ordinary users without a group. Code refers to a
role by these constants, never by a literal name.
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


def has_role(user, role):
    """True if the user is in the role's group (superusers hold every role)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role in cache
