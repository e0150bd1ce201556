"""``--format pdf`` (LibreOffice headless): a clear error without LibreOffice; with it, the
report and the deck as PDF, the contents page numbered."""

from __future__ import annotations

import os

import pytest

from toolkit.document import Document, Paragraph, Section
from toolkit.errors import OutputError
from toolkit.render import render


def _doc() -> Document:
    long = [Paragraph("Une phrase de constat assez longue pour remplir une ligne entière. " * 8)] * 14
    return Document("Note", client="Client", sections=(Section("Premier", long), Section("Second", long)))


def test_pdf_without_libreoffice_is_one_clear_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TOOLKIT_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(OutputError, match="LibreOffice") as info:
        render(_doc(), tmp_path, "n", ["docx", "pdf"])
    assert "apt-get install libreoffice-writer" in (info.value.hint or "")
    assert not (tmp_path / "n.docx").exists()  # nothing half-done


_NO_CALC = """#!/bin/sh
# A LibreOffice with Writer but no Calc, as Debian's libreoffice-writer + libreoffice-impress
# leave it: a workbook "could not be loaded" (the two lines a real one printed on its error
# stream, exit status 0, no PDF), a report becomes a PDF.
out=""; prev=""
for a in "$@"; do
  [ "$prev" = "--outdir" ] && out="$a"
  prev="$a"
done
for a in "$@"; do
  case "$a" in
    *.xlsx) echo "Warning: failed to launch javaldx - java may not function correctly" >&2 ;
            echo "Error: source file could not be loaded" >&2 ;;
    *.docx) b=$(basename "$a" .docx); printf '%%PDF-1.4\n' > "$out/$b.pdf" ;;
  esac
done
"""


def test_a_missing_libreoffice_application_is_named_with_its_package(tmp_path, monkeypatch) -> None:
    """soffice can be on the PATH without Calc (Debian's Writer and Impress packages alone): a
    workbook then fails with « source file could not be loaded » while the report converts. The
    error names the workbook, the missing application and its package — it said « open the
    DOCX/PPTX », with the message of whichever group LibreOffice ran last."""
    from toolkit.i18n import localise_error
    from toolkit.render.pdf import SOFFICE_HINT, convert_to_pdf

    soffice = tmp_path / "soffice"
    soffice.write_text(_NO_CALC)
    soffice.chmod(0o755)
    monkeypatch.setenv("TOOLKIT_SOFFICE", str(soffice))
    for name in ("budget.xlsx", "note.docx"):
        (tmp_path / name).write_bytes(b"x")
    # the workbook first: the report's conversion (no message) runs last
    with pytest.raises(OutputError, match=r"\(Error: source file could not be loaded\)") as info:
        convert_to_pdf([tmp_path / "budget.xlsx", tmp_path / "note.docx"], tmp_path / "pdf")
    assert info.value.file == str(tmp_path / "pdf" / "budget.pdf")
    hint = info.value.hint or ""
    assert "budget.xlsx" in hint and "Calc" in hint and "apt-get install libreoffice-calc" in hint
    assert "module Calc" in localise_error(info.value, "fr")
    assert (tmp_path / "pdf" / "note.pdf").exists()  # the report was converted
    # another failure of a report keeps the plain advice, naming the file
    (tmp_path / "other.docx").write_bytes(b"x")
    soffice.write_text("#!/bin/sh\necho 'Error: Please verify input parameters'\n")
    with pytest.raises(OutputError) as info:
        convert_to_pdf([tmp_path / "other.docx"], tmp_path / "pdf2")
    assert info.value.hint == "open other.docx in LibreOffice to see what it reports"
    assert "libreoffice-calc" in SOFFICE_HINT


def test_two_sources_of_one_stem_are_refused_before_any_conversion(tmp_path, monkeypatch) -> None:
    """LibreOffice names a PDF after its source's stem: ``etude.docx`` and ``etude.pptx`` in one
    call both became ``etude.pdf``, the deck's silently replacing the report's."""
    from toolkit.i18n import localise_error
    from toolkit.render.pdf import convert_to_pdf

    calls = []
    monkeypatch.setattr("toolkit.render.pdf.subprocess.run", lambda *a, **k: calls.append(a))
    monkeypatch.setenv("TOOLKIT_SOFFICE", "/bin/true")  # never reached
    (tmp_path / "a").mkdir()
    sources = [tmp_path / "etude.docx", tmp_path / "etude.pptx"]
    for s in sources:
        s.write_bytes(b"x")
    with pytest.raises(OutputError, match=r"etude\.docx and etude\.pptx would both become etude\.pdf") as info:
        convert_to_pdf(sources, tmp_path / "pdf")
    assert info.value.file == str(sources[1]) and "rename" in (info.value.hint or "")
    assert "donneraient tous deux etude.pdf" in localise_error(info.value, "fr")
    # the same stem in two folders clashes too; distinct stems do not
    with pytest.raises(OutputError, match="would both become"):
        convert_to_pdf([tmp_path / "etude.docx", tmp_path / "a" / "Etude.docx"], tmp_path / "pdf")
    assert calls == [] and not (tmp_path / "pdf").exists()


def test_pdf_and_numbered_contents_with_libreoffice(tmp_path, monkeypatch) -> None:
    from toolkit.render.pdf import find_soffice, heading_pages, page_texts

    if find_soffice() is None:
        if os.environ.get("TOOLKIT_REQUIRE_SOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here")
        pytest.skip("LibreOffice (soffice) is not installed")
    monkeypatch.setenv("TOOLKIT_TOC_PAGES", "1")
    paths = render(_doc(), tmp_path, "n", ["docx", "pptx", "pdf"])
    assert [p.name for p in paths] == ["n.docx", "n.pptx", "n.pdf", "n-diapos.pdf"]
    pages = page_texts(tmp_path / "n.pdf")
    contents = pages[1]
    first, second = heading_pages(pages, ["Premier", "Second"])
    assert first == 3 and second is not None and second > 3
    assert contents.split("Premier")[-1].split("\n")[0].endswith("3")
    assert contents.split("Second")[-1].split("\n")[0].endswith(str(second))
    assert "Mettre à jour" not in contents


def test_a_workbook_becomes_a_pdf_with_the_separators_of_its_language(tmp_path) -> None:
    """A workbook's cells are formatted by LibreOffice in its own locale (en-US on a bare server):
    the gallery's budget sheet showed "53,885.00 €". Converted with ``lang="fr-FR"``, the French
    separators: "53 885,00 €"."""
    from openpyxl import Workbook

    from toolkit.render.pdf import convert_to_pdf, find_soffice, page_texts
    from toolkit.render.xlsx import print_setup

    if find_soffice() is None:
        if os.environ.get("TOOLKIT_REQUIRE_SOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here")
        pytest.skip("LibreOffice (soffice) is not installed")
    wb = Workbook()
    ws = wb.active
    ws.append(["Total des coûts", 53885.0])
    ws["B1"].number_format = '#,##0.00 "€"'
    ws.column_dimensions["B"].width = 16
    print_setup(ws)
    wb.save(tmp_path / "budget.xlsx")
    (pdf,) = convert_to_pdf([tmp_path / "budget.xlsx"], tmp_path / "pdf", "fr-FR")
    text = page_texts(pdf)[0].replace("\u202f", " ").replace("\u00a0", " ")
    assert "53 885,00 €" in text, text
