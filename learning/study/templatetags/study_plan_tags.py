"""``{% study_plan_asides %}``: what other apps register beside the study
plan (hook ``register_study_plan_aside``, ``learning/study/plan_asides.py``),
on 学习计划总览 and on the 学习计划 add and edit forms."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from ..plan_asides import plan_asides

register = template.Library()


@register.simple_tag(takes_context=True)
def study_plan_asides(context):
    request = context["request"]
    year = context.get("year") or timezone.localdate().year
    return mark_safe(
        "".join(
            render_to_string(aside["template"], {"aside": aside}, request=request)
            for aside in plan_asides(request, year)
        )
    )
