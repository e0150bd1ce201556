"""import_exports on the example case: every export recognised, stored, and re-imports not double counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotage.commands import import_exports
from pilotage.store.actuals import ACTUALS_COLUMNS, load_actuals
from toolkit.case import load_case
from toolkit.errors import InputError


def test_example_exports_recognised_and_reimport_does_not_double_count(example_case: Path) -> None:
    case = load_case(example_case)
    assert load_actuals(case).empty and list(load_actuals(case).columns) == list(ACTUALS_COLUMNS)
    files = case.config.data.actuals
    s = import_exports(case, files)
    platforms = [r.platform for r in s.results]
    assert platforms == ["google_ads", "google_ads", "meta", "ga4", "emailing", "generic"]
    assert [r.locale for r in s.results][:3] == ["fr", "en", "fr"]
    assert "utf-16" in s.results[0].report
    first = load_actuals(case)
    spend = first["spend"].sum()
    assert len(first) == s.total_rows > 1000
    again = import_exports(case, files[:2])
    second = load_actuals(case)
    assert again.replaced == again.added and len(second) == len(first)
    assert second["spend"].sum() == pytest.approx(spend)
    assert first["date"].min().date().isoformat() == "2027-01-04"
    assert first["period_end"].max().date().isoformat() == "2027-06-30"


def test_same_file_under_another_name_replaces_rows(example_case: Path) -> None:
    case = load_case(example_case)
    src = example_case / "data" / "exports" / "meta_campagnes_fr.csv"
    copy = example_case / "data" / "Montant (1).csv"
    copy.write_bytes(src.read_bytes())
    import_exports(case, [str(src)])
    n = len(load_actuals(case))
    s = import_exports(case, [str(copy)])
    assert len(load_actuals(case)) == n
    assert any("replaced" in w for w in s.warnings)


def test_bad_file_is_reported_and_the_others_imported(example_case: Path) -> None:
    """#24: one unreadable file no longer aborts the whole import."""
    case = load_case(example_case)
    bad = example_case / "data" / "clients.csv"
    bad.write_text("CustomerID,Genre\n1,F\n", encoding="utf-8")
    s = import_exports(case, [case.config.data.actuals[0], str(bad)])
    assert [f for f, _m in s.failed] == ["data/clients.csv"]
    assert "not recognised" in s.failed[0][1]
    assert len(load_actuals(case)) == s.total_rows > 0
    assert "✗ data/clients.csv: not imported" in s.text()


def test_only_bad_files_stop_before_storing(example_case: Path) -> None:
    case = load_case(example_case)
    bad = example_case / "data" / "clients.csv"
    bad.write_text("CustomerID,Genre\n1,F\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_exports(case, [str(bad)])
    assert load_actuals(case).empty
