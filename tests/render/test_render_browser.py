"""The HTML deliverable in a real headless Chromium (Debian package ``chromium``).

Print to PDF gives A4 pages with each top-level section on a new page; hostile text stays
text in the live DOM. Without Chromium these tests skip and say why (``.ci/run`` installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from toolkit.render import RenderWarning
from toolkit.render.html import to_html

pytestmark = pytest.mark.browser

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("headless Chromium not installed (apt-get install chromium)")


def test_print_to_pdf_gives_a4_pages_one_per_top_section(tmp_path, sample_fr) -> None:
    html = tmp_path / "doc.html"
    html.write_text(to_html(sample_fr), encoding="utf-8")
    pdf = tmp_path / "doc.pdf"
    subprocess.run([_chromium(), *FLAGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                   capture_output=True, timeout=120, check=False)
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages >= 1 + len(sample_fr.sections)  # cover page, then each top-level part on its own page
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)  # A4 in points


def test_hostile_text_stays_text_in_the_live_dom(tmp_path) -> None:
    from toolkit.document import Document, Paragraph, Section, Span

    doc = Document("<script>document.title='pwned'</script>", sections=(
        Section("<img src=x onerror=\"document.body.dataset.x='1'\">", [
            Paragraph("<b onmouseover=alert(1)>x</b>", Span("lien", href="javascript:alert(1)"))]),
    ))
    html = tmp_path / "x.html"
    with pytest.warns(RenderWarning, match="javascript"):
        html.write_text(to_html(doc), encoding="utf-8")
    out = subprocess.run([_chromium(), *FLAGS, "--dump-dom", html.as_uri()], capture_output=True,
                         timeout=120, check=False, text=True).stdout
    assert "<body" in out
    assert "<script" not in out.lower()
    assert "data-x" not in out  # the injected onerror never ran
    assert "&lt;script&gt;document.title" in out  # shown as text
    assert 'href="javascript' not in out


def test_wide_tables_print_on_a_landscape_page(tmp_path) -> None:
    from toolkit.document import Document, Paragraph, Section, Table

    cols = tuple(f"indicateur {i}" for i in range(12))
    doc = Document("D", sections=(Section("S", [Paragraph("x"), Table(cols, ((1.5,) * 12,), ("number",) * 12,
                                                                      caption="Profils")]),
                                  Section("T", [Paragraph("y")])))
    html = tmp_path / "w.html"
    html.write_text(to_html(doc), encoding="utf-8")
    pdf = tmp_path / "w.pdf"
    subprocess.run([_chromium(), *FLAGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                   capture_output=True, timeout=120, check=False)
    boxes = [(float(w), float(h)) for w, h in
             re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())]
    assert any(w > h for w, h in boxes) and any(h > w for w, h in boxes)
