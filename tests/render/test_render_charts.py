"""Charts: generic helpers return themed figures with fr/en tick labels; they never save."""

from __future__ import annotations

import datetime as dt

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.figure import Figure as MplFigure

from toolkit.charts import OKABE_ITO, axis_formatter, bar_chart, line_chart, stacked_bar


def _close(fig):
    import matplotlib.pyplot as plt

    plt.close(fig)


def _ticks(fig, axis="y"):
    fig.canvas.draw()
    ax = fig.axes[0]
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in labels]


def test_bar_chart_french_currency_axis_title_and_labels(monkeypatch) -> None:
    saved = []
    monkeypatch.setattr(MplFigure, "savefig", lambda *a, **k: saved.append(a))
    fig = bar_chart(["Google Ads", "Meta"], [4200.0, 2600.0], title="Budget par levier",
                    ylabel="Budget (€)", kind="currency", lang="fr")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Budget par levier" and ax.get_ylabel() == "Budget (€)"
    ticks = _ticks(fig)
    assert "4\u202f000\u00a0€" in ticks
    bar_texts = [t.get_text() for t in ax.texts]
    assert "4\u202f200\u00a0€" in bar_texts  # value labels on the bars
    colors = {matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in ax.patches}
    assert colors == {OKABE_ITO[0].upper()}
    assert saved == []  # chart functions never save
    _close(fig)


def test_bar_chart_english_and_horizontal_highlight() -> None:
    fig = bar_chart(["A", "B", "C"], [0.1, 0.25, 0.05], kind="percent", lang="en", horizontal=True, highlight=1)
    ticks = _ticks(fig, "x")
    assert any(t.endswith("%") and "\u00a0" not in t for t in ticks if t)
    faces = [matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in fig.axes[0].patches]
    assert faces[1] == OKABE_ITO[1].upper() and faces[0] == OKABE_ITO[0].upper()
    _close(fig)


def test_line_chart_dates_get_french_month_names_and_legend() -> None:
    months = [dt.date(2026, m, 1) for m in range(1, 7)]
    fig = line_chart(months, {"Sessions": [1, 2, 3, 4, 5, 6], "Leads": [1, 1, 2, 2, 3, 3]},
                     ylabel="Visites par mois", kind="integer", lang="fr")
    ticks = _ticks(fig, "x")
    assert any(t.startswith("janv.") for t in ticks), ticks
    assert fig.axes[0].get_legend() is not None
    _close(fig)


def test_stacked_bar_stacks_series() -> None:
    fig = stacked_bar(["T1", "T2"], {"Ads": [1.0, 2.0], "Email": [3.0, 4.0]}, kind="number")
    tops = sorted(p.get_y() + p.get_height() for p in fig.axes[0].patches)
    assert tops == [1.0, 2.0, 4.0, 6.0]
    _close(fig)


def test_length_mismatch_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="2 labels for 1 values"):
        bar_chart(["a", "b"], [1.0])
    with pytest.raises(ValueError, match="series 'x'"):
        line_chart([1, 2], {"x": [1]})


def test_axis_formatter_matches_toolkit_fmt() -> None:
    assert axis_formatter("percent", "fr", decimals=1)(0.125) == "12,5\u00a0%"
    assert axis_formatter("currency", "en")(1234) == "€1,234"


def test_pandas_inputs_are_accepted_dates_included() -> None:
    import pandas as pd

    days = pd.Series(pd.date_range("2026-01-01", periods=90, freq="D"))
    fig = line_chart(days, {"Visites": pd.Series(range(90))}, kind="integer", lang="fr")
    assert any(t.startswith(("janv.", "févr.", "mars")) for t in _ticks(fig, "x"))
    _close(fig)
    fig = bar_chart(pd.Index(["a", "b"]), pd.Series([1.0, 2.0]), kind="number")
    assert len(fig.axes[0].patches) == 2
    _close(fig)
