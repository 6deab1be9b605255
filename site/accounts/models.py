from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.privacy import mask_phone

from .validators import normalize_mobile, validate_mobile


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, phone, password, **extra_fields):
        phone = normalize_mobile(phone)
        validate_mobile(phone)
        user = self.model(phone=phone, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, phone, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(phone, password, **extra_fields)

    def create_superuser(self, phone, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(phone, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{self.model.USERNAME_FIELD: normalize_mobile(username)})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with a mainland mobile number and a password.

    Members, volunteers and staff are all users; roles are groups (see
    accounts/roles.py). The phone number is never shown in full on a public page.
    """

    phone = models.CharField(
        _("手机号码"),
        max_length=11,
        unique=True,
        validators=[validate_mobile],
        error_messages={"unique": _("该手机号码已注册。")},
    )
    real_name = models.CharField(_("姓名"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    is_staff = models.BooleanField(
        _("可登录管理后台"),
        default=False,
        help_text=_("是否可以登录 Django 管理界面。Wagtail 后台以“访问后台”权限为准。"),
    )
    is_active = models.BooleanField(_("有效"), default=True)
    date_joined = models.DateTimeField(_("注册时间"), default=timezone.now)
    phone_verified_at = models.DateTimeField(
        _("手机号码验证时间"),
        null=True,
        blank=True,
        help_text=_(
            "用激活码或短信验证码证明过持有这个手机号码的时间。"
            "未验证的账户不会关联到党员登记或以前的活动报名。"
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "phone"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["real_name"]

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["real_name", "phone"]
        permissions = [("erase_personal_data", _("注销账户并清除个人信息"))]

    def __str__(self):
        return self.real_name or self.masked_phone

    def clean(self):
        super().clean()
        self.phone = normalize_mobile(self.phone)

    def get_full_name(self):
        return self.real_name or self.phone

    def get_short_name(self):
        return self.real_name or self.phone

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    masked_phone.fget.short_description = _("手机号码")

    @property
    def phone_verified(self):
        return self.phone_verified_at is not None

    @property
    def is_privileged(self):
        """Staff of any kind: a superuser, a Django-admin user, a member of
        a role group or a holder of a permission of their own. Such an
        account's password is never reset with an activation or SMS code."""
        return (
            self.is_superuser
            or self.is_staff
            or self.groups.exists()
            or self.user_permissions.exists()
        )


class ActivationCode(models.Model):
    """激活码: a one-time code a branch administrator hands to the holder of
    a phone number, printed on a slip (with a QR code) or shown on screen.

    Whoever redeems it proves they hold the slip, which the administrator
    gave to the person on the register with that number: the account for
    the number is created (or its password reset) and marked verified.
    Only a keyed hash of the code is stored. At most one open code per
    number (a new slip revokes the earlier unused one, in the database).
    """

    phone = models.CharField(_("手机号码"), max_length=11, validators=[validate_mobile])
    name = models.CharField(
        _("姓名"), max_length=50, blank=True, help_text=_("纸条上写的姓名，激活后作为账户姓名。")
    )
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("发放时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("有效期至"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发放人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("激活的账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("作废时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("激活码")
        verbose_name_plural = _("激活码")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                condition=Q(used_at__isnull=True, revoked_at__isnull=True),
                name="accounts_one_open_activation_code_per_phone",
            ),
        ]
        indexes = [models.Index(fields=["phone", "created_at"], name="accounts_act_phone")]

    def __str__(self):
        return f"{mask_phone(self.phone)} · {self.created_at:%Y-%m-%d}"

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now


class SmsCode(models.Model):
    """A six-digit code sent by SMS to prove that someone holds a number.
    Only a keyed hash is stored; a code dies when used, when it expires, or
    after a few wrong tries. The rows also give the sending limits (per
    number and per address); they are deleted a day after they expire."""

    phone = models.CharField(_("手机号码"), max_length=11, validators=[validate_mobile])
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("有效期至"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("错误次数"), default=0)
    address = models.GenericIPAddressField(_("请求地址"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["phone", "created_at"], name="accounts_sms_phone"),
            models.Index(fields=["address", "created_at"], name="accounts_sms_address"),
            models.Index(fields=["expires_at"], name="accounts_sms_expires"),
        ]

    def __str__(self):
        return f"{mask_phone(self.phone)} · {self.created_at:%Y-%m-%d %H:%M}"
