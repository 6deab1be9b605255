"""Benchmark: a course video on a slow line, the single MP4 against its HLS
ladder (native HLS and hls.js), in Chromium throttled to 1 Mbit/s.

    .venv/bin/python -m bench.hls              # SQLite, one run of each
    .venv/bin/python -m bench.hls --repeat 3   # three runs of each

Builds its own data in a temporary VAR_DIR: a 60-second 1280 × 720 clip as a
phone would upload it (H.264 at about 1.8 Mbit/s with sound, made by ffmpeg
from a noisy test pattern so that it costs real bits), read and laddered by
the site's own tasks (240p/360p/480p and audio), and two course pages
showing it, one with the ladder and one without. gunicorn (gunicorn.conf.py,
2 workers × 8 threads) serves it on 127.0.0.1 only, media by Django's
Range-aware view as on a single machine.

Each run opens the course page in a fresh 360 × 740 Chromium tab throttled
with the DevTools protocol (``Network.emulateNetworkConditions``: 1 Mbit/s
down, 512 kbit/s up, 100 ms latency), presses play (muted) as soon as the
page is parsed, and watches for WATCH_SECONDS from the start of the
navigation: the start-up time (navigation to the first ``playing`` event,
page, scripts and media over the same throttled line),
the stalls after that (``waiting`` events, and how long until playing
again), the seconds of video played, the picture heights seen and the bytes
received. Every run is bounded (a page load of 60 s, the watch, then the
tab is closed).
"""

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench.common import gunicorn, run_child, setup_django

CLIP_SECONDS = 60
WATCH_SECONDS = 40
LINK = {
    "offline": False,
    "latency": 100,
    "downloadThroughput": 1_000_000 / 8,
    "uploadThroughput": 512_000 / 8,
}
CHROMIUM = "/usr/bin/chromium"
NO_NATIVE_HLS = """
const canPlayType = HTMLMediaElement.prototype.canPlayType;
HTMLMediaElement.prototype.canPlayType = function (type) {
    return /mpegurl/i.test(type) ? "" : canPlayType.call(this, type);
};
"""
# Play as soon as the page is parsed (a member tapping at once); times are
# from the start of the navigation.
WATCH = """document.addEventListener("DOMContentLoaded", () => {
    const v = document.getElementById("course-player");
    const state = {asked: performance.now(), first: null, waits: 0, stalled: 0, since: null,
                   heights: []};
    window.__bench = state;
    v.addEventListener("playing", () => {
        const now = performance.now();
        if (state.first === null) state.first = now;
        if (state.since !== null) { state.stalled += now - state.since; state.since = null; }
    });
    v.addEventListener("waiting", () => {
        if (state.first !== null && state.since === null) { state.waits += 1; state.since = performance.now(); }
    });
    v.addEventListener("resize", () => state.heights.push(v.videoHeight));
    v.muted = true;
    v.play().catch(() => {});
});"""
READ = """() => {
    const v = document.getElementById("course-player"), s = window.__bench;
    const open = s.since === null ? 0 : performance.now() - s.since;
    return {startup: s.first, asked: s.asked, waits: s.waits, stalled: s.stalled + open, played: v.currentTime,
            heights: s.heights.concat([v.videoHeight]), stream: v.getAttribute("data-stream") || "mp4"};
}"""


def make_upload(folder):
    path = Path(folder) / "lecture.mp4"
    subprocess.run(
        [
            shutil.which("ffmpeg"), "-v", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc2=size=1280x720:rate=25:duration={CLIP_SECONDS}",
            "-f", "lavfi", "-i", f"sine=frequency=440:duration={CLIP_SECONDS}",
            "-vf", "noise=alls=12:allf=t", "-c:v", "libx264", "-preset", "veryfast",
            "-b:v", "1700k", "-maxrate", "2000k", "-bufsize", "4000k", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart", str(path),
        ],
        check=True,
        timeout=900,
    )  # fmt: skip
    return path


def build(folder):
    from django.core.files import File
    from wagtailvideos.models import Video

    from home import demo as home_demo
    from learning.courses.models import CourseCategory, CourseIndexPage, CoursePage, VideoLadder
    from learning.courses.video_tasks import build_ladder, probe_video

    nowhere = open("/dev/null", "w")  # noqa: SIM115
    home = home_demo.home_page(nowhere)
    library = CourseIndexPage(title="课程库", slug="courses")
    home.add_child(instance=library)
    pages = {}
    upload = make_upload(folder)
    for name in ("hls", "mp4"):
        with upload.open("rb") as handle:
            video = Video.objects.create(title=f"讲座 {name}", file=File(handle, "lecture.mp4"))
        probe_video.call(video.pk)  # the worker's reading, here and now
        if name == "hls":
            build_ladder.call(video.pk, video.file.name)
        video.refresh_from_db()
        page = CoursePage(
            title=f"讲座（{name}）",
            slug=f"lecture-{name}",
            video=video,
            category=CourseCategory.objects.first(),
        )
        library.add_child(instance=page)
        pages[name] = page.url
    ladder = VideoLadder.objects.get(video__title="讲座 hls", state=VideoLadder.DONE)
    size = upload.stat().st_size
    return pages, ladder, size


def watch(browser, url, native):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    try:
        if not native:
            context.add_init_script(NO_NATIVE_HLS)
        context.add_init_script(WATCH)
        page = context.new_page()
        received = []
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", LINK)
        cdp.on("Network.dataReceived", lambda event: received.append(event["encodedDataLength"]))
        page.goto(url, timeout=60_000, wait_until="domcontentloaded")
        page.wait_for_timeout(WATCH_SECONDS * 1000)
        result = page.evaluate(READ)
        result["bytes"] = sum(received)
        return result
    finally:
        context.close()


def _row(label, runs):
    def median(key):
        values = [run[key] for run in runs if run[key] is not None]
        return statistics.median(values) if values else None

    startup = median("startup")
    heights = sorted({h for run in runs for h in run["heights"] if h})
    never = sum(1 for run in runs if run["startup"] is None)
    return (
        f"| {label} | {'—' if startup is None else f'{startup / 1000:.1f} s'}"
        f"{f' ({never} never started)' if never else ''} | {median('waits'):.0f} | "
        f"{median('stalled') / 1000:.1f} s | {median('played'):.0f} s | "
        f"{'/'.join(str(h) for h in heights) or '—'} | {median('bytes') / 1e6:.1f} MB |"
    )


def run_one(repeat):
    setup_django("config.settings.local")
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory(prefix="bench-hls-") as folder:
        pages, ladder, size = build(folder)
    print(
        f"upload: {size / 1e6:.1f} MB for {CLIP_SECONDS} s ({8 * size / CLIP_SECONDS / 1e3:.0f} kbit/s)"
    )
    print(f"ladder: {ladder.storage_bytes / 1e6:.1f} MB, ffmpeg {ladder.transcode_seconds:.0f} s")
    for item in ladder.renditions:
        print(
            f"  {item['name']}: {item['bytes'] / 1e6:.2f} MB, average {item['average'] / 1e3:.0f} kbit/s"
        )
    results = {"mp4": [], "native": [], "hls.js": []}
    with gunicorn() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            for _ in range(repeat):
                results["mp4"].append(watch(browser, base + pages["mp4"], native=True))
                results["native"].append(watch(browser, base + pages["hls"], native=True))
                results["hls.js"].append(watch(browser, base + pages["hls"], native=False))
        finally:
            browser.close()
    print(json.dumps(results))
    print(
        f"\n| player (1 Mbit/s, 100 ms; {WATCH_SECONDS} s from the click, median of {repeat}) | start-up "
        "| stalls | time stalled | video played | picture heights | received |"
    )
    print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
    print(_row("single MP4 (today)", results["mp4"]))
    print(_row("HLS ladder, Chromium's own HLS", results["native"]))
    print(_row("HLS ladder, hls.js 1.7.4 (light)", results["hls.js"]))


def main():
    parser = argparse.ArgumentParser(description="course video on a 1 Mbit/s line")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.repeat)
        return
    timeout = 900 + args.repeat * 3 * (WATCH_SECONDS + 90)
    run_child("bench.hls", ["--child", "--repeat", str(args.repeat)], {"DATABASE_URL": ""}, timeout)


if __name__ == "__main__":
    main()
