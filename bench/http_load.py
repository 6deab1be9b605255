"""A small, bounded HTTP load generator for 127.0.0.1 (standard library only).

    python -m bench.http_load URL [--requests N] [--concurrency C] [--header K:V]

Sends N GET requests with C threads, each on its own keep-alive connection,
and prints requests per second, median and p95 latency. It only talks to
loopback addresses and stops after N requests or --max-seconds.
"""

import argparse
import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))
    return ordered[index]


def run(url, requests, concurrency, headers=None, max_seconds=120.0, method="GET", body=None):
    """``body``, if given, is a function of the request's number (0, 1, ...)
    returning the body to send, e.g. a form with a different phone number;
    ``headers`` is a dict, or such a function returning the request's
    headers (e.g. another member's session cookie)."""
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit("refusing to load anything but 127.0.0.1")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, statuses, lock = [], {}, threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + max_seconds

    def worker():
        conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
        while True:
            with lock:
                if remaining[0] <= 0 or time.monotonic() > deadline:
                    break
                remaining[0] -= 1
                number = requests - remaining[0] - 1
            payload = body(number) if body else None
            start = time.perf_counter()
            try:
                sent = headers(number) if callable(headers) else headers
                conn.request(method, path, body=payload, headers=sent or {})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
                status = "error"
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "seconds": wall,
        "rps": len(latencies) / wall if wall else float("nan"),
        "median_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": max(latencies) * 1000 if latencies else float("nan"),
        "statuses": statuses,
    }


def csrf_token(port, path):
    """(CSRF cookie, form token) from one GET of a form on 127.0.0.1:``port``;
    every POST may reuse them."""
    import re

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    html = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    conn.close()
    return cookie, token


# --- Several servers, rows of (start, ms, status) --------------------------------


def drive(port, requests, clients, seconds=None, headers=None):
    """Send ``requests`` (an iterator of (method, path, body)) to one server
    with ``clients`` threads; returns [(start, ms, status)]. Stops when the
    iterator is exhausted or after ``seconds``."""
    lock, results = threading.Lock(), []
    deadline = time.monotonic() + (seconds or 600)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                job = next(requests, None)
            if job is None:
                break
            method, path, body = job
            began = time.monotonic()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            with lock:
                results.append((began, (time.monotonic() - began) * 1000, status))
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def drive_all(ports, jobs_for, clients, seconds=None, headers=None):
    """``drive`` on every server at once; ``jobs_for(index)`` gives its jobs,
    ``headers`` maps a port to its headers; returns (rows, seconds)."""
    out = [None] * len(ports)

    def one(index):
        port = ports[index]
        out[index] = drive(port, jobs_for(index), clients, seconds, (headers or {}).get(port))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(ports))]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [row for rows in out for row in rows], time.monotonic() - started


def summary(rows, seconds=None):
    """One line: count, rate, median, p95 and responses by status class."""
    times = [ms for _t, ms, _s in rows]
    classes = {}
    for _t, _ms, status in rows:
        label = f"{status // 100}xx" if status else "error"
        classes[label] = classes.get(label, 0) + 1
    span = seconds or (max(t for t, _m, _s in rows) - min(t for t, _m, _s in rows) or 1)
    return (
        f"{len(rows)} requests, {len(rows) / span:.1f}/s, median "
        f"{percentile(times, 0.5):.0f} ms, p95 {percentile(times, 0.95):.0f} ms, "
        f"{dict(sorted(classes.items()))}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args()
    headers = dict(h.split(":", 1) for h in args.header)
    result = run(args.url, args.requests, args.concurrency, headers, args.max_seconds)
    print(
        f"{args.url}: {result['requests']} requests in {result['seconds']:.1f}s, "
        f"{result['rps']:.0f} req/s, median {result['median_ms']:.1f} ms, "
        f"p95 {result['p95_ms']:.1f} ms, statuses {result['statuses']}"
    )


if __name__ == "__main__":
    main()
