"""gunicorn settings for `make run` and production.

``pythonpath`` puts site/ on the import path (docs/architecture.md: why site/ is a source root).
Threaded workers (gthread): a request that waits on the database or on a slow
client does not block the others in the same worker.
"""

import multiprocessing
import os

pythonpath = "site"
wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("WEB_THREADS", "8"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 20
accesslog = os.environ.get("ACCESS_LOG", "-")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
