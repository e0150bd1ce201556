"""Checks on *rendered pages*: every DOCX and PPTX of the demo, converted to PDF by LibreOffice,
read back page by page (poppler's pdftotext and pdftoppm) — what a jury sees.

- no near-empty page (content under 15 % of the text area's height), title and divider pages
  excepted;
- no heading as the last line of a page;
- no table cell broken inside a word or a number;
- slides: body text at 14 pt or more; the main deck (before the "Annexes" divider) at most
  18 slides; no line ending with "…";
- no tool vocabulary (file names, YAML keys, English codes) in a French document.

The demo is built and converted once per session (about a minute). Images of failing pages are
kept in ``.ci/artefacts/pages/`` for the CI log. Needs LibreOffice and poppler-utils (`.ci/run`
installs them); elsewhere the tests skip with the reason, unless ``TOOLKIT_REQUIRE_SOFFICE=1``.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from toolkit.render.pdf import find_soffice

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]
ARTEFACTS = ROOT / ".ci" / "artefacts" / "pages"

NBSPS = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2011": "-", "\u2060": None})
# words a client must never read: file names, YAML keys, English codes, the tool itself
# words a client must never read: file names, YAML keys, English codes, the tool itself. Codes are
# lower case: a client's own campaign name ("FR_Search_Marque") or an English source's title
# ("Paid Search Benchmarks") is not one; the piece of a web address the document cites is not one
# either (see _in_cited_address).
TOOL_WORDS = [r"\btoolkit\b", r"\.ya?ml\b", r"\bsubscribers\b", r"\brevenue\b", r"\breach\b",
              r"\bgoogle_ads\b", r"\bonline_revenue_share\b", r"\bwatch\.readings\b", r"today 5-y", "`",
              r"(?-i:\bpaid\b)", r"(?-i:\bowned\b)", r"(?-i:\bearned\b)", r"(?-i:\b[a-z]+_[a-z_]+\b)"]
MIN_FILL = 0.15
BULLETS = {"■", "•", "▪", "–"}  # list markers are drawn smaller than the text they mark
DEJAVU_BOX_EM = 1.164  # DejaVu Sans ascent + descent: a word's box height / its font size


def _require_tools() -> None:
    missing = [t for t in ("pdftotext", "pdftoppm") if shutil.which(t) is None]
    if find_soffice() is None:
        missing.append("soffice (LibreOffice)")
    if missing:
        reason = f"rendered-page checks need {', '.join(missing)} (Debian: libreoffice-writer libreoffice-impress poppler-utils)"
        if os.environ.get("TOOLKIT_REQUIRE_SOFFICE") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@dataclass
class Rendered:
    name: str  # e.g. "bloc2-plan/recommandation-plan.docx"
    source: Path
    pdf: Path
    pages: list[str] = field(default_factory=list)

    @property
    def deck(self) -> bool:
        return self.source.suffix == ".pptx"


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> list[Rendered]:
    _require_tools()
    from toolkit.demo import run_demo
    from toolkit.render.pdf import convert_to_pdf

    # TOOLKIT_PAGES_CACHE=DIR keeps the demo and its PDFs between runs (working on the checks)
    cache = os.environ.get("TOOLKIT_PAGES_CACHE")
    base = Path(cache) if cache else tmp_path_factory.mktemp("pages")
    out_dir = base / "demo" / "out"
    if not (cache and out_dir.is_dir()):
        old = os.environ.get("TOOLKIT_TOC_PAGES")
        os.environ["TOOLKIT_TOC_PAGES"] = "1"  # the contents page with its page numbers, as users get it
        try:
            result = run_demo(base / "demo", formats=("docx", "pptx", "html"), lang="fr")
        finally:
            if old is None:
                os.environ.pop("TOOLKIT_TOC_PAGES", None)
            else:
                os.environ["TOOLKIT_TOC_PAGES"] = old
        assert not result.failures, result.failures
    out: list[Rendered] = []
    for ext in ("docx", "pptx"):
        sources = sorted(out_dir.glob(f"*/*.{ext}"))
        pdf_dir = base / f"pdf-{ext}"
        pdfs = ([pdf_dir / f"{s.stem}.pdf" for s in sources] if cache and pdf_dir.is_dir()
                else convert_to_pdf(sources, pdf_dir, "fr-FR"))  # as `--format pdf` makes them
        for src, pdf in zip(sources, pdfs, strict=True):
            text = _pdftotext(pdf)
            name = str(src.relative_to(out_dir))
            out.append(Rendered(name, src, pdf, text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")))
    assert len([r for r in out if not r.deck]) >= 5 and len([r for r in out if r.deck]) >= 5
    return out


def _keep_failing_pages(r: Rendered, pages: list[int]) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    stem = r.name.replace("/", "_")
    for n in pages[:6]:
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(n), "-l", str(n), str(r.pdf),
                        str(ARTEFACTS / f"{stem}-p{n}")], check=False)


# Issue #12 is not finished: these defects remain on the demo's rendered pages (measured on
# 2026-12-04, down from 85). Each check fails when a deliverable has MORE defects of its kind than listed here
# (a regression, or a new deliverable with defects); lower a count as a builder is fixed, and
# delete the entry at 0. Run the tests to see every remaining defect with its page.
KNOWN_GAPS: dict[str, dict[str, int]] = {
    "near_empty": {
        "bloc1-personas/personas.docx": 1,  # 14 %: a card's details (other traits) spill after the card
        "bloc2-plan/recommandation-plan.docx": 1,  # 14 %: the steering rituals list, kept whole, alone on its page
    },
    "broken_cells": {},
    "tool_words": {},
}


def _beyond_known(check: str, failures: dict[str, list[tuple[int, str]]]) -> dict[str, list[tuple[int, str]]]:
    """The deliverables whose defects of ``check`` exceed the known, recorded gaps."""
    known = KNOWN_GAPS[check]
    return {name: items for name, items in failures.items() if len(items) > known.get(name, 0)}


def test_known_gaps_hold_only_up_to_their_count(monkeypatch) -> None:
    """The rule itself: a deliverable over its recorded count, or a new one, is reported."""
    monkeypatch.setitem(KNOWN_GAPS, "near_empty", {"a.docx": 1})
    found = {"a.docx": [(3, "page 9% full")], "b.docx": [(2, "page 5% full")]}
    assert set(_beyond_known("near_empty", found)) == {"b.docx"}
    found["a.docx"].append((7, "page 4% full"))
    assert set(_beyond_known("near_empty", found)) == {"a.docx", "b.docx"}


def _report(failures: dict[str, list[tuple[int, str]]], rendered: list[Rendered]) -> None:
    if not failures:
        return
    by_name = {r.name: r for r in rendered}
    lines = []
    for name, items in failures.items():
        _keep_failing_pages(by_name[name], [n for n, _ in items])
        lines += [f"{name} p.{n}: {what}" for n, what in items]
    pytest.fail(f"{len(lines)} defect(s) on rendered pages (images in {ARTEFACTS}):\n" + "\n".join(lines))


# ---------------------------------------------------------------- page geometry

@functools.lru_cache(maxsize=32)
def _page_images(pdf: Path) -> tuple[Path, ...]:
    """Every page of ``pdf`` as a small grey PNG (one pdftoppm call per document)."""
    folder = pdf.parent / f".ink-{pdf.stem}"
    folder.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-gray", "-r", "20", "-png", str(pdf), str(folder / "p")], check=True)
    return tuple(sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1])))


def _ink_extent(pdf: Path, page: int, top: float, bottom: float) -> float:
    """Share of the band [top, bottom] (fractions of the page height) between the first and
    the last row holding ink: how much of the text area the page uses."""
    from PIL import Image

    img = Image.open(_page_images(pdf)[page - 1]).convert("L")
    w, h = img.size
    px = img.load()
    y0, y1 = int(top * h), int(bottom * h)
    rows = [y for y in range(y0, y1) if any(px[x, y] < 200 for x in range(int(w * 0.05), int(w * 0.95)))]
    if not rows:
        return 0.0
    return (rows[-1] - rows[0] + 1) / max(y1 - y0, 1)


def _is_divider(text: str) -> bool:
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    return bool(lines) and lines[0] in ("Annexes", "Appendix")


def test_no_near_empty_page(rendered) -> None:
    failures: dict[str, list[tuple[int, str]]] = {}
    for r in rendered:
        # text area: A4 between 2.2 cm margins (header and footer outside); slides between
        # the title band and the footer line
        top, bottom = (1.45 / 7.5, 6.95 / 7.5) if r.deck else (2.2 / 29.7, 27.5 / 29.7)
        for n, text in enumerate(r.pages, 1):
            if n == 1 or _is_divider(text):
                continue
            if r.deck and "Sommaire" in text.splitlines()[:3]:
                continue
            fill = _ink_extent(r.pdf, n, top, bottom)
            if fill < MIN_FILL:
                failures.setdefault(r.name, []).append((n, f"page {fill:.0%} full"))
    _report(_beyond_known("near_empty", failures), rendered)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(NBSPS)).lower()


def _body_lines(text: str, header: set[str]) -> list[str]:
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    return [x for x in lines if not re.fullmatch(r"Page \d+ / \d+", x) and x not in header]


def test_no_heading_is_the_last_line_of_a_page(rendered) -> None:
    import docx

    failures: dict[str, list[tuple[int, str]]] = {}
    for r in (x for x in rendered if not x.deck):
        d = docx.Document(str(r.source))
        headings = {_squash(p.text) for p in d.paragraphs if p.style.name.startswith("Heading") and p.text.strip()}
        header = {p.text.strip() for p in d.sections[-1].header.paragraphs} | set(
            x.strip() for p in d.sections[-1].header.paragraphs for x in p.text.split("\t"))
        for n, text in enumerate(r.pages, 1):
            lines = _body_lines(text, header)
            for k in (1, 2, 3):
                tail = _squash("".join(lines[-k:]))
                if len(lines) > k and tail in headings:
                    failures.setdefault(r.name, []).append((n, f"heading {lines[-k]!r} ends the page"))
                    break
    _report(failures, rendered)


def _cell_tokens(r: Rendered) -> set[str]:
    texts: list[str] = []
    if r.deck:
        from pptx import Presentation

        for slide in Presentation(str(r.source)).slides:
            for sh in slide.shapes:
                if sh.has_table:
                    texts += [c.text for row in sh.table.rows for c in row.cells]
    else:
        import docx

        for t in docx.Document(str(r.source)).tables:
            if len(t.rows) == 1 and len(t.columns) == 1:
                continue  # a one-cell table is a box (a callout): prose, which may break at a hyphen
            texts += [c.text for row in t.rows for c in row.cells]
    tokens = set()
    for text in texts:
        for tok in text.translate(NBSPS).replace("\n", " ").split(" "):
            if "://" in tok:  # a web address may break after a slash, as in every browser
                continue
            if len(tok) >= 4 or any(ch.isdigit() for ch in tok) and len(tok) >= 2:
                tokens.add(tok)
    # numbers keep their groups and unit: "15 000 €", "38,0 %" are single tokens
    for text in texts:
        for m in re.finditer(r"\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:,\d+)?(?:[\u00a0\u202f][€%])?", text):
            tokens.add(m.group(0).translate(NBSPS))
    return tokens


def test_no_table_cell_is_broken_inside_a_word_or_number(rendered) -> None:
    failures: dict[str, list[tuple[int, str]]] = {}
    for r in rendered:
        pages = [p.translate(NBSPS) for p in r.pages]
        whole = "\n".join(pages)
        # a word split over two lines shows as "Actio\nn": the token is nowhere in one piece
        # pdftotext joins a word ending in a hyphen at a line end with the next ("cross-" + "ou"
        # → "crossou"): the hyphen-ended token is whole when its stem is
        broken = sorted(t for t in _cell_tokens(r) if t not in whole and t.replace(" ", "") not in whole
                        and not (t.endswith("-") and t[:-1] in whole))
        for tok in broken[:20]:
            head = tok[: max(2, len(tok) // 2)]
            page = next((n for n, p in enumerate(pages, 1) if head in p), 0)
            failures.setdefault(r.name, []).append((page, f"cell text {tok!r} broken"))
    _report(_beyond_known("broken_cells", failures), rendered)


def test_slides_body_text_is_at_least_14_pt(rendered) -> None:
    failures: dict[str, list[tuple[int, str]]] = {}
    for r in (x for x in rendered if x.deck):
        html = _pdftotext(r.pdf, "-bbox")
        for n, page in enumerate(html.split("<page ")[1:], 1):
            if n == 1:
                continue
            small = []
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
                y0, y1, word = float(m.group(2)), float(m.group(4)), m.group(5)
                if y0 < 1.45 * 72 or y1 > 6.95 * 72 or word in BULLETS:  # title band, footer, markers
                    continue
                size = (y1 - y0) / DEJAVU_BOX_EM
                if size < 13.5:
                    small.append(f"{word} ({size:.0f} pt)")
            if small:
                failures.setdefault(r.name, []).append((n, "small text: " + ", ".join(small[:5])))
    _report(failures, rendered)


def test_main_decks_have_at_most_18_slides(rendered) -> None:
    for r in (x for x in rendered if x.deck):
        divider = next((n for n, t in enumerate(r.pages, 1) if _is_divider(t)), len(r.pages) + 1)
        assert divider - 1 <= 18, f"{r.name}: main deck of {divider - 1} slides"


def test_no_line_ends_with_an_ellipsis(rendered) -> None:
    failures: dict[str, list[tuple[int, str]]] = {}
    for r in (x for x in rendered if x.deck):
        for n, text in enumerate(r.pages, 1):
            cut = [x for x in text.splitlines() if x.rstrip().endswith(("…", "..."))]
            if cut:
                failures.setdefault(r.name, []).append((n, f"cut: {cut[0]!r}"))
    _report(failures, rendered)


def _cited_addresses(r: Rendered) -> list[str]:
    """Every web address the document's text cites (a source's URL), lower case."""
    import zipfile

    with zipfile.ZipFile(r.source) as z:
        xml = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                       if n.endswith(".xml") and ("word/" in n or "slides/" in n))
    text = re.sub(r"<[^>]+>", " ", xml)
    return [u.lower() for u in re.findall(r"https?://[^\s<>\"'“”«»]+", text)]


def _in_cited_address(text: str, m: re.Match, addresses: list[str]) -> bool:
    """The match is part of a longer token (a web address broken over lines: "paid-search-",
    "prc_hicp_aind/default/table") that one of the cited addresses contains."""
    start, end = m.start(), m.end()
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    token = text[start:end].strip("()[],;.«»").lower()
    # pdftotext joins a word hyphenated at a line end ("paid-search-" + "advertising" →
    # "paid-searchadvertising"): hyphens are left out of the comparison
    bare = token.replace("-", "")
    return len(token) > len(m.group(0)) and any(bare in a.replace("-", "").replace("\u2011", "") for a in addresses)


def test_in_cited_address_spares_only_the_pieces_of_a_cited_address() -> None:
    addresses = ["https://ec.europa.eu/eurostat/databrowser/view/prc_hicp_aind/default/table"]
    text = "Eurostat (prc_hicp_aind), poste\nprc_hicp_aind/default/table"
    found = [m.group(0) for m in re.finditer(r"\b[a-z]+_[a-z_]+\b", text)
             if not _in_cited_address(text, m, addresses)]
    assert found == ["prc_hicp_aind"]  # the code in the text is a tool word; the address is not


def test_tool_words_are_codes_in_lower_case() -> None:
    pattern = re.compile("|".join(TOOL_WORDS), re.IGNORECASE)
    assert [m.group(0) for m in pattern.finditer("google_ads_search paid case.yaml toolkit")] == [
        "google_ads_search", "paid", ".yaml", "toolkit"]
    assert not pattern.findall("FR_Search_Marque, Paid Search Advertising Benchmarks")


def test_no_tool_vocabulary_in_french_documents(rendered) -> None:
    failures: dict[str, list[tuple[int, str]]] = {}
    pattern = re.compile("|".join(TOOL_WORDS), re.IGNORECASE)
    for r in rendered:
        addresses = _cited_addresses(r)
        for n, text in enumerate(r.pages, 1):
            found = sorted({m.group(0) for m in pattern.finditer(text) if not _in_cited_address(text, m, addresses)})
            if found:
                failures.setdefault(r.name, []).append((n, "tool words: " + ", ".join(found[:6])))
    _report(_beyond_known("tool_words", failures), rendered)


def test_the_demo_deliverables_pass_supports_check(rendered) -> None:
    """Dogfooding (#20): ``toolkit supports check`` on the demo's own HTML, DOCX, PPTX and PDF finds
    no accessibility failure — axe-core in Chromium included for the HTML when it is installed
    (``.ci/run`` installs it); an accessibility regression of the document engine fails here."""
    from pilotage.supports.browser import find_axe, find_chromium
    from pilotage.supports.checks import AXE_CHECK
    from pilotage.supports.commands import audit

    out_dir = rendered[0].source.parents[1]
    html = sorted(out_dir.glob("*/*.html"))
    files = [r.source for r in rendered] + [r.pdf for r in rendered] + html
    browser = find_chromium() is not None and find_axe() is not None
    results = audit(ROOT / "examples" / "brulerie-sauvage", files, browser=browser)
    kinds = {a.kind for a in results.audits}
    assert {"docx", "pptx", "pdf", "landing"} <= kinds and len(html) >= 5
    failures = [(a.file.rsplit("/", 1)[-1], f.check, f.evidence) for a in results.audits for f in a.findings
                if f.area == "accessibilite" and f.status in ("fail", "warn")
                and not (not browser and f.check == AXE_CHECK["fr"])]
    assert failures == []
    if browser:
        assert sum(1 for a in results.audits for f in a.findings if f.check == AXE_CHECK["fr"] and f.status == "ok") == len(html)
