/* The print button of the on-demand catalogue (点播本). Without JavaScript
 * the browser's own print command prints the same page. */
(function () {
    "use strict";
    var button = document.querySelector("[data-print]");
    if (!button || !window.print) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
})();
