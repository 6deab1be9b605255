"""Certificates of service hours: issuing one, showing it (page and PDF) to
its holder or a coordinator, and the public verification page.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.http import private
from core.models import CommunitySettings
from core.pagination import paginate
from core.qr import qr_svg

from .. import certificates, services
from ..forms import CertificateForm, VerifyForm
from ..models import Certificate
from .common import PER_PAGE


def _issuer(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    name = CommunitySettings.for_site(site).name if site else ""
    return name or _("社区志愿服务站")


@private
@login_required
def certificate_list(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    today = timezone.localdate()
    form = CertificateForm(
        request.POST if request.method == "POST" else None,
        initial={"date_from": today.replace(month=1, day=1), "date_to": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.issue_certificate(
                volunteer,
                request.user,
                form.cleaned_data["date_from"],
                form.cleaned_data["date_to"],
                _issuer(request),
            )
        except services.VolunteerError as error:
            form.add_error(None, error.message)
        else:
            return redirect("volunteers:certificate", certificate.code)
    page_obj = paginate(request, volunteer.certificates.all(), PER_PAGE)
    return TemplateResponse(
        request, "volunteers/certificates.html", {"form": form, "page_obj": page_obj}
    )


def _own_certificate(request, code):
    certificate = get_object_or_404(Certificate.objects.select_related("volunteer"), code=code)
    if certificate.volunteer.user_id != request.user.pk and not request.user.has_perm(
        services.COORDINATE
    ):
        raise Http404
    return certificate


@private
@login_required
def certificate(request, code):
    certificate = _own_certificate(request, code)
    verify_url = certificates.verify_url(certificate, request)
    return TemplateResponse(
        request,
        "volunteers/certificate.html",
        {
            "certificate": certificate,
            "text": certificates.certificate_text(certificate),
            "verify_url": verify_url,
            "qr": qr_svg(verify_url, _("验证二维码：扫码核验这份证明")),
        },
    )


@private
@login_required
def certificate_pdf(request, code):
    certificate = _own_certificate(request, code)
    response = HttpResponse(
        certificates.certificate_pdf(certificate, certificates.verify_url(certificate, request)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@private
def verify(request):
    """Anyone checks a certificate code; a hit shows only what is needed to
    trust the paper in front of them (masked name, range, hours)."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    found = None
    checked = False
    if form.is_bound and form.is_valid():
        checked = True
        found = services.verify_certificate(form.cleaned_data["code"])
    return TemplateResponse(
        request, "volunteers/verify.html", {"form": form, "found": found, "checked": checked}
    )
