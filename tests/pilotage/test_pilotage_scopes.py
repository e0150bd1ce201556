"""Revenue scopes, objectives measured on their own campaigns, back-office KPIs (issue #10).

Figures of the example case (Brûlerie Sauvage, report date 30/06/2027), computed by hand from
its exports (data/exports): Google Ads 17 819,45 € conversion value for 7 088,82 € spend, Meta
8 099,54 € for 8 179,69 €, e-mailing 7 796,97 € for 390,00 € → media ROAS
33 715,96 / 15 658,51 = 2,153. GA4 reports 48 862,65 € of *site* revenue, which overlaps
the platforms' conversions and must never be added to them (it made the headline 5,27).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pilotage.compute.kpis import compute_kpis, kpi_vs_targets
from pilotage.readers.kpi_input import read_kpi_input
from toolkit.errors import InputError

EXAMPLE_CASE = Path(__file__).resolve().parents[2] / "examples" / "brulerie-sauvage"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    from pilotage.commands import import_exports
    from pilotage.compute.bilan import analyse
    from toolkit.case import load_case


    dst = tmp_path_factory.mktemp("scopes") / "case"
    shutil.copytree(EXAMPLE_CASE, dst, ignore=shutil.ignore_patterns("out", ".toolkit"))
    case = load_case(dst)
    import_exports(case, case.config.data.actuals)
    return case, analyse(case)


def _last(status: pd.DataFrame, objective: str, kpi: str) -> pd.Series:
    s = status[(status["objective_id"] == objective) & (status["kpi"] == kpi) & status["actual"].notna()]
    return s.sort_values("month").iloc[-1]


def test_headline_media_roas_is_platform_value_over_media_spend(example):
    from pilotage.store.actuals import load_actuals

    case, _ = example
    total = compute_kpis(load_actuals(case), by=(), freq=None).iloc[0]
    assert total["media_spend"] == pytest.approx(390.00 + 7088.82 + 8179.69, abs=0.01)
    assert total["conversion_value"] == pytest.approx(7796.97 + 17819.45 + 8099.54, abs=0.01)
    assert round(total["roas"], 2) == 2.15  # was 5,27 with GA4's revenue added
    assert total["site_revenue"] == pytest.approx(48862.65, abs=0.01)


def test_o2_revenue_is_measured_on_its_own_campaigns_not_the_whole_site(example):
    """O2 (Origines Rares) names A4 (PMax) and A6 (launch Reels): June revenue is the PMax
    campaign's conversion value only (Reels ended 15 May) — it was 16 912,98 €, all platforms
    and GA4 together, "+569,6 % dans l'objectif"."""
    _, a = example
    row = _last(a.kpi_status, "O2", "revenue")
    assert row["month"] == pd.Timestamp("2027-06-01")
    assert row["scope"] == "media" and row["scope_actions"] == "A4;A6"
    assert row["actual"] == pytest.approx(1943.55, abs=0.01)
    assert row["status"] == "off_track"  # 20,2 % under its 2 435,83 € June target


def test_january_roas_is_media_only(example):
    """O4's ROAS in January: only the newsletter ran (65 € for 1 019,20 €) → 15,68, not 73,56."""
    _, a = example
    s = a.kpi_status
    jan = s[(s["kpi"] == "roas") & (s["month"] == pd.Timestamp("2027-01-01"))].iloc[0]
    assert jan["actual"] == pytest.approx((974.54 + 44.66) / 65.0, abs=0.005)


def test_every_objective_of_the_example_plan_is_measured(example):
    _, a = example
    s = a.kpi_status
    measured = s[s["actual"].notna()].groupby(["objective_id", "kpi"]).size()
    assert len(measured) == 12 == len(s.groupby(["objective_id", "kpi"]).size())
    sub = _last(s, "O1", "subscribers")
    assert sub["scope"] == "back_office" and sub["actual"] == 2440
    share = _last(s, "O4", "online_revenue_share")
    assert share["actual"] == pytest.approx(0.412)


def test_bilan_statuses_follow_the_scoped_figures(example):
    """No "Objectif tenu" for O2's revenue and conversions any more: both are off track."""
    _, a = example
    success = [f.text for f in a.findings if f.kind == "success" and f.rule == "kpi"]
    shortfall = [f.text for f in a.findings if f.kind == "shortfall" and f.rule == "kpi"]
    assert not any("Origines Rares — Chiffre d'affaires" in t or "Origines Rares — Conversions" in t for t in success)
    assert "Objectif hors trajectoire : Réussir le lancement de la gamme Origines Rares — Chiffre d'affaires" in shortfall
    # "tenu" means at or above target: followers at −2,2 % (within tolerance) is not a success
    assert not any("Abonnés aux réseaux sociaux" in t for t in success)
    assert any("Recherches de la marque" in t for t in success)  # +3,2 %


def test_site_and_media_never_added_in_a_month():
    df = pd.DataFrame({
        "date": pd.to_datetime(["2027-03-02"] * 3), "platform": ["google_ads", "ga4", "meta"],
        "campaign": ["A", "A", "B"], "spend": [100.0, None, 50.0], "impressions": [1000.0, None, 800.0],
        "clicks": [10.0, None, 8.0], "conversions": [2.0, 5.0, 1.0], "conversion_value": [200.0, 900.0, 40.0],
        "sessions": [None, 300.0, None]})
    k = compute_kpis(df, by=(), freq="M").iloc[0]
    assert k["conversion_value"] == 240.0 and k["site_revenue"] == 900.0
    assert k["roas"] == pytest.approx(240 / 150) and k["conversions"] == 3.0


def test_missing_conversion_value_is_not_measured_not_zero():
    df = pd.DataFrame({"date": pd.to_datetime(["2027-03-02"]), "platform": ["meta"], "campaign": ["B"],
                       "spend": [50.0], "impressions": [800.0], "clicks": [8.0]})
    monthly = compute_kpis(df, by=("platform", "campaign"), freq="M")
    targets = pd.DataFrame({"objective_id": ["O4"], "objective": ["x"], "kpi": ["roas"], "month": ["2027-03"],
                            "target": [2.0], "cumulative": [False], "direction": ["higher"], "channel": [""],
                            "actions": [""]})
    row = kpi_vs_targets(monthly, targets).iloc[0]
    assert pd.isna(row["actual"]) and row["status"] == "no_data" and row["reason"] == "not_reported"


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "indicateurs.csv"
    p.write_text(text, encoding="utf-8-sig")
    return p


def test_kpi_input_reads_french_excel_numbers_and_skips_empty_values(tmp_path):
    p = _write(tmp_path, "mois;indicateur;objectif;valeur\n2027-01;subscribers;O1;1 935\n"
                         "01/2027;Part du CA en ligne;O4;38,2 %\n2027-02;subscribers;O1;\n")
    df = read_kpi_input(p)
    assert list(df["kpi"]) == ["subscribers", "online_revenue_share"]
    assert list(df["value"]) == [1935.0, pytest.approx(0.382)]
    assert df["month"].tolist() == [pd.Timestamp("2027-01-01")] * 2


def test_kpi_input_unknown_indicator_is_located_with_a_hint(tmp_path):
    p = _write(tmp_path, "mois;indicateur;valeur\n2027-01;subscribers;10\n2027-02;subscriber;12\n")
    with pytest.raises(InputError) as e:
        read_kpi_input(p)
    msg = str(e.value)
    assert "row 2" in msg and "indicateur" in msg and "subscribers" in msg


def test_template_lists_the_kpis_no_export_measures(example, tmp_path):
    from pilotage.render.kpi_template import kpi_input_template
    from plan.api import load_plan

    case, _ = example
    t = kpi_input_template(load_plan(case), pd.Timestamp("2027-01-04").date(), pd.Timestamp("2027-09-30").date())
    assert set(t["indicateur"]) == {"subscribers", "email_open_rate", "referrals", "followers", "brand_searches",
                                    "online_revenue_share"}
    assert len(t) == 6 * 9 and (t["valeur"] == "").all()


def test_cli_template_never_overwrites(example, tmp_path):
    from typer.testing import CliRunner

    from toolkit.cli import app


    dst = tmp_path / "c"
    shutil.copytree(EXAMPLE_CASE, dst, ignore=shutil.ignore_patterns("out", ".toolkit", "indicateurs-mensuels.csv"))
    text = (dst / "case.yaml").read_text(encoding="utf-8").replace("  kpis: data/indicateurs-mensuels.csv", "")
    (dst / "case.yaml").write_text(text, encoding="utf-8")
    r = CliRunner().invoke(app, ["pilotage", "template", str(dst)])
    assert r.exit_code == 0, r.output
    assert (dst / "data" / "indicateurs-mensuels.csv").exists()
    again = CliRunner().invoke(app, ["pilotage", "template", str(dst)])
    assert again.exit_code != 0 and "never overwritten" in str(again.exception)  # main() prints it, exit 1


def test_search_console_dates_give_brand_searches_per_whole_month(tmp_path):
    """Fixture shaped like the real French export (shared/data/search_console/fr/Dates.csv):
    ``Date,Clics,Impressions,CTR,Position``, newest first, ``1.73%`` CTR, no final newline."""
    import datetime as dt

    from pilotage.readers.kpi_input import read_search_console_dates

    days = [dt.date(2027, 3, 31) - dt.timedelta(days=i) for i in range(45)]  # 15 Feb → 31 Mar
    lines = ["Date,Clics,Impressions,CTR,Position"]
    lines += [f"{d.isoformat()},12,{100 + d.day},1.73%,4.2" for d in days]
    p = tmp_path / "Dates.csv"
    p.write_text("\n".join(lines), encoding="utf-8")
    df = read_search_console_dates(p)
    assert df["month"].tolist() == [pd.Timestamp("2027-03-01")]  # February is partial: left out
    assert df["value"].iloc[0] == sum(100 + d for d in range(1, 32))
    assert df["kpi"].iloc[0] == "brand_searches"
