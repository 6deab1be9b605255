"""Fixtures every app's tests share: a site with a home page, users by role,
and a headless Chromium (Debian's, never a downloaded one) for browser tests."""

import os
import signal
import socket
import threading

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

from tests.accounts.factories import UserFactory
from tests.home.factories import NoticeIndexPageFactory, make_site_home

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_VIEWPORT = {"width": 360, "height": 740}

# Playwright's sync API runs an asyncio loop in the test thread. Django keeps
# database connections in an asgiref Local, which switches to per-context
# storage while a loop runs, so browser tests would get a fresh connection
# object that has lost the test database's serialized contents (and with them
# the rollback of transactional tests). Plain thread-local storage, which is
# what Django used before async support, keeps one connection per thread.
connections._connections = threading.local()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, page cache included."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    return make_site_home()


@pytest.fixture
def notice_index(home_page):
    return NoticeIndexPageFactory(parent=home_page)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def make_user(db):
    return UserFactory


@pytest.fixture
def media_unchanged():
    """Fails the test if any file was added under MEDIA_ROOT during it (list
    it after the fixtures that store files the test needs)."""

    def files():
        return {path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()}

    before = files()
    yield
    assert files() - before == set()


# --- Background work -------------------------------------------------------------

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def task_queue(settings, monkeypatch):
    """Tasks go to the database queue; ``task_queue()`` runs the real worker
    until the queue holds nothing ready. The worker checks its connection
    every loop (close_old_connections), which would close the test's own
    connection inside the test transaction, as Django's test client avoids
    for requests; and it installs SIGINT/SIGTERM handlers, restored here."""
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    handlers = {
        sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    }

    def run_worker():
        call_command(
            "db_worker",
            batch=True,
            interval=0,
            startup_delay=False,
            reload=False,
            verbosity=0,
            worker_id="test-worker",
        )

    yield run_worker
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


# --- Browser -------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an event loop in this thread; the test code
    # that talks to the database around it is still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A browser tab the size of a small phone (360 × 740)."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="zh-CN", has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    # What a page sends as it closes (the course player's report on pagehide)
    # must not reach the live server while the test database is being
    # flushed: on PostgreSQL the two deadlocked.
    context.route("**/*", lambda route: route.abort())
    context.close()


@pytest.fixture
def tab(phone):
    """The phone tab, failing the test on any pop-up dialog, CSP violation or
    missing asset (a sub-resource answering 4xx/5xx)."""
    problems = []
    phone.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    phone.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    phone.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield phone
    assert problems == []


@pytest.fixture
def member_client(client, user, settings):
    """A logged-in member's client, rendering every page (page cache off), for
    the query budget tests (tests/query_budget.py)."""
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(user)
    return client


@pytest.fixture
def hanging_smtp_server(settings):
    """An SMTP server that accepts the connection and never says a word;
    counts the connections it accepted."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    accepted = []

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            accepted.append(connection)

    threading.Thread(target=serve, daemon=True).start()
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.getsockname()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    yield accepted
    server.close()
    for connection in accepted:
        connection.close()
