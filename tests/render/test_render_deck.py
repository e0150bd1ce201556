"""Decks for the oral: a main deck of at most 18 slides ending on the decision expected, the
rest after an "Annexes" divider; tables at 14 pt or more, 7 rows a slide; whole sentences."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Pt

from toolkit.document import BulletList, Decision, Document, Paragraph, Section, Table
from toolkit.render import render
from toolkit.render.pptx import MAX_MAIN_SLIDES, MAX_TABLE_ROWS

LONG = ("Cette phrase de constat est volontairement longue pour vérifier que le diaporama ne la "
        "coupe jamais au milieu avec des points de suspension, même quand elle dépasse deux lignes.")


def _big_document() -> Document:
    sections = []
    for i in range(1, 10):
        rows = tuple((f"Ligne {j}", j * 1000.5, j / 100) for j in range(20))
        sections.append(Section(f"Chapitre {i}", [
            Paragraph(LONG), BulletList([LONG, "Deuxième point.", "Troisième point."]),
            Table(("Libellé", "Montant", "Part"), rows, ("text", "currency", "percent"), caption=f"Tableau {i}"),
            Section(f"Détail {i}", [Paragraph("Un détail."), Table(("A", "B"), (("x", 1),) * 9, ("text", "integer"))]),
        ]))
    sections.append(Section("Décision attendue", [Decision("Valider le plan", ["Budget de 54 185 € HT.",
                                                                              "Lancement le 4 janvier."])]))
    sections.append(Section("Méthode", [Paragraph("Annexe de méthode.")], appendix=True))
    return Document("Plan", sections=tuple(sections), client="Client")


@pytest.fixture(scope="module")
def prs(tmp_path_factory):
    return Presentation(str(render(_big_document(), tmp_path_factory.mktemp("deck"), "d", ["pptx"])[0]))


def _titles(prs) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def test_main_deck_is_at_most_18_slides_and_ends_on_the_decision(prs) -> None:
    titles = _titles(prs)
    divider = titles.index("Annexes")
    assert divider <= MAX_MAIN_SLIDES  # slides before the divider: the main deck
    assert titles[divider - 1] == "Valider le plan"  # the closing slide
    closing = "\n".join(sh.text_frame.text for sh in prs.slides[divider - 1].shapes if sh.has_text_frame)
    assert "Budget de 54 185 € HT." in closing and "DÉCISION ATTENDUE" in closing
    # every chapter opens in the main deck; the appendix only after the divider
    for i in range(1, 10):
        assert f"Chapitre {i}" in titles[:divider]
    assert "Annexe A – Méthode" in titles[divider:]
    # the agenda lists what the main deck shows, and nothing else
    agenda = "\n".join(sh.text_frame.text for sh in prs.slides[1].shapes if sh.has_text_frame)
    assert "Chapitre 9" in agenda and "Valider le plan" in agenda and "Méthode" not in agenda


def test_slide_tables_and_bullets_are_readable_and_whole(prs) -> None:
    sizes, bullets = [], []
    for slide in prs.slides:
        for sh in slide.shapes:
            if sh.has_table:
                assert len(sh.table.rows) - 1 <= MAX_TABLE_ROWS + 1  # + the totals row
                sizes += [r.font.size for row in sh.table.rows for c in row.cells
                          for p in c.text_frame.paragraphs for r in p.runs]
            elif sh.has_text_frame:
                bullets += [p.text for p in sh.text_frame.paragraphs]
    assert sizes and min(sizes) >= Pt(14)
    assert LONG in bullets  # the whole sentence, on a slide
    assert not [b for b in bullets if b.rstrip().endswith("…")]


def _slides_text(path) -> list[tuple[str, str, bool]]:
    """(title, text, has a table) of every slide."""
    out = []
    for s in Presentation(str(path)).slides:
        text = "\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
        out.append((s.shapes.title.text if s.shapes.title is not None else "", text, any(sh.has_table for sh in s.shapes)))
    return out


def test_a_list_that_overflows_leaves_no_slide_with_one_bullet(tmp_path) -> None:
    items = [f"Point numéro {i} de la liste." for i in range(1, 8)]  # 7 > 6 bullets a slide
    doc = Document("D", sections=(Section("Le client", [BulletList(items)]),), client="C")
    slides = [x for x in _slides_text(render(doc, tmp_path, "d", ["pptx"])[0]) if x[0].startswith("Le client")]
    counts = [sum(item in text for item in items) for _, text, _ in slides]
    assert sum(counts) == 7 and min(counts) >= 3  # 4 + 3, not 6 + 1


def test_a_short_statement_heads_its_table_on_one_slide(tmp_path) -> None:
    rows = tuple((f"Axe {i}", i) for i in range(7))
    doc = Document("D", sections=(Section("Axes en mouvement", [
        Paragraph("En mouvement : technologique et stratégique."),
        Table(("Axe", "Articles"), rows, ("text", "integer"), caption="Vue par axe")]),), client="C")
    slides = [x for x in _slides_text(render(doc, tmp_path, "d", ["pptx"])[0]) if x[0].startswith("Axes")]
    assert len(slides) == 1 and slides[0][2] and "En mouvement" in slides[0][1]


def test_a_score_out_of_25_is_never_cut_after_its_slash() -> None:
    from toolkit.render._values import unbreakable

    assert unbreakable("Score /25") == "Score\u00a0/\u206025"  # no-break space and word joiner: one piece
    assert unbreakable("https://a.example/2026") == "https://a.example/2026"  # links untouched


def test_a_numbered_heading_is_not_cut_after_its_number() -> None:
    """The watch note's "1. « arabica termine » — Stratégique" showed as a bullet "1." on its slide."""
    from toolkit.render._values import first_sentence

    assert first_sentence("1. « arabica termine » — Stratégique") == "1. « arabica termine » — Stratégique"
    assert first_sentence("Le marché croît. Deuxième phrase.") == "Le marché croît."


def test_a_part_with_one_subsection_opens_on_it_not_on_a_one_line_list() -> None:
    """A part made only of subsections gets a slide listing them when there are three or more; one
    title alone made a near-empty slide ("La concurrence" / "Part de voix", second test case)."""
    from toolkit.render.pptx import plan_slides

    def part(n: int) -> Document:
        subs = [Section(f"Sous-partie {i}", [Paragraph(LONG)]) for i in range(1, n + 1)]
        return Document("D", sections=(Section("La concurrence", subs),))

    one = [s.title for s in plan_slides(part(1))]
    assert one == ["Sous-partie 1"]
    three = plan_slides(part(3))
    assert three[0].title == "La concurrence" and three[0].bullets == ["Sous-partie 1", "Sous-partie 2", "Sous-partie 3"]


def _with_annexes(sources: list[str], criterion: str = "Critère") -> Document:
    rows = tuple((f"{criterion} {i}", i) for i in range(3))
    return Document("D", client="C", sections=(
        Section("Synthèse", [Paragraph(LONG)]),
        Section("Grille d'évaluation", [Table(("Critère", "Note"), rows, ("text", "integer"), caption="Grille")],
                appendix=True),
        Section("Sources", [BulletList(sources)], appendix=True)))


def test_an_appendix_of_one_short_item_goes_below_the_previous_appendix_slide(tmp_path) -> None:
    """The second case's presence deck: "Annexe B – Sources" was a slide listing one source (5 %
    full). A near-empty appendix slide is drawn below the previous appendix slide, under its title."""
    slides = _slides_text(render(_with_annexes(["Google Trends"]), tmp_path, "d", ["pptx"])[0])
    titles = [t for t, _, _ in slides]
    assert "Annexe B – Sources" not in titles
    grid = next(text for t, text, table in slides if t == "Annexe A – Grille d'évaluation")
    assert "Annexe B – Sources" in grid and "Google Trends" in grid
    prs = Presentation(str(tmp_path / "d.pptx"))
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("Annexe A"))
    table = next(sh for sh in slide.shapes if sh.has_table)
    below = [sh for sh in slide.shapes if sh.has_text_frame and "Google Trends" in sh.text_frame.text]
    assert below and below[0].top >= table.top + table.height  # under the table, not over it
    assert min(r.font.size for sh in below for p in sh.text_frame.paragraphs for r in p.runs) >= Pt(14)


def test_an_appendix_with_enough_to_say_keeps_its_slide(tmp_path) -> None:
    sources = [f"Source numéro {i} : un rapport publié, sa date et son éditeur" for i in range(1, 6)]
    slides = _slides_text(render(_with_annexes(sources), tmp_path, "d", ["pptx"])[0])
    assert "Annexe B – Sources" in [t for t, _, _ in slides]


def test_a_short_appendix_stays_on_its_slide_when_the_previous_one_is_full_or_not_an_appendix() -> None:
    from toolkit.document import Figure
    from toolkit.render.pptx import _merge_slight, _Slide

    def short() -> _Slide:
        return _Slide("Annexe B – Sources", bullets=["Google Trends"], annex=True)

    full = _Slide("Annexe A – Méthode", bullets=[LONG + " " + LONG] * 4, annex=True)
    assert [s.title for s in _merge_slight([full, short()])] == ["Annexe A – Méthode", "Annexe B – Sources"]
    roomy = _Slide("Annexe A – Méthode", bullets=[LONG], annex=True)
    assert [s.title for s in _merge_slight([roomy, short()])] == ["Annexe A – Méthode"]
    assert roomy.tail == [("Annexe B – Sources", ["Google Trends"])]
    overflow = _Slide("Chapitre 3 (suite)", bullets=[LONG])  # a main-deck slide moved to the annex
    assert len(_merge_slight([overflow, short()])) == 2
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    figure = _Slide("Annexe A – Courbe", figure=(Figure(png, "courbe", "Courbe"), "Figure 1"), annex=True)
    assert len(_merge_slight([figure, short()])) == 2
