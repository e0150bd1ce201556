"""render() writes all five formats of the sample document and returns their paths in order."""

from __future__ import annotations

import warnings

from toolkit.render import DEFAULT_FORMATS, RenderWarning, render


def test_render_writes_every_format_in_order(tmp_path, sample_fr):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RenderWarning)
        paths = render(sample_fr, tmp_path, "bilan")
    assert [p.name for p in paths] == [f"bilan.{f}" for f in DEFAULT_FORMATS]
    for p in paths:
        assert p.stat().st_size > 500, p
    pngs = sorted((tmp_path / "bilan_files").glob("*.png"))
    assert len(pngs) == 3
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_render_subset_and_english(tmp_path, sample_en):
    paths = render(sample_en, tmp_path, "review", ["xlsx", "md"])
    assert [p.name for p in paths] == ["review.md", "review.xlsx"]
