"""Small readers for configuration that comes from environment variables."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name, default=None):
    return os.environ.get(name, default)


def env_required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from exc


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


_ANY_ADDRESS = {"", "0.0.0.0", "::", "[::]"}  # noqa: S104 - recognised, never bound


def site_url():
    """The address the site is reached at, for absolute links: ``SITE_URL``
    (production: ``https://community.example.cn``), otherwise what gunicorn
    serves (``BIND``, else ``127.0.0.1:PORT``; a wildcard address becomes
    127.0.0.1, the only one known to reach it)."""
    explicit = os.environ.get("SITE_URL", "").strip()
    if explicit:
        return explicit.rstrip("/")
    bind = os.environ.get("BIND", "").strip()
    port = os.environ.get("PORT", "").strip() or "8000"
    host = "127.0.0.1"
    if bind and not bind.startswith(("unix:", "fd://")):
        address, _, bound_port = bind.rpartition(":")
        if address and bound_port.isdigit():
            port = bound_port
            if address not in _ANY_ADDRESS:
                host = address
    return f"http://{host}:{port}" if port != "80" else f"http://{host}"
