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
