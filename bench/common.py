"""Shared helpers for the benchmarks: Django set-up, timing, a gunicorn server."""

import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django(settings="config.settings.local"):
    sys.path.insert(0, str(ROOT / "site"))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


def measure(fn, repeat=30, warmup=3):
    """Run fn repeat times; return (median ms, p95 ms)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def count_queries(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env=None, workers=2, threads=8, cwd=ROOT):
    """A production-style gunicorn on a free loopback port; stopped on exit
    (``cwd``: the checkout whose code it runs)."""
    port = free_port()
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "-c",
        str(Path(cwd) / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "/dev/null",
    ]
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start: " + process.stderr.read().decode())
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextlib.contextmanager
def process_group(command, env, log):
    """A child in a session of its own, so that ffmpeg started by the worker
    is stopped with it; its output goes to the file ``log``."""
    with open(log, "w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, start_new_session=True, stdout=output, stderr=output
        )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def postgres_url(database):
    """A fresh, empty PostgreSQL database ``database`` on the local server that
    `.ci/postgres-up` installs and starts; returns its URL."""
    env = {**os.environ, "PG_DB": "postgres"}
    admin_url = (
        subprocess.run(
            [str(ROOT / ".ci/postgres-up")], env=env, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    import psycopg

    with psycopg.connect(admin_url.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {database}")
        db.execute(f"CREATE DATABASE {database}")
    return admin_url.rsplit("/", 1)[0] + f"/{database}"


def run_child(module, args, env, timeout):
    """Run ``python -m module *args`` with its own empty VAR_DIR (a temporary
    SQLite database and media folder), the local settings and ``env``."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix=f"{module.replace('.', '-')}-") as var_dir:
        subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.local",
                **env,
                "VAR_DIR": var_dir,
            },
            check=True,
            timeout=timeout,
        )


def database_runs(postgres, database):
    """(label, environment) for each database to measure: SQLite always, and a
    fresh PostgreSQL database ``database`` when ``postgres`` is asked for."""
    runs = [("SQLite", {"DATABASE_URL": ""})]
    if postgres:
        runs.append(("PostgreSQL", {"DATABASE_URL": postgres_url(database)}))
    return runs


def export_in_fresh_process(module):
    """Print the export table's header and run ``module --export-child`` in a
    new process, so its peak memory is the export's and not the data set-up's."""
    print(
        "\n| export | time | memory before | peak memory (ru_maxrss) |\n| --- | ---: | ---: | ---: |"
    )
    subprocess.run(
        [sys.executable, "-m", module, "--export-child"],
        cwd=ROOT,
        env=os.environ,
        check=True,
        timeout=600,
    )


def measure_export(build, describe):
    """Time ``build()`` and print a row of the export table: ``describe`` gets
    what it built; the memory figures are this process's peak resident size
    before and after."""
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    built = build()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"| {describe(built)} | {seconds * 1000:.0f} ms | {before / 1024:.0f} MB | {peak / 1024:.0f} MB |"
    )


def bench_main(module, description, run_one, pg_database, export_child=None, timeout=3600):
    """Command line of a benchmark that builds its data in a child process per
    database: ``--postgres`` adds PostgreSQL; ``--child`` and
    ``--export-child`` are the children's entry points."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    if export_child:
        parser.add_argument("--export-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if getattr(args, "export_child", False):
        export_child()
    elif args.child:
        run_one(args.child)
    else:
        for label, env in database_runs(args.postgres, pg_database):
            run_child(module, ["--child", label], env, timeout)
