"""The real reference exports in ../shared/data (skipped only when that folder is absent; CI has it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit.errors import InputError
from toolkit.io import ColumnSpec, TableSchema, read_table, read_text

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present")


def test_google_ads_campaign_report():
    t = read_table(DATA / "ads" / "google_ads_campaign_report.csv")
    r = t.report
    assert r.header_line == 3 and r.preamble[0] == "Campaign report"
    assert r.rows_kept == 2
    assert {reason for _, reason in r.dropped} == {"ligne de total"}
    assert t.frame["Impr."].tolist() == [31193, 9392]
    assert t.frame["CTR"].tolist() == pytest.approx([0.0193, 0.0281])
    assert t.frame["Budget name"].isna().all()


def test_ga4_pages_and_screens():
    t = read_table(DATA / "ads" / "ga4_pages_and_screens.csv")
    assert "# Start date: 20250101" in t.report.preamble
    assert t.frame["Views"].iloc[0] == 146
    assert t.report.bad_value_count == 0


def test_meta_empty_export_is_reported():
    with pytest.raises(InputError, match="no data"):
        read_table(DATA / "ads" / "meta_ads_manager_campaigns_empty.csv")


def test_mall_customers_ids_stay_text():
    t = read_table(DATA / "customers" / "Mall_Customers.csv")
    assert t.report.rows_kept == 200
    assert t.frame["CustomerID"].iloc[0] == "0001"
    assert t.frame["Annual Income (k$)"].iloc[-1] == 137


def test_online_retail_transactions():
    schema = TableSchema(
        "transactions",
        (
            ColumnSpec("invoice", "text", aliases=("InvoiceNo", "Facture")),
            ColumnSpec("quantity", "integer", aliases=("Quantity", "Quantité")),
            ColumnSpec("date", "date", aliases=("InvoiceDate",)),
            ColumnSpec("unit_price", "currency", aliases=("UnitPrice", "Prix unitaire")),
            ColumnSpec("customer_id", "text", aliases=("CustomerID", "Client")),
        ),
    )
    t = read_table(DATA / "customers" / "online_retail_sample_10pct_customers.csv", schema)
    assert t.report.rows_kept == 47355 and t.report.bad_value_count == 0
    assert t.frame["date"].iloc[0].to_pydatetime() == dt.datetime(2010, 12, 1, 8, 34)
    assert t.frame["invoice"].str.startswith("C").any()  # cancellations kept as text
    assert (t.frame["quantity"] < 0).any()


def test_google_trends_files_decode():
    text, enc = read_text(DATA / "google_trends" / "fr" / "multiTimeline.csv")
    assert enc == "utf-8" and "Catégorie\u00a0:" in text
    t = read_table(DATA / "google_trends" / "en" / "multiTimeline.csv")
    assert t.report.preamble == ["Category: All categories"]
    assert str(t.frame["Week"].dtype).startswith("datetime64")
