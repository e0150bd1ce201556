"""Golden files of small rendered pieces: one block, one text format, one language.

The expected output lives in ``tests/render/golden/<case>.<lang>.<md|html>``, readable in a
diff. After an intended change, regenerate with ``UPDATE_GOLDEN=1 pytest tests/render`` and
review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import zlib
from pathlib import Path

import pytest

from toolkit.document import (
    BulletList,
    Callout,
    CheckItem,
    Checklist,
    Figure,
    KeyFigure,
    KeyFigures,
    PageBreak,
    Paragraph,
    Section,
    Span,
    Table,
)
from toolkit.render import html, markdown

GOLDEN = Path(__file__).with_name("golden")


def tiny_png() -> bytes:
    """A valid 1×1 white PNG built by hand (stable bytes, no matplotlib version drift)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")


CASES = {
    "paragraph": Paragraph("Le trafic ", Span("double", bold=True), " sur la période, voir ",
                           Span("le rapport", href="https://example.org/rapport?a=1&b=2"), "."),
    "paragraph_lead": Paragraph("Synthèse en une phrase.", style="lead"),
    "paragraph_quote": Paragraph("« Une citation »", style="quote"),
    "bullets": BulletList(["Premier point", Paragraph(Span("Deuxième", italic=True), " point")]),
    "numbered": BulletList(["Audit", "Plan", "Bilan"], ordered=True),
    "table": Table(
        columns=("Levier", "Budget", "Part", "Clics", "Début"),
        rows=(("Google Ads", 4200.0, 0.4565, 12500, dt.date(2026, 1, 5)),
              ("Meta | Instagram", 2600.5, 0.2827, 8300, dt.date(2026, 2, 1)),
              ("Emailing", None, None, 950, None)),
        kinds=("text", "currency", "percent", "integer", "date"),
        caption="Budget par levier", totals=("Budget", "Clics"), source="Export Google Ads",
    ),
    "key_figures": KeyFigures([
        KeyFigure("Chiffre d'affaires", 48250.0, "currency", change=0.42, status="good"),
        KeyFigure("Taux de conversion", 0.031, "percent", change=-0.4, change_kind="points", status="bad"),
        KeyFigure("Avis", 4.6, "number", unit="/ 5", decimals=1, note="412 avis"),
    ], caption="Chiffres clés"),
    "callout": Callout("warning", "Budget dépassé", ["Google Ads dépasse de 10 %.", "À surveiller."]),
    "checklist": Checklist("Grille d'auto-évaluation", [
        CheckItem("Objectifs SMART", "met", "Section 1", ref="C.3.1"),
        CheckItem("Écarts expliqués", "partial", "2 sur 4", hint="Commenter Meta"),
        CheckItem("ROI calculé", "missing"),
        CheckItem("Présentation claire", "todo", hint="À juger par un relecteur"),
    ]),
    "figure": Figure(png=tiny_png(), caption="Évolution du trafic",
                     alt="Les sessions doublent de janvier à juin.", name="trafic"),
    "section": Section("Résultats", [Paragraph("Texte."), Section("Détail", [Paragraph("Sous-texte.")])]),
    "page_break": PageBreak(),
    "hostile": Section("<script>alert(1)</script> | *gras* _x_", [
        Paragraph('Titre "<img src=x onerror=alert(1)>" & co', Span("clic", href="javascript:alert(1)")),
        Table(("<b>col</b>",), (("=HYPERLINK(\"http://x\")",), ("a|b",)), ("text",), caption="<i>cap</i>"),
    ]),
}
LANG_CASES = {"table", "key_figures", "callout", "checklist", "figure"}  # fixed labels differ by language


def _params():
    for name in CASES:
        for lang in ("fr", "en") if name in LANG_CASES else ("fr",):
            for fmt in ("md", "html"):
                yield pytest.param(name, lang, fmt, id=f"{name}-{lang}-{fmt}")


def _render(name: str, lang: str, fmt: str) -> str:
    import warnings

    from toolkit.render import RenderWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)  # the hostile case drops a javascript: link
        if fmt == "md":
            return markdown.fragment(CASES[name], lang, files_dir="doc_files") + "\n"
        return html.fragment(CASES[name], lang) + "\n"


@pytest.mark.parametrize(("name", "lang", "fmt"), list(_params()))
def test_golden(name: str, lang: str, fmt: str) -> None:
    path = GOLDEN / f"{name}.{lang}.{fmt}"
    got = _render(name, lang, fmt)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"missing golden file {path.name}: run with UPDATE_GOLDEN=1 and review it"
    assert got == path.read_text(encoding="utf-8")


def test_golden_files_all_used() -> None:
    """A golden file whose case was removed is stale: delete it."""
    expected = {f"{n}.{lang}.{fmt}" for n in CASES for lang in (("fr", "en") if n in LANG_CASES else ("fr",))
                for fmt in ("md", "html")}
    assert {p.name for p in GOLDEN.iterdir()} == expected
