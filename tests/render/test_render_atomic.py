"""render(): atomic writes, returned paths, argument checks, warnings instead of silent drops."""

from __future__ import annotations

import warnings

import matplotlib
import pytest

from toolkit.document import Document, Figure, Paragraph, Section
from toolkit.render import RenderWarning, render

matplotlib.use("Agg")


def _doc(title: str = "Note") -> Document:
    return Document(title, sections=(Section("Partie", [Paragraph("Texte.")]),))


def test_failing_renderer_keeps_previous_file(tmp_path, monkeypatch) -> None:
    first = {p.suffix: p for p in render(_doc("Version 1"), tmp_path, "note", ["docx", "html"])}
    before = first[".docx"].read_bytes(), first[".html"].read_bytes()

    import toolkit.render.docx as docx_renderer

    def broken(doc, path, **_options):
        path.write_bytes(b"half a file")  # writes partially, then crashes
        raise RuntimeError("disk full")

    monkeypatch.setattr(docx_renderer, "write_docx", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        render(_doc("Version 2"), tmp_path, "note", ["html", "docx"])
    assert (tmp_path / "note.docx").read_bytes() == before[0]  # untouched
    assert (tmp_path / "note.html").read_bytes() != before[1]  # html came first and succeeded
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_returns_paths_in_canonical_order(tmp_path) -> None:
    paths = render(_doc(), tmp_path, "n", ["xlsx", "html", "md"])
    assert [p.name for p in paths] == ["n.md", "n.html", "n.xlsx"]
    assert all(p.exists() for p in paths)
    assert render(_doc(), tmp_path, "n", "html, .MD") == paths[:2]  # a comma-separated string too


def test_rejects_unknown_format_and_paths_as_stem(tmp_path) -> None:
    with pytest.raises(ValueError, match="odt"):
        render(_doc(), tmp_path, "n", ["odt"])
    with pytest.raises(ValueError, match="plain file name"):
        render(_doc(), tmp_path, "../n", ["md"])


def test_figure_without_alt_text_is_rejected() -> None:
    from toolkit.charts import bar_chart

    fig = bar_chart(["a"], [1.0])
    with pytest.raises(ValueError, match="alt text"):
        Figure.from_matplotlib(fig, "Budget", alt="  ")
    with pytest.raises(ValueError, match="alt text"):
        Figure(png=b"\x89PNG....", caption="Budget", alt="")


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx", "pptx", "xlsx"])
def test_unknown_block_warns_instead_of_vanishing(fmt) -> None:
    import importlib

    class Gadget:
        pass

    module = importlib.import_module(f"toolkit.render.{fmt}")
    dispatch = getattr(module, "render_block", None) or getattr(module, "_collect", None) or module._sheet
    with pytest.warns(RenderWarning, match="Gadget"):
        dispatch(Gadget(), None)


def test_unsafe_link_warns_in_every_text_format(tmp_path) -> None:
    from toolkit.document import Span

    doc = Document("t", sections=(Section("s", [Paragraph(Span("x", href="javascript:alert(1)"))]),))
    for fmt in ("md", "html", "docx"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            render(doc, tmp_path, "l", [fmt])
        assert any(issubclass(w.category, RenderWarning) and "javascript" in str(w.message) for w in caught), fmt


def test_stale_markdown_figures_are_removed_but_user_files_kept(tmp_path, sample_fr) -> None:
    render(sample_fr, tmp_path, "n", ["md"])
    folder = tmp_path / "n_files"
    (folder / "09-old-chart.png").write_bytes(b"\x89PNG old")
    (folder / "my notes.txt").write_text("mine")
    render(sample_fr, tmp_path, "n", ["md"])
    names = sorted(p.name for p in folder.iterdir())
    assert "09-old-chart.png" not in names and "my notes.txt" in names
    assert len([n for n in names if n.endswith(".png")]) == 3


def test_os_errors_become_output_errors_naming_the_file(tmp_path, monkeypatch) -> None:
    import toolkit.render.xlsx as xlsx_renderer
    from toolkit.errors import OutputError

    def full_disk(doc, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx_renderer, "write_xlsx", full_disk)
    with pytest.raises(OutputError) as err:
        render(_doc(), tmp_path, "n", ["xlsx"])
    assert "n.xlsx" in str(err.value) and "No space left" in str(err.value)
