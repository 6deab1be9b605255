"""Models every app may use: the abstract ``DocumentLink`` and the site's
``CommunitySettings`` (the community's identity, in every page's header and
footer)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from core.page_cache import purge_when_saved


class DocumentLink(Orderable):
    """A Wagtail document attached to a page, in the editor's order, with an
    optional name to show instead of the document's title: a notice's 附件,
    a course's 课件资料. A subclass adds ``page = ParentalKey(...)``.
    Documents are always served by Wagtail's view, as downloads."""

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("显示名称"), max_length=120, blank=True, help_text=_("留空则使用文件标题。")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def display_title(self):
        return self.title or self.document.title


contact_phone_validator = RegexValidator(
    r"^[0-9()（）+\-\s转]{7,30}$",
    _("请输入电话号码，例如 0816-2345678 或 13812345678。"),
)


@register_setting(icon="site")
@purge_when_saved
class CommunitySettings(BaseSiteSetting):
    """The community's identity, shown in every page's header and footer."""

    select_related = ["logo"]  # read with the settings: one query less on every page

    name = models.CharField(_("社区名称"), max_length=60, default="示范社区")
    tagline = models.CharField(_("一句话介绍"), max_length=120, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(
        _("联系电话"),
        max_length=30,
        blank=True,
        validators=[contact_phone_validator],
        help_text=_("社区对外公开的办公电话，会显示在每个页面底部。"),
    )
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("标志"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    icp_number = models.CharField(_("ICP 备案号"), max_length=60, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("office_hours")],
            heading=_("联系方式"),
        ),
        FieldPanel("icp_number"),
    ]

    class Meta:
        # The table keeps the name it had when the model lived in home
        # (migration core 0001 moved the model, not the data).
        db_table = "home_communitysettings"
        verbose_name = _("社区信息")


class MailStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    RETRYING = "retrying", _("重试中")
    FAILED = "failed", _("失败")


class OutgoingMessage(models.Model):
    """One e-mail the site sends, stored before it is sent (core/mail.py):
    a task sends it after the change that caused it commits, and retries
    with back-off; an administrator sees its state in 设置 › 邮件发送记录."""

    to = models.EmailField(_("收件人"))
    # The account it was written to, where there is one: 我的数据 exports
    # these messages, and erasing the account deletes them.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("收件账户"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject = models.CharField(_("主题"), max_length=255)
    body = models.TextField(_("正文"))
    about = models.CharField(_("涉及"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("失败原因"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("最近尝试"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("外发邮件")
        verbose_name_plural = _("邮件发送记录")
        ordering = ["-created_at", "-pk"]
        # Read-only in the admin: the site writes these rows, people only
        # look at them and ask for a failed message to be sent again.
        default_permissions = ("view",)
        permissions = [("retry_outgoingmessage", _("可以立即重发邮件"))]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_mail_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=MailStatus.values), name="core_mail_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=MailStatus.SENT) | models.Q(sent_at__isnull=False),
                name="core_mail_sent_has_time",
            ),
        ]

    def __str__(self):
        return self.subject


def _export_storage():
    from django.core.files.storage import storages

    return storages["exports"]


class ExportState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ExportJob(models.Model):
    """One large Excel export made by the background worker (core/exports.py):
    who asked, which registered export with which parameters, how far it is,
    and the file, kept in the private ``exports`` storage and given only to
    its owner (我的导出)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("导出"), max_length=60)
    label = models.CharField(_("名称"), max_length=120)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=ExportState.choices, default=ExportState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    rows = models.PositiveIntegerField(_("行数"), null=True, blank=True)
    file = models.FileField(_("文件"), storage=_export_storage, upload_to="exports/", blank=True)
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导出任务")
        verbose_name_plural = _("我的导出")
        ordering = ["-created_at", "-pk"]
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=ExportState.values), name="core_export_state_valid"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def pending(self):
        return self.state in (ExportState.QUEUED, ExportState.RUNNING)
