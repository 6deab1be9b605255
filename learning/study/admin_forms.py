from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.fields import MobileNumberField

from . import scope
from .models import Branch, Member, PartyGroup, StudyPlan


class BranchScopedForm(WagtailAdminModelForm):
    """Its 支部 field offers only the branches the user administers, so a
    member or plan can be neither created in nor moved to another branch."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "branch" in self.fields:
            self.fields["branch"].queryset = scope.branches_for(self.for_user)


class MemberForm(BranchScopedForm):
    """``party_group`` offers the groups of the user's branches; one of
    another branch than the member's is refused by ``Member.clean``."""

    phone = MobileNumberField()

    class Meta:
        model = Member
        fields = ["name", "phone", "branch", "party_group", "grid", "role", "status", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_group"].queryset = scope.within(
            PartyGroup.objects.select_related("branch"), self.for_user
        )


class PartyGroupForm(BranchScopedForm):
    """The leader is chosen among the active members of the user's
    branches; one of another branch than the group's is refused
    (``PartyGroup.clean``)."""

    class Meta:
        model = PartyGroup
        fields = ["branch", "name", "leader", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = scope.within(
            Member.objects.filter(active=True).select_related("branch"), self.for_user
        )


class StudyPlanForm(BranchScopedForm):
    class Meta:
        model = StudyPlan
        fields = ["branch", "month", "sessions_planned", "topic"]


class AdministratorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return f"{user.real_name or '—'}（{user.masked_phone}）"


def roll_takers(branch=None):
    """Active users who may take the roll (by their groups' or their own
    permission, never by a group's name), and the branch's present
    administrators (so saving the form never drops one silently)."""
    permission = Permission.objects.filter(
        codename="take_roll", content_type__app_label="study"
    ).first()
    chosen = Q(is_active=True) & (
        Q(groups__permissions=permission) | Q(user_permissions=permission)
    )
    if permission is None:
        chosen = Q(pk__in=[])
    if branch is not None and branch.pk:
        chosen |= Q(administered_branches=branch)
    return get_user_model().objects.filter(chosen).distinct().order_by("real_name", "phone")


class BranchForm(WagtailAdminModelForm):
    """Who administers a branch is set by a community-level administrator
    (``study.manage_all_branches``); a branch's own administrator edits its
    name and secretary only."""

    administrators = AdministratorChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("远教管理员"),
        widget=forms.CheckboxSelectMultiple,
        help_text=Branch._meta.get_field("administrators").help_text,
    )

    class Meta:
        model = Branch
        fields = ["name", "secretary", "sort_order", "administrators"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if scope.sees_all_branches(self.for_user):
            self.fields["administrators"].queryset = roll_takers(self.instance)
        else:
            del self.fields["administrators"]
