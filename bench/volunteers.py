"""Benchmark: the coordinators' hours page, its Excel export and the
certificate PDF with 5,000 volunteers and 500,000 service records.

    .venv/bin/python -m bench.volunteers              # SQLite
    .venv/bin/python -m bench.volunteers --postgres   # SQLite, then PostgreSQL

Builds its own data in a temporary VAR_DIR (SQLite) or in the PostgreSQL
database ``community_volunteers_bench`` (made fresh), never in the
development database: 5,000 volunteers in 20 teams (every tenth without a
team) and 500,000 service records over two years (2024 and 2025, 90 %
approved), inserted with bulk_create in batches. Then:

1. the hours page of the admin for 2025, per volunteer and per team
   (Django test client as a coordinator): SQL queries, median and p95;
2. the Excel export of 2025 (every volunteer, one column per month), in a
   fresh process: wall time and the peak resident memory (ru_maxrss), with
   the resident memory right before the export for comparison;
3. the public pages that add up every approved record (home page section,
   section page, leaderboard), page cache off (they are cached whole for
   anonymous visitors and purged when hours are approved);
4. the certificate of one volunteer for both years (about 90 approved
   records): issuing it (service) and generating its PDF.
"""

import datetime
import os
import time
from decimal import Decimal

from bench.common import (
    bench_main,
    count_queries,
    export_in_fresh_process,
    measure,
    measure_export,
    setup_django,
)

VOLUNTEERS = 5_000
TEAMS = 20
RECORDS = 500_000
YEARS = (2024, 2025)
BATCH = 5_000
PG_DATABASE = "community_volunteers_bench"
ACTIVITIES = [
    "夜间治安巡逻",
    "独居老人探访",
    "楼道清洁",
    "法律知识宣传",
    "矛盾纠纷调解",
    "文体活动服务",
]


def build_data():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from accounts import roles
    from home import demo as home_demo
    from volunteers.models import ServiceRecord, Team, Volunteer, VolunteerIndexPage

    nowhere = open(os.devnull, "w")  # noqa: SIM115
    home = home_demo.home_page(nowhere)
    home_demo.load(home, nowhere)  # site settings and notices
    home.add_child(instance=VolunteerIndexPage(title="志愿服务", slug="volunteers"))
    started = time.perf_counter()
    coordinator = get_user_model().objects.create_user("13700000002", None, real_name="协调员")
    coordinator.is_staff = True
    coordinator.save()
    coordinator.groups.add(Group.objects.get(name=roles.VOLUNTEER_COORDINATORS))
    teams = Team.objects.bulk_create([Team(name=f"第{n + 1}服务队") for n in range(TEAMS)])
    Volunteer.objects.bulk_create(
        [
            Volunteer(
                real_name=f"志愿者{n:04d}",
                phone=f"155{n:08d}",
                status="approved",
                team=None if n % 10 == 9 else teams[n % TEAMS],
                show_on_leaderboard=n % 3 == 0,
            )
            for n in range(VOLUNTEERS)
        ],
        batch_size=1000,
    )
    ids = list(Volunteer.objects.order_by("pk").values_list("pk", flat=True))
    days = (datetime.date(YEARS[-1], 12, 31) - datetime.date(YEARS[0], 1, 1)).days + 1
    now = timezone.now()
    hours = [Decimal(h) for h in ("1", "1.5", "2", "2.5", "3", "4")]
    batch = []
    with transaction.atomic():
        for n in range(RECORDS):
            day = datetime.date(YEARS[0], 1, 1) + datetime.timedelta(days=(n * 7919) % days)
            approved = n % 10 != 0
            batch.append(
                ServiceRecord(
                    volunteer_id=ids[n % VOLUNTEERS],
                    source="shift",
                    activity_name=ACTIVITIES[n % len(ACTIVITIES)],
                    date=day,
                    place="幸福里社区",
                    content="志愿服务",
                    hours=hours[n % len(hours)],
                    organiser="幸福里社区居委会",
                    person_in_charge="李主任",
                    status="approved" if approved else "submitted",
                    recorded_by=coordinator,
                    recorded_at=now,
                    decided_by=coordinator if approved else None,
                    decided_at=now if approved else None,
                )
            )
            if len(batch) >= BATCH:
                ServiceRecord.objects.bulk_create(batch)
                batch = []
        if batch:
            ServiceRecord.objects.bulk_create(batch)
    return coordinator, time.perf_counter() - started


def export_child():
    """A fresh process: the export's time and the process's peak memory."""
    setup_django("config.settings.local")
    from core.excel import workbook_bytes
    from volunteers import reports

    year = YEARS[-1]

    def build():
        headers, rows = reports.export_rows(year)
        return len(rows), workbook_bytes("服务时长", headers, rows)

    measure_export(
        build,
        lambda built: (
            f"Excel export, {year}, {built[0]} volunteers × 12 months ({len(built[1]) // 1024} KB)"
        ),
    )


def run_one(label):
    setup_django("config.settings.local")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from volunteers import certificates, services
    from volunteers.models import ServiceRecord, Volunteer

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    coordinator, seconds = build_data()
    print(f"## {label} ({connection.vendor})")
    print(
        f"data: {Volunteer.objects.count()} volunteers in {TEAMS} teams,"
        f" {ServiceRecord.objects.count()} service records, built in {seconds:.0f} s"
    )
    year = YEARS[-1]
    print("\n| measure | SQL queries | median | p95 |\n| --- | ---: | ---: | ---: |")
    with override_settings(ALLOWED_HOSTS=["*"], PAGE_CACHE_SECONDS=0):
        anonymous = Client()
        for name, url in (
            ("home page with the volunteer section (page cache off)", "/"),
            ("section page (page cache off)", "/volunteers/"),
            ("leaderboard (page cache off)", "/volunteers/leaderboard/"),
        ):
            assert anonymous.get(url).status_code == 200, url
            queries = count_queries(lambda url=url: anonymous.get(url))
            median, p95 = measure(lambda url=url: anonymous.get(url), repeat=20)
            print(f"| {name} | {queries} | {median:.0f} ms | {p95:.0f} ms |")
        client = Client()
        client.force_login(coordinator)
        for name, url in (
            (f"hours page, {year}, per volunteer", f"/admin/volunteer-service/report/?year={year}"),
            (
                f"hours page, {year}, per team",
                f"/admin/volunteer-service/report/?year={year}&by=team",
            ),
            (
                f"hours page, {year}, per volunteer, page 50",
                f"/admin/volunteer-service/report/?year={year}&page=50",
            ),
        ):
            assert client.get(url).status_code == 200, url
            queries = count_queries(lambda url=url: client.get(url))
            median, p95 = measure(lambda url=url: client.get(url), repeat=20)
            print(f"| {name} | {queries} | {median:.0f} ms | {p95:.0f} ms |")

        volunteer = Volunteer.objects.order_by("pk")[1]  # every tenth record waits; not theirs
        dates = (datetime.date(YEARS[0], 1, 1), datetime.date(YEARS[-1], 12, 31))

        def issue():
            return services.issue_certificate(volunteer, coordinator, *dates, "幸福里社区居委会")

        median, p95 = measure(issue, repeat=20)
        certificate = issue()
        print(
            f"| certificate, issue ({certificate.record_count} records, service)"
            f" | {count_queries(issue)} | {median:.0f} ms | {p95:.0f} ms |"
        )
        pdf = certificates.certificate_pdf(certificate, "http://127.0.0.1/volunteer/verify/")
        median, p95 = measure(
            lambda: certificates.certificate_pdf(certificate, "http://127.0.0.1/volunteer/verify/"),
            repeat=20,
        )
        print(
            f"| certificate PDF ({certificate.record_count} rows, {len(pdf) // 1024} KB)"
            f" | 0 | {median:.0f} ms | {p95:.0f} ms |"
        )
        path = f"/volunteer/certificates/{certificate.code}/pdf/"
        assert client.get(path).status_code == 200
        median, p95 = measure(lambda: client.get(path), repeat=20)
        print(
            f"| certificate PDF download (view) | {count_queries(lambda: client.get(path))}"
            f" | {median:.0f} ms | {p95:.0f} ms |"
        )
    connection.close()
    export_in_fresh_process("bench.volunteers")


def main():
    bench_main("bench.volunteers", "volunteers benchmark", run_one, PG_DATABASE, export_child)


if __name__ == "__main__":
    main()
