/* The visitor's own part of a page that is the same for everyone (cached
 * whole, for members too): one uncached request to /accounts/personal/ says
 * whether they are logged in, their name, and for an editor the link to edit
 * this page (in place of Wagtail's user bar).
 *
 * Without JavaScript, or if the request fails, the header's plain 我的 link
 * stays: it leads to the member's page, or to the login for a visitor. */
(function () {
    "use strict";
    var body = document.body;
    var url = body && body.getAttribute("data-personal");
    if (!url || !window.fetch) return;

    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
            if (!response.ok) throw new Error(String(response.status));
            return response.json();
        })
        .then(function (data) {
            var account = document.querySelector("[data-personal-account]");
            if (account && !data.authenticated) {
                account.textContent = account.getAttribute("data-label-login");
                account.href = account.getAttribute("data-login-url") + "?next=" +
                    encodeURIComponent(window.location.pathname + window.location.search);
            } else if (account && data.name) {
                account.title = data.name;
            }
            var editor = document.querySelector("[data-personal-editor]");
            if (editor && data.edit_url) {
                editor.querySelector("a").href = data.edit_url;
                editor.hidden = false;
            }
            body.setAttribute("data-personal-loaded", "true");
        })
        .catch(function () {
            /* The plain links stay. */
        });
})();
