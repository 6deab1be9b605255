"""现场观看记录: the member's courses watched in the viewing room."""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from core.http import private
from core.pagination import paginate
from learning.study.services import member_for_user

from .services.screening_credit import watched_on_site

PER_PAGE = 20


@private
@login_required
def watched(request):
    member = member_for_user(request.user)
    context = {"member": member}
    if member is not None:
        context["page_obj"] = paginate(request, watched_on_site(member), PER_PAGE)
    return TemplateResponse(request, "viewing/screening/watched.html", context)
