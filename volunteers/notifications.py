"""E-mail to volunteers who gave an address (through Django's mail backend,
like the events app's). Called after commit with sign-up ids."""

from django.urls import reverse

from events.notifications import absolute_url, send_message

from .models import ShiftSignup


def shift_promoted(ids):
    """Tell volunteers moved up from a shift's waiting list."""
    signups = ShiftSignup.objects.select_related("shift__activity").filter(pk__in=ids)
    for signup in signups:
        activity = signup.shift.activity
        send_message(
            signup.email,
            "volunteers/email/shift_promoted_subject.txt",
            "volunteers/email/shift_promoted.txt",
            {
                "signup": signup,
                "shift": signup.shift,
                "activity": activity,
                "my_shifts_url": absolute_url(activity, reverse("volunteers:my_shifts")),
            },
            f"shift sign-up {signup.pk}",
        )
