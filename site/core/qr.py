"""QR codes as inline SVG markup: no image file, no request, allowed by the
site's Content Security Policy (inline <svg> needs no style or script).
``qr_matrix`` gives the modules to whatever else draws a QR code (the
volunteer certificate's PDF)."""

import qrcode
from django.utils.html import escape
from django.utils.safestring import mark_safe


def qr_matrix(data):
    """The QR code for ``data`` as rows of booleans (True = dark), without
    the quiet zone; error correction M (15 % of the code may be damaged)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(data)
    qr.make(fit=True)
    return qr.get_matrix()


def qr_svg(data, label, border=4):
    """An accessible ``<svg role="img">`` QR code for ``data``; ``label`` is
    what a screen reader announces instead of the pattern."""
    matrix = qr_matrix(data)
    size = len(matrix) + 2 * border
    path = []
    for y, row in enumerate(matrix, start=border):
        for start, dark in dark_runs(row):
            path.append(f"M{border + start} {y}h{dark}v1h-{dark}z")
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" viewBox="0 0 {size} {size}" '
        f'role="img" aria-label="{escape(label)}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#ffffff"/>'
        f'<path fill="#000000" d="{"".join(path)}"/></svg>'
    )
    return mark_safe(markup)  # built from numbers and an escaped label


def dark_runs(row):
    """(offset, length) of each run of dark modules in a row."""
    start = None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            yield start, index - start
            start = None
