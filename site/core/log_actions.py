"""The actions our services record in Wagtail's log, with Chinese labels.

Services call ``log(instance, "app.thing.verb", actor, **data)``. Each app
lists its actions as ``{"app.thing.verb": (label, message)}`` and registers
them from its ``register_log_actions`` hook with ``register``; the admin's
history views and the 站点历史 report then show who did what.

Log entries outlive an erased account, so they hold no personal data: the
entry's label names the object by its type and number (not ``str()``, which
is often a person's name), and services put only figures in ``data`` (a
reason typed by a coordinator stays on the object, where erasure finds it).
"""

from wagtail.log_actions import log as wagtail_log


def log(instance, action, actor=None, **data):
    user = actor if actor is not None and actor.is_authenticated else None
    return wagtail_log(
        instance=instance,
        action=action,
        user=user,
        data=data,
        title=f"{instance._meta.verbose_name} #{instance.pk}",
    )


def register(actions, table):
    for action, (label, message) in table.items():
        actions.register_action(action, label, message)
