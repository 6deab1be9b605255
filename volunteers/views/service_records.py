"""The volunteer's service records: the list, a record submitted by hand, and
one record with its history and a correction request.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.http import private
from core.pagination import paginate

from .. import services
from ..forms import CorrectionForm, RecordForm
from ..models import ServiceRecord
from .common import PER_PAGE


@private
@login_required
def records(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    page_obj = paginate(
        request,
        volunteer.records.prefetch_related("corrections").order_by("-date", "-pk"),
        PER_PAGE,
    )
    return TemplateResponse(
        request,
        "volunteers/records.html",
        {"volunteer": volunteer, "page_obj": page_obj, "hours": volunteer.approved_hours()},
    )


@private
@login_required
def record_new(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    form = RecordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_record(volunteer, request.user, **form.cleaned_data)
        except services.VolunteerError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("已提交，协调员审核通过后计入服务时长。"))
            return redirect("volunteers:records")
    return TemplateResponse(
        request, "volunteers/record_form.html", {"form": form, "volunteer": volunteer}
    )


@private
@login_required
def record_detail(request, pk):
    record = get_object_or_404(ServiceRecord, pk=pk, volunteer__user=request.user)
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_correction(record, request.user, **form.cleaned_data)
        except services.VolunteerError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("更正申请已提交，协调员处理后会在这里显示结果。"))
            return redirect("volunteers:record", pk)
    context = {
        "record": record,
        "form": form,
        "corrections": record.corrections.all(),
        "changes": record.changes.select_related("changed_by"),
    }
    return TemplateResponse(request, "volunteers/record_detail.html", context)
