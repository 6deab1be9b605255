"""The certificate of service hours (志愿服务证明) as a PDF, with reportlab.

The Chinese text is set in 文泉驿微米黑 (WenQuanYi Micro Hei, Apache 2.0 or
GPLv3 with the font exception), from Debian's package ``fonts-wqy-microhei``
(``make run`` and ``make test`` install it; ``CERTIFICATE_FONT`` names the
file elsewhere, and a system check warns when it is missing).
reportlab embeds the subset of glyphs the certificate uses (TrueType
outlines, ``FontFile2``), so the PDF shows the same text on a phone whose
PDF viewer has no Chinese font at all; a built-in CID font such as
STSong-Light is never embedded and shows as empty boxes there.

The PDF carries a QR code to the verification page with the code filled in
(the same address as the certificate page's QR code, from the Site record).
"""

import io
import logging
from pathlib import Path

from django.conf import settings
from django.core.checks import Warning
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.qr import dark_runs, qr_matrix
from core.site_url import absolute_url

FONT = "WenQuanYiMicroHei"
FALLBACK_FONT = "STSong-Light"
QR_SIZE = 32 * mm
logger = logging.getLogger(__name__)


def font_path():
    """The TrueType collection the certificate is set in (settings.CERTIFICATE_FONT)."""
    return Path(settings.CERTIFICATE_FONT)


def _font():
    """Registered once per process (reading the font takes about half a second).

    Without the font file (a server where ``fonts-wqy-microhei`` was not
    installed; the system check ``volunteers.W001`` says so) the certificate
    is still issued, in the CID font STSong-Light that PDF readers with an
    Asian font pack supply, rather than refused."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    if FALLBACK_FONT in pdfmetrics.getRegisteredFontNames():
        return FALLBACK_FONT
    if font_path().is_file():
        # The collection's first face is the proportional Micro Hei.
        pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
        return FONT
    logger.warning("证明字体 %s 不存在，PDF 改用不嵌入的 %s。", font_path(), FALLBACK_FONT)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT


def check_font(app_configs=None, **kwargs):
    """System check: the certificate's font file is where the setting says."""
    if font_path().is_file():
        return []
    return [
        Warning(
            f"服务证明的中文字体文件不存在：{font_path()}",
            hint="安装 Debian 软件包 fonts-wqy-microhei（make run 会安装），"
            "或用环境变量 CERTIFICATE_FONT 指定 wqy-microhei.ttc 的位置。"
            "缺少字体时 PDF 不嵌入中文字体，没有中文字体的手机上显示为方框。",
            id="volunteers.W001",
        )
    ]


def verify_url(certificate, request=None):
    """The verification page with this certificate's code filled in: what
    both QR codes (page and PDF) carry."""
    return absolute_url(f"{reverse('volunteers:verify')}?code={certificate.code}", request)


def certificate_text(certificate):
    """The certificate's main sentence, shared by the page and the PDF."""
    return _(
        "兹证明 %(name)s 同志于 %(start)s 至 %(end)s 期间，参加志愿服务 %(count)s 次，"
        "经认定的志愿服务时长共计 %(hours)s 小时。"
    ) % {
        "name": certificate.holder_name,
        "start": f"{certificate.date_from:%Y年%m月%d日}",
        "end": f"{certificate.date_to:%Y年%m月%d日}",
        "count": certificate.record_count,
        "hours": certificate.total_hours,
    }


class QrCode(Flowable):
    """A QR code drawn as vector squares (sharp at any print size), with
    the four-module quiet zone the standard asks for."""

    def __init__(self, data, size=QR_SIZE):
        super().__init__()
        self.matrix = qr_matrix(data)
        self.width = self.height = size

    def draw(self):
        border = 4
        modules = len(self.matrix) + 2 * border
        unit = self.width / modules
        canvas = self.canv
        canvas.setFillColor(colors.white)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        for y, row in enumerate(self.matrix):
            top = self.height - (y + border + 1) * unit
            for start, length in dark_runs(row):
                canvas.rect((start + border) * unit, top, length * unit, unit, stroke=0, fill=1)


def _rows_table(certificate, small):
    header = [_("日期"), _("活动名称"), _("地点"), _("服务内容"), _("时长"), _("组织单位/负责人")]
    rows = [[Paragraph(str(h), small) for h in header]]
    for row in certificate.rows:
        rows.append(
            [
                Paragraph(row["date"], small),
                Paragraph(row["activity"], small),
                Paragraph(row["place"], small),
                Paragraph(row["content"][:120], small),
                Paragraph(row["hours"], small),
                Paragraph(f"{row['organiser']} / {row['person_in_charge']}", small),
            ]
        )
    table = Table(
        rows,
        colWidths=[22 * mm, 34 * mm, 26 * mm, 46 * mm, 14 * mm, 32 * mm],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def certificate_pdf(certificate, verify_link):
    """The PDF; ``verify_link`` is ``verify_url(certificate)``."""
    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20)
    small = ParagraphStyle("small", fontName=font, fontSize=9, leading=13)
    title = ParagraphStyle("title", fontName=font, fontSize=22, leading=30, alignment=TA_CENTER)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=_("志愿服务证明"),
        author=certificate.issuer,
    )
    issued = [
        Paragraph(_("出具单位：%(issuer)s") % {"issuer": certificate.issuer}, body),
        Paragraph(
            _("出具日期：%(date)s")
            % {"date": f"{timezone.localtime(certificate.issued_at):%Y年%m月%d日}"},
            body,
        ),
        Paragraph(_("验证码：%(code)s") % {"code": certificate.display_code}, body),
        Paragraph(
            _("核验方法：用手机扫描右侧二维码，或打开 %(url)s 输入验证码，即可核对本证明。")
            % {"url": verify_link.split("?", 1)[0]},
            small,
        ),
    ]
    footer = Table(
        [[issued, QrCode(verify_link)]],
        colWidths=[None, QR_SIZE + 4 * mm],
        style=TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (1, 0), (1, 0), 4 * mm)]
        ),
    )
    document.build(
        [
            Paragraph(_("志愿服务证明"), title),
            Spacer(1, 8 * mm),
            Paragraph(certificate_text(certificate), body),
            Spacer(1, 6 * mm),
            _rows_table(certificate, small),
            Spacer(1, 8 * mm),
            footer,
            Spacer(1, 4 * mm),
            Paragraph(
                _(
                    "本证明依据《志愿服务记录与证明出具办法（试行）》出具，时长以已认定的服务记录为准。"
                ),
                small,
            ),
        ]
    )
    return buffer.getvalue()
