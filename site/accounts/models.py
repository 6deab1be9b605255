from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
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

    objects = UserManager()

    USERNAME_FIELD = "phone"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["real_name"]

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["real_name", "phone"]

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
