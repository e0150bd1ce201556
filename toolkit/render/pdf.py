"""PDF deliverables made by LibreOffice headless from the DOCX and the PPTX.

Juries receive PDFs. The toolkit does not lay out pages itself: LibreOffice (``soffice``,
Debian packages ``libreoffice-writer``, ``libreoffice-impress`` and, for workbooks,
``libreoffice-calc``) converts the Word report, the deck and the workbook exactly as a reader
opening them would see them. When LibreOffice is not
installed, asking for ``pdf`` is one clear error saying what to install.

The same conversion gives the DOCX its table of contents with page numbers: the report is
converted once, the page of every heading read back from the PDF, and the numbers written
into the contents page (see :func:`heading_pages`).

Each process uses its own LibreOffice profile folder, so parallel runs (tests with
pytest-xdist, two commands at once) do not fight over one profile.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from toolkit.errors import OutputError
from toolkit.i18n import N_

__all__ = ["SOFFICE_HINT", "convert_to_pdf", "find_soffice", "heading_pages", "page_texts", "set_pdf_language"]

SOFFICE_HINT = ("install LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-writer "
                "libreoffice-impress libreoffice-calc; macOS/Windows: https://www.libreoffice.org), or "
                "set TOOLKIT_SOFFICE to the soffice program; the DOCX and PPTX are written anyway")
_TIMEOUT_S = 240  # for one file; a batch gets 60 s more per further file (TOOLKIT_SOFFICE_TIMEOUT: seconds per batch)
_TIMEOUT_PER_FILE_S = 60
_lock = threading.Lock()


def find_soffice() -> str | None:
    """The LibreOffice program (``TOOLKIT_SOFFICE``, then ``soffice``/``libreoffice`` on PATH)."""
    env = os.environ.get("TOOLKIT_SOFFICE")
    if env:
        return env if Path(env).exists() or shutil.which(env) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


@lru_cache(maxsize=1)
def _profile() -> str:
    return Path(tempfile.mkdtemp(prefix=f"toolkit-lo-{os.getpid()}-")).as_uri()


#: LibreOffice's PDF export filter per source type; the option asks for a tagged PDF (structure,
#: reading order, language: what screen readers and `toolkit supports check` need).
_PDF_FILTERS = {".docx": "writer_pdf_Export", ".odt": "writer_pdf_Export", ".doc": "writer_pdf_Export",
                ".pptx": "impress_pdf_Export", ".odp": "impress_pdf_Export", ".ppt": "impress_pdf_Export",
                ".xlsx": "calc_pdf_Export", ".ods": "calc_pdf_Export"}
_TAGGED = '{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def _pdf_target(suffix: str) -> str:
    name = _PDF_FILTERS.get(suffix.lower())
    return f"pdf:{name}:{_TAGGED}" if name else "pdf"


def _failure_hint(source: Path, detail: str) -> str:
    """What to do when LibreOffice made no PDF of ``source``: « source file could not be loaded »
    mostly means the application for that kind of file is not installed."""
    name = _PDF_FILTERS.get(source.suffix.lower())  # "calc_pdf_Export": Calc opens the file
    if name and "could not be loaded" in detail:
        # soffice alone may lack an application (Debian's Writer and Impress packages: no Calc)
        component = name.split("_")[0]  # writer, impress, calc
        app, package = component.capitalize(), f"libreoffice-{component}"
        return N_(f"LibreOffice could not open {source.name}: its {app} is probably not installed "
                  f"(Debian/Ubuntu: sudo apt-get install {package}); if it is, open the file in "
                  f"LibreOffice to see what it reports")
    return N_(f"open {source.name} in LibreOffice to see what it reports")


def _timeout(files: int) -> int:
    """Seconds LibreOffice is given for one batch of ``files`` files (a loaded machine is slow)."""
    env = os.environ.get("TOOLKIT_SOFFICE_TIMEOUT", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return _TIMEOUT_S + _TIMEOUT_PER_FILE_S * max(files - 1, 0)


def convert_to_pdf(sources: Sequence[Path], out_dir: Path, lang: str | None = None) -> list[Path]:
    """Convert DOCX/PPTX files to PDF in ``out_dir`` (same stems); return the PDF paths.

    ``lang`` (``fr-FR``, ``en-GB``) is written as each PDF's document language: Impress declares
    its own default (en-US), whatever the language of the deck's text; a workbook (XLSX) is
    converted in that locale, so that its numbers show the language's separators.
    Raises :class:`~toolkit.errors.OutputError` when LibreOffice is missing or fails, and before
    converting anything when two sources share a stem (``etude.docx`` and ``etude.pptx`` would
    both become ``etude.pdf``, the second overwriting the first).
    """
    seen: dict[str, Path] = {}
    for s in map(Path, sources):
        first = seen.setdefault(s.stem.casefold(), s)
        if first is not s:
            raise OutputError(f"{first.name} and {s.name} would both become {s.stem}.pdf", file=s,
                              hint="convert them in two calls, into two folders, or rename one of them")
    soffice = find_soffice()
    if soffice is None:
        raise OutputError("cannot make the PDF: LibreOffice (soffice) is not installed",
                          hint=SOFFICE_HINT)
    out_dir.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Path]] = {}
    for s in sources:  # one LibreOffice filter per application, each asked for a tagged PDF
        groups.setdefault(_pdf_target(Path(s).suffix), []).append(Path(s))
    said: dict[str, str] = {}  # what LibreOffice printed, per filter
    for target, group in groups.items():
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={_profile()}",
               "--convert-to", target, "--outdir", str(out_dir), *map(str, group)]
        timeout = _timeout(len(group))
        env = None
        if lang and "calc_" in target:
            # a workbook's cells are formatted by LibreOffice in its own locale: 53 885,00 € in
            # French, not 53,885.00 € (a Word or PowerPoint file holds its numbers as text)
            locale = lang.replace("-", "_") + ".UTF-8"
            env = {**os.environ, "LANG": locale, "LC_ALL": locale}
        with _lock:  # one profile per process: one conversion at a time
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False, env=env)
                said[target] = "\n".join(x for x in (proc.stderr, proc.stdout) if x).strip()
            except subprocess.TimeoutExpired as exc:
                raise OutputError(f"LibreOffice took more than {timeout} s to make the PDF",
                                  file=group[0], hint="close other LibreOffice windows and retry") from exc
    pdfs = [out_dir / f"{Path(s).stem}.pdf" for s in sources]
    missing = [(Path(s), p) for s, p in zip(sources, pdfs, strict=True) if not p.exists()]
    if missing:
        source, pdf = missing[0]
        lines = said.get(_pdf_target(source.suffix), "").splitlines() or ["no message"]
        # LibreOffice's own error, not a warning printed beside it ("failed to launch javaldx")
        detail = next((line for line in reversed(lines) if line.startswith("Error")), lines[-1])
        raise OutputError(f"LibreOffice did not make the PDF ({detail})", file=pdf,
                          hint=_failure_hint(source, detail))
    if lang:
        for pdf in pdfs:
            set_pdf_language(pdf, lang)
    return pdfs


def set_pdf_language(pdf: Path, tag: str) -> None:
    """Make ``tag`` the PDF's document language (catalog ``/Lang``), keeping its structure tree;
    the file is rewritten only when it declares another language."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    if str(PdfReader(pdf).trailer["/Root"].get("/Lang", "")) == tag:
        return
    writer = PdfWriter(clone_from=pdf)
    writer._root_object[NameObject("/Lang")] = TextStringObject(tag)
    tmp = pdf.with_suffix(".lang.pdf")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    tmp.replace(pdf)


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (pypdf), in page order."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    # no spaces at all: a heading wrapped over two lines, or hyphenated spacing, still matches
    return _WS.sub("", text.replace("\u2011", "-")).lower()


def _is_heading(key: str, lines: list[str]) -> bool:
    """``key`` is one of ``lines`` on its own, or two or three consecutive lines (a wrapped
    title); a contents entry (title, dots, page number) or a sentence does not match."""
    for i, line in enumerate(lines):
        if line and key.startswith(line):
            joined = line
            for nxt in lines[i + 1:i + 3]:
                if joined == key:
                    break
                joined += nxt
            if joined == key:
                return True
    return False


def heading_pages(pages: Sequence[str], titles: Sequence[str], contents_page: int = 2) -> list[int | None]:
    """1-based page of each heading in ``titles`` (document order) found in ``pages``.

    A heading is a title alone on its line(s): a contents entry (title, dotted leader, page
    number) does not match, so the contents page (``contents_page``, 1-based, where the search
    starts) is passed over. Titles are found in order, each from the page of the previous
    one. ``None``: not found.
    """
    lines = [[_squash(x) for x in p.splitlines()] for p in pages]
    keys = [_squash(t) for t in titles]
    start = max(contents_page - 1, 0)
    out: list[int | None] = []
    cursor = start
    for key in keys:
        found = next((i for i in range(cursor, len(lines)) if key and _is_heading(key, lines[i])), None)
        if found is None:
            out.append(None)
            continue
        out.append(found + 1)
        cursor = found
    return out
