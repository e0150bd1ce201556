"""HTML: escaping of hostile text, self-containment, accessibility markup."""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser

import pytest

from toolkit.document import (
    Callout,
    CheckItem,
    Checklist,
    Document,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Span,
    Table,
)
from toolkit.render import RenderWarning
from toolkit.render.html import to_html

SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(2)>'
QUOTES = "l'avis \"cinq étoiles\" & <b>gras</b>"


class _Collect(HTMLParser):
    """Every start tag with its attributes, and all text, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    return p


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def hostile_document() -> Document:
    return Document(
        title=SCRIPT,
        subtitle=ATTR,
        client=QUOTES,
        author=SCRIPT,
        sections=(
            Section(SCRIPT, [
                Paragraph(SCRIPT, Span("lien", href="javascript:alert(3)"),
                          Span("data", href="data:text/html,<script>alert(4)</script>"),
                          Span("ok", href="https://example.org/?q=\"x\"&y=<z>"),
                          Span("tab", href=" java\tscript:alert(5)")),
                Table(columns=(SCRIPT, "n"), rows=((ATTR, 1), (QUOTES, 2)), kinds=("text", "integer"),
                      caption=SCRIPT, source=ATTR),
                Figure(png=_tiny_png(), caption=SCRIPT, alt=ATTR),
                KeyFigures([KeyFigure(SCRIPT, SCRIPT, "text", unit=ATTR, note=QUOTES)], caption=SCRIPT),
                Callout("danger", SCRIPT, [ATTR, QUOTES]),
                Checklist(SCRIPT, [CheckItem(SCRIPT, "met", ATTR, hint=QUOTES, ref=ATTR, group=SCRIPT)]),
            ]),
            Section(ATTR, [Section(QUOTES, [Paragraph("x")])]),
        ),
    )


@pytest.fixture(scope="module")
def hostile_html() -> str:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = to_html(hostile_document())
    dropped = [str(w.message) for w in caught if issubclass(w.category, RenderWarning)]
    assert len(dropped) == 3  # javascript:, data: and the tab-obfuscated javascript: links
    return out


def test_hostile_text_is_shown_as_text_never_as_markup(hostile_html: str) -> None:
    parsed = _parse(hostile_html)
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags
    assert "b" not in tags  # "<b>gras</b>" from the client name stays text
    imgs = [a for t, a in parsed.tags if t == "img"]
    assert len(imgs) == 1  # only the real figure; the injected <img onerror> is text
    assert imgs[0]["alt"] == ATTR  # the alt attribute holds the hostile text, intact and inert
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    text = "".join(parsed.text)
    assert SCRIPT in text and ATTR in text and QUOTES in text  # visible to the reader as typed


def test_only_http_and_mailto_links_are_kept(hostile_html: str) -> None:
    hrefs = [a.get("href") for t, a in _parse(hostile_html).tags if t == "a"]
    external = [h for h in hrefs if h and not h.startswith("#")]
    assert external == ['https://example.org/?q="x"&y=<z>']
    assert "javascript:" not in hostile_html.lower().replace("java\tscript", "")
    assert "data:text/html" not in hostile_html


def test_html_is_self_contained(sample_fr) -> None:
    out = to_html(sample_fr)
    parsed = _parse(out)
    for tag, attrs in parsed.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if tag == "a" and key == "href":
                continue  # reader links in the text are allowed, resources are not
            assert not re.match(r"\s*(https?:)?//", value), f"external resource {tag} {key}={value}"
    assert not [t for t, a in parsed.tags if t == "link" and a.get("rel") == "stylesheet"]
    assert not [t for t, a in parsed.tags if t == "script"]
    assert "@import" not in out and "url(http" not in out
    assert out.count('src="data:image/png;base64,') == 3


def test_html_accessibility_markup(sample_fr, sample_en) -> None:
    out = to_html(sample_fr)
    assert '<html lang="fr">' in out and '<html lang="en">' in to_html(sample_en)
    parsed = _parse(out)
    tags = [t for t, _ in parsed.tags]
    assert tags.count("h1") == 1
    assert tags.count("caption") == 3  # two tables and the checklist
    ths = [a for t, a in parsed.tags if t == "th"]
    assert ths and all(a.get("scope") in ("col", "row", "rowgroup") for a in ths)
    assert all(a.get("alt") for t, a in parsed.tags if t == "img")
    assert any(a.get("role") == "note" for _, a in parsed.tags)
    assert "<nav" in out and "Sommaire" in out
    # statuses are written out, not only coloured
    assert "À surveiller" in out and "À compléter" in out
    assert 'class="num"' in out  # numbers right-aligned


def test_print_stylesheet_gives_a4_pages(sample_fr) -> None:
    out = to_html(sample_fr)
    assert "@page{size:A4" in out
    assert "@media print" in out and "break-before:page" in out and "break-inside:avoid" in out


def test_french_and_english_number_formatting(sample_fr, sample_en) -> None:
    assert "4\u202f630,50\u00a0€" in to_html(sample_fr)
    assert "€4,630.50" in to_html(sample_en)
    assert "Figure 1 – " in to_html(sample_en) and "Table 1 – " in to_html(sample_en)
    assert "Tableau 1 – " in to_html(sample_fr)
