"""The forms of the equipment book's screens. Each only checks what was
typed; the rules (times, states, a repair recorded once) are the services'."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import FIVE_GUARDS, GUARD_KEYS, Asset, Fault, Inspection, Run

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def moment_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def equipment_keepers():
    """Who may be named as having switched on: holders of manage_equipment."""
    held = Q(groups__permissions__codename="manage_equipment") | Q(
        user_permissions__codename="manage_equipment"
    )
    return get_user_model().objects.filter(held | Q(is_superuser=True), is_active=True).distinct()


class AssetForm(forms.ModelForm):
    class Meta:
        model = Asset
        fields = ["name", "model_number", "quantity", "purchased_on", "keeper", "note"]
        widgets = {"purchased_on": DATE}


class RunForm(forms.ModelForm):
    class Meta:
        model = Run
        fields = ["started_at", "ended_at", "operator", "purpose", "mode", "signal", "note"]
        widgets = {"started_at": moment_input(), "ended_at": moment_input()}
        help_texts = {"operator": _("不选则为登记人本人。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = equipment_keepers()


class FaultForm(forms.ModelForm):
    class Meta:
        model = Fault
        fields = ["reported_at", "reporter", "description"]
        widgets = {"reported_at": moment_input(), "description": forms.Textarea(attrs={"rows": 4})}


class SendForm(forms.Form):
    sent_at = forms.DateTimeField(label=_("送修时间"), widget=moment_input())
    sent_to = forms.CharField(label=_("送修单位"), max_length=100)


class RepairForm(forms.Form):
    repaired_at = forms.DateTimeField(label=_("修复时间"), widget=moment_input())
    repairer = forms.CharField(label=_("维修人"), max_length=100)
    cost = forms.DecimalField(
        label=_("维修费用（元）"), min_value=0, max_digits=9, decimal_places=2, initial=0
    )
    repair_note = forms.CharField(label=_("维修情况"), max_length=200, required=False)


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = [
            "inspected_on",
            "inspector",
            *(name for key in GUARD_KEYS for name in (f"{key}_ok", f"{key}_note")),
            "note",
        ]
        widgets = {"inspected_on": DATE}
        labels = {f"{key}_ok": format_lazy("{}{}", label, _("合格")) for key, label in FIVE_GUARDS}
        help_texts = {f"{key}_note": _("不合格时必须写明发现的问题。") for key in GUARD_KEYS}

    def clean(self):
        cleaned = super().clean()
        for key in GUARD_KEYS:
            if cleaned.get(f"{key}_ok") is False and not cleaned.get(f"{key}_note"):
                self.add_error(f"{key}_note", _("这一项不合格，请写明发现的问题。"))
        return cleaned
