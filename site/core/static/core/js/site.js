/* Reading aids: elder-friendly mode, text size, high contrast, read aloud.
 * Every control is a real <button>, so it works by keyboard; state is shown
 * by aria-pressed and a check mark, never by colour alone. */
(function () {
    "use strict";
    var root = document.documentElement;
    var DEFAULT_SCALE = 2;
    var ELDER_SCALE = 4;
    var MIN_SCALE = 1;
    var MAX_SCALE = 6;

    function store(key, value) {
        try {
            if (value === null) window.localStorage.removeItem(key);
            else window.localStorage.setItem(key, value);
        } catch (e) { /* storage blocked: the choice lasts for this page only */ }
    }

    function announce(text) {
        var status = document.querySelector("[data-a11y-status]");
        if (status) status.textContent = text;
    }

    function currentScale() {
        var value = parseInt(root.getAttribute("data-font-scale"), 10);
        if (value >= MIN_SCALE && value <= MAX_SCALE) return value;
        return root.classList.contains("elder") ? ELDER_SCALE : DEFAULT_SCALE;
    }

    function syncToggles() {
        document.querySelectorAll("[data-pref-toggle]").forEach(function (button) {
            var on = root.classList.contains(button.getAttribute("data-pref-toggle"));
            button.setAttribute("aria-pressed", on ? "true" : "false");
        });
    }

    document.querySelectorAll("[data-pref-toggle]").forEach(function (button) {
        button.addEventListener("click", function () {
            var name = button.getAttribute("data-pref-toggle");
            var on = root.classList.toggle(name);
            store("a11y." + name, on ? "1" : null);
            if (name === "elder") {
                /* Switching the mode resets the text size to the mode's default. */
                root.removeAttribute("data-font-scale");
                store("a11y.fontScale", null);
            }
            syncToggles();
            announce(button.textContent.replace("✓", "").trim() + (on ? " 已开启" : " 已关闭"));
        });
    });

    document.querySelectorAll("[data-font-step]").forEach(function (button) {
        button.addEventListener("click", function () {
            var step = parseInt(button.getAttribute("data-font-step"), 10);
            var scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, currentScale() + step));
            root.setAttribute("data-font-scale", String(scale));
            store("a11y.fontScale", String(scale));
            announce("文字大小：第 " + scale + " 级，共 " + MAX_SCALE + " 级");
        });
    });

    syncToggles();

    /* Read aloud: the page's main text, in Chinese, with the browser's own
     * speech synthesis. Long text is spoken sentence by sentence, because
     * some browsers stop a single long utterance after a few seconds. A
     * browser without a Chinese voice says so in a visible, polite live
     * region (never an alert) instead of reading nothing. */
    var readButton = document.querySelector("[data-read-aloud]");
    if (readButton && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
        var synth = window.speechSynthesis;
        var readStatus = document.querySelector("[data-read-aloud-status]");
        var reading = false;

        var setReading = function (on) {
            reading = on;
            readButton.setAttribute("aria-pressed", on ? "true" : "false");
            readButton.textContent = readButton.getAttribute(on ? "data-label-stop" : "data-label-start");
        };

        var tell = function (message) {
            if (readStatus) readStatus.textContent = message;
        };

        var chineseVoice = function (voices) {
            for (var i = 0; i < voices.length; i++) {
                if (/^zh[-_]CN/i.test(voices[i].lang)) return voices[i];
            }
            for (var j = 0; j < voices.length; j++) {
                if (/^zh/i.test(voices[j].lang)) return voices[j];
            }
            return null;
        };

        var readableText = function () {
            var region = document.querySelector("[data-readable]") || document.getElementById("main");
            return region ? region.innerText : "";
        };

        /* Some browsers load their voices only when first asked. */
        synth.getVoices();
        readButton.hidden = false;
        readButton.addEventListener("click", function () {
            tell("");
            if (reading) {
                synth.cancel();
                setReading(false);
                return;
            }
            var voices = synth.getVoices();
            var voice = chineseVoice(voices);
            if (voices.length && !voice) {
                /* Voices, but none Chinese: they would read nothing or gibberish. */
                tell(readButton.getAttribute("data-msg-no-voice"));
                return;
            }
            var sentences = readableText().split(/(?<=[。！？!?；;\n])/).map(function (s) {
                return s.trim();
            }).filter(Boolean);
            if (!sentences.length) return;
            synth.cancel();
            setReading(true);
            var failed = false;
            sentences.forEach(function (sentence, index) {
                var utterance = new SpeechSynthesisUtterance(sentence);
                utterance.lang = "zh-CN";
                utterance.rate = root.classList.contains("elder") ? 0.85 : 1;
                if (voice) utterance.voice = voice;
                if (index === sentences.length - 1) {
                    utterance.onend = function () { setReading(false); };
                }
                utterance.onerror = function (event) {
                    setReading(false);
                    if (failed || event.error === "interrupted" || event.error === "canceled") return;
                    failed = true;
                    synth.cancel();
                    /* No voice listed at all: the browser had none for Chinese. */
                    tell(readButton.getAttribute(voice ? "data-msg-failed" : "data-msg-no-voice"));
                };
                synth.speak(utterance);
            });
        });
        window.addEventListener("pagehide", function () { synth.cancel(); });
    }
})();
