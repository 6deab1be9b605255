"""The embedded default that ``make run`` serves: one machine, SQLite, local
media, plain HTTP on 127.0.0.1. DEBUG stays off (it is a real site, not a
debugger); the secret key is generated once into ``var/secret_key`` unless
DJANGO_SECRET_KEY is set."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR
from .env import env, env_list


def _local_secret_key():
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env("DJANGO_SECRET_KEY") or _local_secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
