"""The certificate of service hours (志愿服务证明) as a PDF, with reportlab.

Chinese text uses reportlab's built-in CID font STSong-Light (Adobe's
Asian font pack names it; PDF readers bring the glyphs), so no font file is
shipped or needed on the server.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
_registered = False


def _font():
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True
    return FONT


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


def certificate_pdf(certificate, verify_url):
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
    story = [
        Paragraph(_("志愿服务证明"), title),
        Spacer(1, 8 * mm),
        Paragraph(certificate_text(certificate), body),
        Spacer(1, 6 * mm),
    ]
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
    story += [
        table,
        Spacer(1, 8 * mm),
        Paragraph(_("出具单位：%(issuer)s") % {"issuer": certificate.issuer}, body),
        Paragraph(
            _("出具日期：%(date)s")
            % {"date": f"{timezone.localtime(certificate.issued_at):%Y年%m月%d日}"},
            body,
        ),
        Paragraph(_("验证码：%(code)s") % {"code": certificate.display_code}, body),
        Paragraph(
            _("核验方法：打开 %(url)s ，输入验证码即可核对本证明。") % {"url": verify_url}, small
        ),
        Paragraph(
            _("本证明依据《志愿服务记录与证明出具办法（试行）》出具，时长以已认定的服务记录为准。"),
            small,
        ),
    ]
    document.build(story)
    return buffer.getvalue()
