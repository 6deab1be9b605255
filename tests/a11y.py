"""axe-core (bundled with axe-playwright-python, no CDN) run inside a Playwright page."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def axe_violations(page):
    """Every axe-core violation on the page, as readable strings."""
    results = _axe.run(page)
    found = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} @ {targets}")
    return found


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0 = fits)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )
