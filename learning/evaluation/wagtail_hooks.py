"""The 民主评议 menu of the Wagtail admin and the app's log actions."""

from wagtail import hooks

from core import log_actions

from .log_actions import ACTIONS


@hooks.register("register_log_actions")
def evaluation_log_actions(actions):
    log_actions.register(actions, ACTIONS)
