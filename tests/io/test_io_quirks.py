"""Small fixtures reproducing the quirks of real exports (see /work/shared/data/README.md)."""

from __future__ import annotations

import codecs
import datetime as dt

import pandas as pd
import pytest

from toolkit.errors import InputError, MissingColumnError, ToolkitError
from toolkit.io import ColumnSpec, TableSchema, iter_table, read_table, read_text

GOOGLE_ADS_EN = (
    "Campaign report\n"
    "27 January 2026 - 23 February 2026\n"
    "Campaign status,Campaign,Budget,Budget name,Currency code,Clicks,Impr.,CTR,Cost,Conv. value\n"
    'Enabled,Fruit-Veg-Boxes,25.00, --,GBP,603,"31,193",1.93%,798.88,"1,286.58"\n'
    "Enabled,Office Fruit,10.00, --,GBP,264,\"9,392\",2.81%,365.22,841.23\n"
    'Total: Campaigns, --, --, --,GBP,867,"40,585",2.14%,1164.09,"2,127.81"\n'
    'Total: Account,,,,GBP,867,"40,585",2.14%,1164.09,"2,127.81"\n'
    "Total: Search,,,,GBP,0,0, --,0.00,0.00\n"
)

ADS = TableSchema(
    "ads",
    (
        ColumnSpec("campaign", "text", aliases=("Campagne", "Campaign", "Campaign name", "Nom de la campagne")),
        ColumnSpec("clicks", "integer", aliases=("Clics", "Clicks", "Link clicks")),
        ColumnSpec("impressions", "integer", aliases=("Impr.", "Impressions")),
        ColumnSpec("ctr", "percent", required=False, aliases=("CTR", "Taux de clics")),
        ColumnSpec("cost", "currency", aliases=("Coût", "Cost", "Amount spent", "Montant dépensé")),
        ColumnSpec("day", "date", required=False, aliases=("Jour", "Day", "Reporting starts", "Début des rapports")),
    ),
)


def test_google_ads_csv_preamble_totals_and_dashes(tmp_path):
    path = tmp_path / "Campaign report.csv"
    path.write_text(GOOGLE_ADS_EN, encoding="utf-8")
    t = read_table(path, ADS)
    r = t.report
    assert r.header_line == 3
    assert r.preamble == ["Campaign report", "27 January 2026 - 23 February 2026"]
    assert r.dropped == ((6, "ligne de total"), (7, "ligne de total"), (8, "ligne de total"))
    assert (r.rows_read, r.rows_kept) == (5, 2)
    assert t.frame["campaign"].tolist() == ["Fruit-Veg-Boxes", "Office Fruit"]
    assert t.frame["impressions"].tolist() == [31193, 9392]
    assert t.frame["ctr"].tolist() == pytest.approx([0.0193, 0.0281])
    assert t.frame["cost"].tolist() == pytest.approx([798.88, 365.22])
    assert t.frame["Conv. value"].tolist() == pytest.approx([1286.58, 841.23])  # extra column kept, typed
    assert t.frame["Budget name"].isna().all()  # " --" is missing, not text
    assert t.frame["day"].isna().all() and str(t.frame["day"].dtype).startswith("datetime64")
    assert {k: v for k, v in r.columns.items() if k != v} == {
        "Campaign": "campaign", "Clicks": "clicks", "Impr.": "impressions", "CTR": "ctr", "Cost": "cost"}
    assert r.columns["Budget name"] == "Budget name"  # extra columns keep their name
    assert r.summary() == "5 lignes lues, 2 gardées (3 ignorées : ligne de total) — UTF-8, virgule, décimale « . »"


def test_google_ads_default_download_utf16_tab_french(tmp_path):
    text = (
        "Rapport sur les campagnes\n"
        "1 septembre 2024 - 30 septembre 2024\n"
        "Jour\tCampagne\tClics\tImpr.\tCTR\tCoût\n"
        "01/09/2024\tSoldes\t1\u202f203\t45\u202f000\t2,67 %\t1\u202f234,56\n"
        "02/09/2024\tMarque\t12\t--\t< 10 %\t 12,00\n"
        "Total – compte\t\t1\u202f215\t45\u202f000\t2,70 %\t1\u202f246,56\n"
    )
    path = tmp_path / "rapport.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    t = read_table(path, ADS)
    r = t.report
    assert (r.encoding, r.bom, r.separator, r.decimal) == ("utf-16-le", True, "\t", ",")
    assert r.thousands == "\u202f"
    assert r.dropped == ((6, "ligne de total"),)
    assert t.frame["clicks"].tolist() == [1203, 12]
    assert t.frame["impressions"].iloc[0] == 45000 and pd.isna(t.frame["impressions"].iloc[1])
    assert t.frame["ctr"].tolist() == pytest.approx([0.0267, 0.05])
    assert any("censuré" in w for w in r.warnings)
    assert t.frame["cost"].tolist() == pytest.approx([1234.56, 12.0])
    assert [d.date() for d in t.frame["day"]] == [dt.date(2024, 9, 1), dt.date(2024, 9, 2)]
    assert r.summary() == (
        "3 lignes lues, 2 gardées (1 ignorée : ligne de total) — UTF-16 LE, tabulation, décimale « , »"
    )


GA4 = (
    "# ----------------------------------------\n"
    "# Pages and screens: Page path and screen class\n"
    "# Account: example.fr\n"
    "# ----------------------------------------\n"
    "# \n"
    "# All Users\n"
    "# Start date: 20250101\n"
    "# End date: 20251231\n"
    "Page path and screen class,Views,Active users,Views per active user,Total revenue\n"
    "/cafe-ethiopie/,146,103,1.4174757281553398,0\n"
    "/abonnement/,91,63,1.4444444444444444,12.5\n"
    "/,86,57,1.5087719298245614,0"
)


def test_ga4_comment_preamble(tmp_path):
    path = tmp_path / "ga4.csv"
    path.write_text(GA4, encoding="utf-8")
    t = read_table(path)
    r = t.report
    assert r.header_line == 9
    assert r.preamble[-2:] == ["# Start date: 20250101", "# End date: 20251231"]
    assert list(t.frame.columns)[:2] == ["Page path and screen class", "Views"]
    assert t.frame["Views"].tolist() == [146, 91, 86]
    assert t.frame["Views per active user"].iloc[0] == pytest.approx(1.4174757281553398)
    assert t.frame["Total revenue"].tolist() == [0.0, 12.5, 0.0]
    assert r.decimal == "."


def test_ga4_second_table_is_not_read_as_rows(tmp_path):
    path = tmp_path / "ga4_dashboard.csv"
    path.write_text(
        GA4 + "\n\n# ----------------------------------------\n# Second table\n"
        "Country,Users,Engagement rate\nFrance,120,0.58\nBelgique,8,0.5\n",
        encoding="utf-8",
    )
    t = read_table(path)
    assert t.frame["Views"].tolist() == [146, 91, 86]
    # the second table's rates fall in "Active users" but are cut: the column stays integer
    assert str(t.frame["Active users"].dtype) == "Int64" and t.report.kinds["Active users"] == "integer"
    assert t.report.rows_kept == 3
    assert any("tableau" in w for w in t.report.warnings)
    assert all(reason in {"ligne vide", "ligne de commentaire", "tableau suivant (non lu)"} for _, reason in t.report.dropped)


def test_hashtag_query_is_a_row_not_a_second_table(tmp_path):
    """Search Console (FR UI) lists hashtag queries: ``#michelinpower`` cut the table in two."""
    path = tmp_path / "Requêtes.csv"
    path.write_bytes("Requêtes les plus fréquentes,Clics,Impressions,CTR,Position\n"
                     "brûlerie lyon,82,1872,4.38%,19.44\n#cafedespecialite,82,290,28.28%,1.68\n"
                     "café grains,81,3953,2.05%,8.32".encode())
    t = read_table(path)
    assert t.frame.iloc[:, 0].tolist() == ["brûlerie lyon", "#cafedespecialite", "café grains"]
    assert t.report.dropped == () and not t.report.warnings


def test_mall_customers_crlf_no_final_newline_zero_padded_ids(tmp_path):
    path = tmp_path / "Mall_Customers.csv"
    path.write_bytes(
        b"CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)\r\n"
        b"0001,Male,19,15,39\r\n0002,Male,21,15,81\r\n0010,Female,30,19,72"
    )
    t = read_table(path)
    assert t.frame["CustomerID"].tolist() == ["0001", "0002", "0010"]
    assert t.frame["Age"].tolist() == [19, 21, 30]
    assert t.frame["Spending Score (1-100)"].iloc[-1] == 72
    assert t.report.rows_kept == 3
    schema = TableSchema("customers", (ColumnSpec("customer_id", "text", aliases=("CustomerID", "Client")),
                                       ColumnSpec("gender", "text", aliases=("Genre", "Gender", "Sexe"))))
    t2 = read_table(path, schema)
    assert t2.frame["customer_id"].tolist() == ["0001", "0002", "0010"]
    assert t2.frame["gender"].tolist() == ["Male", "Male", "Female"]


META_HEADER = (
    '"Reporting starts","Reporting ends","Campaign name","Campaign delivery",Results,'
    'Reach,Impressions,"Cost per results","Amount spent (USD)",Ends\n'
)


def test_meta_quoted_headers_and_currency_in_header(tmp_path):
    path = tmp_path / "meta.csv"
    path.write_text(
        META_HEADER
        + '2024-09-01,2024-09-30,"Rentrée, café",active,12,3400,5120,2.08,25.00,Ongoing\n'
        + "2024-09-01,2024-09-30,Noël,inactive,,0,0,,0,2024-12-31\n",
        encoding="utf-8",
    )
    meta = TableSchema("meta", (ADS.spec("campaign"), ADS.spec("day"), ADS.spec("cost"),
                                ColumnSpec("reach", "integer", aliases=("Couverture", "Reach"))))
    t = read_table(path, meta)
    assert t.frame["reach"].tolist() == [3400, 0]
    assert t.report.columns["Amount spent (USD)"] == "cost"
    assert t.report.columns["Reporting starts"] == "day"
    assert t.frame["cost"].tolist() == [25.0, 0.0]
    assert t.frame["campaign"].tolist() == ["Rentrée, café", "Noël"]


def test_meta_no_data_available_is_a_clear_error(tmp_path):
    path = tmp_path / "meta_empty.csv"
    path.write_text(META_HEADER + '"No data available."\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_table(path, ADS)
    msg = str(err.value)
    assert "meta_empty.csv:2" in msg and "no data" in msg.lower() and "→" in msg


def test_missing_required_column_names_the_closest_match(tmp_path):
    path = tmp_path / "ads.csv"
    path.write_text("Campagne;Clics;Impressions;Couts\nA;1;10;2,5\n", encoding="utf-8")
    with pytest.raises(MissingColumnError) as err:
        read_table(path, ADS)
    msg = str(err.value)
    assert "ads.csv" in msg and "'cost'" in msg
    assert "closest column found: 'Couts'" in msg
    assert "Columns found: 'Campagne', 'Clics', 'Impressions', 'Couts'" in msg
    assert "→" in msg  # a hint follows


def test_bad_values_are_kept_missing_and_reported_by_file_line(tmp_path):
    path = tmp_path / "ventes.csv"
    path.write_text(
        "Export CRM\n\nJour;Campagne;Clics;Impr.;Coût\n"
        "01/09/2024;A;1;10;2,5\n"
        "32/09/2024;B;2;20;3,5\n"
        "03/09/2024;C;beaucoup;30;#DIV/0!\n"
        "04/09/2024;D;4;40;4\n",
        encoding="utf-8",
    )
    t = read_table(path, ADS)
    r = t.report
    assert r.rows_kept == 4  # rule: rows with unreadable cells are kept, the cell is left empty
    assert r.bad_values == ((5, "Jour", "32/09/2024"), (6, "Clics", "beaucoup"), (6, "Coût", "#DIV/0!"))
    assert r.bad_value_count == 3
    assert pd.isna(t.frame["day"].iloc[1]) and pd.isna(t.frame["clicks"].iloc[2])
    assert t.frame["cost"].tolist()[:2] == [2.5, 3.5]
    assert any("« Clics »" in w and "lignes 6" in w for w in r.warnings)
    assert "3 valeurs illisibles laissées vides" in r.summary()
    with pytest.raises(InputError) as err:
        read_table(path, ADS, max_bad_rows=1)
    assert "2 rows hold unreadable values" in str(err.value) and "row 5" in str(err.value)


def test_rows_with_too_many_fields_are_dropped_with_their_line(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n3,4,5\n6,7\n", encoding="utf-8")
    t = read_table(path)
    assert t.frame["a"].tolist() == [1, 6]
    assert t.report.dropped == ((3, "nombre de champs incorrect"),)


def test_blank_lines_and_repeated_header(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("n;v\n1;2,5\n\nn;v\n3;4\n", encoding="utf-8")
    t = read_table(path)
    assert t.frame["n"].tolist() == [1, 3]
    assert t.frame["v"].tolist() == [2.5, 4.0]
    assert t.report.dropped == ((3, "ligne vide"), (4, "en-tête répété"))


def test_header_argument_index_and_callable(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("titre;;\nx;y;z\n1;2;3\n", encoding="utf-8")
    assert read_table(path, header=1).report.header_line == 2
    t = read_table(path, header=lambda cells: cells[:1] == ["x"])
    assert list(t.frame.columns) == ["x", "y", "z"]
    with pytest.raises(InputError):
        read_table(path, header=lambda cells: False)


def test_excel_fr_resave_cp1252_semicolon_with_negative_parentheses(tmp_path):
    path = tmp_path / "budget.csv"
    text = "Poste;Montant (€);Écart\r\nAnnonces;1 234,50 €;(120,00)\r\nÉvénement;980,00 €;35,5\r\n"
    path.write_bytes(text.encode("cp1252"))
    t = read_table(path)
    assert t.report.encoding == "cp1252"
    assert t.frame["Poste"].tolist() == ["Annonces", "Événement"]
    assert t.frame["Montant (€)"].tolist() == [1234.5, 980.0]
    assert t.frame["Écart"].tolist() == [-120.0, 35.5]


def test_utf8_sample_then_invalid_bytes_later_falls_back_with_a_warning(tmp_path):
    path = tmp_path / "x.csv"
    body = "nom;ville\n" + "a;Lyon\n" * 40000 + "b;Orl\xe9ans\n"
    path.write_bytes(body.encode("latin-1"))
    t = read_table(path)
    assert t.frame["ville"].iloc[-1] == "Orléans"
    assert t.report.encoding == "cp1252" and t.report.warnings


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"", "empty"),
        (b"\n\n  \n", "no text"),
        (b"\x00\x01\x02\x03binary\x00\x00\xff" * 10, "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"%PDF-1.4 ...", "PDF"),
        (b"PK\x03\x04 not really a workbook", "XLSX"),
        (b"<html><body><table><tr><td>Campagne</td></tr></table>", "HTML"),
        (b'\xef\xbb\xbf{"campaigns": [1, 2]}', "JSON"),
        (b'<?xml version="1.0"?><opml/>', "XML"),
    ],
)
def test_unusable_files_raise_input_error_with_file_and_hint(tmp_path, content, needle):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_table(path)
    assert needle.lower() in str(err.value).lower()
    assert "export.csv" in str(err.value) and "→" in str(err.value)


def test_file_not_found_and_folder(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(ToolkitError, match="folder"):
        read_table(tmp_path)
    with pytest.raises(InputError, match="file not found"):
        read_text(tmp_path / "nope.csv")


def test_read_text_decodes_utf16_and_strips_bom(tmp_path):
    path = tmp_path / "trends.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "Catégorie\u00a0: Toutes catégories\n".encode("utf-16-le"))
    text, enc = read_text(path)
    assert text.startswith("Catégorie") and enc == "utf-16-le"


def test_only_header_gives_an_empty_typed_frame(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Campagne,Clics,Impr.,Coût\n", encoding="utf-8")
    t = read_table(path, ADS)
    assert t.frame.empty and t.report.rows_read == 0
    assert str(t.frame["cost"].dtype) == "float64"
    assert any("aucune ligne" in w for w in t.report.warnings)


def test_allow_extra_false_keeps_only_schema_columns(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Campagne,Clics,Impr.,Coût,Notes\nA,1,2,3,hello\n", encoding="utf-8")
    schema = TableSchema("ads", ADS.columns, allow_extra=False)
    t = read_table(path, schema)
    assert set(t.frame.columns) == {"campaign", "clicks", "impressions", "cost", "ctr", "day"}


# --- XLSX ---------------------------------------------------------------------------------


def _workbook(path, sheets: dict[str, list[list]]):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


def test_xlsx_typed_cells_serial_dates_and_sheet_selection(tmp_path):
    path = tmp_path / "export.xlsx"
    _workbook(
        path,
        {
            "Notes": [["rien ici"]],
            "Campagnes": [
                ["Rapport Meta — septembre"],
                [None],
                ["Début des rapports", "Nom de la campagne", "Clics", "Impressions", "Montant dépensé (EUR)", "Code"],
                [dt.datetime(2024, 9, 1), "Rentrée", 12, 3400, 25.5, "0042"],
                [45537, "Noël", "1 203", "5 120", "1 234,56 €", "0043"],
                ["03/09/2024", "Marque", None, 10, "--", "0044"],
                ["Total", None, 1215, 8530, 1260.06, None],
            ],
        },
    )
    t = read_table(path, ADS, sheet="campagnes")
    r = t.report
    assert r.encoding == "xlsx" and r.sheet == "Campagnes"
    assert r.header_line == 3 and r.preamble == ["Rapport Meta — septembre"]
    assert [d.date() for d in t.frame["day"]] == [dt.date(2024, 9, 1), dt.date(2024, 9, 2), dt.date(2024, 9, 3)]
    assert t.frame["clicks"].tolist()[:2] == [12, 1203] and pd.isna(t.frame["clicks"].iloc[2])
    assert t.frame["cost"].tolist()[:2] == pytest.approx([25.5, 1234.56])
    assert t.frame["Code"].tolist() == ["0042", "0043", "0044"]
    assert r.dropped == ((7, "ligne de total"),)
    assert "XLSX, feuille « Campagnes »" in r.summary()
    assert read_table(path, ADS, sheet=1).report.sheet == "Campagnes"
    with pytest.raises(InputError, match="sheet 'Ventes' not found; sheets: Notes, Campagnes"):
        read_table(path, sheet="Ventes")
    chunks = list(iter_table(path, ADS, sheet="Campagnes", chunksize=2))
    assert [len(c) for c in chunks] == [2, 1]


def test_xlsx_empty_sheet(tmp_path):
    path = tmp_path / "vide.xlsx"
    _workbook(path, {"Feuil1": []})
    with pytest.raises(InputError, match="empty"):
        read_table(path)


# --- beyond the detection sample -----------------------------------------------------------


def _long_file(path, tail: str, n: int = 6000) -> None:
    lines = ["id\tvalue"] + [f"{i}\t{1000 + i}" for i in range(n)] + [tail]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_decimal_comma_after_the_sample_is_not_misread_as_thousands(tmp_path):
    path = tmp_path / "x.tsv"
    _long_file(path, "6000\t1,5")
    t = read_table(path)
    assert t.frame["value"].iloc[-1] == 1.5
    assert t.frame["value"].iloc[0] == 1000


def test_inferred_column_with_late_text_stays_text_and_says_so(tmp_path):
    path = tmp_path / "x.tsv"
    _long_file(path, "6000\tabc")
    t = read_table(path)
    assert t.frame["value"].iloc[-1] == "abc" and t.frame["value"].iloc[0] == "1000"
    assert t.report.kinds["value"] == "text"
    assert any("« value » gardée en texte" in w and "ligne 6002" in w for w in t.report.warnings)


def test_iter_table_keeps_inferred_kinds_and_reports_late_bad_values(tmp_path):
    path = tmp_path / "x.tsv"
    _long_file(path, "6000\tabc")
    it = iter_table(path, chunksize=2500)
    chunks = list(it)
    assert all(str(c["value"].dtype) == "Int64" for c in chunks)
    assert it.report.bad_values == ((6002, "value", "abc"),)


def test_xlsx_is_recognised_by_content_not_extension(tmp_path):
    path = tmp_path / "export.csv"  # users rename files; the zip signature decides
    _workbook(path, {"Feuil1": [["Campagne", "Clics", "Impressions", "Coût"], ["A", 3, 40, 1.5]]})
    t = read_table(path, ADS)
    assert t.report.encoding == "xlsx" and t.frame["cost"].tolist() == [1.5]
    assert t.report.decimal is None  # typed cells: no decimal style to report
    assert t.report.summary() == "1 ligne lue, 1 gardée — XLSX, feuille « Feuil1 »"


def test_xlsx_no_data_available(tmp_path):
    path = tmp_path / "meta.xlsx"
    _workbook(path, {"Export": [["Campaign name", "Amount spent (USD)"], ["No data available."]]})
    with pytest.raises(InputError, match="no data"):
        read_table(path)


def test_xlsx_values_right_of_the_header_get_a_column(tmp_path):
    path = tmp_path / "x.xlsx"
    _workbook(path, {"S": [["Campagne", "Clics"], ["A", 1, "note"], ["B", 2]]})
    t = read_table(path)
    assert t.frame.columns.tolist() == ["Campagne", "Clics", "colonne 3"]
    assert t.frame["colonne 3"].tolist()[0] == "note"


def test_unicode_line_separators_in_cells_do_not_shift_line_numbers(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Rapport\u2028septembre\nCampagne;Clics\nA\u2028B;1\nTotal;1\n", encoding="utf-8")
    t = read_table(path)
    assert t.report.header_line == 2 and t.report.preamble == ["Rapport\u2028septembre"]
    assert t.report.dropped == ((4, "ligne de total"),)
    assert t.frame["Campagne"].tolist() == ["A\u2028B"]


def test_every_kind_gets_its_dtype(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(
        "Code;Âge;Panier moyen (€);Remise;Inscription;Newsletter;Ville\n"
        "007;34;12,50 €;5 %;01/02/2024;oui;Lyon\n"
        "012;;1 234,00 €;12,5 %;15/03/2024;non;--\n",
        encoding="utf-8",
    )
    schema = TableSchema("clients", (
        ColumnSpec("code", "text", aliases=("Code",)),
        ColumnSpec("age", "integer", aliases=("Âge", "Age")),
        ColumnSpec("basket", "currency", aliases=("Panier moyen",)),
        ColumnSpec("discount", "percent", aliases=("Remise",)),
        ColumnSpec("signup", "date", aliases=("Inscription",)),
        ColumnSpec("newsletter", "bool", aliases=("Newsletter", "Optin")),
    ))
    t = read_table(path, schema)
    f = t.frame
    assert {c: str(f[c].dtype) for c in ["age", "basket", "discount", "signup", "newsletter"]} == {
        "age": "Int64", "basket": "float64", "discount": "float64",
        "signup": "datetime64[us]", "newsletter": "boolean",
    }
    assert f["code"].tolist() == ["007", "012"]
    assert f["basket"].tolist() == [12.5, 1234.0]
    assert f["discount"].tolist() == pytest.approx([0.05, 0.125])
    assert f["newsletter"].tolist() == [True, False]
    assert f["Ville"].tolist()[0] == "Lyon" and pd.isna(f["Ville"].iloc[1])
    assert t.report.kinds["Ville"] == "text" and t.report.kinds["basket"] == "currency"
