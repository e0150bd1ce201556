"""#24 trust first: currency conversion, mission period, per-file mapping, unrelated data, audience."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from agency_folder import write_agency_folder

from pilotage.commands import applied_conversions, build_dashboard, import_exports
from pilotage.store.actuals import load_actuals
from toolkit.case import load_case
from toolkit.errors import InputError

CASE = """version: 1
client: {{name: Cave du Sommelier, website: "https://www.cave-sommelier.fr"}}
brief: {{constraints: {{currency: EUR}}}}
mission: {{start: 2026-01-01, end: 2026-06-30{keep}}}
data:
  exchange_rates: {rates}
  files:
    data/export-meta-agence.csv:
      platform: meta
      columns: {{Jour: date, Campagne FB: campaign, "Montant (€)": spend, Vues: impressions, Clics sur lien: clicks}}
      date_format: "%d-%m-%Y"
      currency: EUR
output: {{formats: [md], audience: {audience}}}
"""


def make_case(tmp_path: Path, *, rates: str = "{GBP: {rate: 1.17, date: 2026-01-05, source: BCE}}",
              keep: bool = False, audience: str = "client") -> Path:
    root = tmp_path / "cave"
    write_agency_folder(root / "data")
    (root / "case.yaml").write_text(CASE.format(rates=rates, keep=", keep_before: true" if keep else "",
                                                audience=audience), encoding="utf-8")
    return root


def test_pounds_are_converted_at_the_case_rate_and_the_rate_is_kept(tmp_path: Path) -> None:
    case = load_case(make_case(tmp_path))
    s = import_exports(case, ["data/google-ads-campagnes.csv"])
    stored = load_actuals(case)
    assert set(stored["currency"]) == {"EUR"}
    # days 2026-01-01…04 (the four inside the mission): Vins-Bio 13+14+15+16, Coffrets 8.5+9.5+10.5+11.5 (GBP)
    assert stored["spend"].sum() == pytest.approx((58 + 40) * 1.17)
    assert stored["conversion_value"].sum() == pytest.approx(4 * 120 * 1.17)
    assert any("1 GBP = 1.17 EUR on 2026-01-05 (BCE): 8 rows kept" in w for w in s.warnings)
    assert applied_conversions(case) == [{"currency": "GBP", "target": "EUR", "rate": 1.17, "date": "2026-01-05",
                                          "source": "BCE", "rows": 8, "files": ["data/google-ads-campagnes.csv"]}]
    # a second file in pounds: one line per currency and rate, its rows added, both files named
    import_exports(case, ["data/google-ads-campagnes (1).csv"])
    (gbp,) = applied_conversions(case)
    assert gbp["rows"] == 8 + 8 and gbp["files"] == ["data/google-ads-campagnes.csv", "data/google-ads-campagnes (1).csv"]
    # re-importing a file replaces its entry (not counted twice)
    import_exports(case, ["data/google-ads-campagnes (1).csv"])
    assert applied_conversions(case)[0]["rows"] == 16


def test_a_currency_without_a_rate_is_not_imported_as_euros(tmp_path: Path) -> None:
    case = load_case(make_case(tmp_path, rates="{}"))
    s = import_exports(case, ["data/google-ads-campagnes.csv", "data/ga4-acquisition.csv"])
    assert [f for f, _ in s.failed] == ["data/google-ads-campagnes.csv"]
    assert "amounts in GBP" in s.failed[0][1] and "exchange_rates" in s.failed[0][1]
    assert set(load_actuals(case)["platform"]) == {"ga4"}
    with pytest.raises(InputError, match="amounts in GBP"):
        import_exports(case, ["data/google-ads-campagnes.csv"])


def test_rows_before_the_mission_are_set_aside_or_kept_as_a_baseline(tmp_path: Path) -> None:
    case = load_case(make_case(tmp_path))
    s = import_exports(case, ["data/google-ads-campagnes.csv"])
    assert s.set_aside == (("data/google-ads-campagnes.csv", 6, 0),)
    assert load_actuals(case)["date"].min() == pd.Timestamp("2026-01-01")
    assert any("6 row(s) before the mission's start 2026-01-01 (from 2025-12-29)" in w
               for r in s.results for w in r.warnings)
    assert not (case.root / ".toolkit" / "pilotage" / "avant-mission.csv").exists()

    kept = load_case(make_case(tmp_path / "b", keep=True))
    import_exports(kept, ["data/google-ads-campagnes.csv"])
    before = pd.read_csv(kept.root / ".toolkit" / "pilotage" / "avant-mission.csv")
    assert len(before) == 6 and before["date"].max().startswith("2025-12-31")
    assert len(load_actuals(kept)) == 8


def test_per_file_mapping_reads_an_unrecognised_export(tmp_path: Path) -> None:
    case = load_case(make_case(tmp_path))
    s = import_exports(case, ["data/export-meta-agence.csv"])
    stored = load_actuals(case)
    assert set(stored["platform"]) == {"meta"} and set(stored["campaign"]) == {"Saint-Valentin"}
    # 05-01-2026 is 5 January with the stated %d-%m-%Y, not 1 May
    assert stored["date"].tolist() == [pd.Timestamp(f"2026-01-0{d}") for d in (5, 6, 7)]
    assert stored["spend"].sum() == pytest.approx(37.40) and set(stored["currency"]) == {"EUR"}
    assert not s.failed


def test_meta_insights_api_layout_and_dd_mm_yyyy_dates_are_read(tmp_path: Path) -> None:
    case = load_case(make_case(tmp_path))
    s = import_exports(case, ["data/meta-insights-kaggle.csv"])
    stored = load_actuals(case)
    assert set(stored["platform"]) == {"meta"}
    assert stored["date"].tolist() == [pd.Timestamp("2026-01-17"), pd.Timestamp("2026-01-18")]
    assert stored["spend"].sum() == pytest.approx(3.25) and stored["conversions"].sum() == 4
    assert any("does not state its currency" in w for w in s.results[0].warnings)


def test_pages_report_of_another_site_and_empty_ga4_are_refused(tmp_path: Path) -> None:
    from pilotage.commands import check_file

    case = load_case(make_case(tmp_path))
    s = import_exports(case, ["data/ga4-pages-autre-site.csv", "data/ga4-acquisition.csv"])
    assert "lists pages" in dict(s.failed)["data/ga4-pages-autre-site.csv"]
    assert set(load_actuals(case)["campaign"]) == {"Vins-Bio-Search"}
    with pytest.raises(InputError, match="without a single data row"):
        check_file("actuals", case.root / "data" / "ga4-vide.csv", case)
    other = case.root / "data" / "ga4-autre-site.csv"
    other.write_text((case.root / "data" / "ga4-acquisition.csv").read_text().replace("cave-sommelier.fr",
                                                                                       "awningdepot.co.uk"))
    with pytest.raises(InputError, match="about the website awningdepot.co.uk"):
        import_exports(case, [str(other)])


def test_client_audience_leaves_the_grid_out_and_shows_the_rate(tmp_path: Path) -> None:
    for audience in ("client", "jury"):
        case = load_case(make_case(tmp_path / audience, audience=audience))
        import_exports(case, ["data/google-ads-campagnes.csv", "data/ga4-acquisition.csv"])
        paths = build_dashboard(case, formats=("md",), charts=False)
        md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
        assert "1 GBP = 1,1700\u00a0€ (BCE, taux du 05/01/2026)" in md
        assert ("Grille d'évaluation" in md) is (audience == "jury")
        assert "£" not in md
    assert json.loads((case.root / ".toolkit" / "pilotage" / "conversions.json").read_text())[0]["rate"] == 1.17
