"""#24 Done when: « the README's getting-started for agencies walks through it in under a page » —
docs/guides/agences.md printed on A4 (11 pt body, 2 cm margins) by Chromium holds on one page, and
it names every setting a new agency user has to review."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "agences.md"
CSS = ("body{font-family:sans-serif;font-size:11pt;line-height:1.35;margin:0}"
       "pre{font-size:8.5pt;white-space:pre-wrap}@page{size:A4;margin:2cm}")


def test_the_agency_guide_names_every_setting_to_review() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for bit in ("case init cave-du-sommelier --from", "--rate GBP=1.17@2026-01-05", "data.exchange_rates",
                "mission.start", "mission.keep_before: true", "articles des", "flux sans article récent",
                "data.files", "date_format", "use: ignore", "personas.labels", "MntWines: \"dépenses",
                "scope: total", "output.audience: client", "toolkit case check", "toolkit pilotage import"):
        assert bit in text, bit


def test_the_agency_guide_fits_on_one_printed_page(tmp_path: Path) -> None:
    import markdown
    from pypdf import PdfReader

    exe = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if exe is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")
    body = markdown.markdown(GUIDE.read_text(encoding="utf-8"), extensions=["fenced_code", "tables"])
    page = tmp_path / "guide.html"
    page.write_text(f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>{body}</body></html>",
                    encoding="utf-8")
    pdf = tmp_path / "guide.pdf"
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
                   check=True, capture_output=True, timeout=180)
    assert len(PdfReader(pdf).pages) == 1
