"""gunicorn settings for `make run` and production.

``pythonpath`` puts site/ on the import path (docs/architecture.md: why site/ is a source root).
Threaded workers (gthread): a request that waits on the database or on a slow
client does not block the others in the same worker.
"""

import multiprocessing
import os
import re
from pathlib import Path

pythonpath = "site"
wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")


def _control_socket(bind):
    """gunicorn's control socket (``gunicornc``), one per instance: by default
    every gunicorn of a user shares ``~/.gunicorn/gunicorn.ctl``, and each one
    that starts unlinks the previous one's (and removes it again when it stops),
    so two instances on one machine could not be told apart. Named after what
    the instance binds, under ``$VAR_DIR/run`` (``CONTROL_SOCKET`` overrides)."""
    if os.environ.get("CONTROL_SOCKET"):
        return os.environ["CONTROL_SOCKET"]
    var_dir = Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parent / "var")
    name = re.sub(r"[^A-Za-z0-9.]+", "-", bind).strip("-")
    return str(var_dir / "run" / f"gunicorn-{name}.ctl")


control_socket = _control_socket(bind)
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("WEB_THREADS", "8"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 20
accesslog = os.environ.get("ACCESS_LOG", "-")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
