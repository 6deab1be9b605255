"""Benchmark: 60 simultaneous visitors on the home page right after a purge.

    .venv/bin/python -m bench.crowd [--code DIR] [--rounds N] [--visitors N]

Builds the demo content in a temporary VAR_DIR (migrate, load_demo), starts a
redis-server on a free loopback port as the shared cache (as several app
servers would share it) and gunicorn (2 workers x 8 threads) on it. Then,
each round: a purge (a new version of the whole site, as a publish of the
home page or a site setting makes; written from this process into the same
Redis), 60 threads request ``/`` at once, and the script counts the
responses that were rendered (neither ``X-Page-Cache: hit`` nor ``stale``)
and the median and p95 latency. A second set of rounds empties Redis first
(no previous copy to hand out). ``--code DIR`` runs gunicorn on another
checkout's code with the same data (e.g. the code before this change).
"""

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from bench.common import ROOT, free_port, gunicorn
from bench.http_load import percentile


def _crowd(port, visitors):
    start = threading.Barrier(visitors)
    results = []
    lock = threading.Lock()

    def visit():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start.wait()
        began = time.perf_counter()
        conn.request("GET", "/")
        response = conn.getresponse()
        response.read()
        with lock:
            results.append(
                (time.perf_counter() - began, response.status, response.getheader("X-Page-Cache"))
            )
        conn.close()

    threads = [threading.Thread(target=visit) for _ in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    times = [seconds * 1000 for seconds, _status, _label in results]
    rendered = sum(1 for _s, _st, label in results if label not in {"hit", "stale"})
    statuses = {status for _s, status, _l in results}
    return rendered, statistics.median(times), percentile(times, 0.95), statuses


def _redis(port, directory):
    process = subprocess.Popen(
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1"]
        + ["--dir", directory, "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process


def _measure(code, env, args, cache):
    print(f"code: {code}; {args.visitors} simultaneous visitors on /")
    with gunicorn(env=env, cwd=code) as base:
        port = int(base.rsplit(":", 1)[1])
        _crowd(port, 4)  # warm up both workers
        for label, reset in (
            ("after a purge", lambda: cache.set("page-cache:generation", uuid.uuid4().hex)),
            ("empty cache", cache.clear),
        ):
            for number in range(args.rounds):
                _crowd(port, 2)  # the page is cached
                reset()
                rendered, median, p95, statuses = _crowd(port, args.visitors)
                print(
                    f"{label}, round {number + 1}: {rendered} renders, median "
                    f"{median:.0f} ms, p95 {p95:.0f} ms, statuses {sorted(statuses)}"
                )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--code", action="append", help="checkout whose code gunicorn runs (repeatable)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--visitors", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-crowd-") as var_dir:
        port = free_port()
        redis = _redis(port, var_dir)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "VAR_DIR": var_dir,
            "DATABASE_URL": "",
            "CACHE_URL": f"redis://127.0.0.1:{port}/0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        try:
            manage = [sys.executable, str(ROOT / "manage.py")]
            for command in (
                ["migrate", "--noinput", "-v", "0"],
                ["collectstatic", "--noinput", "-v", "0"],
                ["load_demo"],
            ):
                subprocess.run(manage + command, cwd=ROOT, env=env, check=True, timeout=900)
            os.environ.update(env)
            sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
            import django

            django.setup()
            from django.core.cache import cache

            for code in args.code or [str(ROOT)]:
                _measure(os.path.abspath(code), env, args, cache)
        finally:
            redis.terminate()
            redis.wait(10)


if __name__ == "__main__":
    main()
