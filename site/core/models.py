"""Abstract models that several apps share. core has no tables of its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


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
