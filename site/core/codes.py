"""Random secret codes and signed codes, e.g. for a check-in QR code.

A signed code is ``value:signature``: anyone may read it, nobody can make a
valid one for another value without the secret key, so a forged code is
refused before the database is asked.
"""

import secrets

from django.core import signing


def random_code(nbytes=16):
    """An unguessable URL-safe code (22 characters for 16 bytes)."""
    return secrets.token_urlsafe(nbytes)


def sign_code(value, salt):
    return signing.Signer(salt=salt).sign(str(value))


def unsign_code(signed, salt):
    """The value inside a signed code, or None if it was forged or damaged."""
    try:
        return signing.Signer(salt=salt).unsign(str(signed or ""))
    except signing.BadSignature:
        return None
