/* The visitor's own part of a page that is the same for everyone (cached
 * whole, for members too) comes from ONE uncached request to
 * /accounts/personal/: whether they are logged in, their name, for an editor
 * Wagtail's user bar for this page (rendered by the server, added at the end
 * of <body>: see addUserbar below), and the
 * answers of the page's personal parts: every element with
 * data-personal-part="<url of an uncached view>" (places left and one's own
 * registration, a course's progress) is answered within the same request
 * (core/personal_parts.py). The page's own scripts, loaded after this one,
 * read their part with window.personalPart(url), a promise of the part's
 * body.
 *
 * Without JavaScript, or if the request fails, the header's plain 我的 link
 * stays (it leads to the member's page, or to the login for a visitor) and
 * so do the parts' plain links. */
(function () {
    "use strict";
    var body = document.body;
    var base = body && body.getAttribute("data-personal");
    if (!base || !window.fetch) return;

    var parts = [];
    document.querySelectorAll("[data-personal-part]").forEach(function (element) {
        var part = element.getAttribute("data-personal-part");
        if (part && parts.indexOf(part) < 0) parts.push(part);
    });
    var query = parts.map(function (part) { return "part=" + encodeURIComponent(part); });
    var url = base + (query.length ? (base.indexOf("?") < 0 ? "?" : "&") + query.join("&") : "");

    var answer = fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.json();
        });

    /* Wagtail's user bar: its <template>, its <wagtail-userbar> element and
     * its scripts. Scripts parsed from HTML never run, so each one with a src
     * (Wagtail's vendor.js and userbar.js, from our own origin as the
     * Content-Security-Policy wants) is made anew, in order (async = false).
     * Inline code would not carry this page's nonce and is left out; its
     * configuration comes as <script type="application/json">, inside the
     * template, which is data and stays as it is. */
    function addUserbar(html) {
        var holder = document.createElement("template");
        holder.innerHTML = html;
        var fragment = holder.content;
        fragment.querySelectorAll("script").forEach(function (old) {
            if (!old.hasAttribute("src")) {
                var type = (old.type || "").toLowerCase();
                if (!type || type.indexOf("javascript") >= 0 || type === "module") old.remove();
                return;
            }
            var script = document.createElement("script");
            Array.prototype.forEach.call(old.attributes, function (attribute) {
                script.setAttribute(attribute.name, attribute.value);
            });
            script.async = false;
            old.replaceWith(script);
        });
        body.appendChild(fragment);
    }

    window.personalPart = function (partUrl) {
        return answer.then(function (data) {
            var part = data.parts && data.parts[partUrl];
            if (!part || part.status !== 200) throw new Error("no answer for " + partUrl);
            return part.body;
        });
    };

    answer.then(function (data) {
        var account = document.querySelector("[data-personal-account]");
        if (account && !data.authenticated) {
            account.textContent = account.getAttribute("data-label-login");
            account.href = account.getAttribute("data-login-url") + "?next=" +
                encodeURIComponent(window.location.pathname + window.location.search);
        } else if (account && data.name) {
            account.title = data.name;
        }
        if (data.userbar) addUserbar(data.userbar);
        body.setAttribute("data-personal-loaded", "true");
    }).catch(function () {
        /* The plain links stay. */
    });
})();
