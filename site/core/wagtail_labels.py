"""Labels Wagtail makes from a field's Python name, in English, and never
passes through gettext: without these, the sites list heads its columns
"Port", "Site name", "Root page", the page chooser of a workflow and of a
group's page permissions is announced as "Page", and the rich-text editor's
link dialogs ask for "Link text", "Email address", "Subject", "Body",
"Phone number".

The first ones get the verbose name of the model field they show, which
Wagtail's catalogue translates (端口号, 站点名称, 根页面, 页面); the link
dialogs' fields get ours. Installed once at start-up (``CoreConfig.ready``);
the admin scan (tests/home/test_admin_in_chinese.py, choosers included)
fails if an upgrade brings the English back.
"""

from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def _verbose_name(model, field=None):
    def label():
        if field is None:
            return capfirst(model._meta.verbose_name)
        return capfirst(model._meta.get_field(field).verbose_name)

    return lazy(label, str)()


def install():
    from wagtail.admin.forms.choosers import (
        AnchorLinkChooserForm,
        EmailLinkChooserForm,
        ExternalLinkChooserForm,
        PhoneLinkChooserForm,
    )
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Page, Site
    from wagtail.sites.views import IndexView as SiteIndexView
    from wagtail.users.forms import PagePermissionsForm

    for column in SiteIndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = _verbose_name(Site, column.name)
    for form in (WorkflowPageForm, PagePermissionsForm):
        form.base_fields["page"].label = _verbose_name(Page)

    link_text = _("链接文字")
    labels = {
        ExternalLinkChooserForm: {"link_text": link_text},
        AnchorLinkChooserForm: {"link_text": link_text},
        EmailLinkChooserForm: {
            "email_address": _("电子邮箱地址"),
            "link_text": link_text,
            "subject": _("邮件主题"),
            "body": _("邮件正文"),
        },
        PhoneLinkChooserForm: {"phone_number": _("电话号码"), "link_text": link_text},
    }
    for form, fields in labels.items():
        for name, label in fields.items():
            form.base_fields[name].label = label
