"""#24 "feeds outside the mission period": watch items dated more than a year before the mission
(the rule of the Trends series) or after its end are set aside with a warning in the note
(``mission.keep_before: true`` keeps the old ones as a "before" reference), and feeds whose
newest item is that old are named as stale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit.case import load_case
from veille.commands import report, report_inputs
from veille.sources import Source
from veille.store import Entry, open_store

UTC = dt.UTC


def _case(root: Path, keep_before: bool = False) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "case.yaml").write_text(
        "client: {name: Cave du Sommelier, sector: vin}\n"
        f"mission: {{start: 2026-01-01, end: 2026-06-30, keep_before: {str(keep_before).lower()}}}\n",
        encoding="utf-8")
    case = load_case(root)
    with open_store(case) as store:
        live = Source("https://vins.example/rss", "Vins & Vignes", axis="concurrentielle", type="presse", reliability=4)
        dead = Source("https://ancien.example/rss", "Blog abandonné", axis="concurrentielle", type="blog", reliability=2)
        store.add_entries(live, [Entry(f"Article {d}", f"https://vins.example/{d}", "", d, f"v{d:%Y%m%d}")
                                 for d in (dt.datetime(2024, 11, 3, tzinfo=UTC),    # > 1 year before: set aside
                                           dt.datetime(2025, 3, 10, tzinfo=UTC),    # within a year before: kept
                                           dt.datetime(2026, 2, 14, tzinfo=UTC),    # during: kept
                                           dt.datetime(2026, 8, 1, tzinfo=UTC))],   # after the end: set aside
                          seen_at_published=True)
        store.add_entries(dead, [Entry("Vendanges 2019", "https://ancien.example/1", "",
                                       dt.datetime(2019, 9, 20, tzinfo=UTC), "a1")], seen_at_published=True)
    return root


def test_items_outside_the_mission_are_set_aside_and_stale_feeds_named(tmp_path: Path) -> None:
    case = load_case(_case(tmp_path / "cas"))
    said: list[str] = []
    inp = report_inputs(case, since=dt.date(2019, 1, 1), now=dt.datetime(2026, 9, 1, tzinfo=UTC),
                        progress=said.append, figures=False)
    kept = sorted(inp.entries["published"].dt.date.astype(str))
    assert kept == ["2025-03-10", "2026-02-14"]
    w = inp.period_warning
    assert "2 article(s) antérieur(s) au 01/01/2025 (plus d'un an avant la mission) mis de côté" in w
    assert "1 article(s) postérieur(s) à la fin de la mission (30/06/2026) mis de côté" in w
    assert "flux sans article récent (le dernier a plus d'un an avant la mission) : Blog abandonné (20/09/2019)" in w
    assert "Vins & Vignes" not in w.split("flux sans article récent")[1]  # its newest item is recent
    assert any("période de la mission" in s for s in said)


def test_keep_before_keeps_the_old_items_as_a_before_reference(tmp_path: Path) -> None:
    case = load_case(_case(tmp_path / "cas", keep_before=True))
    inp = report_inputs(case, since=dt.date(2019, 1, 1), now=dt.datetime(2026, 9, 1, tzinfo=UTC), figures=False)
    assert sorted(inp.entries["published"].dt.date.astype(str)) == [
        "2019-09-20", "2024-11-03", "2025-03-10", "2026-02-14"]  # only the item after the end is out
    assert "gardé(s) comme référence « avant »" in inp.period_warning


def test_the_note_says_it_in_a_warning(tmp_path: Path) -> None:
    root = _case(tmp_path / "cas")
    paths = report(root, tmp_path / "out", ("md",), since=dt.date(2019, 1, 1),
                   now=dt.datetime(2026, 9, 1, tzinfo=UTC))
    md = paths[0].read_text(encoding="utf-8")
    assert "Articles hors de la période de la mission" in md and "Blog abandonné (20/09/2019)" in md


def test_without_mission_dates_nothing_is_set_aside(tmp_path: Path) -> None:
    root = _case(tmp_path / "cas")
    (root / "case.yaml").write_text("client: {name: Cave du Sommelier}\n", encoding="utf-8")
    inp = report_inputs(load_case(root), since=dt.date(2019, 1, 1), now=dt.datetime(2026, 9, 1, tzinfo=UTC),
                        figures=False)
    assert len(inp.entries) == 5 and inp.period_warning is None


@pytest.mark.parametrize("lang", ["en"])
def test_the_warning_is_in_english_for_an_english_note(tmp_path: Path, lang: str) -> None:
    from veille.commands import mission_entries

    case = load_case(_case(tmp_path / "cas"))
    with open_store(case) as store:
        entries, latest = store.entries_frame(), store.latest_by_source()
    kept, w = mission_entries(entries, latest, case.config.mission, lang)
    assert len(kept) == 2 and "set aside" in w and "stale feeds" in w and "article" not in w
