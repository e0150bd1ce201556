"""Write one :class:`~toolkit.document.Document` as Markdown, HTML, DOCX, PPTX and XLSX.

Usage from a module's ``commands.py``::

    from toolkit.render import render
    paths = render(doc, case.out_dir("veille"), "note-de-veille", formats)

writes, each atomically (a crash keeps the previous file):

========  =================================================================================
``md``    ``stem.md`` + figures as PNG in ``stem_files/`` (linked relatively)
``html``  ``stem.html``: one self-contained page (CSS and figures inside), prints to A4 PDF
``docx``  ``stem.docx``: title page, TOC field, heading styles, captions, page numbers
``pptx``  ``stem.pptx``: 16:9 deck, one slide per section, full text in the speaker notes
``xlsx``  ``stem.xlsx``: summary sheet + one typed sheet per table, live ``=SUM`` totals
``pdf``   ``stem.pdf`` (the report) and ``stem-diapos.pdf`` (the deck), made from the DOCX
          and the PPTX by LibreOffice headless (:mod:`toolkit.render.pdf`)
========  =================================================================================

When LibreOffice is installed, the DOCX's contents page gets its page numbers from a first
LibreOffice rendering (no "update the fields" step for the reader); ``TOOLKIT_TOC_PAGES=0``
turns that off (the test suite does, except in the tests of the rendered pages).

Each renderer is one module with one function per block type (``functools.singledispatch``);
a block a format cannot express raises a :class:`RenderWarning` instead of vanishing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from toolkit.document import Brand, Document
from toolkit.errors import OutputError

__all__ = ["DEFAULT_FORMATS", "FORMATS", "DocxLayout", "RenderWarning", "case_brand", "docx_layout", "render"]

#: Every format, in the order :func:`render` writes and returns them.
FORMATS = ("md", "html", "docx", "pptx", "xlsx", "pdf")
#: What :func:`render` writes when not told: all but ``pdf`` (it needs LibreOffice).
DEFAULT_FORMATS = FORMATS[:-1]


class RenderWarning(UserWarning):
    """A block (or part of one) that a format cannot show; the message says which and why."""


def case_brand(case) -> Brand | None:
    """The colours, font and logo of a case (``output.brand``) for :func:`render`, or ``None``."""
    from toolkit.render._brand import case_brand as _case_brand

    return _case_brand(case)


def render(doc: Document, out_dir: str | Path, stem: str,
           formats: Iterable[str] = DEFAULT_FORMATS, *, brand: Brand | None = None) -> list[Path]:
    """Write ``doc`` to ``out_dir/stem.<ext>`` for each format; return the paths written.

    Paths come back in the order of :data:`FORMATS` (``md`` first). Figures of the Markdown
    version go to ``out_dir/stem_files/``. Unknown format names raise ``ValueError``.
    ``brand`` (:func:`case_brand` of a case) gives DOCX, PPTX and HTML the client's
    colours, font and logo.
    """
    if brand is not None:
        import dataclasses

        doc = dataclasses.replace(doc, brand=brand)
    if isinstance(formats, str):  # "md,html" from a command line or a config file
        formats = formats.split(",")
    wanted = {f.strip().lower().lstrip(".") for f in formats if f.strip()}
    unknown = wanted - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; use any of {FORMATS}")
    if not stem or Path(stem).name != stem or stem in (".", ".."):
        raise ValueError(f"stem {stem!r} must be a plain file name, without folders")
    out_dir = Path(out_dir)
    from toolkit.grid import for_audience

    doc = for_audience(doc)  # case.yaml output.audience: client → no evaluation grid
    if "pdf" in wanted:
        from toolkit.render.pdf import SOFFICE_HINT, find_soffice

        if find_soffice() is None:
            raise OutputError("cannot make the PDF: LibreOffice (soffice) is not installed",
                              hint=SOFFICE_HINT)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder: {exc.strerror}", file=out_dir) from exc

    written: list[Path] = []
    for fmt in FORMATS:
        if fmt not in wanted:
            continue
        target = out_dir / f"{stem}.{fmt}"
        if fmt == "pdf":
            written += _write_pdf(doc, out_dir, stem, wanted)
            continue
        try:
            _write_one(doc, fmt, out_dir, stem, target)
        except OutputError:
            raise
        except OSError as exc:  # disk full, read-only folder …: say which file, keep the old one
            raise OutputError(f"cannot write the {fmt.upper()} file: {exc.strerror or exc}", file=target,
                              hint="check the free space and the folder's permissions; the previous "
                                   "version of the file is intact") from exc
        written.append(target)
    return written


_FIGURE_FILE = re.compile(r"^\d{2,}-[a-z0-9-]*\.png$")


def _write_one(doc: Document, fmt: str, out_dir: Path, stem: str, target: Path) -> None:
    from toolkit.files import atomic_path, atomic_write_bytes, atomic_write_text

    if fmt == "md":
        from toolkit.render.markdown import to_markdown

        files_dir = f"{stem}_files"
        text, files = to_markdown(doc, files_dir=files_dir)
        for rel, data in files.items():
            atomic_write_bytes(out_dir / rel, data)
        atomic_write_text(target, text)
        # figures of a previous run that the document no longer has (only our own file names)
        folder = out_dir / files_dir
        if folder.is_dir():
            keep = {Path(rel).name for rel in files}
            for old in folder.iterdir():
                if _FIGURE_FILE.match(old.name) and old.name not in keep:
                    old.unlink(missing_ok=True)
    elif fmt == "html":
        from toolkit.render.html import to_html

        atomic_write_text(target, to_html(doc))
    elif fmt == "docx":
        from toolkit.render.docx import write_docx

        layout = docx_layout(doc)
        with atomic_path(target) as tmp:
            write_docx(doc, tmp, toc_pages=layout.pages, flow=layout.flow, early=layout.early)
    else:
        import importlib

        module = importlib.import_module(f"toolkit.render.{fmt}")
        writer = getattr(module, f"write_{fmt}")
        with atomic_path(target) as tmp:
            writer(doc, tmp)


@dataclass(frozen=True)
class DocxLayout:
    """What a LibreOffice rendering of a DOCX draft teaches its final version.

    ``pages``: the page of each contents entry (``None``: not measured); ``flow``: chapters
    (index in ``doc.sections``) that follow the previous text instead of starting a page;
    ``early``: landscape turns (1-based, document order) that take the prose leading to their
    table onto the landscape page, because it was left alone on a near-empty portrait page."""

    pages: list[int | None] | None = None
    flow: frozenset[int] = frozenset()
    early: frozenset[int] = frozenset()


def docx_layout(doc: Document) -> DocxLayout:
    """Page layout measured on LibreOffice renderings of the DOCX: the page of each contents
    entry, the chapters that should not start a page, the landscape turns that take the prose
    before them.

    A chapter that starts a page right after a near-empty one (the previous chapter spilled a
    few lines over), or whose own first page is near-empty (a short chapter alone on its page),
    follows the previous text instead; a landscape page after a near-empty portrait page takes
    that page's prose: further drafts (three in all, at most) check the result and give the page numbers.
    An empty layout when LibreOffice is missing, ``TOOLKIT_TOC_PAGES=0``, or the document has no
    sections (the contents page then lists the headings, Word fills in the numbers)."""
    import os
    import tempfile
    import warnings

    from toolkit.render.pdf import convert_to_pdf, find_soffice, heading_pages, page_texts

    if not doc.sections or os.environ.get("TOOLKIT_TOC_PAGES", "1") == "0" or find_soffice() is None:
        return DocxLayout()
    from toolkit.render.docx import chapter_entries, toc_titles, write_docx

    titles = toc_titles(doc)
    flow: frozenset[int] = frozenset()
    early: frozenset[int] = frozenset()
    with tempfile.TemporaryDirectory(prefix="toolkit-toc-") as tmp:
        try:
            for attempt in (1, 2, 3):
                draft = Path(tmp) / f"draft{attempt}.docx"
                # placeholder numbers: the contents entries take the room the real ones will,
                # and a contents line never reads as a heading alone on its line
                write_docx(doc, draft, toc_pages=[88] * len(titles), flow=flow, early=early)
                (pdf,) = convert_to_pdf([draft], Path(tmp) / f"pdf{attempt}")
                texts = page_texts(pdf)
                pages = heading_pages(texts, titles)
                if attempt == 3:
                    break
                short = {n for n, t in enumerate(texts, 1) if _body_lines(t) < _SHORT_PAGE_LINES}
                # a chapter follows the previous text when the page before it is near-empty
                # (the previous chapter spilled a few lines over) or when its own first page is
                # (a short chapter, or a short first annex, alone on its page)
                more_flow = frozenset(k for k, entry in chapter_entries(doc)
                                      if k > 0 and pages[entry] is not None
                                      and (pages[entry] - 1 in short and pages[entry] - 1 > 2
                                           or pages[entry] in short and pages[entry] > 2))
                # a landscape page after a near-empty portrait one takes that page's prose
                more_early = frozenset(k for k, n in enumerate(landscape_turns(pdf), 1) if n - 1 in short and n - 1 > 2)
                if more_flow <= flow and more_early <= early:
                    break  # this draft is the final layout: its page numbers are the right ones
                flow, early = flow | more_flow, early | more_early
        except (OutputError, OSError, ValueError) as exc:
            warnings.warn(f"docx: contents page without page numbers ({exc})", RenderWarning, stacklevel=2)
            return DocxLayout()
    return DocxLayout(pages, flow, early)


def landscape_turns(pdf: Path) -> list[int]:
    """The 1-based pages of ``pdf`` where a landscape page follows a portrait one."""
    from pypdf import PdfReader

    wide = [float(p.mediabox.width) > float(p.mediabox.height) for p in PdfReader(str(pdf)).pages]
    return [n for n in range(2, len(wide) + 1) if wide[n - 1] and not wide[n - 2]]


_SHORT_PAGE_LINES = 9  # body lines under which a page reads as near-empty


def _body_lines(text: str) -> int:
    """Lines of a page's text, its running header (one line) and footer (one line) excluded."""
    lines = [x for x in text.splitlines() if x.strip()]
    return max(len(lines) - 2, 0)


def _write_pdf(doc: Document, out_dir: Path, stem: str, wanted: set[str]) -> list[Path]:
    """``stem.pdf`` from the DOCX and ``stem-diapos.pdf`` from the PPTX (LibreOffice)."""
    import shutil
    import tempfile

    from toolkit.files import atomic_path
    from toolkit.render.pdf import convert_to_pdf

    slides = f"{stem}-diapos" if doc.lang == "fr" else f"{stem}-slides"
    with tempfile.TemporaryDirectory(prefix="toolkit-pdf-") as tmp:
        work = Path(tmp)
        sources = []
        for fmt, name in (("docx", stem), ("pptx", slides)):
            src = work / f"{name}.{fmt}"
            if fmt in wanted and (out_dir / f"{stem}.{fmt}").exists():
                shutil.copyfile(out_dir / f"{stem}.{fmt}", src)
            else:
                _write_one(doc, fmt, work, name, src)
            sources.append(src)
        pdfs = convert_to_pdf(sources, work / "pdf", "fr-FR" if doc.lang == "fr" else "en-GB")
        out = []
        for pdf in pdfs:
            target = out_dir / pdf.name
            with atomic_path(target) as t:
                shutil.copyfile(pdf, t)
            out.append(target)
    return out
