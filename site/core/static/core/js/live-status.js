/* The live part of a cached page (places left, the visitor's own
 * registration or sign-up, one-click buttons) comes from an uncached view,
 * so the page itself stays the same for every visitor and can be cached
 * whole (event pages, volunteer activity pages).
 *
 * Markup: a container data-live-status data-personal-part="<url of the
 * uncached status view>" holds parts marked data-live-part="<key>"; each
 * part of the answer replaces the container's part with the same key. The
 * answer comes within the page's one personal request (core/js/personal.js);
 * only without it is the view asked directly. Without JavaScript, or if the
 * request fails, each part keeps its plain link to a page that shows the
 * same information. */
(function () {
    "use strict";
    if (!window.fetch || !window.DOMParser) return;

    function partsByKey(root) {
        var found = {};
        root.querySelectorAll("[data-live-part]").forEach(function (part) {
            found[part.getAttribute("data-live-part")] = part;
        });
        return found;
    }

    document.querySelectorAll("[data-live-status]").forEach(function (box) {
        var url = box.getAttribute("data-personal-part");
        var answer = window.personalPart ? window.personalPart(url) : fetch(url, {
            credentials: "same-origin",
            headers: { "Accept": "text/html" }
        }).then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.text();
        });
        answer.then(function (html) {
            var targets = partsByKey(box);
            var answer = partsByKey(new DOMParser().parseFromString(html, "text/html"));
            Object.keys(answer).forEach(function (key) {
                if (targets[key]) targets[key].innerHTML = answer[key].innerHTML;
            });
            box.setAttribute("data-status-loaded", "true");
        }).catch(function () {
            /* The plain links stay: registering still works. */
        });
    });
})();
