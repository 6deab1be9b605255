"""QR codes as inline SVG markup: no image file, no request, allowed by the
site's Content Security Policy (inline <svg> needs no style or script)."""

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import mark_safe


def qr_svg(data, label, box_size=10, border=4):
    """An accessible ``<svg role="img">`` QR code for ``data``; ``label`` is
    what a screen reader announces instead of the pattern."""
    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=border
    )
    qr.add_data(data)
    qr.make(fit=True)
    size = qr.modules_count + 2 * border
    path = []
    for y, row in enumerate(qr.get_matrix()[border : border + qr.modules_count], start=border):
        x = border
        for start, dark in _runs(row[border : border + qr.modules_count]):
            if dark:
                path.append(f"M{x + start} {y}h{dark}v1h-{dark}z")
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 {size} {size}" '
        f'role="img" aria-label="{escape(label)}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#ffffff"/>'
        f'<path fill="#000000" d="{"".join(path)}"/></svg>'
    )
    return mark_safe(markup)  # built from numbers and an escaped label


def _runs(row):
    """(offset, length) of each run of dark modules in a row."""
    start = None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            yield start, index - start
            start = None
