/* The print button of the on-demand catalogue (点播本), and its print date.
 * Without JavaScript the browser's own print command prints the same page;
 * the server writes today's date (the cached page expires at midnight), and
 * a tab left open past midnight gets the new date just before printing. */
(function () {
    "use strict";
    var date = document.querySelector("[data-print-date]");
    if (date && window.Intl && Intl.DateTimeFormat) {
        window.addEventListener("beforeprint", function () {
            var parts = {};
            new Intl.DateTimeFormat("en-US", {
                timeZone: "Asia/Shanghai", year: "numeric", month: "numeric", day: "numeric"
            }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
            var pad = function (n) { return (n.length < 2 ? "0" : "") + n; };
            date.setAttribute("datetime", parts.year + "-" + pad(parts.month) + "-" + pad(parts.day));
            date.textContent = parts.year + "年" + parts.month + "月" + parts.day + "日";
        });
    }
    var button = document.querySelector("[data-print]");
    if (!button || !window.print) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
})();
