"""One vocabulary for a decision: whoever approved a service record,
reviewed a volunteer or moderated a wish is its ``decided_by``, when is
``decided_at`` and why ``decision_reason``, as on correction requests and
leave requests. Columns are renamed in place; no data moves."""

from django.db import migrations, models
from django.db.models import F, Q


def renames(model, by, at, reason):
    return [
        migrations.RenameField(model, by, "decided_by"),
        migrations.RenameField(model, at, "decided_at"),
        migrations.RenameField(model, reason, "decision_reason"),
    ]


CHECKS = {
    # The constraints whose conditions name the renamed columns: dropped
    # before the renames (SQLite rebuilds the table on a rename, with the
    # constraints as they stand) and made again after them.
    ("servicerecord", "volunteers_no_self_approval"): Q(decided_by__isnull=True)
    | Q(volunteer_user__isnull=True)
    | ~Q(decided_by=F("volunteer_user")),
    ("servicerecord", "volunteers_record_rejection_has_reason"): ~Q(status="rejected")
    | ~Q(decision_reason=""),
    ("volunteer", "volunteers_rejection_has_reason"): ~Q(status="rejected")
    | ~Q(decision_reason=""),
    ("wish", "volunteers_wish_rejection_has_reason"): ~Q(status="rejected")
    | ~Q(decision_reason=""),
}


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0008_coordinate_volunteers_permission")]

    operations = [
        *(migrations.RemoveConstraint(model, name) for model, name in CHECKS),
        *renames("servicerecord", "approved_by", "approved_at", "reject_reason"),
        *renames("volunteer", "reviewed_by", "reviewed_at", "review_reason"),
        *renames("wish", "moderated_by", "moderated_at", "reject_reason"),
        *(
            migrations.AddConstraint(model, models.CheckConstraint(condition=q, name=name))
            for (model, name), q in CHECKS.items()
        ),
    ]
