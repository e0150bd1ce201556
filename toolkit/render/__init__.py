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
========  =================================================================================

Each renderer is one module with one function per block type (``functools.singledispatch``);
a block a format cannot express raises a :class:`RenderWarning` instead of vanishing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from toolkit.document import Document
from toolkit.errors import OutputError

__all__ = ["FORMATS", "RenderWarning", "render"]

#: Every format, in the order :func:`render` writes and returns them.
FORMATS = ("md", "html", "docx", "pptx", "xlsx")


class RenderWarning(UserWarning):
    """A block (or part of one) that a format cannot show; the message says which and why."""


def render(doc: Document, out_dir: str | Path, stem: str,
           formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write ``doc`` to ``out_dir/stem.<ext>`` for each format; return the paths written.

    Paths come back in the order of :data:`FORMATS` (``md`` first). Figures of the Markdown
    version go to ``out_dir/stem_files/``. Unknown format names raise ``ValueError``.
    """
    if isinstance(formats, str):  # "md,html" from a command line or a config file
        formats = formats.split(",")
    wanted = {f.strip().lower().lstrip(".") for f in formats if f.strip()}
    unknown = wanted - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; use any of {FORMATS}")
    if not stem or Path(stem).name != stem or stem in (".", ".."):
        raise ValueError(f"stem {stem!r} must be a plain file name, without folders")
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder: {exc.strerror}", file=out_dir) from exc

    written: list[Path] = []
    for fmt in FORMATS:
        if fmt not in wanted:
            continue
        target = out_dir / f"{stem}.{fmt}"
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
    else:
        import importlib

        module = importlib.import_module(f"toolkit.render.{fmt}")
        writer = getattr(module, f"write_{fmt}")
        with atomic_path(target) as tmp:
            writer(doc, tmp)
