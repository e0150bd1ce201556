"""Benchmark: fetching 200 feeds, each answered after 200 ms by a local server.

    python benchmarks/veille_fetch.py            # full sequential baseline (about 45 s)
    python benchmarks/veille_fetch.py --quick    # baseline measured on 40 feeds, extrapolated ×5

Rows of the table:

1. baseline — the loop everyone writes first: ``for url in urls: feedparser.parse(url)``
   (sequential; feedparser downloads by itself, no size cap, no timeout);
2. ``fetch_feeds`` — the toolkit's fetcher (thread pool, 16 then 32 workers), full download
   into a fresh SQLite store; its CPU time is shown (feedparser is pure Python and parses one
   feed at a time under the GIL: that, not the network, bounds the first run);
3. ``fetch_feeds`` again on the same store — conditional GET: every feed answers 304 Not
   Modified, no body is transferred;
4. the store with 50,000 entries: batched insert, and reading them back as a DataFrame.

Target (issue #4): 200 feeds in under 3 s vs about 40 s for the baseline; second run all 304.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import sys
import tempfile
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

N_FEEDS = 200
LATENCY = 0.2  # seconds per answer
ITEMS = 20


def feed_body(i: int) -> bytes:
    base = dt.datetime(2027, 6, 1, tzinfo=dt.UTC)
    items = "".join(
        f"<item><title>Flux {i} : article {j} sur le café de spécialité et ses tendances</title>"
        f"<link>https://feed{i}.example/articles/{j}?utm_source=rss</link><guid>feed{i}-{j}</guid>"
        f"<pubDate>{format_datetime(base + dt.timedelta(hours=7 * j + i))}</pubDate>"
        f"<description>Résumé de l'article {j} du flux {i}, avec quelques phrases de contexte "
        f"sur le marché du café, les prix de l'arabica et les abonnements.</description></item>"
        for j in range(ITEMS)
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Flux {i}</title>'
            f"<link>https://feed{i}.example/</link>{items}</channel></rss>").encode()


BODIES = [feed_body(i) for i in range(N_FEEDS)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        time.sleep(LATENCY)
        i = int(self.path.strip("/").split(".")[0].removeprefix("feed"))
        etag = f'"v{i}"'
        with self.server.requests.get_lock():  # type: ignore[attr-defined]
            self.server.requests.value += 1  # type: ignore[attr-defined]
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = BODIES[i]
        with self.server.body_bytes.get_lock():  # type: ignore[attr-defined]
            self.server.body_bytes.value += len(body)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512


def _serve(port: Any, requests: Any, body_bytes: Any) -> None:
    srv = Server(("127.0.0.1", 0), Handler)
    srv.requests, srv.body_bytes = requests, body_bytes  # type: ignore[attr-defined]
    port.value = srv.server_address[1]
    srv.serve_forever()


class ServerProcess:
    """The feed server in its own process, so that its Python work does not share our GIL."""

    def __init__(self) -> None:
        ctx = mp.get_context("fork")
        self.requests, self.body_bytes, port = ctx.Value("q", 0), ctx.Value("q", 0), ctx.Value("i", 0)
        self.proc = ctx.Process(target=_serve, args=(port, self.requests, self.body_bytes), daemon=True)
        self.proc.start()
        while port.value == 0:
            time.sleep(0.01)
        self.port = port.value

    def reset(self) -> tuple[int, int]:
        with self.requests.get_lock(), self.body_bytes.get_lock():
            out = (self.requests.value, self.body_bytes.value)
            self.requests.value = self.body_bytes.value = 0
        return out

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.join(5)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="measure the baseline on 40 feeds and extrapolate")
    args = ap.parse_args()
    srv = ServerProcess()  # started before any thread of ours (fork)

    import feedparser

    from veille.feeds import fetch_feeds
    from veille.sources import Source
    from veille.store import Entry, FeedStore

    base = f"http://127.0.0.1:{srv.port}"
    urls = [f"{base}/feed{i}.xml" for i in range(N_FEEDS)]
    sources = [Source(url=u, name=f"Flux {i}") for i, u in enumerate(urls)]
    rows: list[tuple[str, str, str, str, str]] = []

    # 1. baseline
    n_base = 40 if args.quick else N_FEEDS
    t0 = time.perf_counter()
    got = sum(len(feedparser.parse(u).entries) for u in urls[:n_base])
    base_s = (time.perf_counter() - t0) * (N_FEEDS / n_base)
    req, body = srv.reset()
    note = f"measured on {n_base}, ×{N_FEEDS // n_base}" if n_base < N_FEEDS else "measured"
    rows.append(("feedparser.parse(url) loop (sequential)", f"{base_s:.1f} s", "1×",
                 f"{got * N_FEEDS // n_base} entries, {body * N_FEEDS // n_base / 1e6:.1f} MB", note))

    with tempfile.TemporaryDirectory() as tmp:
        for workers, processes in ((16, 0), (32, 0), (32, None)):
            how = f"{workers} workers, " + ("parse in threads" if processes == 0 else
                                            "parse in processes (default)")
            store = FeedStore(Path(tmp) / f"bench{workers}{processes}.sqlite")
            t0 = time.perf_counter()
            c0 = time.process_time()
            rep = fetch_feeds(sources, store, workers=workers, parse_processes=processes)
            s = time.perf_counter() - t0
            cpu = time.process_time() - c0
            req, body = srv.reset()
            ok = sum(r.status == "ok" for r in rep.results)
            rows.append((f"fetch_feeds ({how}), first run", f"{s:.2f} s", f"{base_s / s:.0f}×",
                         f"{ok}/{N_FEEDS} ok, {rep.new} new entries, {body / 1e6:.1f} MB",
                         f"measured; {cpu:.1f} s of CPU in this process"))
            t0 = time.perf_counter()
            rep2 = fetch_feeds(sources, store, workers=workers, parse_processes=processes)
            s2 = time.perf_counter() - t0
            req, body = srv.reset()
            rows.append((f"fetch_feeds ({how}), second run", f"{s2:.2f} s", f"{base_s / s2:.0f}×",
                         f"{rep2.not_modified}/{N_FEEDS} not modified (304), {body} body bytes, "
                         f"{rep2.new} new", "measured"))
            store.close()

        # 4. the store at scale
        store = FeedStore(Path(tmp) / "scale.sqlite")
        src = Source(url="https://big.example/rss", name="Gros volume")
        start = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
        entries = [Entry(title=f"Article {i} : café de spécialité, tendance numéro {i % 997}",
                         link=f"https://big.example/a/{i}?utm_source=rss", guid=f"g{i}",
                         summary="Résumé court de l'article.", published=start + dt.timedelta(minutes=10 * i))
                   for i in range(50_000)]
        t0 = time.perf_counter()
        for k in range(0, len(entries), 1_000):
            store.add_entries(src, entries[k:k + 1_000])
        ins = time.perf_counter() - t0
        t0 = time.perf_counter()
        dup = store.add_entries(src, entries[:10_000])
        dup_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        df = store.entries_frame()
        read = time.perf_counter() - t0
        rows.append(("store: add 50,000 entries (batches of 1,000)", f"{ins:.2f} s", "",
                     f"{len(store)} stored, {len(store) / ins:,.0f} entries/s", "measured"))
        rows.append(("store: re-add 10,000 (all duplicates)", f"{dup_s:.2f} s", "", f"{dup[1]} duplicates", "measured"))
        rows.append(("store: entries_frame() of 50,000", f"{read:.2f} s", "", f"{len(df)} rows", "measured"))
        store.close()
    srv.stop()

    head = ("Run", "Time", "Speed-up", "Result", "Note")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    import os

    print(f"\n{os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"\n{N_FEEDS} feeds × {ITEMS} items, {LATENCY * 1000:.0f} ms latency per answer, local ThreadingHTTPServer (own process)\n")
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))


if __name__ == "__main__":
    main()
