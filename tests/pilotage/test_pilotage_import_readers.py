"""Readers of real exports: each fixture reproduces the quirks of a real download
(see ../shared/data/ads/README and the issue #7 list), written small by hand here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from pilotage.readers import read_export
from pilotage.readers.detect import parse_dates, parse_numbers
from pilotage.store.actuals import ACTUALS_COLUMNS
from toolkit.errors import InputError, MissingColumnError

NBSP = "\u00a0"
SHARED_ADS = Path(__file__).resolve().parents[3] / "shared" / "data" / "ads"


def write(path: Path, text: str, encoding: str = "utf-8", bom: bytes = b"") -> Path:
    path.write_bytes(bom + text.encode(encoding))
    return path


# --------------------------------------------------------------------------- Google Ads

GADS_FR = (
    "Rapport sur les campagnes\n"
    "1 mars 2027 - 2 mars 2027\n"
    "Jour\tCampagne\tCode de la devise\tCoût\tImpr.\tClics\tCPC moy.\tTaux de conv.\tConversions\t"
    "Valeur de conv.\tTaux d'impr. sur le Réseau de Recherche\n"
    f"2027-03-01\tFR_Search_Marque\tEUR\t1{NBSP}234,56\t12{NBSP}345\t321\t3,85\t4,50{NBSP}%\t14,5\t493,00\t> 90{NBSP}%\n"
    "2027-03-01\tFR_Search_Abonnement\tEUR\t10,40\t900\t12\t0,87\t --\t0,00\t0,00\t< 10 %\n"
    "2027-03-02\tFR_Search_Marque\tEUR\t20,00\t1000\t50\t0,40\t2,00 %\t1,00\t34,00\t --\n"
    f"Total : Campagnes\t --\tEUR\t1{NBSP}264,96\t14{NBSP}245\t383\t3,30\t --\t15,5\t527,00\t --\n"
    f"Total : Compte\t\tEUR\t1{NBSP}264,96\t14{NBSP}245\t383\t3,30\t\t15,5\t527,00\t\n"
)


def test_google_ads_french_default_download_utf16_tab(tmp_path: Path) -> None:
    f = write(tmp_path / "Rapport sur les campagnes.csv", GADS_FR, "utf-16-le", b"\xff\xfe")
    r = read_export(f)
    assert r.platform == "google_ads"
    assert r.locale == "fr"
    assert r.rows == 3
    assert r.totals_removed == 2
    assert r.currency == "EUR"
    assert r.period == (dt.date(2027, 3, 1), dt.date(2027, 3, 2))
    assert list(r.frame.columns) == list(ACTUALS_COLUMNS)
    first = r.frame.iloc[0]
    assert first["spend"] == pytest.approx(1234.56)
    assert first["impressions"] == 12345
    assert first["conversions"] == pytest.approx(14.5)
    assert r.frame["spend"].sum() == pytest.approx(1264.96)
    assert "Google Ads" in r.report and "French" in r.report and "2 total row(s) removed" in r.report


def test_google_ads_english_csv_quoted_thousands_and_range_without_day(tmp_path: Path) -> None:
    text = (
        "Campaign report\n"
        "27 January 2026 - 23 February 2026\n"
        "Campaign status,Campaign,Budget,Currency code,Clicks,Impr.,CTR,Cost,Avg. CPC,Conversions,Conv. rate,Conv. value\n"
        'Enabled,Shopping-SMP,25.00,GBP,603,"31,193",1.93%,798.88,1.32,49.00,5.62%,"1,286.58"\n'
        "Enabled,Office Fruit,10.00,GBP,264,\"9,392\",2.81%,365.22,1.38,25.00,5.02%,841.23\n"
        'Total: Campaigns, --, --,GBP,867,"40,585",2.14%,1164.10,1.34,74.00,5.40%,"2,127.81"\n'
        "Total: Search,,,GBP,0,0, --,0.00,0,0.00,0.00%,0.00\n"
    )
    r = read_export(write(tmp_path / "report.csv", text))
    assert (r.platform, r.locale, r.rows, r.totals_removed, r.currency) == ("google_ads", "en", 2, 2, "GBP")
    assert r.frame["impressions"].tolist() == [31193, 9392]
    assert r.frame["conversion_value"].tolist() == pytest.approx([1286.58, 841.23])
    # no Day column: every row covers the report's date range
    assert (r.frame["date"] == pd.Timestamp("2026-01-27")).all()
    assert (r.frame["period_end"] == pd.Timestamp("2026-02-23")).all()


def test_columns_matched_by_name_not_position(tmp_path: Path) -> None:
    lines = GADS_FR.splitlines()
    rows = [ln.split("\t") for ln in lines[2:6]]
    order = [3, 0, 5, 1, 2, 4, 6, 7, 8, 9, 10]
    shuffled = "\n".join(lines[:2] + ["\t".join(r[i] for i in order) for r in rows]) + "\n"
    a = read_export(write(tmp_path / "a.csv", GADS_FR, "utf-16-le", b"\xff\xfe")).frame
    b = read_export(write(tmp_path / "b.csv", shuffled, "utf-16-le", b"\xff\xfe")).frame
    cols = ["date", "campaign", "spend", "impressions", "clicks", "conversions"]
    pd.testing.assert_frame_equal(a[cols], b[cols])


def test_google_ads_without_campaign_column_is_refused(tmp_path: Path) -> None:
    text = "Rapport\n1 mars 2027 - 2 mars 2027\nJour\tCoût\tImpr.\n2027-03-01\t1,00\t10\n"
    with pytest.raises(MissingColumnError, match="Campagne"):
        read_export(write(tmp_path / "x.csv", text, "utf-16-le", b"\xff\xfe"))


def test_bad_date_reported_with_row_and_line(tmp_path: Path) -> None:
    text = GADS_FR.replace("2027-03-02\tFR_Search_Marque", "le 2 mars\tFR_Search_Marque")
    with pytest.raises(InputError) as err:
        read_export(write(tmp_path / "x.csv", text, "utf-16-le", b"\xff\xfe"))
    msg = str(err.value)
    assert "row 3" in msg and "Jour" in msg and ":6" in msg


# --------------------------------------------------------------------------- Meta

META_FR_HEADER = (
    '"Début des rapports","Fin des rapports","Nom de la campagne","Nom de l\u2019ensemble de publicités",'
    '"Couverture","Impressions","Montant dépensé (EUR)","CPM (coût pour 1' + NBSP + '000 impressions) (EUR)",'
    '"Clics sur un lien","Résultats","Indicateur de résultats","ThruPlays"\n'
)


def test_meta_french_account_total_row_curly_apostrophe_and_currency_in_header(tmp_path: Path) -> None:
    text = META_FR_HEADER + (
        '"2027-04-01","2027-04-30","","","30000","70000","912,50","13,04","640","40","",""\n'
        '"2027-04-01","2027-04-30","Abonnement - Retargeting","Visiteurs 30 j","10000","20000","312,50",'
        '"15,63","240","30","actions:offsite_conversion.fb_pixel_purchase",""\n'
        '"2027-04-01","2027-04-30","Notoriété Hors Lyon - Vidéo","Paris","20000","50000","600,00","12,00",'
        '"400","9000","video_thruplay_watched_actions","9000"\n'
    )
    r = read_export(write(tmp_path / "meta.csv", text))
    assert (r.platform, r.locale, r.rows, r.totals_removed, r.currency) == ("meta", "fr", 2, 1, "EUR")
    f = r.frame.set_index("campaign")
    assert f.loc["Abonnement - Retargeting", "ad_group"] == "Visiteurs 30 j"
    assert f["spend"].sum() == pytest.approx(912.50)
    # "Résultats" are conversions only when the indicator says so (ThruPlays are not)
    assert f.loc["Abonnement - Retargeting", "conversions"] == 30
    assert pd.isna(f.loc["Notoriété Hors Lyon - Vidéo", "conversions"])
    assert f.loc["Notoriété Hors Lyon - Vidéo", "video_views"] == 9000
    assert r.period == (dt.date(2027, 4, 1), dt.date(2027, 4, 30))


def test_meta_english_no_data_available(tmp_path: Path) -> None:
    text = ('"Reporting starts","Reporting ends","Campaign name","Campaign delivery","Reach","Impressions",'
            '"Amount spent (USD)",Ends\n"No data available."\n')
    r = read_export(write(tmp_path / "empty.csv", text))
    assert r.platform == "meta" and r.rows == 0 and r.frame.empty
    assert any("No data available" in w for w in r.warnings)


def test_meta_english_daily(tmp_path: Path) -> None:
    text = ('"Day","Campaign name","Reach","Impressions","CPM (cost per 1,000 impressions) (EUR)",'
            '"Amount spent (EUR)","Link clicks","Purchases","Purchases conversion value","Post engagements"\n'
            '"2027-04-01","Lancement Origines Rares - Reels","1200","1500","13.67","20.50","12","1","42.00","30"\n'
            '"2027-04-02","Lancement Origines Rares - Reels","1000","1300","13.85","18.00","9","","","25"\n')
    r = read_export(write(tmp_path / "m.csv", text))
    assert (r.platform, r.locale, r.rows) == ("meta", "en", 2)
    assert r.frame["conversions"].tolist()[0] == 1 and pd.isna(r.frame["conversions"].tolist()[1])
    assert r.frame["engagements"].sum() == 55
    assert r.frame["spend"].sum() == pytest.approx(38.5)  # not the CPM column with a comma in its name


# --------------------------------------------------------------------------- GA4

def test_ga4_preamble_conversions_renamed_and_several_tables(tmp_path: Path) -> None:
    text = (
        "# ----------------------------------------\n"
        "# Traffic acquisition: Session campaign\n"
        "# ----------------------------------------\n"
        "#\n"
        "# Start date: 20270104\n"
        "# End date: 20270105\n"
        "Date,Session campaign,Sessions,Engaged sessions,Engagement rate,Conversions,Total revenue\n"
        "20270104,FR_Search_Marque,61,44,0.7213114754098361,3,102.5\n"
        "20270105,FR_Search_Marque,50,40,0.8,1,34\n"
        "20270104,(organic),100,60,0.6,2,70\n"
        "\n"
        "# ----------------------------------------\n"
        "# Session default channel group\n"
        "# ----------------------------------------\n"
        "Session default channel group,Sessions,Engaged sessions,Conversions\n"
        "Paid Search,111,84,4\n"
        "Organic Search,100,60,2\n"
    )
    r = read_export(write(tmp_path / "ga4.csv", text))
    assert r.platform == "ga4"
    assert r.rows == 3  # the daily table; the summary would double count
    assert len(r.tables) == 2 and "imported" in r.tables[0] and "skipped" in r.tables[1]
    assert r.frame["key_events"].sum() == 6
    assert r.frame["sessions"].sum() == 211
    assert r.frame["conversion_value"].sum() == pytest.approx(206.5)
    assert any("Key events" in w for w in r.warnings)
    assert r.period == (dt.date(2027, 1, 4), dt.date(2027, 1, 5))


def test_ga4_without_date_column_uses_preamble_period(tmp_path: Path) -> None:
    text = ("# Date de début : 20270101\n# Date de fin : 20270131\n"
            "Campagne de la session,Sessions,Utilisateurs totaux,Événements clés\n"
            "Newsletter mensuelle,120,100,5\n")
    r = read_export(write(tmp_path / "ga4fr.csv", text))
    assert (r.platform, r.locale) == ("ga4", "fr")
    assert r.frame.loc[0, "date"] == pd.Timestamp("2027-01-01")
    assert r.frame.loc[0, "period_end"] == pd.Timestamp("2027-01-31")
    assert r.frame.loc[0, "users"] == 100


# --------------------------------------------------------------------------- generic and Excel

def test_generic_french_excel_resave_cp1252_semicolon(tmp_path: Path) -> None:
    text = ("Date d'envoi;Plateforme;Campagne;Dépense (EUR);Envois;Ouvertures;Clics;Chiffre d'affaires\r\n"
            "20/01/2027;Brevo;Newsletter mensuelle;65,00;11 204;3 700;402;1 234,56\r\n"
            "25/01/2027;Brevo;Séquence bienvenue abonnés;0,00;160;85;14;96,00\r\n")
    r = read_export(write(tmp_path / "brevo.csv", text, "cp1252"))
    assert r.platform == "emailing"
    assert r.frame["date"].tolist() == [pd.Timestamp("2027-01-20"), pd.Timestamp("2027-01-25")]
    assert r.frame["impressions"].tolist() == [11204, 160]
    assert r.frame["conversion_value"].tolist() == pytest.approx([1234.56, 96.0])
    assert r.frame.loc[1, "campaign"] == "Séquence bienvenue abonnés"
    assert r.currency == "EUR"


def test_google_ads_english_resaved_by_french_excel(tmp_path: Path) -> None:
    text = ("Campaign report\r\n01/03/2027 - 31/03/2027\r\n"
            "Day;Campaign;Currency code;Cost;Impr.;Clicks\r\n"
            "01/03/2027;FR_PMax;EUR;1 234,50;10 000;120\r\n13/03/2027;FR_PMax;EUR;12,5;900;7\r\n")
    r = read_export(write(tmp_path / "x.csv", text, "cp1252"))
    assert r.platform == "google_ads"
    assert r.frame["spend"].tolist() == pytest.approx([1234.5, 12.5])
    assert r.frame["date"].tolist() == [pd.Timestamp("2027-03-01"), pd.Timestamp("2027-03-13")]


def test_generic_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["date", "platform", "campaign", "spend", "clicks"])
    ws.append([dt.datetime(2027, 2, 1), "meta", "Test", 12.5, 3])
    ws.append([dt.datetime(2027, 2, 2), "meta", "Test", 7, 1])
    wb.save(tmp_path / "g.xlsx")
    r = read_export(tmp_path / "g.xlsx")
    assert r.platform == "meta"
    assert r.frame["spend"].sum() == pytest.approx(19.5)
    assert r.frame["date"].min() == pd.Timestamp("2027-02-01")


def test_unrecognised_and_ambiguous_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not recognised"):
        read_export(write(tmp_path / "c.csv", "CustomerID,Genre,Age\n1,Male,19\n"))
    both = "Campaign,Campaign name,Impr.,Reach,Frequency\nA,A,10,5,2\n"
    with pytest.raises(InputError, match="ambiguous"):
        read_export(write(tmp_path / "amb.csv", both))
    with pytest.raises(InputError, match="not found"):
        read_export(tmp_path / "missing.csv")


# --------------------------------------------------------------------------- parsing units

def test_parse_numbers_locales_nulls_percent_censored() -> None:
    p = parse_numbers(pd.Series(["1 234,56", " --", "12,5 %", "< 10 %", "abc"]))
    assert p.values[0] == pytest.approx(1234.56)
    assert pd.isna(p.values[1])
    assert p.values[2] == pytest.approx(0.125)
    # toolkit.io's rule (issue #10 "one table reader"): a censored share is the middle of its interval
    assert p.values[3] == pytest.approx(0.05) and p.censored == 1
    assert p.bad_rows == (4,)
    en = parse_numbers(pd.Series(["1,234.56", "31,193", "0.5"]))
    assert en.values.tolist() == pytest.approx([1234.56, 31193, 0.5])


def test_parse_dates_formats() -> None:
    d = parse_dates(pd.Series(["2027-01-04", "20270105", "06/01/2027", "7 janv. 2027", "Jan 8, 2027"]), default_fr=True)
    assert d.values.dt.day.tolist() == [4, 5, 6, 7, 8]
    assert d.bad_rows == ()


@pytest.mark.skipif(not SHARED_ADS.exists(), reason="../shared/data/ads (real reference files) not present")
def test_real_reference_files() -> None:
    g = read_export(SHARED_ADS / "google_ads_campaign_report.csv")
    assert (g.platform, g.rows, g.totals_removed, g.currency) == ("google_ads", 2, 5, "GBP")
    assert g.frame["spend"].sum() == pytest.approx(1164.10)
    # #24: a GA4 *pages* report is not campaigns: refused, not 16 "campaigns" named like /awnings-sussex/
    with pytest.raises(InputError, match="lists pages"):
        read_export(SHARED_ADS / "ga4_pages_and_screens.csv")
    m = read_export(SHARED_ADS / "meta_ads_manager_campaigns_empty.csv")
    assert m.platform == "meta" and m.rows == 0


def test_a_few_bad_dates_in_a_big_file_drop_those_rows_only(tmp_path: Path) -> None:
    rows = [f"2027-03-{1 + i % 28:02d};FR_Search_Marque;EUR;{i},50;100;5" for i in range(200)]
    rows[57] = "31/02/2027;FR_Search_Marque;EUR;1,00;1;1"
    text = "Rapport\n1 mars 2027 - 28 mars 2027\nJour;Campagne;Code de la devise;Coût;Impr.;Clics\n" + "\n".join(rows) + "\n"
    r = read_export(write(tmp_path / "big.csv", text))
    assert r.rows == 199
    assert any("line 61" in w and "199 rows kept" in w for w in r.warnings)


def test_google_ads_month_segment_covers_the_month(tmp_path: Path) -> None:
    text = ("Campaign report\nJanuary 1, 2027 - February 15, 2027\nMonth,Campaign,Currency code,Cost,Impr.,Clicks\n"
            "January 2027,A,EUR,310.00,1000,10\nFebruary 2027,A,EUR,150.00,500,5\n")
    r = read_export(write(tmp_path / "m.csv", text))
    assert r.frame["date"].tolist() == [pd.Timestamp("2027-01-01"), pd.Timestamp("2027-02-01")]
    # the last month is clipped to the report's range
    assert r.frame["period_end"].tolist() == [pd.Timestamp("2027-01-31"), pd.Timestamp("2027-02-15")]


def test_meta_and_ga4_resaved_by_french_excel(tmp_path: Path) -> None:
    meta = ("Début des rapports;Fin des rapports;Nom de la campagne;Couverture;Impressions;Montant dépensé (EUR);"
            "Clics sur un lien\r\n"
            "01/04/2027;30/04/2027;;3 000;7 000;91,25;64\r\n"
            "01/04/2027;30/04/2027;Abonnement - Retargeting;1 000;2 000;31,25;24\r\n"
            "01/04/2027;30/04/2027;Notoriété Hors Lyon - Vidéo;2 000;5 000;60,00;40\r\n")
    r = read_export(write(tmp_path / "meta.csv", meta, "cp1252"))
    assert (r.platform, r.rows, r.totals_removed) == ("meta", 2, 1)
    assert r.frame["spend"].sum() == pytest.approx(91.25)
    assert r.frame["date"].iloc[0] == pd.Timestamp("2027-04-01")
    assert r.frame["period_end"].iloc[0] == pd.Timestamp("2027-04-30")
    ga4 = ("# Date de début : 20270104\r\n# Date de fin : 20270105\r\n"
           "Date;Campagne de la session;Sessions;Sessions avec engagement;Taux d'engagement;Événements clés\r\n"
           "20270104;FR_Search_Marque;1 061;744;0,7012;3\r\n")
    g = read_export(write(tmp_path / "ga4.csv", ga4, "cp1252"))
    assert (g.platform, g.locale) == ("ga4", "fr")
    assert g.frame.loc[0, "sessions"] == 1061 and g.frame.loc[0, "engaged_sessions"] == 744


def test_google_ads_xlsx_download_with_title_rows(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Campaign report"])
    ws.append(["March 1, 2027 - March 2, 2027"])
    ws.append(["Day", "Campaign", "Currency code", "Cost", "Impr.", "Clicks"])
    ws.append([dt.datetime(2027, 3, 1), "FR_Search_Marque", "EUR", 12.4, 1203, 87])
    ws.append([dt.datetime(2027, 3, 2), "FR_Search_Marque", "EUR", 1234.5, 12000, 500])
    ws.append(["Total: Campaigns", "", "EUR", 1246.9, 13203, 587])
    wb.save(tmp_path / "report.xlsx")
    r = read_export(tmp_path / "report.xlsx")
    assert (r.platform, r.rows, r.totals_removed) == ("google_ads", 2, 1)
    assert r.frame["spend"].tolist() == pytest.approx([12.4, 1234.5])
    assert r.period == (dt.date(2027, 3, 1), dt.date(2027, 3, 2))
