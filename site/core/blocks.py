"""The shared StreamField block library. App-specific blocks live beside their
app; every block renders with its own template under templates/core/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题文字"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("级别"),
        choices=[("h2", _("二级标题")), ("h3", _("三级标题"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "core/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    alt_text = blocks.CharBlock(
        label=_("替代文字"),
        max_length=200,
        help_text=_("为看不见图片的读者描述图片内容；纯装饰图片可留空。"),
        required=False,
    )
    caption = blocks.CharBlock(label=_("图片说明"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "core/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(label=_("显示名称"), max_length=120, required=False)

    class Meta:
        icon = "doc-full"
        label = _("文件下载")
        template = "core/blocks/document.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    source = blocks.CharBlock(label=_("出处"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("引文")
        template = "core/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("正文段落"), features=RICH_TEXT_FEATURES, template="core/blocks/paragraph.html"
    )
    image = ImageBlock()
    document = DocumentBlock()
    quote = QuoteBlock()

    class Meta:
        label = _("正文")
