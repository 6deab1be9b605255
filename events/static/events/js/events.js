/* The live part of an event page (places left, the visitor's own
 * registration, one-click buttons) comes from an uncached request, so the
 * page itself stays the same for every visitor and can be cached whole.
 * Without JavaScript, each date keeps its plain link to the registration
 * page, which shows the same information. */
(function () {
    "use strict";
    var box = document.querySelector("[data-event-status]");
    if (!box || !window.fetch || !window.DOMParser) return;
    fetch(box.getAttribute("data-event-status"), {
        credentials: "same-origin",
        headers: { "Accept": "text/html" }
    }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
    }).then(function (html) {
        var parts = new DOMParser().parseFromString(html, "text/html").querySelectorAll("[data-occurrence]");
        parts.forEach(function (part) {
            var id = part.getAttribute("data-occurrence");
            var target = box.querySelector('[data-occurrence="' + id + '"]');
            if (!target) return;
            target.innerHTML = part.innerHTML;
            target.setAttribute("data-loaded", "true");
        });
        box.setAttribute("data-status-loaded", "true");
    }).catch(function () {
        /* The plain links stay: registration still works. */
    });
})();
