"""Benchmark: the branch year — 三会一课 register, 民主评议 and their exports.

    .venv/bin/python -m bench.branch_year              # SQLite
    .venv/bin/python -m bench.branch_year --postgres   # SQLite, then PostgreSQL
    .venv/bin/python -m bench.branch_year --small      # a quick check (1,000 members)

Builds its own data in a temporary VAR_DIR (SQLite) or in the PostgreSQL
database ``community_branch_year_bench`` (made fresh), never in the
development database: 10,000 members in 40 branches, four party groups
each; ten years of meetings per branch at the statutory frequencies (4
党员大会, 12 支委会, 12 党小组会 per group, 4 党课, 12 主题党日, 1 组织生活会
a year) with attendance rows; 24 study sessions of the last year for every
branch with their roll calls; and the last year's 民主评议 round with every
member's ballot. Then, through the real admin views (Django test client, a
superuser) and the services they call:

1. the register of a branch's year, the community overview, the meeting
   list and the printed 记录本: SQL queries, median and p95;
2. the 民主评议 overview (figures, member list, tallies), its print page,
   and the 组织评定 screen of one member: the same;
3. a phone vote (``ballot.cast``, a 250-member branch);
4. each Excel export (the branch's 三会一课记录本, the round's figures):
   time, bytes and the peak of Python allocations (tracemalloc).
"""

import datetime
import os
import sys
import time
import tracemalloc

from bench.common import bench_main, count_queries, measure, setup_django

PG_DATABASE = "community_branch_year_bench"
FULL = {"branches": 40, "members": 10_000, "years": 10, "sessions": 24}
SMALL = {"branches": 4, "members": 1_000, "years": 2, "sessions": 6}
GROUPS = 4
COMMITTEE = 7  # 支委 per branch (the first members of each branch)
LAST_YEAR = 2025
# Every meeting's attendance in one INSERT … SELECT: the branch's members
# (the committee for a 支委会, the group for a 党小组会); statuses and modes
# spread by the ids (16 in 20 present, 1 late, 1 excused, 2 absent; of those
# who attended 1 in 10 at home, 1 by phone), a mode only for who attended.
ATTENDANCE_SQL = """
INSERT INTO meetings_meetingattendance (meeting_id, member_id, status, mode, note)
SELECT m.id, p.id,
    CASE WHEN (m.id + p.id) % 20 < 16 THEN 'present'
         WHEN (m.id + p.id) % 20 = 16 THEN 'late'
         WHEN (m.id + p.id) % 20 = 17 THEN 'excused' ELSE 'absent' END,
    CASE WHEN (m.id + p.id) % 20 > 16 THEN ''
         WHEN (m.id + p.id) % 10 = 8 THEN 'home'
         WHEN (m.id + p.id) % 10 = 9 THEN 'phone' ELSE 'onsite' END,
    ''
FROM meetings_meeting m JOIN study_member p ON p.branch_id = m.branch_id
WHERE m.kind NOT IN ('committee', 'group')
   OR (m.kind = 'committee' AND p.role <> 'member')
   OR (m.kind = 'group' AND p.party_group_id = m.party_group_id)
"""


def size():
    return SMALL if os.environ.get("BENCH_SMALL") else FULL


def meeting_plan(year):
    """(kind, day, party group index or None) of one branch's statutory year."""
    plan = []
    for quarter in range(4):
        plan.append(("general", datetime.date(year, quarter * 3 + 2, 5), None))
        plan.append(("lecture", datetime.date(year, quarter * 3 + 2, 20), None))
    for month in range(1, 13):
        plan.append(("committee", datetime.date(year, month, 3), None))
        plan.append(("themeday", datetime.date(year, month, 15), None))
        plan.extend(("group", datetime.date(year, month, 10 + g), g) for g in range(GROUPS))
    plan.append(("life", datetime.date(year, 12, 20), None))
    return plan


def build_members(n):
    from learning.study.models import Branch, Member, PartyGroup

    branches = Branch.objects.bulk_create(
        [Branch(name=f"第{i + 1}党支部", sort_order=i) for i in range(n["branches"])]
    )
    groups = PartyGroup.objects.bulk_create(
        [
            PartyGroup(branch=b, name=f"第{g + 1}党小组", sort_order=g)
            for b in branches
            for g in range(GROUPS)
        ]
    )
    group_of = {(g.branch_id, g.sort_order): g for g in groups}
    members = []
    for i in range(n["members"]):
        branch = branches[i % len(branches)]
        rank = i // len(branches)  # place within the branch
        members.append(
            Member(
                name=f"党员{i:05d}",
                phone=f"150{i:08d}",
                branch=branch,
                party_group=group_of[(branch.pk, rank % GROUPS)],
                role="secretary" if rank == 0 else "committee" if rank < COMMITTEE else "member",
                status="away" if i % 40 == 7 else "homebound" if i % 40 == 9 else "normal",
            )
        )
    Member.objects.bulk_create(members, batch_size=2000)
    roster = {}
    for pk, branch_id, group_id, role in Member.objects.values_list(
        "pk", "branch_id", "party_group_id", "role"
    ).order_by("pk"):
        roster.setdefault(branch_id, []).append((pk, group_id, role))
    return branches, groups, roster


def build_meetings(n, branches, groups):
    """Meetings with bulk_create; their attendance rows in one statement."""
    from django.db import connection, transaction

    from learning.meetings.models import Meeting

    groups_of = {}
    for g in groups:
        groups_of.setdefault(g.branch_id, []).append(g)
    years = range(LAST_YEAR - n["years"] + 1, LAST_YEAR + 1)
    meetings = [
        Meeting(
            kind=kind,
            branch=branch,
            party_group=groups_of[branch.pk][g] if g is not None else None,
            day=day,
            start_time=datetime.time(9),
            place="党群服务中心",
            host="书记",
            recorder="组织委员",
            topic=f"{day:%Y年%m月}会议",
            minutes="传达学习上级精神，讨论本月工作。" * 4,
            decisions="按计划推进。",
        )
        for year in years
        for branch in branches
        for kind, day, g in meeting_plan(year)
    ]
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(ATTENDANCE_SQL)
        count = cursor.rowcount
    return len(meetings), count


def build_sessions(n, index, branches, roster):
    """Study sessions of the last year for every branch, rolls saved."""
    from django.db import connection, transaction
    from django.utils import timezone

    from learning.study.models import StudySession

    zone = timezone.get_current_timezone()
    sessions = []
    for s in range(n["sessions"]):
        day = datetime.date(LAST_YEAR, 1, 8) + datetime.timedelta(days=s * 14)
        start = datetime.datetime.combine(day, datetime.time(14), tzinfo=zone)
        page = StudySession(
            title=f"学习会 {s:02d}",
            slug=f"s-{s:02d}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            place="远教活动室",
        )
        page.branches.set(branches)
        index.add_child(instance=page)
        sessions.append((page.pk, day))
    now = timezone.now()
    rows = []
    for pk, day in sessions:
        for branch_id, members in roster.items():
            for member_id, _group, _role in members:
                present = (member_id + pk) % 6 != 0
                status, mode = ("present", "onsite") if present else ("absent", "")
                rows.append((pk, member_id, branch_id, day, status, mode, now))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO study_attendance (session_id, member_id, branch_id, day, status, mode,"
            " note, updated_at, updated_by_id) VALUES (%s, %s, %s, %s, %s, %s, '', %s, NULL)",
            rows,
        )
        cursor.executemany(
            "INSERT INTO study_rollcall (session_id, branch_id, taken_at, saved_at, saved_by_id)"
            " VALUES (%s, %s, %s, %s, NULL)",
            [(pk, b, now, now) for pk, _day in sessions for b in roster],
        )
    return len(sessions), len(rows)


def build_round(runner, roster):
    """The last year's round: modes recorded, every member taking part has
    voted (a sample through ``ballot.cast``, timed; the rest written as
    their sum), then 组织评定 with grades."""
    from django.db.models import F

    from learning.evaluation import ballot, services
    from learning.evaluation.models import Participation, Stage, Tally, Voted

    round_ = services.open_round(LAST_YEAR, runner)
    for stage in (Stage.SELF_REVIEW,):
        services.advance(round_, stage, runner)
    # Modes: most at the meeting, some at home or by phone, a few not at all.
    Participation.objects.filter(round=round_, member_id__in=_every(roster, 9, 3)).update(
        mode="home"
    )
    Participation.objects.filter(round=round_, member_id__in=_every(roster, 7, 5)).update(
        mode="phone"
    )
    Participation.objects.filter(round=round_, member_id__in=_every(roster, 97, 1)).update(
        mode="none", absence_reason="外出务工"
    )
    services.advance(round_, Stage.BALLOT, runner)
    taking = {}
    for member_id, branch_id in Participation.objects.filter(
        round=round_, mode__in=["meeting", "home", "phone"]
    ).values_list("member_id", "member__branch_id"):
        taking.setdefault(branch_id, []).append(member_id)
    first_branch = min(taking)
    voters = taking[first_branch][:20]
    from learning.study.models import Member

    timings = []
    for voter in Member.objects.filter(pk__in=voters):
        ratings = {
            m: ("excellent" if m % 7 == 0 else "qualified")
            for m in taking[first_branch]
            if m != voter.pk
        }
        started = time.perf_counter()
        ballot.cast(round_, voter, ratings)
        timings.append((time.perf_counter() - started) * 1000)
    # Everyone else's vote, summed: each candidate rated by the others.
    rest = [m for ids in taking.values() for m in ids if m not in set(voters)]
    Voted.objects.bulk_create([Voted(round=round_, member_id=m) for m in rest], batch_size=5000)
    for branch_id, ids in taking.items():
        others = len(ids) - 1 - (len(voters) if branch_id == first_branch else 0)
        Tally.objects.filter(round=round_, member__branch_id=branch_id).update(
            excellent=F("excellent") + others // 5, qualified=F("qualified") + others - others // 5
        )
    services.advance(round_, Stage.ASSESSMENT, runner)
    # Grades: 15 % 优秀 (under the 20 % cap), the rest 合格.
    graded = Participation.objects.filter(round=round_, mode__in=["meeting", "home", "phone"])
    graded.update(grade="qualified")
    graded.filter(member_id__in=_every(roster, 20, 3)).update(grade="excellent")
    return round_, sorted(timings)


def _every(roster, step, count):
    """``count`` members out of every ``step`` of each branch (ids)."""
    return [
        member_id
        for members in roster.values()
        for i, (member_id, _g, _r) in enumerate(members)
        if i % step < count and i >= COMMITTEE
    ]


def build_data(n):
    from events.models import EventIndexPage
    from home import demo as home_demo

    nowhere = open(os.devnull, "w")  # noqa: SIM115
    home = home_demo.home_page(nowhere)
    home_demo.load(home, nowhere)
    index = EventIndexPage(title="社区活动", slug="events")
    home.add_child(instance=index)
    timings = {}
    started = time.perf_counter()
    branches, groups, roster = build_members(n)
    meetings, attendance = build_meetings(n, branches, groups)
    timings["meetings"] = time.perf_counter() - started
    started = time.perf_counter()
    sessions, session_rows = build_sessions(n, index, branches, roster)
    timings["sessions"] = time.perf_counter() - started
    return branches, roster, (meetings, attendance, sessions, session_rows), timings


def row(label, queries, fn, repeat):
    median, p95 = measure(fn, repeat=repeat, warmup=2)
    print(f"| {label} | {queries} | {median:.0f} ms | {p95:.0f} ms |")


def export_row(label, fn):
    """Time (median of 5, untraced), size, and the peak of Python allocations
    in one more run under tracemalloc (which slows allocation down)."""

    def get():
        response = fn()
        assert response.status_code == 200, response.status_code
        return response

    median, p95 = measure(get, repeat=5, warmup=1)
    tracemalloc.start()
    response = get()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"| {label} | {median:.0f} ms | {p95:.0f} ms | {len(response.content) // 1024} KB"
        f" | {peak / 1024 / 1024:.1f} MB |"
    )


def run_one(label):
    setup_django("config.settings.local")
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from learning.evaluation.models import Participation

    n = size()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    branches, roster, built, timings = build_data(n)
    admin = get_user_model().objects.create_superuser(phone="13700000001")
    started = time.perf_counter()
    round_, votes = build_round(admin, roster)
    timings["round"] = time.perf_counter() - started
    meetings, attendance, sessions, session_rows = built
    print(f"## {label} ({connection.vendor})")
    print(
        f"data: {n['members']} members in {n['branches']} branches ({GROUPS} party groups each),"
        f" {meetings} meetings over {n['years']} years with {attendance} attendance rows"
        f" (built in {timings['meetings']:.0f} s); {sessions} study sessions with"
        f" {session_rows} roll-call rows ({timings['sessions']:.0f} s); a {LAST_YEAR} round"
        f" with {Participation.objects.filter(round=round_).count()} members"
        f" ({timings['round']:.0f} s)"
    )
    repeat = 5 if os.environ.get("BENCH_SMALL") else 10
    branch = branches[0]
    year = LAST_YEAR
    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(admin)

        def page(url):
            def get():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            get()
            return count_queries(get), get

        print("\n| page | SQL queries | median | p95 |\n| --- | ---: | ---: | ---: |")
        pages = [
            (f"三会一课台账, one branch, {year}", f"/admin/meetings/register/?branch={branch.pk}"),
            (f"各支部概况, {n['branches']} branches, {year}", "/admin/meetings/overview/"),
            ("会议记录 list, one branch, a year", f"/admin/meetings/?branch={branch.pk}"),
            (
                "打印三会一课记录本, one branch, a year",
                f"/admin/meetings/register/print/?branch={branch.pk}",
            ),
            (f"民主评议 overview, {n['members']} members", "/admin/evaluation/"),
            ("民主评议 print", f"/admin/evaluation/print/{year}/"),
        ]
        member = Participation.objects.filter(round=round_, member__branch=branch).first()
        pages.append(("组织评定 screen, one member", f"/admin/evaluation/member/{member.pk}/"))
        for title, url in pages:
            sep = "&" if "?" in url else "?"
            url = f"{url}{sep}year={year}" if "print/20" not in url else url
            queries, get = page(url)
            row(title, queries, get, repeat)
        print(
            f"| a phone vote (ballot.cast), {len(roster[branch.pk])}-member branch | — |"
            f" {votes[len(votes) // 2]:.0f} ms | {votes[-1]:.0f} ms (max of {len(votes)}) |"
        )
        print(
            "\n| export | median | p95 | size | peak Python allocations |"
            "\n| --- | ---: | ---: | ---: | ---: |"
        )
        export_row(
            f"三会一课记录本 Excel, one branch, {year}",
            lambda: client.get(f"/admin/meetings/register/export/?branch={branch.pk}&year={year}"),
        )
        export_row(
            f"民主评议 Excel, {n['members']} members",
            lambda: client.get(f"/admin/evaluation/export/{year}/"),
        )
    connection.close()


def main():
    if "--small" in sys.argv:
        sys.argv.remove("--small")
        os.environ["BENCH_SMALL"] = "1"
    bench_main("bench.branch_year", "branch year benchmark", run_one, PG_DATABASE)


if __name__ == "__main__":
    main()
