"""Benchmark: the study ledger, its Excel export and a 500-member roll call.

    .venv/bin/python -m bench.study              # SQLite
    .venv/bin/python -m bench.study --postgres   # SQLite, then PostgreSQL

Builds its own data in a temporary VAR_DIR (SQLite) or in the PostgreSQL
database ``community_study_bench`` (made fresh), never in the
development database: 10,000 members in 40 branches and 2,000,000
attendance rows (800 sessions over four years, each for ten branches,
inserted with executemany in batches). Then:

1. the ledger page of the admin for the latest full year (Django test client
   as a superuser): SQL queries, median and p95;
2. the Excel export of that year for all branches, in a fresh process:
   wall time and the peak resident memory of the process (ru_maxrss), with
   the resident memory right before the export for comparison;
3. saving a 500-member roll call: the first save (500 new rows and audit
   entries) and a re-save with 50 changes, through the service and through
   the admin view.
"""

import datetime
import os
import time

from bench.common import (
    bench_main,
    count_queries,
    export_in_fresh_process,
    measure,
    measure_export,
    setup_django,
)

BRANCHES = 40
MEMBERS = 10_000
SESSIONS = 800
BRANCHES_PER_SESSION = 10
YEARS = (2022, 2023, 2024, 2025)
ROLL_SESSIONS = 8
BATCH = 20_000
PG_DATABASE = "community_study_bench"


def build_data():
    from django.db import connection, transaction
    from django.utils import timezone

    from events.models import EventIndexPage
    from home import demo as home_demo
    from learning.study.models import Branch, Member, StudySession

    nowhere = open(os.devnull, "w")  # noqa: SIM115
    home = home_demo.home_page(nowhere)
    home_demo.load(home, nowhere)  # site settings and notices
    index = EventIndexPage(title="社区活动", slug="events")
    home.add_child(instance=index)
    started = time.perf_counter()
    branches = Branch.objects.bulk_create(
        [Branch(name=f"第{n + 1}党支部", sort_order=n) for n in range(BRANCHES)]
    )
    Member.objects.bulk_create(
        [
            Member(name=f"党员{n:05d}", phone=f"150{n:08d}", branch=branches[n % BRANCHES])
            for n in range(MEMBERS)
        ],
        batch_size=2000,
    )
    by_branch = {}
    for pk, branch_id in Member.objects.values_list("pk", "branch_id"):
        by_branch.setdefault(branch_id, []).append(pk)
    zone = timezone.get_current_timezone()
    per_year = SESSIONS // len(YEARS)
    sessions = []
    for year in YEARS:
        for n in range(per_year):
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=(n * 365) // per_year)
            start = datetime.datetime.combine(day, datetime.time(9), tzinfo=zone)
            page = StudySession(
                title=f"学习会 {year}-{n:03d}",
                slug=f"s-{year}-{n:03d}",
                start=start,
                end=start + datetime.timedelta(hours=2),
                place="远教活动室",
            )
            group = (len(sessions) % (BRANCHES // BRANCHES_PER_SESSION)) * BRANCHES_PER_SESSION
            invited = branches[group : group + BRANCHES_PER_SESSION]
            page.branches.set(invited)
            index.add_child(instance=page)
            sessions.append((page.pk, day, [b.pk for b in invited]))
    sql = (
        "INSERT INTO study_attendance (session_id, member_id, branch_id, day, status, mode, note,"
        " updated_at, updated_by_id) VALUES (%s, %s, %s, %s, %s, %s, '', %s, NULL)"
    )
    statuses = ["present"] * 15 + ["late", "excused", "excused", "absent", "absent"]
    modes = ["onsite"] * 8 + ["home", "phone"]
    now = timezone.now()
    rows = []
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for session_pk, day, invited in sessions:
            for branch_id in invited:
                for i, member_id in enumerate(by_branch[branch_id]):
                    key = member_id + session_pk
                    status = statuses[key % 20]
                    # A mode only for those who attended (database constraint).
                    mode = modes[(key + i) % 10] if status in ("present", "late") else ""
                    rows.append((session_pk, member_id, branch_id, day, status, mode, now))
                    if len(rows) >= BATCH:
                        cursor.executemany(sql, rows)
                        count += len(rows)
                        rows = []
        if rows:
            cursor.executemany(sql, rows)
            count += len(rows)
        # Every one of these rolls was saved (a RollCall per session and branch).
        cursor.executemany(
            "INSERT INTO study_rollcall (session_id, branch_id, taken_at, saved_at, saved_by_id)"
            " VALUES (%s, %s, %s, %s, NULL)",
            [(pk, branch_id, now, now) for pk, _day, invited in sessions for branch_id in invited],
        )
    # Sessions for the roll-call timing: two branches, 500 members, begun
    # (a roll can only be saved once its session has started).
    roll = []
    for n in range(ROLL_SESSIONS):
        start = timezone.now() - datetime.timedelta(days=n + 1)
        page = StudySession(
            title=f"点名测试 {n}",
            slug=f"roll-{n}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            place="远教活动室",
        )
        page.branches.set(branches[:2])
        index.add_child(instance=page)
        roll.append(page)
    return count, roll, time.perf_counter() - started


def export_child():
    """A fresh process: the export's time and the process's peak memory."""
    setup_django("config.settings.local")
    from learning.study import reports

    year = YEARS[-1]
    measure_export(
        lambda: reports.ledger_workbook(year),
        lambda data: (
            f"Excel export, {year}, all {BRANCHES} branches (13 sheets, {len(data) // 1024} KB)"
        ),
    )


def run_one(label):
    setup_django("config.settings.local")
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from learning.study import services

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    count, roll, seconds = build_data()
    print(f"## {label} ({connection.vendor})")
    print(
        f"data: {MEMBERS} members in {BRANCHES} branches, {SESSIONS} sessions,"
        f" {count} attendance rows, built in {seconds:.0f} s"
    )
    admin = get_user_model().objects.create_superuser(phone="13700000001")
    year = YEARS[-1]
    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(admin)
        url = f"/admin/study/ledger/?year={year}"
        assert client.get(url).status_code == 200
        queries = count_queries(lambda: client.get(url))
        median, p95 = measure(lambda: client.get(url), repeat=20)
        print("\n| measure | SQL queries | median | p95 |\n| --- | ---: | ---: | ---: |")
        print(
            f"| ledger page, year {year}, 40 branches | {queries} | {median:.0f} ms | {p95:.0f} ms |"
        )
        month_url = url + "&month=6"
        median, p95 = measure(lambda: client.get(month_url), repeat=20)
        print(
            f"| ledger page, one month | {count_queries(lambda: client.get(month_url))} | {median:.0f} ms | {p95:.0f} ms |"
        )

        members = list(roll[0].invited_members().values_list("pk", flat=True))
        assert len(members) == 500, len(members)
        firsts = []
        for page in roll[: ROLL_SESSIONS // 2]:
            started = time.perf_counter()
            services.save_roll(page, {}, admin)
            firsts.append((time.perf_counter() - started) * 1000)
        firsts.sort()
        print(
            f"| roll call, first save of 500 (service) | — | {firsts[len(firsts) // 2]:.0f} ms | {firsts[-1]:.0f} ms (max of {len(firsts)}) |"
        )
        page = roll[0]
        flip = [0]

        def resave():
            flip[0] += 1
            status = "absent" if flip[0] % 2 else "present"
            services.save_roll(page, dict.fromkeys(members[:50], (status, "onsite", "")), admin)

        median, p95 = measure(resave, repeat=20, warmup=2)
        print(
            f"| roll call, re-save with 50 changes (service) | {count_queries(resave)} | {median:.0f} ms | {p95:.0f} ms |"
        )
        views = []
        for page in roll[ROLL_SESSIONS // 2 :]:
            path = f"/admin/study/roll/{page.pk}/"
            started = time.perf_counter()
            response = client.post(path, {})
            views.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 302, response.status_code
        views.sort()
        print(
            f"| roll call, first save of 500 (admin view) | — | {views[len(views) // 2]:.0f} ms | {views[-1]:.0f} ms (max of {len(views)}) |"
        )
        path = f"/admin/study/roll/{roll[-1].pk}/"
        median, p95 = measure(lambda: client.get(path), repeat=10, warmup=1)
        print(
            f"| roll call page, 500 members (GET) | {count_queries(lambda: client.get(path))} | {median:.0f} ms | {p95:.0f} ms |"
        )
    connection.close()
    export_in_fresh_process("bench.study")


def main():
    bench_main("bench.study", "study benchmark", run_one, PG_DATABASE, export_child)


if __name__ == "__main__":
    main()
