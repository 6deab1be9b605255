"""Text as people type it."""


def clean_text(value, max_length=None):
    """One line of text: every run of whitespace (spaces, tabs, line breaks,
    the full-width space U+3000) becomes one space, none at either end; None
    (or anything false) becomes ""; at most ``max_length`` characters (cut, then trimmed again)."""
    text = " ".join(str(value or "").split())
    if max_length is not None and len(text) > max_length:
        text = text[:max_length].rstrip()
    return text
