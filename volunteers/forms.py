"""Public forms: volunteer registration, service records, corrections,
certificates and micro-wishes. The forms check the shape of the input; the
rules are in services, whose messages the views put back on the form."""

import datetime

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import MobileNumberField
from core.text import clean_text

from .models import Availability, ServiceArea, Skill, Team

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _required(message):
    return {"required": message}


class VolunteerForm(forms.Form):
    """登记成为志愿者. Residents without an account also choose a password:
    the form makes their account (they log in with their mobile number)."""

    real_name = forms.CharField(
        label=_("真实姓名"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages=_required(_("请填写真实姓名。")),
    )
    phone = MobileNumberField(
        help_text=_("用于登录和协调员联系您，不会在网站上公开。"),
        error_messages=_required(_("请填写手机号码。")),
    )
    email = forms.EmailField(
        label=_("电子邮箱（选填）"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("填写后，候补的班次转为正式报名时会发邮件告诉您。"),
        error_messages={"invalid": _("电子邮箱格式不正确，例如 zhangsan@example.com。")},
    )
    password1 = forms.CharField(
        label=_("设置密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少 8 位，不要只用数字。以后用手机号码和这个密码登录。"),
        error_messages=_required(_("请设置密码。")),
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages=_required(_("请再次输入密码。")),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("服务领域"),
        queryset=ServiceArea.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("可多选。"),
        error_messages=_required(_("请至少选择一个服务领域。")),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("技能特长（选填）"),
        queryset=Skill.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("有些班次需要特定技能，例如急救。"),
    )
    availability = forms.MultipleChoiceField(
        label=_("可服务时间"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required(_("请至少选择一个可服务时间。")),
    )
    preferred_team = forms.ModelChoiceField(
        label=_("希望加入的服务队（选填）"),
        queryset=Team.objects.all(),
        required=False,
        empty_label=_("由协调员安排"),
    )
    is_party_member = forms.BooleanField(
        label=_("我是在职党员（到居住地社区报到）"), required=False
    )
    work_unit = forms.CharField(
        label=_("工作单位（在职党员填写）"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    show_on_leaderboard = forms.BooleanField(
        label=_("愿意出现在志愿服务光荣榜上（只显示遮挡后的姓名）"), required=False
    )
    consent = forms.BooleanField(
        label=_("我已阅读并同意上面的个人信息说明"),
        error_messages=_required(_("请阅读并同意个人信息说明后再提交。")),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None:
            for name in ("phone", "password1", "password2"):
                del self.fields[name]
            self.initial.setdefault("real_name", self.user.real_name)
            self.initial.setdefault("email", self.user.email)

    def clean_real_name(self):
        name = clean_text(self.cleaned_data["real_name"])
        if not name:
            raise forms.ValidationError(_("请填写真实姓名。"))
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if get_user_model().objects.filter(phone=phone).exists():
            raise forms.ValidationError(_("这个手机号码已经有账户了，请先登录，再登记成为志愿者。"))
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_party_member") and not clean_text(cleaned.get("work_unit")):
            self.add_error("work_unit", _("在职党员请填写工作单位。"))
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif first and "password1" in self.fields:
            probe = get_user_model()(
                phone=cleaned.get("phone") or "", real_name=cleaned.get("real_name") or ""
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class RecordForm(forms.Form):
    """申报服务时长 (service outside a shift)."""

    activity_name = forms.CharField(
        label=_("活动名称"), max_length=200, error_messages=_required(_("请填写活动名称。"))
    )
    date = forms.DateField(
        label=_("服务日期"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("请填写服务日期。"),
            "invalid": _("日期格式不正确，例如 2026-11-20。"),
        },
    )
    start_time = forms.TimeField(
        label=_("开始时间"),
        widget=TIME_WIDGET,
        error_messages={
            "required": _("请填写开始时间。"),
            "invalid": _("时间格式不正确，例如 09:00。"),
        },
    )
    end_time = forms.TimeField(
        label=_("结束时间"),
        widget=TIME_WIDGET,
        error_messages={
            "required": _("请填写结束时间。"),
            "invalid": _("时间格式不正确，例如 11:30。"),
        },
    )
    place = forms.CharField(
        label=_("服务地点"), max_length=200, error_messages=_required(_("请填写服务地点。"))
    )
    content = forms.CharField(
        label=_("服务内容"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required(_("请填写服务内容。")),
    )
    organiser = forms.CharField(
        label=_("组织单位"),
        max_length=100,
        help_text=_("例如：幸福里社区居委会。"),
        error_messages=_required(_("请填写组织单位。")),
    )
    person_in_charge = forms.CharField(
        label=_("负责人"), max_length=50, error_messages=_required(_("请填写负责人。"))
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("不能申报还没有发生的服务，请检查日期。"))
        if date < timezone.localdate() - datetime.timedelta(days=366):
            raise forms.ValidationError(_("只能申报一年以内的服务。"))
        return date


class WishDoneForm(forms.Form):
    date = RecordForm.base_fields["date"]
    start_time = RecordForm.base_fields["start_time"]
    end_time = RecordForm.base_fields["end_time"]
    content = forms.CharField(
        label=_("做了什么（选填）"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_date(self):
        return RecordForm.clean_date(self)


class CorrectionForm(forms.Form):
    proposed_hours = forms.DecimalField(
        label=_("应为时长（小时，选填）"),
        required=False,
        min_value=0.25,
        max_value=24,
        decimal_places=2,
        error_messages={
            "invalid": _("时长请填写数字，例如 2 或 1.5。"),
            "min_value": _("服务时长必须大于 0。"),
            "max_value": _("一条记录的服务时长不能超过 24 小时。"),
            "max_decimal_places": _("时长最多两位小数。"),
        },
    )
    proposed_date = forms.DateField(
        label=_("应为日期（选填）"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("日期格式不正确，例如 2026-11-20。")},
    )
    message = forms.CharField(
        label=_("说明"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required(_("请说明哪里不对、应该是什么。")),
    )


class CertificateForm(forms.Form):
    date_from = forms.DateField(
        label=_("起始日期"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("请填写起始日期。"),
            "invalid": _("日期格式不正确，例如 2026-01-01。"),
        },
    )
    date_to = forms.DateField(
        label=_("截止日期"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("请填写截止日期。"),
            "invalid": _("日期格式不正确，例如 2026-12-31。"),
        },
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("证明验证码"),
        max_length=20,
        help_text=_("证明右下角的 12 位字母和数字，例如 ABCD-EFGH-2345。"),
        error_messages=_required(_("请输入验证码。")),
    )


class WishForm(forms.Form):
    title = forms.CharField(
        label=_("心愿"),
        max_length=60,
        help_text=_("一句话，例如：帮80岁独居老人买一次菜。"),
        error_messages=_required(_("请用一句话写下心愿。")),
    )
    description = forms.CharField(
        label=_("详细说明"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required(_("请写下详细说明。")),
    )
    beneficiary = forms.CharField(
        label=_("受助人称呼"),
        max_length=30,
        help_text=_("例如“王奶奶”；网站上会遮挡部分文字。"),
        error_messages=_required(_("请填写受助人称呼。")),
    )
    place = forms.CharField(
        label=_("地点（小区、楼栋）"),
        max_length=100,
        error_messages=_required(_("请填写地点。")),
    )
    contact_name = forms.CharField(
        label=_("联系人"), max_length=50, error_messages=_required(_("请填写联系人。"))
    )
    contact_phone = MobileNumberField(
        label=_("联系电话"),
        help_text=_("只有协调员和认领的志愿者能看到。"),
        error_messages=_required(_("请填写联系电话。")),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=200, required=False)


class DeskSignupForm(forms.Form):
    phone = MobileNumberField(
        label=_("志愿者手机号码"), error_messages=_required(_("请填写手机号码。"))
    )


class AttendanceForm(forms.Form):
    checked_in_at = forms.DateTimeField(
        label=_("签到时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("请填写签到时间。"), "invalid": _("时间格式不正确。")},
    )
    checked_out_at = forms.DateTimeField(
        label=_("签退时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("请填写签退时间。"), "invalid": _("时间格式不正确。")},
    )


class RecordChangeForm(forms.Form):
    hours = forms.DecimalField(
        label=_("服务时长（小时）"),
        required=False,
        decimal_places=2,
        max_digits=6,
        error_messages={"invalid": _("时长请填写数字，例如 2 或 1.5。")},
    )
    date = forms.DateField(
        label=_("服务日期"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("日期格式不正确，例如 2026-11-20。")},
    )
    reason = forms.CharField(
        label=_("修改原因"), max_length=200, error_messages=_required(_("请写明修改原因。"))
    )
