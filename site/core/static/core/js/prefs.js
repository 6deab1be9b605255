/* Applies the visitor's saved display preferences (适老模式, text size, high
 * contrast) to <html> before the page paints. Loaded synchronously in <head>;
 * the preferences live in local storage, so cached pages stay identical for
 * every visitor. */
(function () {
    var root = document.documentElement;
    root.classList.remove("no-js");
    root.classList.add("js");
    try {
        var store = window.localStorage;
        if (store.getItem("a11y.elder") === "1") root.classList.add("elder");
        if (store.getItem("a11y.contrast") === "1") root.classList.add("contrast");
        var scale = store.getItem("a11y.fontScale");
        if (scale && /^[1-6]$/.test(scale)) root.setAttribute("data-font-scale", scale);
    } catch (e) {
        /* Storage blocked: the page still works in its default mode. */
    }
})();
