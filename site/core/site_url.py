"""The site's own address, for every link that leaves the page it was made
on: calendar files, the RSS feed, e-mails, QR codes and the certificate's
verification link.

One source: the Wagtail ``Site`` record (hostname and port). Pages' full
URLs (``page.get_full_url()``, used by the calendar files, the feed and the
e-mails) come from it already; links to views that are not pages (a QR
code's check-in address, the verification page) are made here from the same
record, never from the ``Host`` header of whoever happens to be asking.
``manage.py set_site_url`` writes the record from ``SITE_URL`` (or from
gunicorn's ``BIND``/``PORT``); ``make run`` runs it.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_root_url(request=None):
    """``https://community.example.cn`` (no slash at the end)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:  # no site configured yet (a fresh database)
        return settings.SITE_URL.rstrip("/")
    return site.root_url


def absolute_url(path, request=None):
    """``path`` (e.g. ``/volunteer/verify/``) on the site's own address."""
    return f"{site_root_url(request)}{path}"


def parse_site_url(url):
    """(hostname, port) for a Wagtail Site from ``http(s)://host[:port]``.

    Raises ValueError with a Chinese message for anything else. A Wagtail
    Site knows only a hostname and a port, and takes port 443 for https and
    every other port for http; an https address on another port cannot be
    represented, so it is refused rather than silently turned into http.
    """
    parts = urlsplit(str(url or "").strip())
    try:
        port = parts.port
    except ValueError as error:
        raise ValueError(f"网站地址的端口不正确：{url}") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"网站地址应为 http(s)://域名[:端口]，例如 https://community.example.cn，而不是 {url!r}。"
        )
    if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"网站地址只写协议、域名和端口，不带路径：{url}")
    if parts.scheme == "https":
        if port not in (None, 443):
            raise ValueError("https 地址只能使用 443 端口（Wagtail 的站点记录只能这样表示）。")
        return parts.hostname, 443
    port = port or 80
    if port == 443:
        raise ValueError("443 端口请使用 https:// 地址。")
    return parts.hostname, port
