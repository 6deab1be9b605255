/* The screening page (放映): plays a study session's courses in order on
 * the room's screen, worked with a remote or a keyboard alone.
 *
 * Keys: the arrow keys move the focus between the big buttons of the layer
 * on show, Enter presses the focused one (the first Enter also asks for full
 * screen), Escape or Backspace go back one step, digits open the 点播本
 * number pick. What is shown is reported as it happens: a start (with the
 * page's token, so a repeat finds the same screening), each course when it
 * starts and when it is left (order, course, seconds actually played, from
 * `timeupdate` steps: a jump adds nothing), and the end; a beacon on
 * pagehide closes a screening left open. Reports go one after another. */
(function () {
    "use strict";
    var root = document.getElementById("screening");
    if (!root) return;
    var video = document.getElementById("screening-video");
    var startScreen = document.getElementById("start-screen");
    var playScreen = document.getElementById("play-screen");
    var endScreen = document.getElementById("end-screen");
    var dialog = document.getElementById("pick-dialog");
    var input = document.getElementById("pick-number");
    var pickMessage = dialog.querySelector("[data-pick-message]");
    var statusLine = playScreen.querySelector("[data-status]");
    var csrf = root.getAttribute("data-csrf");

    var queue = JSON.parse(document.getElementById("screening-courses").textContent).map(
        function (course) { return { course: course, picked: false }; }
    );
    var position = -1; /* index in queue of the item on show */
    var playing = null; /* the item on show until it is left */
    var order = 0; /* how many items have started (the report's order) */
    var played = 0, lastTime = null;
    var screening = null; /* the start's answer: report URLs */
    var starting = null;
    var ended = false, fullscreenAsked = false;
    var found = null; /* the course the number pick found */
    var reports = Promise.resolve();
    var RETRIES = 4, RETRY_MS = 1000;

    function msg(name, values) {
        var text = root.getAttribute("data-msg-" + name) || "";
        Object.keys(values || {}).forEach(function (key) {
            text = text.replace("{" + key + "}", values[key]);
        });
        return text;
    }

    function post(url, fields) {
        var body = new FormData();
        Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
        return fetch(url, {
            method: "POST", body: body, credentials: "same-origin",
            headers: { "X-CSRFToken": csrf }
        }).then(function (response) { return response.json(); });
    }

    function start() {
        if (!starting) {
            starting = post(root.getAttribute("data-start-url"), {
                token: root.getAttribute("data-token")
            }).then(function (answer) {
                if (answer.error) throw new Error(answer.error);
                screening = answer;
                return answer;
            });
            starting.catch(function () { starting = null; });
        }
        return starting;
    }

    /* A report that fails (the room's line drops, the server is busy) is
       sent again a few times: reports are idempotent, so a repeat is safe. */
    function withRetries(send, attempt) {
        attempt = attempt || 1;
        return send().then(function (answer) {
            if (answer && answer.error) {
                var refused = new Error(answer.error);
                refused.refused = true; /* a rule said no: asking again changes nothing */
                throw refused;
            }
            return answer;
        }).catch(function (error) {
            if (error.refused || attempt >= RETRIES) throw error;
            return new Promise(function (resolve) {
                setTimeout(resolve, RETRY_MS * attempt);
            }).then(function () { return withRetries(send, attempt + 1); });
        });
    }

    function report(fields) {
        reports = reports.then(function () {
            return withRetries(function () {
                return start().then(function (s) { return post(s.course, fields); });
            });
        }).catch(function () { statusLine.textContent = msg("failed"); });
        return reports;
    }

    function currentFields(done) {
        var item = playing;
        return {
            order: order, course: item.course.id, picked: item.picked ? "1" : "0",
            seconds: played.toFixed(1), done: done ? "1" : "0"
        };
    }

    /* Leave the item on show: its last report says how much was played. */
    function finishCurrent() {
        if (playing) {
            video.pause();
            report(currentFields(true));
            playing = null;
        }
    }

    function show(layer) {
        [startScreen, playScreen, endScreen].forEach(function (el) { el.hidden = el !== layer; });
        focusDefault();
    }

    function layerOnShow() {
        if (!dialog.hidden) return dialog;
        return [startScreen, playScreen, endScreen].filter(function (el) { return !el.hidden; })[0];
    }

    function targets() {
        return Array.prototype.filter.call(
            layerOnShow().querySelectorAll(".big, input"),
            function (el) { return !el.hidden && el.offsetParent !== null; }
        );
    }

    function focusDefault() {
        var layer = layerOnShow();
        var el = layer.querySelector("[data-default]:not([hidden])") || targets()[0];
        if (el) el.focus();
    }

    function setStatus() {
        var item = playing;
        if (!item) return;
        var text = item.picked
            ? msg("picked-playing", { title: item.course.title })
            : msg("playing", { n: position + 1, total: queue.length, title: item.course.title });
        var next = queue[position + 1];
        if (next) text += "　" + msg("next", { title: next.course.title });
        statusLine.textContent = text;
    }

    function load(course) {
        while (video.firstChild) video.removeChild(video.firstChild);
        course.sources.forEach(function (source) {
            var el = document.createElement("source");
            el.src = source.src;
            if (source.type) el.type = source.type;
            video.appendChild(el);
        });
        course.tracks.forEach(function (track, index) {
            var el = document.createElement("track");
            el.kind = track.kind; el.src = track.src; el.srclang = track.srclang;
            el.label = track.label;
            if (index === 0) el.default = true;
            video.appendChild(el);
        });
        video.load();
        if (video.textTracks.length) video.textTracks[0].mode = "showing";
    }

    function playAt(index) {
        finishCurrent();
        position = index;
        if (position >= queue.length) {
            statusLine.textContent = msg("all-done");
            show(playScreen);
            var endButton = playScreen.querySelector("[data-action='end']");
            endButton.focus();
            return;
        }
        order += 1;
        played = 0; lastTime = null;
        playing = queue[position];
        load(playing.course);
        show(playScreen);
        setStatus();
        report(currentFields(false));
        var started = video.play();
        if (started && started.catch) started.catch(function () { /* the button says 继续播放 */ });
        toggleLabel();
    }

    function toggleLabel() {
        playScreen.querySelector("[data-action='toggle']").textContent =
            video.paused ? msg("resume") : msg("pause");
    }

    video.addEventListener("timeupdate", function () {
        var now = video.currentTime;
        if (!video.paused && !video.seeking && lastTime !== null) {
            var step = now - lastTime;
            if (step > 0 && step <= 3 * (video.playbackRate || 1)) played += step;
        }
        lastTime = now;
    });
    video.addEventListener("seeking", function () { lastTime = null; });
    video.addEventListener("play", toggleLabel);
    video.addEventListener("pause", toggleLabel);
    video.addEventListener("ended", function () { playAt(position + 1); });
    video.addEventListener("error", function () { statusLine.textContent = msg("cannot-play"); });

    function end() {
        if (ended) return;
        finishCurrent();
        reports.then(function () {
            if (!screening && !starting) return null;
            return start().then(function (s) { return post(s.end, {}); });
        }).then(function (answer) {
            if (answer && answer.error) throw new Error(answer.error);
            ended = true;
            if (answer) endScreen.querySelector("[data-record-link]").href = answer.record;
            else endScreen.querySelector("[data-record-link]").hidden = true;
            show(endScreen);
        }).catch(function () { statusLine.textContent = msg("failed"); });
    }

    /* 点播本 number pick */
    function openPick(digits) {
        found = null;
        input.value = digits || "";
        pickMessage.textContent = "";
        dialog.querySelector("[data-action='confirm']").hidden = true;
        dialog.hidden = false;
        input.focus();
    }

    function closePick() {
        dialog.hidden = true;
        focusDefault();
    }

    function lookup() {
        var number = input.value.replace(/\D/g, "");
        if (!number) { pickMessage.textContent = msg("empty"); return; }
        pickMessage.textContent = msg("looking");
        var url = root.getAttribute("data-number-url") + "?n=" + encodeURIComponent(number);
        fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); })
            .then(function (answer) {
                if (answer.error) {
                    found = null;
                    pickMessage.textContent = answer.error;
                    dialog.querySelector("[data-action='confirm']").hidden = true;
                    input.focus();
                    return;
                }
                found = answer.course;
                pickMessage.textContent = msg("found", { number: found.number, title: found.title });
                var confirm = dialog.querySelector("[data-action='confirm']");
                confirm.hidden = false;
                confirm.focus();
            }).catch(function () { pickMessage.textContent = msg("failed"); });
    }

    function confirmPick() {
        if (!found) return;
        var item = { course: found, picked: true };
        dialog.hidden = true;
        if (playing) { /* it plays after the course on show */
            queue.splice(position + 1, 0, item);
            setStatus();
            focusDefault();
            return;
        }
        var at = Math.max(position, 0);
        queue.splice(at, 0, item);
        playAt(at);
    }

    function back() {
        if (!dialog.hidden) { closePick(); return; }
        if (!playScreen.hidden) {
            video.pause();
            startScreen.querySelector("[data-action='start']").textContent = msg("continue");
            startScreen.querySelector("[data-when-running]").hidden = false;
            show(startScreen);
            return;
        }
        if (!startScreen.hidden && order > 0 && !ended) {
            startScreen.querySelector("[data-when-running]").focus();
            return;
        }
        window.location.href = root.getAttribute("data-back-url");
    }

    var actions = {
        start: function () {
            if (order === 0) {
                start().catch(function () { statusLine.textContent = msg("failed"); });
                playAt(0);
            } else if (playing) {
                show(playScreen);
                video.play();
            } else {
                playAt(position);
            }
        },
        pick: function () { openPick(""); },
        lookup: lookup,
        confirm: confirmPick,
        cancel: closePick,
        toggle: function () { if (video.paused) video.play(); else video.pause(); },
        next: function () { playAt(position + 1); },
        end: end
    };

    root.addEventListener("click", function (event) {
        var el = event.target.closest("[data-action]");
        if (!el || !actions[el.getAttribute("data-action")]) return;
        event.preventDefault();
        actions[el.getAttribute("data-action")]();
    });

    function askFullscreen() {
        if (fullscreenAsked) return;
        fullscreenAsked = true;
        var el = document.documentElement;
        if (el.requestFullscreen) el.requestFullscreen().catch(function () { /* refused */ });
    }

    document.addEventListener("keydown", function (event) {
        var key = event.key;
        var inInput = event.target === input;
        if (key === "Enter") {
            askFullscreen();
            if (inInput) { event.preventDefault(); lookup(); return; }
            if (!document.activeElement || document.activeElement === document.body) {
                event.preventDefault();
                focusDefault();
                if (document.activeElement) document.activeElement.click();
            }
            return;
        }
        if (key === "Escape" || (key === "Backspace" && !inInput) || key === "BrowserBack"
            || key === "GoBack") {
            event.preventDefault();
            back();
            return;
        }
        if (/^[0-9]$/.test(key) && !inInput && endScreen.hidden) {
            event.preventDefault();
            openPick(key);
            return;
        }
        var moves = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 };
        if (moves[key]) {
            if (inInput && (key === "ArrowLeft" || key === "ArrowRight")) return;
            event.preventDefault();
            var list = targets();
            var index = list.indexOf(document.activeElement);
            var next = index < 0 ? 0 : (index + moves[key] + list.length) % list.length;
            if (list[next]) list[next].focus();
        }
    });

    /* A screening left open (the tab closed, the page left) is closed. */
    window.addEventListener("pagehide", function () {
        if (!screening || ended || !navigator.sendBeacon) return;
        var body = new FormData();
        body.append("csrfmiddlewaretoken", csrf);
        if (playing) {
            var fields = currentFields(true);
            Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
        }
        navigator.sendBeacon(screening.end, body);
        ended = true;
    });
})();
