"""What other apps show beside the monthly study plan (学习计划总览).

An app registers a function with the Wagtail hook
``register_study_plan_aside``: ``(request, year) -> dict | None``, a dict
with ``template`` (rendered inside the plan screen with the dict as
``aside``), ``order`` and whatever the template needs; None to stay hidden.
The study app never imports the apps that answer (e.g. learning.viewing's
most wanted topics, 点播需求), so planning can start from what members ask
for without a wrong-way import.
"""

from wagtail import hooks

HOOK = "register_study_plan_aside"


def plan_asides(request, year):
    """The answers of every registered function, in ``order`` (then template)."""
    asides = []
    for fn in hooks.get_hooks(HOOK):
        aside = fn(request, year)
        if aside:
            asides.append(aside)
    return sorted(asides, key=lambda a: (a.get("order", 100), a["template"]))
