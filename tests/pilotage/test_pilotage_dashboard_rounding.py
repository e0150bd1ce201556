"""#24 "the dashboard's HTML tiles and Markdown differ by one click (« 1 132 » vs « 1 131 »)": a Meta
month spread over its days holds fractions of a click per week; the page rounded each week on its
own, the report rounded the total. One rule now (``pilotage.compute.kpis.displayed``): volumes
rounded per platform (half away from zero, as printed), totals = sum of the platforms, ratios from
the rounded volumes, page data rounded so that each platform's rows add up to its figure."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pilotage.commands import build_dashboard
from pilotage.compute.kpis import round_half_up, round_keeping_total

ROOT = Path(__file__).resolve().parents[2]


def test_cumulative_rounding_adds_up_to_the_rounded_total() -> None:
    # three rows of 0.4 click: each rounded alone gives 0 + 0 + 0 = 0, the total 1.2 reads 1
    assert round_keeping_total(np.array([0.4, 0.4, 0.4]), 0).tolist() == [0.0, 1.0, 0.0]
    # March 2027 (Monday 1st) spread by ISO week: 7, 7, 7, 7 and 3 days of 1 131 / 31 clicks
    weeks = np.array([7, 7, 7, 7, 3]) * 1131 / 31
    assert np.round(weeks).sum() == 1129  # the old rule: two clicks lost
    assert round_keeping_total(weeks, 0).sum() == 1131
    assert np.isnan(round_keeping_total(np.array([1.0, np.nan, 2.0]), 0)[1])


def test_half_away_from_zero_of_the_number_as_written() -> None:
    # as toolkit.fmt prints (Decimal(repr(x)), ROUND_HALF_UP) and the page's script does
    assert [round_half_up(x, 0) for x in (0.5, 1.5, 2.5, -0.5)] == [1.0, 2.0, 3.0, -1.0]
    assert round_half_up(2.675, 2) == 2.68  # 2.67499999… in binary; numpy says 2.67
    assert round_half_up(np.array([1131.5, 0.125]), 2).tolist() == [1131.5, 0.13]


def spread_month_actuals() -> pd.DataFrame:
    """A Meta March reported as one row (1 131 clicks, 37.5 conversions) and Google Ads days."""
    meta = pd.DataFrame({"date": [pd.Timestamp("2027-03-01")], "period_end": [pd.Timestamp("2027-03-31")],
                         "platform": ["meta"], "campaign": ["Prospection mars"], "spend": [412.37],
                         "impressions": [98_765.0], "clicks": [1131.0], "conversions": [37.5],
                         "conversion_value": [1180.5]})
    days = pd.date_range("2027-03-01", "2027-03-31", freq="D")
    google = pd.DataFrame({"date": days, "period_end": days, "platform": "google_ads", "campaign": "Search marque",
                           "spend": 9.99, "impressions": 1001.0, "clicks": 33.0, "conversions": 1.3,
                           "conversion_value": 40.0})
    return pd.concat([meta, google], ignore_index=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    case_dir = tmp_path_factory.mktemp("arrondis") / "case"
    shutil.copytree(ROOT / "examples" / "brulerie-sauvage", case_dir, ignore=shutil.ignore_patterns("out", ".toolkit"))
    paths = build_dashboard(case_dir, formats=["md", "html"], actuals=spread_month_actuals(), charts=False)
    md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
    html = next(p for p in paths if p.suffix == ".html").read_text(encoding="utf-8")
    return md, html


def _tile(html: str, kpi: str) -> str:
    return re.search(rf'id="kpi-{kpi}"[^>]*>([^<]*)<', html).group(1)


def _platform_row(md: str, platform: str) -> list[str]:
    section = md.split("## Résultats par plateforme", 1)[1]
    line = next(li for li in section.splitlines() if li.startswith(f"| {platform} |"))
    return [c.strip() for c in line.strip("|").split("|")]


def test_html_tiles_markdown_and_page_data_agree_to_the_click(built) -> None:
    md, html = built
    data = json.loads(re.search(r'<script[^>]*id="dashboard-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    meta = data["platforms"].index("Meta")
    rows = pd.DataFrame({c: data["rows"][c] for c in ("c", "clicks", "conversions")})
    rows["platform"] = [data["campPlat"][c] for c in rows["c"]]
    by_platform = rows.groupby("platform")[["clicks", "conversions"]].sum()
    # the page's rows add up to the platform's figure: 1 131 clicks, not 1 129 (weeks rounded alone)
    assert by_platform.loc[meta, "clicks"] == 1131
    assert by_platform["clicks"].sum() == 1131 + 31 * 33
    # the server-side tile (and the script, which sums the same rows) = the report's platform table
    assert _tile(html, "clicks") == "2\u202f154"
    header = [c.strip() for c in md.split("## Résultats par plateforme", 1)[1].split("\n| ", 1)[1]
              .split("\n", 1)[0].strip("| ").split("|")]
    clicks_col = header.index("Clics")
    assert _platform_row(md, "Meta")[clicks_col] == "1\u202f131"
    assert _platform_row(md, "Google Ads")[clicks_col] == "1\u202f023"
    # conversions: 37.5 + 31 × 1.3 = 77.8 → « 78 » in the summary and on the tile
    assert "| Conversions (régies) | 78 |" in md and _tile(html, "conversions") == "78"
    assert by_platform["conversions"].sum() == pytest.approx(77.8)
