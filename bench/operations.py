"""Benchmark: two app servers and a worker, as an operator runs them.

    .venv/bin/python -m bench.operations [--small]

Creates the PostgreSQL database ``community_opsbench_run`` on 127.0.0.1:5432
(role community; dropped at the end), migrates it and loads the demo, starts
its own redis-server on a free port (CACHE_URL), two gunicorns (2 workers x 4
threads each, own CONTROL_SOCKET) and one ``manage.py db_worker``, all with
``config.settings.local``, a secret key, ALLOWED_HOSTS and a file e-mail
backend (delivery writes files). Then it measures, loopback only:

1. registrations/s: guests register (with an e-mail address) for one date
   across both servers; then the confirmed ones cancel, each cancellation
   promoting one from the waiting list and queueing one e-mail, and the
   script waits until the worker has sent them all;
2. publish-to-visible: a notice is published (Wagtail's revision.publish in
   this process) and both servers are polled until it is in /notices/;
3. page p95 on both servers before and while the worker reads (ffprobe,
   poster) and transcodes a large clip made with ffmpeg;
4. a Redis outage under steady load: redis SIGSTOPped for 10 s, then
   killed for 10 s and restarted; responses counted by status class.

Everything started is stopped at the end, also on error.
"""

import argparse
import contextlib
import datetime
import http.client
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlencode

from bench.common import ROOT, free_port, gunicorn, process_group
from bench.crowd import _redis
from bench.http_load import csrf_token, drive, drive_all, summary

ADMIN_URL = "postgresql://community:community@127.0.0.1:5432/postgres"
DATABASE = "community_opsbench_run"
# The search results are not in the page cache: every one is rendered.
PAGES = ["/", "/notices/", "/events/", "/search/?q=%E7%A4%BE%E5%8C%BA"]


# --- Processes ------------------------------------------------------------------


def _admin(sql):
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as db:
        db.execute(sql)


@contextlib.contextmanager
def _database():
    _admin(f"DROP DATABASE IF EXISTS {DATABASE}")
    _admin(f"CREATE DATABASE {DATABASE}")
    try:
        yield f"postgres://community:community@127.0.0.1:5432/{DATABASE}"
    finally:
        from django.db import connections

        connections.close_all()
        _admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


class Redis:
    def __init__(self, port, directory):
        self.port, self.directory = port, directory
        self.process = _redis(port, directory)

    def restart(self):
        self.process = _redis(self.port, self.directory)

    def stop(self):
        os.kill(self.process.pid, signal.SIGCONT)  # a hung one too
        self.process.terminate()
        self.process.wait(10)


# --- HTTP ------------------------------------------------------------------------


def _pages_forever(stop=None):
    n = 0
    while stop is None or not stop.is_set():
        yield "GET", PAGES[n % len(PAGES)], None
        n += 1


_CSRF = {}


def _csrf(port, path):
    """A CSRF cookie and form token from one GET (reused by every POST)."""
    cookie, token = csrf_token(port, path)
    _CSRF[port] = {"Cookie": f"csrftoken={cookie}"}
    return token


# --- 1. Registrations and mail ------------------------------------------------------


def _event(places):
    from django.utils import timezone

    from events import schedule
    from events.models import EventIndexPage, EventPage

    zone = timezone.get_current_timezone()
    day = timezone.localdate() + datetime.timedelta(days=20)
    start = datetime.datetime.combine(day, datetime.time(9), zone)
    page = EventPage(
        title="运维基准讲座",
        slug="ops-bench",
        kind="lecture",
        start=start,
        end=start + datetime.timedelta(hours=2),
        place="社区党群服务中心",
        registration_enabled=True,
        capacity=places,
        max_companions=0,
    )
    EventIndexPage.objects.first().add_child(instance=page)
    schedule.sync_occurrences(page)
    return page.occurrences.get()


def registrations(ports, total, clients):
    from core.models import MailStatus, OutgoingMessage
    from events.models import Registration

    occurrence = _event(total // 2)
    path = f"/registrations/occurrence/{occurrence.pk}/"
    tokens = [_csrf(port, path) for port in ports]

    def register(index):
        for n in range(index, total, len(ports)):
            form = {"name": f"居民{n}", "phone": f"1360{n:07d}", "email": f"r{n}@example.cn"}
            yield "POST", path, urlencode({**form, "csrfmiddlewaretoken": tokens[index]})

    rows, seconds = drive_all(ports, register, clients, headers=_CSRF)
    print(f"\nregistrations ({total}, {clients} clients per server): {summary(rows, seconds)}")
    confirmed = list(
        Registration.objects.filter(occurrence=occurrence, status="confirmed").values_list(
            "code", flat=True
        )
    )
    waiting = Registration.objects.filter(occurrence=occurrence, status="waiting").count()
    print(f"places: {len(confirmed)} confirmed of {total // 2}, {waiting} waiting")

    def cancel(index):
        for code in confirmed[index :: len(ports)]:
            yield (
                "POST",
                f"/registrations/r/{code}/cancel/",
                urlencode({"csrfmiddlewaretoken": tokens[index]}),
            )

    rows, seconds = drive_all(ports, cancel, clients, headers=_CSRF)
    cancelled = time.monotonic()
    print(f"cancellations, each promoting one and queueing a mail: {summary(rows, seconds)}")
    expected = min(len(confirmed), waiting)
    mail = OutgoingMessage.objects.all()
    while time.monotonic() - cancelled < 120:
        if mail.filter(status=MailStatus.SENT).count() >= expected:
            break
        time.sleep(0.2)
    sent = mail.filter(status=MailStatus.SENT).count()
    print(
        f"mail: {mail.count()} stored, {sent} of {expected} sent by the worker "
        f"{time.monotonic() - cancelled:.1f} s after the last cancellation answered; "
        f"other states: {sorted(set(mail.exclude(status=MailStatus.SENT).values_list('status', flat=True)))}"
    )
    return sent


def _mailed(directory):
    found = 0
    for name in os.listdir(directory):
        with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as file:
            found += sum(1 for line in file if line.startswith("Subject: "))
    return found


# --- 2. Publish to visible ----------------------------------------------------------


def publish_to_visible(ports, rounds):
    from home.models import NoticeIndexPage, NoticePage

    index = NoticeIndexPage.objects.first()
    print("\n| round | server A | server B |\n| --- | ---: | ---: |")
    for number in range(rounds):
        for port in ports:  # the list is in the page cache of both
            drive(port, iter([("GET", "/notices/", None)] * 2), 1)
        title = f"运维基准通知 {number} {time.time_ns()}"
        notice = NoticePage(title=title, slug=f"ops-bench-{number}", live=False, body=[])
        index.add_child(instance=notice)
        began = time.monotonic()
        notice.save_revision().publish()
        seen = [None] * len(ports)
        while None in seen and time.monotonic() - began < 30:
            for i, port in enumerate(ports):
                if seen[i] is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.request("GET", "/notices/")
                    if title in conn.getresponse().read().decode():
                        seen[i] = (time.monotonic() - began) * 1000
                    conn.close()
            time.sleep(0.01)
        cells = [f"{ms:.0f} ms" if ms is not None else "not within 30 s" for ms in seen]
        print(f"| {number + 1} | {' | '.join(cells)} |")


# --- 3. Pages while a video is read and transcoded ---------------------------------


def _clip(directory, megabytes):
    path = os.path.join(directory, "big.mp4")
    seconds = 60
    rate = f"{megabytes * 8 / seconds:.1f}M"  # constant bit rate: the size asked for
    began = time.monotonic()
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i"]
        + [f"testsrc2=size=1280x720:rate=25:duration={seconds}", "-c:v", "libx264"]
        + ["-preset", "ultrafast", "-b:v", rate, "-minrate", rate]
        + ["-maxrate", rate, "-bufsize", rate, "-x264-params", "nal-hrd=cbr"]
        + [path],
        check=True,
        timeout=240,
    )
    size = os.path.getsize(path) / 1e6
    print(f"\nclip: {size:.0f} MB, 60 s 1280x720 H.264, made in {time.monotonic() - began:.0f} s")
    return path


def video(ports, directory, megabytes, seconds, limit):
    from django.core.files import File
    from wagtailvideos import get_video_model

    from learning.courses.models import VideoProcessing

    before, _ = drive_all(ports, lambda i: _pages_forever(), 4, seconds)
    print(f"pages before (both servers, 4 clients each): {summary(before, seconds)}")
    path = _clip(directory, megabytes)
    with open(path, "rb") as file:
        clip = get_video_model().objects.create(title="运维基准", file=File(file, name="big.mp4"))
    began, done, stop, rows = time.monotonic(), {}, threading.Event(), []

    def load():
        rows.extend(drive_all(ports, lambda i: _pages_forever(stop), 4, limit)[0])

    loader = threading.Thread(target=load)
    loader.start()
    time.sleep(3)  # the reading is due 2 s after the upload: the worker takes it first
    clip.do_transcode("webm", "lowest")
    transcode = clip.transcodes.get()
    while loader.is_alive() and len(done) < 2:
        state = VideoProcessing.objects.filter(video=clip).values_list("state", flat=True).first()
        if "reading" not in done and state in (VideoProcessing.DONE, VideoProcessing.NO_VIDEO):
            done["reading"] = f"{state} after {time.monotonic() - began:.0f} s"
        transcode.refresh_from_db()
        if "transcode" not in done and not transcode.processing:
            failed = " (error)" if transcode.error_message else ""
            done["transcode"] = f"done{failed} after {time.monotonic() - began:.0f} s"
        time.sleep(0.5)
    stop.set()
    loader.join()
    print(
        f"pages while the worker reads and transcodes it: {summary(rows)}; reading "
        f"{done.get('reading', 'not done')}, transcode {done.get('transcode', 'not done')}"
        f" (load stopped at {limit} s at most)"
    )


# --- 4. Redis outage ------------------------------------------------------------------


def outage(ports, redis, mode, outage_seconds=10, margin=5):
    def break_and_mend():
        time.sleep(margin)
        marks["from"] = time.monotonic()
        if mode == "hang":
            os.kill(redis.process.pid, signal.SIGSTOP)
        else:
            redis.stop()
        time.sleep(outage_seconds)
        if mode == "hang":
            os.kill(redis.process.pid, signal.SIGCONT)
        else:
            redis.restart()
        marks["to"] = time.monotonic()

    marks = {}
    breaker = threading.Thread(target=break_and_mend)
    breaker.start()
    rows, _ = drive_all(ports, lambda i: _pages_forever(), 4, 2 * margin + outage_seconds)
    breaker.join()
    phases = {
        "before": [r for r in rows if r[0] < marks["from"]],
        "during": [r for r in rows if marks["from"] <= r[0] < marks["to"]],
        "after": [r for r in rows if r[0] >= marks["to"]],
    }
    label = "hung (SIGSTOP)" if mode == "hang" else "stopped and restarted"
    for phase, part in phases.items():
        span = outage_seconds if phase == "during" else None
        print(f"redis {label}, {phase}: {summary(part, span) if part else 'no requests'}")
    return sum(1 for r in rows if r[2] >= 500 or r[2] == 0)


# --- Driver ------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="fewer requests, a 20 MB clip")
    args = parser.parse_args()
    total, megabytes, window, limit = (100, 20, 8, 20) if args.small else (400, 200, 15, 120)
    print(f"load average: {os.getloadavg()}")
    with contextlib.ExitStack() as stack:
        var_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-ops-"))
        mail_dir = os.path.join(var_dir, "mail")
        os.makedirs(os.path.join(var_dir, "run"))
        redis_port = free_port()
        redis = Redis(redis_port, var_dir)
        stack.callback(lambda: redis.process.poll() is None and redis.stop())
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_SECRET_KEY": "bench-operations-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "VAR_DIR": var_dir,
            "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": mail_dir,
            "PAGE_CACHE_SECONDS": "300",
            "LOG_LEVEL": "CRITICAL",
        }
        env["DATABASE_URL"] = stack.enter_context(_database())
        manage = [sys.executable, str(ROOT / "manage.py")]
        began = time.monotonic()
        for command in (
            ["migrate", "--noinput", "-v", "0"],
            ["collectstatic", "--noinput", "-v", "0"],
            ["load_demo"],
        ):
            subprocess.run(
                manage + command,
                cwd=ROOT,
                env=env,
                check=True,
                timeout=600,
                stdout=subprocess.DEVNULL,
            )
        print(f"PostgreSQL {DATABASE}: migrated, demo loaded in {time.monotonic() - began:.0f} s")
        os.environ.update(env)
        sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
        import django

        django.setup()
        ports = []
        for name in ("a", "b"):
            server_env = {**env, "CONTROL_SOCKET": os.path.join(var_dir, "run", f"{name}.ctl")}
            base = stack.enter_context(gunicorn(env=server_env, workers=2, threads=4))
            ports.append(int(base.rsplit(":", 1)[1]))
        worker = [*manage, "db_worker", "--no-reload", "--interval", "0.5", "--worker-id", "bench"]
        stack.enter_context(process_group(worker, env, os.path.join(var_dir, "worker.log")))
        print(f"servers on ports {ports}, one db_worker; redis on {redis_port}")
        sent = registrations(ports, total, 8)
        print(
            f"messages in the mail files: {_mailed(mail_dir) if os.path.isdir(mail_dir) else 0} (sent: {sent})"
        )
        publish_to_visible(ports, 3)
        video(ports, var_dir, megabytes, window, limit)
        failures = outage(ports, redis, "hang") + outage(ports, redis, "stop")
        print(f"\n5xx or failed requests around the outages: {failures}")
        print(f"load average: {os.getloadavg()}")
        if failures or sent < total // 2:
            raise SystemExit("5xx during the outages or mail not sent: see above")


if __name__ == "__main__":
    main()
