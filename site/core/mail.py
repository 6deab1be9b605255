"""E-mail through Django's mail backend (the console embedded, SMTP when
EMAIL_HOST is set). Apps render their own templates and call
``send_message`` after commit (``transaction.on_commit``); whole links in a
message come from ``core.site_url.absolute_url``."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string

from .text import clean_text

logger = logging.getLogger(__name__)


def send_message(address, subject_template, body_template, context, about):
    """Render and send one e-mail to ``address``. Returns whether it went;
    never raises: a mail server that is down must not undo what the person
    just did (it is logged, naming ``about``)."""
    if not address:
        return False
    subject = clean_text(render_to_string(subject_template, context))
    body = render_to_string(body_template, context)
    try:
        send_mail(subject, body, None, [address])
    except Exception:
        logger.exception("could not send %s about %s", body_template, about)
        return False
    return True
