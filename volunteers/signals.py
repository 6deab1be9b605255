"""Publishing a volunteer activity writes its shifts' rows (places
included); afterwards each coming shift is brought back in line with its
places, under the shift's row lock: more places move the waiting list up,
fewer than are confirmed move the latest confirmed back to the head of the
waiting list (the admin form refuses that, but volunteers may sign up
between the form and publishing, or a reviewer may approve days later)."""

from wagtail.signals import page_published


def _fit_shifts_on_publish(sender, instance, **kwargs):
    from .models import VolunteerActivity
    from .services import fit_shift_capacities

    if isinstance(instance, VolunteerActivity):
        fit_shift_capacities(instance)


def connect():
    page_published.connect(_fit_shifts_on_publish, dispatch_uid="volunteers-fit-shift-capacities")
