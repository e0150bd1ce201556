"""The SEO audit crawler against a local site on 127.0.0.1 (no internet): broken links, redirects,
missing alts, duplicate titles, an orphan page, and a robots.txt disallow it must respect."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from pilotage.presence.crawl import audit_folder, crawl_site, parse_page

DESC = "Torréfacteur lyonnais de café de spécialité : grains, abonnement et ateliers de dégustation."


def _page(title: str, body: str, *, desc: str | None = DESC, canonical: str = "", extra_head: str = "") -> bytes:
    meta = f'<meta name="description" content="{desc}">' if desc is not None else ""
    canon = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<!doctype html><html lang=fr><head><title>{title}</title>{meta}{canon}{extra_head}</head>"
            f"<body>{body}</body></html>").encode()


SITE = {
    "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /prive/\nSitemap: {base}/sitemap.xml\n"),
    "/sitemap.xml": (200, "application/xml",
                     b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                     b"<url><loc>{base}/</loc></url><url><loc>{base}/cafes</loc></url>"
                     b"<url><loc>{base}/ancienne-page-oubliee</loc></url></urlset>"),
    "/": (200, "text/html; charset=utf-8", _page(
        "Brûlerie Sauvage — café de spécialité à Lyon",
        '<h1>Brûlerie</h1><h2>Nos cafés</h2><a href="/cafes">Cafés</a> <a href="/abonnement">Abonnement</a> '
        '<a href="/ancien-lien">Ancien</a> <a href="/introuvable">Cassé</a> <a href="/prive/admin">Admin</a> '
        '<a href="https://ailleurs.example/">Ailleurs</a> <a href="#top">Haut</a> <a href="mailto:x@y.z">Mail</a>'
        '<img src="/logo.png" alt="Brûlerie Sauvage">',
        canonical="/", extra_head='<script type="application/ld+json">{"@type": "Organization"}</script>')),
    "/cafes": (200, "text/html", _page("Nos cafés", '<h1>Cafés</h1><h3>Éthiopie</h3><img src="/a.jpg">'
                                       '<img src="/b.jpg" alt=""><a href="/">Accueil</a>')),
    "/abonnement": (200, "text/html", _page("Nos cafés", '<h1>Abonnement</h1><img src="/c.jpg"><a href="/">Accueil</a>',
                                            desc=None)),
    "/ancien-lien": (301, "text/html", b""),
    "/introuvable": (404, "text/html", b"<h1>404</h1>"),
    "/prive/admin": (200, "text/html", _page("Admin", "<h1>secret</h1>")),
    "/ancienne-page-oubliee": (200, "text/html", _page("Ancienne page oubliée du site", "<h1>Oubliée</h1>")),
}
REDIRECTS = {"/ancien-lien": "/abonnement"}


@pytest.fixture
def site():
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requested.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}".encode()
            status, ctype, body = SITE.get(self.path, (404, "text/html", b"not found"))
            body = body.replace(b"{base}", base)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if self.path in REDIRECTS:
                self.send_header("Location", REDIRECTS[self.path])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requested
    finally:
        server.shutdown()
        server.server_close()


def test_crawl_respects_robots_and_finds_every_defect(site):
    base, requested = site
    waits: list[float] = []
    with requests.Session() as s:
        audit = crawl_site(base + "/", session=s, delay=0.5, sleep=waits.append, max_pages=50)
    # robots.txt read first, the disallowed page never requested, but listed as excluded
    assert requested[0] == "/robots.txt"
    assert "/prive/admin" not in requested
    assert audit.blocked == (base + "/prive/admin",)
    # politeness: a wait before (almost) every request after the first
    assert len(waits) >= len(requested) - 2 and all(0 < w <= 0.5 for w in waits)
    # never leaves the host
    assert all(not p.url.startswith("https://ailleurs") for p in audit.pages)
    fixes = {f.issue: f for f in audit.fixes}
    assert fixes["broken_link"].pages == (f"{base}/ → {base}/introuvable",)
    assert fixes["duplicate_title"].count == 2  # /cafes and /abonnement are both "Nos cafés"
    assert set(fixes["images_without_alt"].pages) == {base + "/cafes", base + "/abonnement"}  # alt="" is fine
    assert fixes["redirect_link"].pages == (f"{base}/ → {base}/ancien-lien",)
    assert fixes["missing_description"].pages == (base + "/abonnement",)
    assert fixes["orphan"].pages == (base + "/ancienne-page-oubliee",)
    assert fixes["heading_order"].pages == (base + "/cafes",)  # h1 → h3
    assert base + "/" not in fixes["structured_data"].pages and base + "/" not in fixes["missing_canonical"].pages
    # priorities: 1 before 2 before 3
    assert [f.priority for f in audit.fixes] == sorted(f.priority for f in audit.fixes)
    assert fixes["broken_link"].priority == 1 and fixes["orphan"].priority == 2
    redirect = next(p for p in audit.pages if p.url == base + "/ancien-lien")
    assert redirect.status == 301 and redirect.redirect_to == base + "/abonnement"


def test_crawl_limits_pages_and_depth(site):
    base, requested = site
    with requests.Session() as s:
        audit = crawl_site(base + "/", session=s, delay=0, max_pages=2)
    assert len(audit.pages) == 2
    with requests.Session() as s:
        shallow = crawl_site(base + "/", session=s, delay=0, max_depth=0)
    # depth 0: the home page and the sitemap's pages only, its links are not followed
    assert {p.url for p in shallow.pages} == {base + "/", base + "/cafes", base + "/ancienne-page-oubliee"}


def test_unreachable_site_is_one_message():
    from toolkit.errors import NetworkError

    with requests.Session() as s, pytest.raises(NetworkError, match="cannot be reached"):
        crawl_site("http://127.0.0.1:9/", session=s, delay=0, timeout=1)


def test_saved_pages_give_the_same_audit(tmp_path):
    (tmp_path / "index.html").write_bytes(_page("Accueil de la Brûlerie Sauvage", '<h1>A</h1><a href="cafes.html">c</a>'
                                                '<a href="disparue.html">x</a><a href="prive/a.html">p</a>'))
    (tmp_path / "cafes.html").write_bytes(_page("Accueil de la Brûlerie Sauvage", '<h1>C</h1><img src="x.jpg">'))
    (tmp_path / "prive").mkdir()
    (tmp_path / "prive" / "a.html").write_bytes(_page("Privé", "<h1>P</h1>"))
    (tmp_path / "robots.txt").write_text("User-agent: *\nDisallow: /prive/\n", encoding="utf-8")
    audit = audit_folder(tmp_path, display="site")
    fixes = {f.issue: f for f in audit.fixes}
    assert fixes["broken_link"].pages == ("http://site.local/ → http://site.local/disparue.html",)
    assert fixes["duplicate_title"].count == 2 and fixes["images_without_alt"].count == 1
    assert audit.blocked == ("http://site.local/prive/a.html",) and audit.pages_count == 2


def test_parse_page_facts():
    f = parse_page('<html><head><title> Un  titre </title><meta name="robots" content="noindex, follow">'
                   '<link rel="alternate" hreflang="en" href="/en/"></head><body><h1>a</h1><h1>b</h1>'
                   '<div itemscope itemtype="https://schema.org/Product"></div></body></html>')
    assert f["title"] == "Un titre" and f["noindex"] and f["h1"] == 2 and f["hreflang"] == 1
    assert f["structured_data"] and f["description"] is None
