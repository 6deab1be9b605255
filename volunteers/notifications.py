"""E-mail to volunteers who gave an address (``core.mail.send_message``, like
the events app's). Called after commit with sign-up ids."""

from django.urls import reverse

from core.mail import send_message
from core.site_url import absolute_url

from .models import ShiftSignup


def _send(ids, template):
    signups = ShiftSignup.objects.select_related("shift__activity", "user").filter(pk__in=ids)
    for signup in signups:
        activity = signup.shift.activity
        send_message(
            signup.email,
            f"volunteers/email/{template}_subject.txt",
            f"volunteers/email/{template}.txt",
            {
                "signup": signup,
                "shift": signup.shift,
                "activity": activity,
                "my_shifts_url": absolute_url(reverse("volunteers:my_shifts")),
            },
            f"shift sign-up {signup.pk}",
            recipient=signup.user,
        )


def shift_promoted(ids):
    """Tell volunteers moved up from a shift's waiting list."""
    _send(ids, "shift_promoted")


def shift_moved_to_waiting(ids):
    """Tell volunteers moved back to the waiting list when a shift's places
    were lowered."""
    _send(ids, "shift_waiting")
