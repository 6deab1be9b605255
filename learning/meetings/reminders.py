"""Reminders before a due date: each period of a kind (of a party group
for 党小组会) that is ``due_soon`` in the register — running, fewer held
than due, its end within the requirement's ``remind_days`` — is mailed once
to the branch's administrators (those with an e-mail address).

Each period is claimed first (``ReminderSent``, unique, committed) and
mailed after; a branch whose mail reached nobody gives its claims back, so
the next run tries again. Running it twice a day sends nothing twice.
"""

from django.db import transaction
from django.utils import timezone

from core.log_actions import log
from core.mail import send_message
from learning.study.models import Branch

from . import register
from .models import ReminderSent


def _claim(branch, line, cell):
    with transaction.atomic():
        _row, created = ReminderSent.objects.get_or_create(
            branch=branch,
            kind=line.kind,
            group_key=line.party_group.pk if line.party_group else 0,
            period_start=cell[3],
        )
    return _row if created else None


def send_reminders(today=None):
    """Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    branches = list(Branch.objects.all())
    years = register.branch_years(branches, today.year, today)
    sent = 0
    for branch in branches:
        claimed = []
        for line in years[branch.pk]:
            for cell in line.due_soon:
                row = _claim(branch, line, cell)
                if row is not None:
                    claimed.append((row, line, cell))
        if not claimed:
            continue
        items = [
            {
                "kind": line.label,
                "group": line.party_group.name if line.party_group else "",
                "period": cell[0],
                "held": cell[1],
                "count": line.requirement.count,
                "end": cell[4],
            }
            for _row, line, cell in claimed
        ]
        addresses = (
            branch.administrators.filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        delivered = 0
        for address in addresses:
            delivered += send_message(
                address,
                "meetings/email/reminder_subject.txt",
                "meetings/email/reminder.txt",
                {"branch": branch, "items": items},
                about=f"branch {branch.pk}",
            )
        if delivered:
            log(branch, "meetings.reminder.send", None, periods=len(items), mails=delivered)
            sent += delivered
        else:
            ReminderSent.objects.filter(pk__in=[row.pk for row, _line, _cell in claimed]).delete()
    return sent
