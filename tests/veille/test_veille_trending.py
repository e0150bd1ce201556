"""Google Trends "Trending now" RSS: traffic, every news item, safe parsing, fetch over HTTP."""

from __future__ import annotations

import datetime as dt
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from toolkit.errors import NetworkError
from veille.feeds import FeedRefused
from veille.trending import fetch_trending, parse_traffic, parse_trending_rss

# Shaped like https://trends.google.com/trending/rss?geo=FR (2025 format, namespace ht:).
TRENDING = """<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:ht="https://trends.google.com/trending/rss" version="2.0">
<channel>
<title>Daily Search Trends</title>
<description>Recent searches</description>
<link>https://trends.google.com/trending/rss?geo=FR</link>
<atom:link href="https://trends.google.com/trending/rss?geo=FR" rel="self" type="application/rss+xml"/>
<item>
  <title>prix du café</title>
  <ht:approx_traffic>2\u00a0000+</ht:approx_traffic>
  <description></description>
  <link>https://trends.google.com/trending/rss?geo=FR</link>
  <pubDate>Mon, 28 Jun 2027 09:40:00 -0700</pubDate>
  <ht:picture>https://encrypted-tbn0.gstatic.example/images?q=tbn:1</ht:picture>
  <ht:picture_source>Le Journal du Café</ht:picture_source>
  <ht:news_item>
    <ht:news_item_title>Le prix de l&apos;arabica au plus haut depuis 1977</ht:news_item_title>
    <ht:news_item_url>https://jdc.example/arabica-1977</ht:news_item_url>
    <ht:news_item_picture>https://encrypted-tbn0.gstatic.example/images?q=tbn:1</ht:news_item_picture>
    <ht:news_item_source>Le Journal du Café</ht:news_item_source>
  </ht:news_item>
  <ht:news_item>
    <ht:news_item_title>Café : pourquoi votre paquet coûte plus cher</ht:news_item_title>
    <ht:news_item_url>https://conso.example/paquet</ht:news_item_url>
    <ht:news_item_picture>https://encrypted-tbn0.gstatic.example/images?q=tbn:2</ht:news_item_picture>
    <ht:news_item_source>Tendances Conso</ht:news_item_source>
  </ht:news_item>
  <ht:news_item>
    <ht:news_item_title>Sécheresse au Brésil : la récolte 2027 menacée</ht:news_item_title>
    <ht:news_item_url>https://agri.example/bresil</ht:news_item_url>
    <ht:news_item_source>Agri Monde</ht:news_item_source>
  </ht:news_item>
</item>
<item>
  <title>tiktok shop</title>
  <ht:approx_traffic>200+</ht:approx_traffic>
  <pubDate>Mon, 28 Jun 2027 08:00:00 -0700</pubDate>
  <ht:news_item>
    <ht:news_item_title>TikTok Shop arrive en France</ht:news_item_title>
    <ht:news_item_url>https://tech.example/tiktok-shop</ht:news_item_url>
    <ht:news_item_source>Tech Hebdo</ht:news_item_source>
  </ht:news_item>
</item>
</channel>
</rss>
""".encode()
# The older "daily" namespace, with snippets.
DAILY = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:ht="https://trends.google.com/trends/trendingsearches/daily" version="2.0"><channel>
<item><title>eudr</title><ht:approx_traffic>20K+</ht:approx_traffic>
<ht:news_item><ht:news_item_title>EUDR</ht:news_item_title><ht:news_item_snippet>Le r\xc3\xa8glement &lt;b&gt;...</ht:news_item_snippet>
<ht:news_item_url>https://a.example/eudr</ht:news_item_url><ht:news_item_source>A</ht:news_item_source></ht:news_item>
</item></channel></rss>"""


def test_every_news_item_is_kept_where_feedparser_keeps_one():
    trends = parse_trending_rss(TRENDING)
    assert [t.title for t in trends] == ["prix du café", "tiktok shop"]
    cafe = trends[0]
    assert cafe.approx_traffic == 2000 and cafe.traffic_label == "2\u00a0000+"
    assert [n.source for n in cafe.news] == ["Le Journal du Café", "Tendances Conso", "Agri Monde"]
    assert cafe.news[0].title == "Le prix de l'arabica au plus haut depuis 1977"
    assert cafe.news[2].url == "https://agri.example/bresil"
    assert cafe.pub_date == dt.datetime(2027, 6, 28, 16, 40, tzinfo=dt.UTC)
    assert cafe.picture.startswith("https://encrypted-tbn0")
    assert trends[1].approx_traffic == 200 and len(trends[1].news) == 1

    import feedparser

    fp = feedparser.parse(io.BytesIO(TRENDING))  # the reason this module exists
    assert len(fp.entries) == 2 and not isinstance(fp.entries[0].get("ht_news_item_title"), list)


def test_older_namespace_and_snippets():
    (t,) = parse_trending_rss(DAILY)
    assert t.approx_traffic == 20_000 and t.news[0].snippet == "Le règlement <b>..."


@pytest.mark.parametrize(("label", "value"), [
    ("200+", 200), ("2 000+", 2000), ("2\u00a0000+", 2000), ("2\u202f000+", 2000), ("1,000+", 1000),
    ("10000+", 10000), ("20K+", 20000), ("1 M+", 1_000_000), ("1,5 M+", 1_500_000), ("", None), ("beaucoup", None),
])
def test_parse_traffic(label, value):
    assert parse_traffic(label) == value


def test_dtd_and_entities_are_refused():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b"<rss><channel><item><title>&b;</title></item></channel></rss>")
    with pytest.raises(FeedRefused):
        parse_trending_rss(bomb)
    with pytest.raises(ValueError, match="line 1"):
        parse_trending_rss(b"<rss><channel><item></channel></rss>")


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        if self.path.startswith("/trending/rss?geo=FR"):
            body, code = TRENDING, 200
        else:
            body, code = b"", 404
        self.send_response(code)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def trends_server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.paths = []  # type: ignore[attr-defined]
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_fetch_trending_over_http(trends_server):
    base = f"http://127.0.0.1:{trends_server.server_address[1]}/trending/rss"
    trends = fetch_trending("fr", url=base)
    assert len(trends) == 2 and len(trends[0].news) == 3
    assert trends_server.paths == ["/trending/rss?geo=FR"]
    with pytest.raises(NetworkError, match="HTTP 404"):
        fetch_trending("FR", url=base.replace("/trending/rss", "/autre"))
