"""axe-core (bundled with axe-playwright-python, no CDN) run inside a Playwright page."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

# The rules whose outcome depends on the display mode and text size (colours,
# target sizes, what scrolls); the others (names, roles, landmarks, labels)
# read the same HTML in every mode and size.
DISPLAY_RULES = (
    "color-contrast",
    "link-in-text-block",
    "target-size",
    "scrollable-region-focusable",
)


def axe_violations(page, rules=None):
    """Every axe-core violation on the page (or of these rules only), as
    readable strings. axe-core is put into the page once per document.
    Finite animations (e.g. the admin's messages fading in) are awaited
    first: colours read half-way through a fade are not the page's."""
    page.evaluate(
        """() => Promise.all(
            document.getAnimations()
                .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
                .map((a) => a.finished.catch(() => null))
        )"""
    )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    violations = page.evaluate(
        "(options) => axe.run(document, options).then(r => r.violations)", options
    )
    found = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} @ {targets}")
    return found


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0 = fits)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


# Where laid-out content does not fit: the page is wider than the screen, an
# element that hides its overflow has more content than room (text cut off),
# or a line of text sticks out of the box it belongs to or off the screen.
# Elements that hide content on purpose (.visually-hidden, hidden, display:
# none) are skipped. Returns readable strings, [] when everything fits.
_LAYOUT_PROBLEMS_JS = """
() => {
    const problems = [];
    const doc = document.documentElement;
    const width = window.innerWidth;
    const wider = Math.max(doc.scrollWidth, document.body.scrollWidth) - width;
    if (wider > 0) problems.push(`page is ${wider}px wider than the screen`);
    const name = (el) => {
        let text = el.tagName.toLowerCase();
        if (el.id) text += "#" + el.id;
        if (typeof el.className === "string" && el.className.trim()) {
            text += "." + el.className.trim().split(/\\s+/).join(".");
        }
        return text;
    };
    const onPurpose = (el) => el.closest(".visually-hidden, [hidden], [aria-hidden='true'] svg");
    const clips = (value) => value === "hidden" || value === "clip";
    for (const el of document.body.querySelectorAll("*")) {
        const style = getComputedStyle(el);
        if (style.display === "none" || onPurpose(el)) continue;
        if (clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
            problems.push(`${name(el)} cuts off ${el.scrollWidth - el.clientWidth}px sideways`);
        }
        if (clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1) {
            problems.push(`${name(el)} cuts off ${el.scrollHeight - el.clientHeight}px below`);
        }
        if (style.overflowX === "auto" || style.overflowX === "scroll") {
            if (el.scrollWidth > el.clientWidth + 1) {
                problems.push(`${name(el)} scrolls sideways by ${el.scrollWidth - el.clientWidth}px`);
            }
        }
    }
    const range = document.createRange();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!node.textContent.trim() || !parent || onPurpose(parent)) continue;
        let box = parent;
        while (box !== document.body && getComputedStyle(box).display.startsWith("inline")
               && getComputedStyle(box).display !== "inline-block"
               && getComputedStyle(box).display !== "inline-flex") {
            box = box.parentElement;
        }
        const outer = box.getBoundingClientRect();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
            if (rect.width < 1) continue;
            const where = `"${node.textContent.trim().slice(0, 20)}" in ${name(parent)}`;
            if (rect.left < -1 || rect.right > width + 1) {
                problems.push(`${where} runs off the screen`);
                break;
            }
            if (rect.left < outer.left - 1 || rect.right > outer.right + 1) {
                problems.push(`${where} sticks out of ${name(box)}`);
                break;
            }
        }
    }
    return [...new Set(problems)];
}
"""


def layout_problems(page):
    """Everything on the page that does not fit the screen or is cut off."""
    return page.evaluate(_LAYOUT_PROBLEMS_JS)


# The display modes and text sizes of the reading aids (core/js/prefs.js):
# the classes and local-storage entries the toolbar sets, applied in the page
# without reloading it.
MODES = {
    "normal": (),
    "elder": ("elder",),
    "contrast": ("contrast",),
    "elder-contrast": ("elder", "contrast"),
}
TEXT_SIZES = (None, 1, 2, 3, 4, 5, 6)  # None: the mode's default size
LARGEST_SIZE = 6

_APPLY_JS = """
([classes, size]) => {
    const root = document.documentElement;
    for (const mode of ["elder", "contrast"]) {
        const on = classes.includes(mode);
        root.classList.toggle(mode, on);
        if (on) localStorage.setItem("a11y." + mode, "1");
        else localStorage.removeItem("a11y." + mode);
    }
    if (size === null) {
        root.removeAttribute("data-font-scale");
        localStorage.removeItem("a11y.fontScale");
    } else {
        root.setAttribute("data-font-scale", String(size));
        localStorage.setItem("a11y.fontScale", String(size));
    }
    return root.getBoundingClientRect().width;  /* forces layout */
}
"""


def apply_display(page, mode, size):
    """Switch the open page to a display mode and text size, as the toolbar does."""
    page.evaluate(_APPLY_JS, [list(MODES[mode]), size])
