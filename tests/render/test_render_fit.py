"""Tables that fit: widths from measured text (no word, no number broken), then smaller font,
then landscape, then split columns — in that order."""

from __future__ import annotations

import pytest

from toolkit.render._fit import fit_table, min_width, text_width
from toolkit.render.pdf import heading_pages

NNBSP, NBSP = "\u202f", "\u00a0"


def test_measured_width_grows_with_text_and_size() -> None:
    assert text_width("Environnementale", 10) > text_width("Environ", 10) > 0
    assert text_width("ROAS", 10, bold=True) > text_width("ROAS", 10)
    assert text_width("ROAS", 20) == pytest.approx(2 * text_width("ROAS", 10))


def test_numbers_are_one_word_and_never_wrap() -> None:
    amount = f"54{NNBSP}185,00{NBSP}€"
    assert min_width(amount, 9) == pytest.approx(text_width(amount, 9))
    # a number column: the whole cell even with an ordinary space
    assert min_width("15 000", 9, nowrap=True) > min_width("15 000", 9)


def test_the_plan_forecast_table_no_longer_breaks_168_or_headers() -> None:
    # the defect seen: "168" printed as "16/8", headers "Actio/n", "ROA/S"
    header = ["Action", "Canal", "Budget", "Conversions", "ROAS", "ROI", "Environnementale"]
    rows = [["A1 Contenus SEO", "seo", f"6{NNBSP}100,00{NBSP}€", "168", f"3,2{NBSP}×", f"12,5{NBSP}%", "oui"]] * 5
    right = [False, False, True, True, True, True, False]
    fit = fit_table(header, rows, right, widths_in=(6.69,), sizes=(9.5, 8))
    assert not fit.split
    for j, w in enumerate(fit.widths[0]):
        words = [*header[j].split(), *(r[j] if right[j] else w2 for r in rows for w2 in r[j].split())]
        assert all(text_width(x, fit.size, bold=True) <= w for x in words), header[j]
    assert sum(fit.widths[0]) == pytest.approx(6.69)


def test_font_steps_down_before_landscape_then_split() -> None:
    header = [f"Colonne{j}" for j in range(8)]
    rows = [[f"{j}{NNBSP}000{NNBSP}000,00{NBSP}€" for j in range(8)]]
    right = [True] * 8
    small = fit_table(header[:5], rows=[r[:5] for r in rows], right=right[:5], widths_in=(6.69, 10.1),
                      sizes=(9.5, 8, 7))
    assert not small.landscape and not small.split
    wide = fit_table(header, rows, right, widths_in=(6.69, 10.1), sizes=(9.5, 8, 7))
    assert wide.landscape and not wide.split
    assert wide.size == 9.5 or wide.size < 9.5
    huge = fit_table(header * 3, [r * 3 for r in rows], right * 3, widths_in=(6.69, 10.1), sizes=(9.5, 8, 7))
    assert huge.split and huge.landscape and huge.size == 7
    assert all(part[0] == 0 for part in huge.parts)  # each part repeats the key column
    assert sorted({j for p in huge.parts for j in p}) == list(range(24))
    assert all(sum(w) <= 10.1 + 1e-9 for w in huge.widths)


def test_smaller_font_is_tried_before_landscape() -> None:
    header = ["A", "B", "C", "D", "E", "F"]
    rows = [["x" * 12] * 6]
    at_95 = sum(min_width("x" * 12, 9.5) + 0.16 for _ in header)
    at_8 = sum(min_width("x" * 12, 8) + 0.16 for _ in header)
    width = (at_95 + at_8) / 2
    fit = fit_table(header, rows, [False] * 6, widths_in=(width, 20.0), sizes=(9.5, 8))
    assert fit.size == 8 and not fit.landscape


def test_heading_pages_skip_the_contents_page_and_need_a_line_start() -> None:
    pages = ["Titre", "Sommaire\nContexte....3\nActions....4\nAnnexe A – Méthode....5",
             "Contexte\nLes actions sont classées.", "Actions\nTexte", "Annexe A – Méthode\nx"]
    assert heading_pages(pages, ["Contexte", "Actions", "Annexe A – Méthode"]) == [3, 4, 5]
    # a title wrapped over two lines still matches; a missing one is None
    pages[3] = "Actions du plan de\ncommunication\nTexte"
    assert heading_pages(pages, ["Contexte", "Actions du plan de communication", "Absent"]) == [3, 4, None]
