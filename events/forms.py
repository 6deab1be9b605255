"""Forms: the editors' event form (admin) and the public registration form.

This module does not import the models (models/pages.py uses EventPageForm)."""

from django import forms
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.fields import MobileNumberField
from core.admin_forms import PageForm
from core.text import clean_text

from .capacity import RegistrationStatus
from .recurrence import WEEKDAY_CHOICES, Repeat, Schedule, parse_weekdays, timing_errors


class EventPageForm(PageForm):
    """Checks what only the whole form knows: the repetition rule together
    with the exception dates must give at least one date."""

    repeat_weekdays = forms.MultipleChoiceField(
        label=_("星期几"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("每周重复时选择；不选则按开始日期的星期几。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and not self.is_bound:
            self.initial["repeat_weekdays"] = [
                str(d) for d in parse_weekdays(self.instance.repeat_weekdays)
            ]
        if "repeat" not in self.fields:
            # A subclass without repetition in its panels (a study session, a
            # volunteer activity): no stray weekday boxes either.
            del self.fields["repeat_weekdays"]
        fixed_kind = getattr(self.instance, "fixed_kind", None)
        if fixed_kind and "kind" in self.fields:
            self.fields["kind"].disabled = True
            self.initial["kind"] = fixed_kind

    def clean_repeat_weekdays(self):
        return ",".join(
            str(d) for d in parse_weekdays(",".join(self.cleaned_data["repeat_weekdays"]))
        )

    def clean(self):
        cleaned = super().clean()
        data = {name: cleaned.get(name) for name in ("start", "end", "all_day", "repeat")}
        if not data["start"] or not data["end"] or self.has_error("end"):
            return cleaned
        for name, message in timing_errors(
            start=data["start"],
            end=data["end"],
            all_day=data["all_day"],
            opens=cleaned.get("registration_opens"),
            closes=cleaned.get("registration_closes"),
            repeat=data["repeat"] or Repeat.NONE,
            until=cleaned.get("repeat_until"),
            count=cleaned.get("repeat_count"),
        ).items():
            if name in self.fields and not self.has_error(name):
                self.add_error(name, message)
        if self.errors:
            return cleaned
        schedule = Schedule(
            start=data["start"],
            end=data["end"],
            all_day=bool(data["all_day"]),
            repeat=data["repeat"] or Repeat.NONE,
            interval=cleaned.get("repeat_interval") or 1,
            weekdays=parse_weekdays(cleaned.get("repeat_weekdays")),
            until=cleaned.get("repeat_until"),
            count=cleaned.get("repeat_count"),
            exceptions=self._exception_dates(),
        )
        if not schedule.has_any_date():
            self.add_error(
                "repeat",
                _(
                    "按这个重复规则（加上例外日期）找不到任何一天可以举办活动，"
                    "请检查开始日期、重复方式、截止日期和例外日期。"
                ),
            )
        if cleaned.get("capacity") is not None and not cleaned.get("registration_enabled"):
            self.add_error("registration_enabled", _("设置了名额，请勾选“需要报名”，或清空名额。"))
        if cleaned.get("capacity") is not None and not self.has_error("capacity"):
            self._check_capacity_not_below_confirmed(cleaned["capacity"])
        return cleaned

    def _check_capacity_not_below_confirmed(self, places):
        """Places cannot be set below what a coming date has confirmed: the
        form names the date and the number. (Publishing re-checks under the
        row lock, see schedule.sync_occurrences.)"""
        if not self.instance.pk:
            return
        fullest = (
            self.instance.occurrences.filter(start__gt=timezone.now(), cancelled=False)
            .annotate(
                taken=Sum(
                    "registrations__places",
                    filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
                )
            )
            .filter(taken__gt=places)
            .order_by("-taken", "start")
            .first()
        )
        if fullest is not None:
            self.add_error("capacity", capacity_below_confirmed(fullest.when, fullest.taken))

    def _exception_dates(self):
        formset = self.formsets.get("exception_dates")
        if formset is None or not formset.is_valid():
            return set()
        return {
            form.cleaned_data["date"]
            for form in formset.forms
            if form.cleaned_data.get("date") and not form.cleaned_data.get("DELETE")
        }


def capacity_below_confirmed(when, taken):
    return gettext(
        "%(when)s 这一场已有 %(taken)s 个名额确认报名（同行人也算），名额不能少于 %(taken)s 个。"
        "如确需减少，请先在“活动报名”名单里为部分报名者取消报名。"
    ) % {"when": when, "taken": taken}


def companions_field(max_companions):
    choices = [
        (n, _("不带同行人") if n == 0 else _("%(n)s 人") % {"n": n})
        for n in range(max_companions + 1)
    ]
    return forms.TypedChoiceField(
        label=_("同行人数"),
        choices=choices,
        coerce=int,
        initial=0,
        required=False,
        empty_value=0,
        help_text=_("例如陪同老人前来的家属。同行人也占名额。"),
    )


class MemberRegistrationForm(forms.Form):
    """A logged-in member: only companions to choose."""

    def __init__(self, *args, max_companions=0, **kwargs):
        super().__init__(*args, **kwargs)
        if max_companions:
            self.fields["companions"] = companions_field(max_companions)

    def clean_companions(self):
        return self.cleaned_data.get("companions") or 0


class GuestRegistrationForm(MemberRegistrationForm):
    """A resident without an account: name and mobile number."""

    name = forms.CharField(
        label=_("姓名"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("请填写姓名。")},
    )
    phone = MobileNumberField(
        help_text=_("工作人员用它核对身份；一个手机号每场只能报名一次。"),
        error_messages={"required": _("请填写手机号码。")},
    )
    email = forms.EmailField(
        label=_("电子邮箱（选填）"),
        required=False,
        help_text=_("填写后，候补转正和活动前一天的提醒会发到这个邮箱。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("请输入正确的电子邮箱地址，例如 name@example.com。")},
    )

    field_order = ["name", "phone", "companions", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("请填写姓名。"))
        return name
