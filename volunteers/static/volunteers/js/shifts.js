/* The live part of a volunteer activity page (places left per shift, the
 * visitor's own sign-ups, one-click buttons) comes from an uncached
 * request, so the page itself stays the same for everyone and is cached
 * whole. Without JavaScript each shift keeps its plain link. */
(function () {
    "use strict";
    var box = document.querySelector("[data-shift-status]");
    if (!box || !window.fetch || !window.DOMParser) return;
    fetch(box.getAttribute("data-shift-status"), {
        credentials: "same-origin",
        headers: { "Accept": "text/html" }
    }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
    }).then(function (html) {
        var parts = new DOMParser().parseFromString(html, "text/html").querySelectorAll("[data-shift]");
        parts.forEach(function (part) {
            var target = box.querySelector('[data-shift="' + part.getAttribute("data-shift") + '"]');
            if (!target) return;
            target.innerHTML = part.innerHTML;
        });
        box.setAttribute("data-status-loaded", "true");
    }).catch(function () {
        /* The plain links stay: signing up still works. */
    });
})();
