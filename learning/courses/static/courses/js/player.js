/* Course player: resume where the member left off, and report what was
 * actually watched.
 *
 * The course page is the same for every visitor (it is cached whole), so the
 * member's own state comes from the progress endpoint (GET: where to resume,
 * how much is watched, a CSRF token), answered within the page's one
 * personal request (core/js/personal.js). While the video
 * plays, the segments really played are collected from `timeupdate` events;
 * a jump (seeking, dragging the slider) closes the segment, so skipped parts
 * are never reported. Every 30 seconds, on pause, at the end and when the
 * page is hidden, the position and the new segments are POSTed, at most
 * MAX_SEGMENTS a report (the server refuses more). Segments a report fails to
 * deliver (network, server error) are sent with the next one; a report the
 * server refuses (4xx) would be refused again and is dropped. */
(function () {
    "use strict";

    /* Adaptive streaming (HLS). When the video has its ladder of renditions
     * (data-hls-src), the browser's own HLS plays it where it has one;
     * otherwise hls.js, from our static files, loaded only then (and only
     * with Media Source Extensions). Either picks the rendition by the
     * bandwidth it measures. Any failure falls back to the MP4 (the
     * <source> elements), at the same position. Progress, seeking and
     * resume below read only currentTime and the media events, the same
     * for either source. */
    function attachStream(video) {
        var playlist = video.getAttribute("data-hls-src");
        if (!playlist) return;
        var hls = null;
        var fallenBack = false;

        /* The MP4 <source>s, kept aside while hls.js loads: a tap on play
         * then waits for the stream instead of starting the MP4. */
        var sources = Array.prototype.slice.call(video.querySelectorAll("source"));
        var anchor = video.querySelector("track, p"); /* where they go back */

        function play() {
            var started = video.play();
            if (started && started.catch) started.catch(function () {});
        }

        function fallBack() {
            if (fallenBack) return;
            fallenBack = true;
            var at = video.currentTime, playing = !video.paused;
            if (hls) { hls.destroy(); hls = null; }
            sources.forEach(function (source) {
                if (!source.parentNode) video.insertBefore(source, anchor);
            });
            video.removeAttribute("src");
            video.setAttribute("data-stream", "mp4");
            video.preload = "metadata";
            video.load();
            if (at > 0 || playing) {
                video.addEventListener("loadedmetadata", function () {
                    if (at > 0) video.currentTime = at;
                    if (playing) play();
                }, { once: true });
            }
        }

        if (video.canPlayType("application/vnd.apple.mpegurl")) {
            video.setAttribute("data-stream", "native-hls");
            video.addEventListener("error", function () {
                if (video.getAttribute("data-stream") === "native-hls") fallBack();
            });
            video.src = playlist; /* before preload, or the MP4 would start loading */
            video.preload = "metadata";
            return;
        }
        if (!window.MediaSource) return; /* the MP4 plays, as it would without script */
        sources.forEach(function (source) { source.remove(); });
        var script = document.createElement("script");
        script.src = video.getAttribute("data-hls-script");
        script.onload = function () {
            if (!window.Hls || !window.Hls.isSupported()) { fallBack(); return; }
            var tapped = !video.paused; /* play was pressed while hls.js loaded */
            hls = new window.Hls({
                enableWorker: false, /* no blob: worker for the CSP */
                capLevelToPlayerSize: true, /* a phone's small player takes a small rendition */
                startLevel: -1 /* the first rendition by the measured bandwidth */
            });
            hls.on(window.Hls.Events.ERROR, function (event, data) {
                if (data.fatal) fallBack();
            });
            video.setAttribute("data-stream", "hls.js");
            hls.loadSource(playlist);
            hls.attachMedia(video);
            video.preload = "metadata";
            if (tapped) play();
        };
        script.onerror = fallBack;
        document.head.appendChild(script);
    }

    var video = document.getElementById("course-player");
    if (!video || !window.fetch) return;

    attachStream(video);

    var url = video.getAttribute("data-progress-url");
    var panel = document.querySelector("[data-progress-panel]");
    var bar = document.getElementById("course-progress-bar");
    var statusLine = document.querySelector("[data-progress-status]");
    var loginHint = document.querySelector("[data-login-hint]");

    var REPORT_EVERY_MS = 30000; /* 2,000 members watching cost about 70 reports a second */
    var MAX_STEP_SECONDS = 3; /* a bigger step between two timeupdates is a jump */
    var MAX_SEGMENTS = 100; /* services.MAX_SEGMENTS_PER_REPORT */

    var csrfToken = null;
    var segments = [];
    var segmentStart = null;
    var lastTime = null;
    var sending = false;

    function clock(seconds) {
        var s = Math.max(0, Math.floor(seconds));
        var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
        var mm = (h && m < 10 ? "0" : "") + m, ss = (r < 10 ? "0" : "") + r;
        return (h ? h + ":" : "") + mm + ":" + ss;
    }

    /* The messages are translated in the template (data-msg-* attributes). */
    function message(name, values) {
        var text = panel.getAttribute("data-msg-" + name) || "";
        Object.keys(values).forEach(function (key) {
            text = text.replace("{" + key + "}", values[key]);
        });
        return text;
    }

    function show(data, prefix) {
        if (!panel) return;
        var percent = data.percent || 0;
        panel.hidden = false;
        bar.value = percent;
        bar.textContent = percent + "%";
        var text = message(data.completed ? "completed" : "progress", { percent: percent });
        statusLine.textContent = prefix ? prefix + text : text;
    }

    function closeSegment() {
        if (segmentStart !== null && lastTime !== null && lastTime > segmentStart) {
            segments.push([segmentStart, lastTime]);
        }
        segmentStart = null;
    }

    video.addEventListener("timeupdate", function () {
        var now = video.currentTime;
        if (video.paused || video.seeking) {
            lastTime = now;
            return;
        }
        if (segmentStart === null || lastTime === null) {
            segmentStart = now;
        } else if (now < lastTime || now - lastTime > MAX_STEP_SECONDS * (video.playbackRate || 1)) {
            closeSegment();
            segmentStart = now;
        }
        lastTime = now;
    });
    video.addEventListener("seeking", closeSegment);

    function report(leaving) {
        /* One report at a time, except the last one when the page goes away. */
        if (!csrfToken || (sending && !leaving)) return;
        /* Send what was played up to now; the open segment goes on from here. */
        if (segmentStart !== null && lastTime !== null && lastTime > segmentStart) {
            segments.push([segmentStart, lastTime]);
            segmentStart = video.paused ? null : lastTime;
        }
        var batch = segments.splice(0, MAX_SEGMENTS);
        sending = true;
        fetch(url, {
            method: "POST",
            credentials: "same-origin",
            keepalive: !!leaving,
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
            body: JSON.stringify({ position: video.currentTime, segments: batch })
        }).then(function (response) {
            if (response.status >= 400 && response.status < 500) return null;
            if (!response.ok) throw new Error(String(response.status));
            return response.json();
        }).then(function (data) {
            if (data) show(data);
        }).catch(function () {
            segments = batch.concat(segments);
        }).then(function () {
            sending = false;
        });
    }

    video.addEventListener("pause", function () { closeSegment(); report(false); });
    video.addEventListener("ended", function () { closeSegment(); report(false); });
    window.setInterval(function () { if (!video.paused) report(false); }, REPORT_EVERY_MS);
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") report(true);
    });
    window.addEventListener("pagehide", function () { report(true); });

    function resumeAt(seconds) {
        if (!(seconds > 0)) return;
        var go = function () {
            if (seconds < (video.duration || Infinity)) {
                video.currentTime = seconds;
                lastTime = seconds;
            }
        };
        if (video.readyState >= 1) go();
        else video.addEventListener("loadedmetadata", go, { once: true });
    }

    /* The member's progress comes within the page's one personal request
     * (core/js/personal.js); only without it is the endpoint asked directly. */
    var state = window.personalPart
        ? window.personalPart(url).then(JSON.parse)
        : fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) {
                if (!response.ok) throw new Error(String(response.status));
                return response.json();
            });
    state
        .then(function (data) {
            if (!data.authenticated) {
                if (loginHint) loginHint.hidden = false;
                return;
            }
            csrfToken = data.csrfToken;
            video.setAttribute("data-resume", String(data.position || 0));
            if (data.position > 0) {
                resumeAt(data.position);
                show(data, message("resumed", { time: clock(data.position) }));
            } else {
                show(data);
            }
        })
        .catch(function () {
            /* The video plays anyway; only the progress is not recorded. */
        });
})();
