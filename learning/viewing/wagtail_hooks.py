"""远教站点 in the Wagtail admin, and the app's answers to other apps' hooks."""

from wagtail import hooks

from core import log_actions

from .log_actions import ACTIONS


@hooks.register("register_log_actions")
def viewing_log_actions(actions):
    log_actions.register(actions, ACTIONS)
