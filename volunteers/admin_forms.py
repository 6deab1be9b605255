"""The editors' form for a 志愿服务活动 (VolunteerActivity).

It shows only what applies to a volunteer activity: its kind (志愿服务),
audience (志愿者), registration (volunteers sign up for shifts, never for the
event) and repetition (shifts have their own dates) are fixed by the model,
so those inputs are left out of its panels. This form adds the shifts' rule:
a shift's places cannot be set below the volunteers already confirmed.

This module does not import the models (activities.py uses the form).
"""

from django.utils import timezone
from django.utils.translation import gettext

from events.forms import EventPageForm


class VolunteerActivityForm(EventPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("shifts")
        if formset is not None and formset.is_valid():
            now = timezone.now()
            for form in formset.forms:
                shift = form.instance
                places = form.cleaned_data.get("capacity")
                if not shift.pk or places is None or form.cleaned_data.get("DELETE"):
                    continue
                if shift.start <= now:
                    continue  # a shift that has begun keeps its people
                taken = shift.places_taken()
                if places < taken:
                    form.add_error(
                        "capacity",
                        gettext(
                            "这个班次已有 %(taken)s 名志愿者确认报名，名额不能少于 %(taken)s 个。"
                            "如确需减少，请先在“班次名单”里为部分志愿者取消报名。"
                        )
                        % {"taken": taken},
                    )
        return cleaned
