"""A local stand-in for trends.google.com serving responses recorded in Google's format.

Google prefixes its JSON with ``)]}'`` (explore) or ``)]}',`` (widget data); pytrends strips
4 or 5 characters. The handler answers the cookie call, the explore (token) call and the
multiline (interest over time) call; ``script`` holds status codes to return first (e.g.
``[429, 429]`` then normal answers) to exercise the retries.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def timeline_payload(keywords: list[str], series: dict[str, list[int]], start: dt.date, partial_last: bool = True) -> str:
    n = len(next(iter(series.values())))
    peak = max(max(series[k]) for k in keywords)
    rows = []
    for i in range(n):
        day = start + dt.timedelta(weeks=i)
        ts = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
        vals = [round(100 * series[k][i] / peak) if peak else 0 for k in keywords]
        row = {"time": str(ts), "formattedTime": day.strftime("%b %d, %Y"), "formattedAxisTime": day.strftime("%b %d"),
               "value": vals, "hasData": [v > 0 for v in vals], "formattedValue": [str(v) for v in vals]}
        if partial_last and i == n - 1:
            row["isPartial"] = True
        rows.append(row)
    return ")]}',\n" + json.dumps({"default": {"timelineData": rows, "averages": []}})


def explore_payload(keywords: list[str], geo: str, timeframe: str) -> str:
    req = {"time": timeframe, "resolution": "WEEK", "locale": "fr-FR",
           "comparisonItem": [{"geo": {"country": geo}, "complexKeywordsRestriction": {"keyword": [{"type": "BROAD", "value": k}]}} for k in keywords],
           "requestOptions": {"property": "", "backend": "IZG", "category": 0}}
    widgets = [{"request": req, "token": "TOKEN-" + "|".join(keywords), "id": "TIMESERIES", "type": "fe_line_chart", "title": "Interest over time"},
               {"request": {"geo": {"country": geo}, "resolution": "REGION"}, "token": "GEO", "id": "GEO_MAP", "type": "fe_geo_chart_explore"}]
    return ")]}'\n" + json.dumps({"widgets": widgets, "keywords": [], "timeRanges": [], "examples": [], "shareText": "", "shouldShowMultiHeatMapMessage": False})


class TrendsServer:
    def __init__(self, series: dict[str, list[int]], start: dt.date = dt.date(2022, 1, 2), script: list[int] | None = None):
        self.series = series
        self.start = start
        self.script = list(script or [])
        self.requests: list[str] = []
        self.categories: list[int] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def _send(self, code: int, body: str, ctype: str = "application/json; charset=utf-8", cookie: bool = False):
                data = body.encode()
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                if cookie:
                    self.send_header("Set-Cookie", "NID=511=recorded; Path=/")
                self.end_headers()
                self.wfile.write(data)

            def _handle(self):
                url = urlparse(self.path)
                server.requests.append(self.command + " " + url.path)
                if server.script:
                    code = server.script.pop(0)
                    if code != 200:
                        self._send(code, "<html>Too many requests</html>", "text/html")
                        return
                q = parse_qs(url.query)
                if url.path.endswith("/explore/"):
                    self._send(200, "<html>ok</html>", "text/html", cookie=True)
                elif url.path.endswith("/api/explore"):
                    req = json.loads(q["req"][0])
                    server.categories.append(req.get("category"))
                    kws = [c["keyword"] for c in req["comparisonItem"]]
                    self._send(200, explore_payload(kws, req["comparisonItem"][0]["geo"], req["comparisonItem"][0]["time"]))
                elif url.path.endswith("/widgetdata/multiline"):
                    token = q["token"][0]
                    kws = token.removeprefix("TOKEN-").split("|")
                    self._send(200, timeline_payload(kws, server.series, server.start))
                else:
                    self._send(404, "not found", "text/plain")

            do_GET = _handle
            do_POST = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/trends"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
