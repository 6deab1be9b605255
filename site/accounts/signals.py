"""Signals of the accounts app, for the apps built on it.

``phone_verified(sender=User, user, via)`` is sent inside the transaction
that marks an account's phone number as proven (``via`` is "activation" or
"sms"). Receivers link what that number was used for before: learning.study
links the party member on the register with that number, events links the
guest registrations made with it. accounts imports neither; a receiver that
raises undoes the verification.
"""

from django.dispatch import Signal

phone_verified = Signal()
