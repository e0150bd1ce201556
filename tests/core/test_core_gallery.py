"""The gallery of rendered pages (README and docs/gallery.md): two pages of each deliverable,
made by the generator (toolkit.gallery), never retouched — each image exists, is light, is
described for a screen reader, carries the generator's mark and is the one it recorded."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from toolkit.gallery import (
    GALLERY_DIR,
    MANIFEST,
    SHOTS,
    SOFTWARE,
    check_gallery,
    find_page,
    gallery_block,
)

ROOT = Path(__file__).resolve().parents[2]


def _manifest() -> dict:
    return json.loads((ROOT / MANIFEST).read_text(encoding="utf-8"))


def _deliverables_of_the_readme_table() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Ce que la démo écrit", 1)[1].split("\n\n", 2)[1]
    return [m.group(1) for m in re.finditer(r"`out/([^`]+\.(?:docx|pptx|html|xlsx))`", table)]


def test_readme_shows_two_rendered_pages_of_each_deliverable_with_alt_text():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"[^>]*alt="([^"]*)"', text)
    manifest = {f"{GALLERY_DIR.as_posix()}/{i['file']}": i for i in _manifest()["images"]}
    assert {src for src, _ in images} == set(manifest)
    per_deliverable: dict[str, list[str]] = {}
    for src, alt in images:
        assert len(alt) >= 40, (src, alt)
        assert (ROOT / src).stat().st_size < 300_000, src
        per_deliverable.setdefault(manifest[src]["deliverable"], []).append(manifest[src]["source"])
    assert all(len(sources) == 2 for sources in per_deliverable.values()), per_deliverable
    # every deliverable of the README's table (the dashboard through its DOCX version), the
    # workbooks (budget, KPI tracking) included
    shown = {s.rsplit(".", 1)[0] for sources in per_deliverable.values() for s in sources}
    for listed in _deliverables_of_the_readme_table():
        assert listed.rsplit(".", 1)[0] in shown, f"{listed}: not in the gallery"


def test_every_image_is_the_generators_and_unretouched():
    from PIL import Image

    for entry in _manifest()["images"]:
        path = ROOT / GALLERY_DIR / entry["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], entry["file"]
        with Image.open(path) as im:
            assert im.text.get("Software") == SOFTWARE
            assert im.text.get("Source") == f"{entry['source']} p.{entry['page']}"
    assert [e["name"] for e in _manifest()["images"]] == [s.name for s in SHOTS]  # the generator's list, in order
    assert check_gallery(ROOT) == []


def test_a_retouched_image_or_block_is_caught(tmp_path):
    """The check the docs build runs (docs/hooks/gallery.py) fails on an edited image or README block."""
    for rel in ("README.md", "docs/gallery.md", MANIFEST.as_posix()):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, tmp_path / rel)
    for entry in _manifest()["images"]:
        shutil.copyfile(ROOT / GALLERY_DIR / entry["file"], tmp_path / GALLERY_DIR / entry["file"])
    assert check_gallery(tmp_path) == []
    first = tmp_path / GALLERY_DIR / _manifest()["images"][0]["file"]
    first.write_bytes(first.read_bytes() + b"\0")
    readme = tmp_path / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace('width="240"', 'width="300"', 1), encoding="utf-8")
    problems = check_gallery(tmp_path)
    assert len(problems) == 2 and "not the image the generator made" in problems[0] and "README.md" in problems[1]


def test_the_block_is_written_from_the_manifest():
    manifest = {"images": [{"deliverable": "Note", "file": "a.png", "alt": "Page A"},
                           {"deliverable": "Note", "file": "b.png", "alt": "Page B"}]}
    block = gallery_block(manifest, "img/gallery")
    assert '| Note | <img src="img/gallery/a.png" width="240" alt="Page A"> <img src="img/gallery/b.png"' in block
    assert block.startswith("<!-- gallery:start -->") and block.endswith("<!-- gallery:end -->")


def test_a_page_is_found_by_its_heading_not_by_a_contents_entry():
    pages = ["Titre", "Sommaire\nPlanning et suivi ........ 12", "Texte\nPlanning et suivi\nGantt", "Budget"]
    assert find_page(pages, r"Planning et suivi") == 3
    sheets = ["Paramètres\nTotal des coûts", "Action\nTotal du mois"]  # a workbook: no title nor contents page
    assert find_page(sheets, r"Paramètres", 1) == 1 and find_page(sheets, r"Total du mois", 1) == 2
    with pytest.raises(ValueError, match="no page shows"):
        find_page(pages, r"Absent")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (pdftoppm)")
def test_page_png_marks_the_image_with_its_generator_and_source(tmp_path):
    from PIL import Image
    from pypdf import PdfWriter

    from toolkit.gallery import page_png

    w = PdfWriter()
    w.add_blank_page(595, 842)
    w.add_blank_page(842, 595)
    with open(tmp_path / "d.pdf", "wb") as f:
        w.write(f)
    sha = page_png(tmp_path / "d.pdf", 2, tmp_path / "p.png", "bloc1-x/d.docx")
    assert sha == hashlib.sha256((tmp_path / "p.png").read_bytes()).hexdigest()
    with Image.open(tmp_path / "p.png") as im:
        assert im.size[0] > im.size[1]  # the second, landscape page
        assert im.text == {"Software": SOFTWARE, "Source": "bloc1-x/d.docx p.2"}
