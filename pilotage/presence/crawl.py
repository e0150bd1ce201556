"""On-page SEO audit: a bounded, polite crawl of the client's site, or a folder of saved pages.

The crawl reads ``robots.txt`` first and never requests a URL it disallows (they are listed as
excluded); it follows the sitemap (from ``robots.txt`` or ``/sitemap.xml``) to find orphan pages;
it stays on the start URL's host, stops at ``max_pages`` and ``max_depth``, waits ``delay``
seconds between two requests and does not follow redirects by itself (each one is recorded,
then its target is queued). The network goes through a ``requests.Session`` given by the caller,
so tests crawl a local site served on 127.0.0.1.

Why not advertools (``crawl``, ``robotstxt_to_df``, ``sitemap_to_df``)? It runs Scrapy in a
subprocess (Twisted, a dozen dependencies, a JSON-lines file to read back) for what a 100-page
audit needs: ``urllib.robotparser`` (standard library), ``html.parser`` and the ``requests``
session the toolkit already uses for feeds. The parsing is the same for a live crawl and a
folder of saved pages, so both give the same audit.

Per page: status code, redirect target, title and meta description (presence, length,
duplicates), ``noindex``, H1 count and heading order, images without ``alt``, canonical,
``hreflang`` links, structured data (JSON-LD, microdata), internal links, HTML weight. The
:func:`prioritise` rules turn them into a prioritised list of fixes.
"""

from __future__ import annotations

import time
import urllib.parse
import urllib.robotparser
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from toolkit.errors import InputError, NetworkError
from toolkit.i18n import per_lang, tr

__all__ = ["Fix", "PageFacts", "SiteAuditResult", "audit_folder", "audit_site", "crawl_site", "parse_page",
           "prioritise"]

TITLE_RANGE = (10, 60)
"""Characters: a title shorter or longer is flagged (Google shows about 50–60)."""
DESCRIPTION_RANGE = (50, 160)
HEAVY_HTML_BYTES = 200_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class PageFacts:
    """What one page holds (``status`` 0: not fetched, e.g. a connection error)."""

    url: str
    status: int = 200
    depth: int = 0
    redirect_to: str = ""
    title: str | None = None
    description: str | None = None
    noindex: bool = False
    h1: int = 0
    headings: list[int] = field(default_factory=list)
    images: int = 0
    images_without_alt: int = 0
    canonical: str = ""
    hreflang: int = 0
    structured_data: bool = False
    links: list[str] = field(default_factory=list)
    bytes: int = 0
    error: str = ""

    @property
    def heading_skips(self) -> int:
        """Headings that go down more than one level (h2 → h4): the outline has a hole."""
        return sum(1 for a, b in zip(self.headings, self.headings[1:], strict=False) if b > a + 1)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts: dict[str, Any] = {"title": None, "description": None, "noindex": False, "h1": 0, "headings": [],
                                      "images": 0, "images_without_alt": 0, "canonical": "", "hreflang": 0,
                                      "structured_data": False, "links": []}
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        f = self.facts
        if tag == "title" and f["title"] is None:
            self._in_title = True
        elif tag == "meta":
            name = a.get("name", "").lower()
            if name == "description" and f["description"] is None:
                f["description"] = " ".join(a.get("content", "").split())
            elif name == "robots" and "noindex" in a.get("content", "").lower():
                f["noindex"] = True
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            f["headings"].append(int(tag[1]))
            f["h1"] += tag == "h1"
        elif tag == "img":
            f["images"] += 1
            if "alt" not in a:  # alt="" is a deliberate decorative image: not a defect
                f["images_without_alt"] += 1
        elif tag == "link":
            rel = a.get("rel", "").lower().split()
            if "canonical" in rel:
                f["canonical"] = a.get("href", "")
            if "alternate" in rel and a.get("hreflang"):
                f["hreflang"] += 1
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            f["structured_data"] = True
        elif "itemscope" in a:
            f["structured_data"] = True
        if tag == "a" and a.get("href"):
            f["links"].append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.facts["title"] = " ".join("".join(self._title).split())

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)


def parse_page(html: str) -> dict[str, Any]:
    """The SEO facts of one HTML page (title, description, headings, images, links…)."""
    p = _PageParser()
    p.feed(html)
    p.close()
    if p._in_title:  # an unclosed <title>
        p.facts["title"] = " ".join("".join(p._title).split())
    return p.facts


def _normalise(url: str) -> str:
    """Drop the fragment; an empty path is ``/``."""
    u = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((u.scheme, u.netloc.lower(), u.path or "/", u.query, ""))


def _sitemap_urls(data: bytes) -> list[str]:
    from veille.safexml import FeedRefused, parse_xml_safely

    try:
        root = parse_xml_safely(data)
    except (FeedRefused, Exception):  # a broken sitemap is reported as empty, the crawl goes on
        return []
    return [el.text.strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc" and el.text]


@dataclass(frozen=True)
class Fix:
    priority: int
    issue: str
    count: int
    example: str
    pages: tuple[str, ...] = ()

    def issue_label(self, lang: str = "fr") -> str:
        if self.issue == "title_length":
            return tr(lang, "Ramener le titre entre {low} et {high} caractères", low=TITLE_RANGE[0], high=TITLE_RANGE[1])
        if self.issue == "description_length":
            return tr(lang, "Ramener la méta-description entre {low} et {high} caractères",
                      low=DESCRIPTION_RANGE[0], high=DESCRIPTION_RANGE[1])
        return _ISSUES["en" if lang == "en" else "fr"][self.issue]


#: The fix for each issue found (two more, with their lengths, in :meth:`Fix.issue_label`).
_ISSUES = per_lang({
    "broken_link": "Réparer les liens internes cassés (page introuvable ou en erreur)",
    "server_error": "Corriger les pages en erreur serveur (5xx)",
    "missing_title": "Donner un titre (<title>) aux pages qui n'en ont pas",
    "duplicate_title": "Rendre chaque titre unique",
    "redirect_link": "Pointer les liens internes vers l'adresse finale, pas vers une redirection",
    "images_without_alt": "Ajouter un texte alternatif (alt) aux images",
    "missing_description": "Écrire une méta-description",
    "duplicate_description": "Rendre chaque méta-description unique",
    "missing_h1": "Donner un titre H1 à la page",
    "orphan": "Relier les pages orphelines (dans le sitemap, liées par aucune page)",
    "multiple_h1": "Garder un seul H1 par page",
    "heading_order": "Respecter l'ordre des titres (pas de H2 → H4)",
    "missing_canonical": "Déclarer l'adresse canonique (link rel=canonical)",
    "hreflang": "Déclarer les versions linguistiques (hreflang) sur toutes les pages",
    "structured_data": "Ajouter des données structurées (JSON-LD : Organization, Product, LocalBusiness)",
    "heavy_page": "Alléger les pages HTML de plus de 200 Ko",
})


@dataclass(frozen=True)
class SiteAuditResult:
    source: str
    pages: list[PageFacts]
    blocked: tuple[str, ...]
    broken: tuple[tuple[str, str, int], ...]  # (from page, link, status)
    orphans: tuple[str, ...]
    fixes: tuple[Fix, ...]

    @property
    def pages_count(self) -> int:
        """Pages fetched and read as HTML (redirects and errors not counted)."""
        return sum(1 for p in self.pages if p.status == 200)

    @property
    def blocked_count(self) -> int:
        return len(self.blocked)

    def frame(self) -> Any:
        """One row per address fetched (for the spreadsheet and a notebook)."""
        import pandas as pd

        rows = [{"url": p.url, "status": p.status, "depth": p.depth, "redirect_to": p.redirect_to, "title": p.title,
                 "title_length": len(p.title) if p.title else 0, "description_length": len(p.description or ""),
                 "h1": p.h1, "heading_skips": p.heading_skips, "images": p.images,
                 "images_without_alt": p.images_without_alt, "canonical": p.canonical, "hreflang": p.hreflang,
                 "structured_data": p.structured_data, "internal_links": len(p.links), "bytes": p.bytes}
                for p in self.pages]
        return pd.DataFrame(rows)


def _fix(priority: int, issue: str, pages: Iterable[str]) -> Fix | None:
    pages = tuple(dict.fromkeys(pages))
    return Fix(priority, issue, len(pages), pages[0], pages) if pages else None


def prioritise(pages: list[PageFacts], broken: Iterable[tuple[str, str, int]], orphans: Iterable[str],
               redirects: dict[str, str]) -> tuple[Fix, ...]:
    """The fixes, priority 1 first (1: pages lost or unreadable by search engines; 2: what costs
    clicks or accessibility; 3: refinements), most pages first within a priority."""
    ok = [p for p in pages if p.status == 200]
    broken = list(broken)
    titles = Counter(p.title.lower() for p in ok if p.title)
    descs = Counter(p.description.lower() for p in ok if p.description)
    any_hreflang = any(p.hreflang for p in ok)
    candidates = [
        _fix(1, "broken_link", (f"{src} → {dst}" for src, dst, _s in broken)),
        _fix(1, "server_error", (p.url for p in pages if p.status >= 500)),
        _fix(1, "missing_title", (p.url for p in ok if not p.title)),
        _fix(1, "duplicate_title", (p.url for p in ok if p.title and titles[p.title.lower()] > 1)),
        _fix(2, "redirect_link", (f"{p.url} → {link}" for p in ok for link in p.links if link in redirects)),
        _fix(2, "images_without_alt", (p.url for p in ok if p.images_without_alt)),
        _fix(2, "missing_description", (p.url for p in ok if not p.description)),
        _fix(2, "duplicate_description", (p.url for p in ok if p.description and descs[p.description.lower()] > 1)),
        _fix(2, "missing_h1", (p.url for p in ok if p.h1 == 0)),
        _fix(2, "orphan", orphans),
        _fix(3, "title_length", (p.url for p in ok if p.title and not TITLE_RANGE[0] <= len(p.title) <= TITLE_RANGE[1])),
        _fix(3, "description_length", (p.url for p in ok if p.description and not
                                       DESCRIPTION_RANGE[0] <= len(p.description) <= DESCRIPTION_RANGE[1])),
        _fix(3, "multiple_h1", (p.url for p in ok if p.h1 > 1)),
        _fix(3, "heading_order", (p.url for p in ok if p.heading_skips)),
        _fix(3, "missing_canonical", (p.url for p in ok if not p.canonical)),
        _fix(3, "hreflang", (p.url for p in ok if any_hreflang and not p.hreflang)),
        _fix(3, "structured_data", (p.url for p in ok if not p.structured_data)),
        _fix(3, "heavy_page", (p.url for p in ok if p.bytes > HEAVY_HTML_BYTES)),
    ]
    fixes = [f for f in candidates if f is not None]
    return tuple(sorted(fixes, key=lambda f: (f.priority, -f.count)))


def _finish(source: str, pages: list[PageFacts], blocked: Iterable[str], sitemap: Iterable[str],
            redirects: dict[str, str]) -> SiteAuditResult:
    by_url = {p.url: p for p in pages}
    broken = []
    linked: set[str] = set()
    for p in pages:
        if p.status != 200:
            continue
        for link in p.links:
            linked.add(link)
            target = by_url.get(link)
            if target is not None and (target.status >= 400 or target.status == 0):
                broken.append((p.url, link, target.status))
    # a redirect's target counts as linked
    linked |= {redirects[u] for u in list(linked) if u in redirects}
    start = pages[0].url if pages else ""
    orphans = tuple(u for u in dict.fromkeys(sitemap) if u != start and u not in linked
                    and by_url.get(u) is not None and by_url[u].status == 200)
    return SiteAuditResult(source, pages, tuple(dict.fromkeys(blocked)), tuple(broken), orphans,
                           prioritise(pages, broken, orphans, redirects))


def crawl_site(start: str, *, session: Any = None, max_pages: int = 100, max_depth: int = 4, delay: float = 1.0,
               user_agent: str = "marketing-toolkit-audit/1.0", timeout: float = 10.0,
               sleep: Callable[[float], None] = time.sleep) -> SiteAuditResult:
    """Crawl ``start``'s site politely (see the module docstring) and audit every page read."""
    import requests

    own = session is None
    session = session or requests.Session()
    start = _normalise(start)
    host = urllib.parse.urlsplit(start).netloc
    base = f"{urllib.parse.urlsplit(start).scheme}://{host}"
    headers = {"User-Agent": user_agent}
    last = [0.0]

    def get(url: str) -> Any:
        wait = delay - (time.monotonic() - last[0])
        if last[0] and wait > 0:
            sleep(wait)
        try:
            return session.get(url, headers=headers, timeout=timeout, allow_redirects=False)
        finally:
            last[0] = time.monotonic()

    try:
        robots = urllib.robotparser.RobotFileParser()
        try:
            r = get(base + "/robots.txt")
        except requests.RequestException as exc:
            raise NetworkError(f"the site cannot be reached: {exc.__class__.__name__}", file=start,
                               hint="check the address (site.url in presence.yaml), or audit a folder of saved pages (site.folder)") from exc
        if r.status_code == 200:
            robots.parse(r.text.splitlines())
        else:
            robots.parse([])  # no robots.txt: everything allowed
        sitemaps = list(robots.site_maps() or []) or [base + "/sitemap.xml"]
        sitemap_urls: list[str] = []
        for sm in sitemaps:
            if not robots.can_fetch(user_agent, sm):
                continue
            try:
                r = get(sm)
            except requests.RequestException:
                continue
            if r.status_code == 200:
                sitemap_urls += [_normalise(u) for u in _sitemap_urls(r.content)
                                 if urllib.parse.urlsplit(u).netloc.lower() == host]
        sitemap_urls = list(dict.fromkeys(sitemap_urls))
        queue: deque[tuple[str, int]] = deque([(start, 0)])
        queue.extend((u, 1) for u in sitemap_urls if u != start)
        seen: set[str] = {start, *sitemap_urls}
        pages: list[PageFacts] = []
        blocked: list[str] = []
        redirects: dict[str, str] = {}
        while queue and len(pages) < max_pages:
            url, depth = queue.popleft()
            if not robots.can_fetch(user_agent, url):
                blocked.append(url)
                continue
            try:
                r = get(url)
            except requests.RequestException as exc:
                pages.append(PageFacts(url, status=0, depth=depth, error=exc.__class__.__name__))
                continue
            facts = PageFacts(url, status=r.status_code, depth=depth, bytes=len(r.content))
            pages.append(facts)
            if 300 <= r.status_code < 400 and r.headers.get("Location"):
                target = _normalise(urllib.parse.urljoin(url, r.headers["Location"]))
                facts.redirect_to = target
                redirects[url] = target
                if urllib.parse.urlsplit(target).netloc.lower() == host and target not in seen:
                    seen.add(target)
                    queue.append((target, depth))
                continue
            ctype = r.headers.get("Content-Type", "text/html").split(";")[0].strip().lower()
            if r.status_code != 200 or ctype not in _HTML_TYPES:
                continue
            _fill(facts, parse_page(r.text), url, host)
            if depth >= max_depth:
                continue
            for link in facts.links:
                if link not in seen:
                    seen.add(link)
                    queue.append((link, depth + 1))
    finally:
        if own:
            session.close()
    return _finish(start, pages, blocked, sitemap_urls, redirects)


def _fill(facts: PageFacts, parsed: dict[str, Any], url: str, host: str) -> None:
    for k, v in parsed.items():
        if k != "links":
            setattr(facts, k, v)
    links = []
    for href in parsed["links"]:
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        absolute = _normalise(urllib.parse.urljoin(url, href))
        if urllib.parse.urlsplit(absolute).netloc.lower() == host and absolute.startswith(("http://", "https://", "file:")):
            links.append(absolute)
    facts.links = list(dict.fromkeys(links))


def audit_folder(folder: str | Path, *, display: str | None = None, base: str = "http://site.local") -> SiteAuditResult:
    """Audit a folder of saved pages (``*.html``; ``index.html`` is the folder's address). A link
    to a page that is not in the folder is a broken link; ``robots.txt`` and ``sitemap.xml`` in
    the folder are read as on a live site (disallowed pages are left out)."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError("the folder of saved pages does not exist", file=str(display or folder),
                         hint="save the site's pages (.html) in that folder, or give site.url to crawl the live site")
    base = base.rstrip("/")
    host = urllib.parse.urlsplit(base).netloc.lower()

    def url_of(path: Path) -> str:
        rel = path.relative_to(root).as_posix()
        if rel == "index.html":
            return base + "/"
        if rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return base + "/" + rel

    files = sorted(root.rglob("*.htm*"))
    known = {url_of(f): f for f in files}
    # /page and /page.html are the same saved page, /dir/index.html is /dir/
    alias = {u[: -len(".html")]: u for u in known if u.endswith(".html")}
    alias.update({u + "index.html": u for u in known if u.endswith("/")})
    robots = urllib.robotparser.RobotFileParser()
    robots_file = root / "robots.txt"
    robots.parse(robots_file.read_text(encoding="utf-8", errors="replace").splitlines() if robots_file.exists() else [])
    sitemap_file = root / "sitemap.xml"
    sitemap = []
    if sitemap_file.exists():
        for u in _sitemap_urls(sitemap_file.read_bytes()):
            path = urllib.parse.urlsplit(u).path or "/"
            v = _normalise(base + path)
            sitemap.append(alias.get(v, v))
    pages: list[PageFacts] = []
    blocked: list[str] = []
    start = base + "/"
    order = [start] + [u for u in known if u != start] if start in known else list(known)
    for url in order:
        if not robots.can_fetch("*", url):
            blocked.append(url)
            continue
        data = known[url].read_bytes()
        facts = PageFacts(url, bytes=len(data))
        _fill(facts, parse_page(data.decode("utf-8", errors="replace")), url, host)
        facts.links = [alias.get(link, link) for link in facts.links]
        pages.append(facts)
    missing = {link for p in pages for link in p.links if link not in known and robots.can_fetch("*", link)}
    pages += [PageFacts(u, status=404, depth=1) for u in sorted(missing)]
    return _finish(display or str(folder), pages, blocked, sitemap, {})


def audit_site(site: Any, *, root: Path, session: Any = None,
               sleep: Callable[[float], None] = time.sleep) -> SiteAuditResult:
    """The audit ``presence.yaml`` asks for: a live crawl of ``site.url`` or the saved pages of ``site.folder``."""
    if site.folder:
        folder = Path(site.folder)
        return audit_folder(folder if folder.is_absolute() else root / folder, display=site.folder,
                            base=site.url or "http://site.local")
    if site.url:
        return crawl_site(site.url, session=session, max_pages=site.max_pages, max_depth=site.max_depth,
                          delay=site.delay, user_agent=site.user_agent, sleep=sleep)
    raise InputError("site: give url (a live crawl) or folder (saved pages)", file="presence.yaml", field="site")
