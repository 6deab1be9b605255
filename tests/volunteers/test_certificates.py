"""Certificates of service hours (志愿服务证明): content of the page and the
PDF, the figures fixed at issue, and public verification by code."""

import datetime
import io
import re
from decimal import Decimal

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.personal_data import erase_account
from core.qr import qr_svg
from tests.volunteers.factories import RecordFactory, VolunteerFactory
from volunteers import certificates, services
from volunteers.models import Certificate

pytestmark = pytest.mark.django_db

D = datetime.date


def pdf_text(data):
    """The text of every page, read back through the fonts' ToUnicode maps."""
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_fonts(data):
    """(BaseFont, font dictionary) of every font the pages use, composite
    fonts' descendants included."""
    found = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found.append((str(font["/BaseFont"]), font))
            for descendant in font.get("/DescendantFonts", []):
                descendant = descendant.get_object()
                found.append((str(descendant["/BaseFont"]), descendant))
    return found


def pdf_qr_codes(data):
    """What the QR codes on the first page say: the page drawn at 200 dpi by
    PDFium, then decoded by zxing-cpp, as a phone's camera would."""
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=200 / 72).to_pil()
    finally:
        document.close()
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.fixture
def served(volunteer, boss):
    """Three approved records in 2026 and one waiting, one outside the range."""
    volunteer.real_name = "张秀英"
    volunteer.save()
    records = [
        RecordFactory(volunteer=volunteer, date=D(2026, 3, 1), hours=2, activity_name="植树"),
        RecordFactory(volunteer=volunteer, date=D(2026, 5, 4), hours="3.5", activity_name="义诊"),
        RecordFactory(volunteer=volunteer, date=D(2026, 9, 9), hours=1, activity_name="巡逻"),
        RecordFactory(volunteer=volunteer, date=D(2025, 12, 30), hours=8, activity_name="旧年"),
    ]
    for record in records:
        services.approve_record(record, boss)
    RecordFactory(volunteer=volunteer, date=D(2026, 6, 1), hours=5, activity_name="待审核")
    return volunteer


def _issue(volunteer, start=None, end=None):
    start, end = start or D(2026, 1, 1), end or D(2026, 10, 31)
    return services.issue_certificate(volunteer, volunteer.user, start, end, "幸福里社区居委会")


def test_a_certificate_counts_only_approved_hours_in_its_range(served):
    certificate = _issue(served)
    assert certificate.total_hours == Decimal("6.5") and certificate.record_count == 3
    assert [row["activity"] for row in certificate.rows] == ["植树", "义诊", "巡逻"]
    row = certificate.rows[0]
    # What the national rules ask a record to carry.
    assert row["place"] and row["content"] and row["organiser"] == "幸福里社区居委会"
    assert row["person_in_charge"] == "李主任" and row["hours"] == "2.00"
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{12}", certificate.code)


def test_the_certificate_page_carries_the_text_the_rows_and_the_code(client, served):
    client.force_login(served.user)
    response = client.post(
        reverse("volunteers:certificates"), {"date_from": "2026-01-01", "date_to": "2026-10-31"}
    )
    certificate = Certificate.objects.get()
    assert response.url == reverse("volunteers:certificate", args=[certificate.code])
    html = client.get(response.url).content.decode()
    assert "兹证明 张秀英 同志于 2026年01月01日 至 2026年10月31日 期间，参加志愿服务 3 次" in html
    assert "共计 6.50 小时" in html
    assert "义诊" in html and "待审核" not in html and "旧年" not in html
    assert certificate.display_code in html
    assert 'aria-label="验证二维码：扫码核验这份证明"' in html
    assert f"verify/?code={certificate.code}" in html


def test_the_pdf_carries_the_same_content(client, served):
    certificate = _issue(served)
    client.force_login(served.user)
    response = client.get(reverse("volunteers:certificate_pdf", args=[certificate.code]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "志愿服务证明" in text
    assert "张秀英" in text and "6.50" in text
    assert certificate.display_code in text and "义诊" in text


# reportlab names Helvetica in every page's resources (its canvas's initial
# font): one of the 14 standard Latin fonts every PDF viewer has built in.
STANDARD_LATIN = {"/Helvetica"}


def test_the_pdf_embeds_the_chinese_font_it_uses(served):
    data = certificates.certificate_pdf(_issue(served), "https://example.cn/volunteer/verify/")
    fonts = [(name, font) for name, font in pdf_fonts(data) if name not in STANDARD_LATIN]
    assert fonts
    for name, font in fonts:
        if font["/Subtype"] == "/Type0":
            continue  # a composite font's glyphs live in its descendant, checked too
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded as TrueType"
    # reportlab embeds subsets (a six-letter tag before the name) of 文泉驿微米黑.
    assert all(re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei-\d+", name) for name, _ in fonts)
    assert b"STSong" not in data and b"UniGB" not in data  # no CID font left to the viewer


def test_the_system_check_warns_when_the_certificate_font_is_missing(settings, tmp_path):
    assert certificates.check_font() == []  # make test installs fonts-wqy-microhei
    settings.CERTIFICATE_FONT = str(tmp_path / "missing.ttc")
    (warning,) = certificates.check_font()
    assert warning.id == "volunteers.W001"
    assert "fonts-wqy-microhei" in warning.hint


def test_the_pdfs_qr_code_opens_the_verification_page_on_the_sites_address(client, served):
    call_command("set_site_url", "https://community.example.cn", stdout=io.StringIO())
    certificate = _issue(served)
    client.force_login(served.user)
    response = client.get(reverse("volunteers:certificate_pdf", args=[certificate.code]))
    expected = f"https://community.example.cn/volunteer/verify/?code={certificate.code}"
    assert pdf_qr_codes(response.content) == [expected]
    assert "https://community.example.cn/volunteer/verify/" in pdf_text(response.content)
    # The certificate page's QR code carries the same address.
    html = client.get(reverse("volunteers:certificate", args=[certificate.code])).content.decode()
    assert str(qr_svg(expected, "x")).split("<path")[1] in html


def test_a_certificate_is_shown_only_to_its_holder_and_coordinators(client, served, boss):
    certificate = _issue(served)
    client.force_login(VolunteerFactory().user)
    assert client.get(reverse("volunteers:certificate", args=[certificate.code])).status_code == 404
    pdf = reverse("volunteers:certificate_pdf", args=[certificate.code])
    assert client.get(pdf).status_code == 404
    client.force_login(boss)
    assert client.get(pdf).status_code == 200


def test_the_figures_are_fixed_when_issued(served, boss):
    certificate = _issue(served)
    record = served.records.get(activity_name="义诊")
    services.change_record(record, boss, "核对签到表", hours="1")
    certificate.refresh_from_db()
    assert certificate.total_hours == Decimal("6.5")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (D(2026, 5, 1), D(2026, 4, 1), "截止日期不能早于起始日期"),
        (D(2026, 1, 1), D(2099, 1, 1), "截止日期不能是将来的日期"),
        (D(2020, 1, 1), D(2020, 12, 31), "这段时间内没有已认定的服务时长"),
    ],
)
def test_bad_ranges_are_refused_with_a_message_and_nothing_is_issued(
    client, served, start, end, message
):
    client.force_login(served.user)
    response = client.post(
        reverse("volunteers:certificates"), {"date_from": f"{start}", "date_to": f"{end}"}
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Certificate.objects.exists()


def test_anyone_verifies_a_code_and_sees_only_the_masked_name(client, served):
    certificate = _issue(served)
    typed = certificate.display_code.lower().replace("-", " ")  # as read out on the phone
    html = client.get(reverse("volunteers:verify"), {"code": typed}).content.decode()
    assert "证明有效" in html
    assert "张*英" in html and "张秀英" not in html
    assert "6.50 小时（3 次服务）" in html


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKMN", "ZZZZ", "<script>"])
def test_a_forged_code_is_refused_with_a_clear_chinese_message(client, served, code):
    real = _issue(served)
    assert code.replace("-", "") != real.code
    response = client.get(reverse("volunteers:verify"), {"code": code})
    html = response.content.decode()
    assert response.status_code == 200
    assert "没有找到这个验证码对应的证明：证明可能是伪造的" in html
    assert "证明有效" not in html and "<script>" not in html.split("<main", 1)[1]


def test_a_deleted_volunteers_certificates_no_longer_verify(client, served):
    certificate = _issue(served)
    erase_account(served.user, served.user, now=timezone.now())
    html = client.get(reverse("volunteers:verify"), {"code": certificate.code}).content.decode()
    assert "没有找到这个验证码对应的证明" in html
