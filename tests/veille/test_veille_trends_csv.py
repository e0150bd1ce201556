"""Google Trends CSV exports: the quirks of real files (see ../shared/data/google_trends),
reproduced in small fixtures written here."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from toolkit.errors import InputError
from veille.trends import BELOW_ONE_VALUE, parse_trends_text, parse_value, read_trends_csv
from veille.trends_cache import TrendsCache

NBSP = "\u00a0"

FR_TIMELINE = (
    f"Catégorie{NBSP}: Toutes catégories\n"
    "\n"
    "Semaine,café de spécialité: (France),abonnement café: (France)\n"
    "2024-01-07,40,<1\n"
    f"2024-01-14,42,<{NBSP}1\n"
    "2024-01-21,,3\n"
    "2024-01-28,100,4\n"
)
EN_TIMELINE = "Category: All categories\n\nWeek,steven universe: (Worldwide)\n2014-06-08,3\n2014-06-15,4\n"
EN_GEO = (
    "Category: All categories\n\n"
    "Country,steven universe: (6/5/14 - 6/5/19)\n"
    "Guam,\nChile,100\nMexico,97\nAruba,\n"
)
FR_GEO = (
    f"Catégorie{NBSP}: Toutes catégories\n\n"
    "Région,café: (05/06/2014 - 05/06/2019)\n"
    f"Auvergne-Rhône-Alpes,70{NBSP}%\n"
    "Corse,<1%\n"
    "Bretagne,\n"
)
EN_RELATED = (
    "Category: All categories\n"
    '"steven universe: (6/5/14 - 6/5/19, Worldwide)"\n'
    "\n"
    "TOP\n"
    "steven universe episode,100\n"
    "pearl,36\n"
    "\n"
    "RISING\n"
    "steven universe peridot,Breakout\n"
    '"kiss cartoon, free","+1,600%"\n'
    "kisscartoon,+2,450%\n"
    "steven universe lapis,+40%\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_french_timeline_nbsp_category_below_one_and_empty_cells(tmp_path):
    imp = read_trends_csv(write(tmp_path, "multiTimeline.csv", FR_TIMELINE))
    assert imp.kind == "timeline"
    assert imp.category == "Toutes catégories"
    assert imp.lang == "fr" and imp.frequency == "W"
    assert imp.terms == ("café de spécialité", "abonnement café")
    assert imp.geo == "France"
    assert imp.points == 8
    f = imp.frame
    abo = f[f["term"] == "abonnement café"].reset_index(drop=True)
    # "<1" and "< 1" (no-break space) are kept apart from zero
    assert abo.loc[0, "value"] == BELOW_ONE_VALUE and abo.loc[0, "below_one"]
    assert abo.loc[1, "value"] == BELOW_ONE_VALUE and abo.loc[1, "below_one"]
    spec = f[f["term"] == "café de spécialité"].reset_index(drop=True)
    # an empty cell means "not enough data": NaN, never 0
    assert math.isnan(spec.loc[2, "value"])
    assert imp.missing == 1
    assert any("not enough data" in w for w in imp.warnings)
    assert str(imp.period[0]) == "2024-01-07" and str(imp.period[1]) == "2024-01-28"


def test_english_timeline_worldwide_utf8_bom_and_crlf(tmp_path):
    p = write(tmp_path, "multiTimeline.csv", EN_TIMELINE.replace("\n", "\r\n"), "utf-8-sig")
    imp = read_trends_csv(p)
    assert imp.kind == "timeline" and imp.lang == "en"
    assert imp.geo == "Worldwide" and imp.terms == ("steven universe",)
    assert imp.frame["value"].tolist() == [3.0, 4.0]


@pytest.mark.parametrize("word,freq", [("Mois", "M"), ("month", "M"), ("Jour", "D"), ("DAY", "D"), ("semaine", "W")])
def test_period_header_words_any_case(word, freq):
    dates = ("2004-01", "2004-02") if freq == "M" else ("2024-01-01", "2024-01-02")
    text = f"Category: All categories\n\n{word},x: (France)\n{dates[0]},5\n{dates[1]},6\n"
    imp = parse_trends_text(text)
    assert imp.kind == "timeline" and imp.frequency == freq
    assert imp.frame["date"].dt.strftime("%Y-%m").tolist() == [d[:7] for d in dates]


def test_header_found_by_pattern_not_line_number():
    text = "Some title the user added\nCategory: All categories\n\n\n\nWeek,a: (France),b: (France)\n2024-01-07,1,2\n"
    imp = parse_trends_text(text)
    assert imp.terms == ("a", "b") and imp.points == 2


def test_mixed_locale_file_french_category_english_header():
    text = f"Catégorie{NBSP}: Toutes catégories\n\nWeek,coffee: (Dans tous les pays)\n2024-01-07,<1\n"
    imp = parse_trends_text(text)
    assert imp.kind == "timeline" and imp.geo == "Dans tous les pays"
    assert imp.frame["below_one"].tolist() == [True]


def test_english_region_export_us_dates_in_header_and_missing_regions(tmp_path):
    imp = read_trends_csv(write(tmp_path, "geoMap.csv", EN_GEO))
    assert imp.kind == "geo" and imp.terms == ("steven universe",)
    # US dates are month first: 6/5/14 is 5 June 2014
    assert str(imp.period[0]) == "2014-06-05" and str(imp.period[1]) == "2019-06-05"
    values = dict(zip(imp.frame["region"], imp.frame["value"], strict=True))
    assert values["Chile"] == 100 and values["Mexico"] == 97
    assert math.isnan(values["Guam"]) and math.isnan(values["Aruba"])
    assert imp.missing == 2


def test_french_region_export_percent_with_nbsp_and_below_one_percent(tmp_path):
    imp = read_trends_csv(write(tmp_path, "geoMap.csv", FR_GEO))
    assert imp.kind == "geo" and imp.lang == "fr"
    # French dates are day first: 05/06/2014 is 5 June 2014
    assert str(imp.period[0]) == "2014-06-05"
    rows = {r.region: r for r in imp.frame.itertuples()}
    assert rows["Auvergne-Rhône-Alpes"].value == 70
    assert rows["Corse"].value == BELOW_ONE_VALUE and rows["Corse"].below_one
    assert math.isnan(rows["Bretagne"].value)


def test_related_queries_top_rising_breakout_and_thousands_percent(tmp_path):
    imp = read_trends_csv(write(tmp_path, "relatedQueries.csv", EN_RELATED))
    assert imp.kind == "related_queries"
    assert imp.terms == ("steven universe",) and imp.geo == "Worldwide"
    assert str(imp.period[0]) == "2014-06-05"
    f = imp.frame
    assert f[f["block"] == "top"]["value"].tolist() == [100.0, 36.0]
    rising = f[f["block"] == "rising"].set_index("item")
    assert rising.loc["steven universe peridot", "breakout"]
    assert math.isnan(rising.loc["steven universe peridot", "value"])
    # "+1,600%" is a growth of 16 times (thousands comma, not a decimal comma)
    assert rising.loc["kiss cartoon, free", "value"] == pytest.approx(16.0)
    # the same value written without quotes (two CSV cells) is read the same way
    assert rising.loc["kisscartoon", "value"] == pytest.approx(24.5)
    assert rising.loc["steven universe lapis", "value"] == pytest.approx(0.40)
    assert rising.loc["steven universe lapis", "display"] == "+40%"


def test_related_entities_french_record_and_spaced_percent(tmp_path):
    text = (f"Catégorie{NBSP}: Toutes catégories\n\"café: (05/06/2014 - 05/06/2019, France)\"\n\n"
            "TOP\nCafé - Boisson,100\n\nRISING\nCold brew - Boisson,Record\n"
            f"Torréfaction - Sujet,+1{NBSP}600{NBSP}%\n")
    imp = read_trends_csv(write(tmp_path, "relatedEntities.csv", text))
    assert imp.kind == "related_entities" and imp.geo == "France"
    rising = imp.frame[imp.frame["block"] == "rising"].set_index("item")
    assert rising.loc["Cold brew - Boisson", "breakout"]
    assert rising.loc["Torréfaction - Sujet", "value"] == pytest.approx(16.0)


def test_bad_value_is_reported_with_file_line_and_column(tmp_path):
    text = FR_TIMELINE.replace("2024-01-21,,3", "2024-01-21,beaucoup,3")
    p = write(tmp_path, "multiTimeline.csv", text)
    with pytest.raises(InputError) as err:
        read_trends_csv(p)
    msg = str(err.value)
    assert "multiTimeline.csv:6" in msg and "café de spécialité: (France)" in msg and "beaucoup" in msg


def test_bad_date_is_reported_with_its_line(tmp_path):
    p = write(tmp_path, "m.csv", FR_TIMELINE.replace("2024-01-28", "le 28 du mois"))
    with pytest.raises(InputError) as err:
        read_trends_csv(p)
    assert ":7" in str(err.value) and "le 28 du mois" in str(err.value)


def test_export_resaved_by_french_excel_semicolons_and_day_first_dates(tmp_path):
    text = (f"Catégorie{NBSP}: Toutes catégories;\n;\nSemaine;café: (France)\n"
            "07/01/2024;40\n14/01/2024;<1\n")
    imp = read_trends_csv(write(tmp_path, "multiTimeline.csv", text, "cp1252"))
    assert imp.kind == "timeline" and imp.terms == ("café",)
    assert imp.frame["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-07", "2024-01-14"]
    assert imp.frame["below_one"].tolist() == [False, True]
    assert any("spreadsheet" in w for w in imp.warnings)


def test_a_file_that_is_not_a_trends_export_says_what_to_do(tmp_path):
    p = write(tmp_path, "ads.csv", "Campaign,Clicks\nBrand,12\n")
    with pytest.raises(InputError) as err:
        read_trends_csv(p)
    assert "Google Trends export" in str(err.value) and err.value.hint


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        read_trends_csv(tmp_path / "absent.csv")


@pytest.mark.parametrize("raw,expected", [("70", (70.0, False)), (f"70{NBSP}%", (70.0, False)), ("<1%", (0.5, True)),
                                          (f"<{NBSP}1", (0.5, True)), ("0", (0.0, False))])
def test_parse_value(raw, expected):
    assert parse_value(raw) == expected


def test_parse_value_empty_is_nan_and_garbage_raises():
    value, below = parse_value("")
    assert math.isnan(value) and not below
    with pytest.raises(ValueError):
        parse_value("n/a")


def test_cache_keeps_imports_once_and_returns_the_latest_series(tmp_path):
    cache = TrendsCache(tmp_path / "trends.sqlite")
    imp = parse_trends_text(FR_TIMELINE, display="a.csv")
    first = cache.add_import(imp)
    assert cache.add_import(imp) == first  # same content: not duplicated
    assert len(cache.pulls()) == 1
    newer = parse_trends_text(FR_TIMELINE.replace("2024-01-28,100,4", "2024-01-28,90,8"), display="b.csv")
    cache.add_import(newer)
    interest = cache.latest_interest(["ABONNEMENT CAFÉ"])  # case-insensitive
    assert interest["term"].unique().tolist() == ["abonnement café"]
    assert interest["value"].iloc[-1] == 8.0  # from the newer import
    assert interest["below_one"].iloc[0]
    assert math.isnan(cache.latest_interest(["café de spécialité"])["value"].iloc[2])
    geo = parse_trends_text(EN_GEO)
    cache.add_import(geo)
    assert [p.kind for p in cache.latest("geo")] == ["geo"]


def test_real_reference_exports_when_available():
    """The real files in ../shared/data (not shipped with the project) read as documented."""
    root = Path(__file__).resolve().parents[3] / "shared" / "data" / "google_trends"
    if not root.exists():
        pytest.skip("reference files not present (they are not part of the project)")
    fr = read_trends_csv(root / "fr" / "multiTimeline.csv")
    assert fr.kind == "timeline" and fr.geo == "France" and fr.frame["below_one"].any()
    geo = read_trends_csv(root / "en" / "geoMap.csv")
    assert geo.kind == "geo" and geo.missing > 0
    rel = read_trends_csv(root / "en" / "relatedQueries.csv")
    assert rel.frame["breakout"].any()


def test_same_term_compared_across_places_gives_one_series_per_place():
    text = "Category: All categories\n\nWeek,café: (France),café: (Belgique)\n2024-01-07,50,20\n2024-01-14,60,25\n"
    imp = parse_trends_text(text)
    assert imp.terms == ("café (France)", "café (Belgique)")
    assert imp.frame.groupby("term")["value"].sum().to_dict() == {"café (France)": 110.0, "café (Belgique)": 45.0}


def test_hourly_export_keeps_the_hour():
    text = "Category: All categories\n\nTime,café: (France)\n2024-01-07T10,50\n2024-01-07T11,60\n"
    imp = parse_trends_text(text)
    assert imp.frequency == "H"
    assert imp.frame["date"].dt.hour.tolist() == [10, 11]


def test_series_from_different_imports_are_flagged_as_different_scales(example_case, tmp_path):
    from toolkit.case import load_case
    from veille.commands import import_trends, load_trends

    newer = tmp_path / "abonnement.csv"
    newer.write_text(f"Catégorie{NBSP}: Toutes catégories\n\nSemaine,abonnement café: (France)\n"
                     "2027-06-06,80\n2027-06-13,100\n", encoding="utf-8")
    case = load_case(example_case)
    load_trends(case)  # imports watch.trends.files
    imports = import_trends(case, [newer])
    assert imports[0].terms == ("abonnement café",)
    data = load_trends(case)
    by_term = data.interest.groupby("term")["pull_id"].first()
    assert by_term["abonnement café"] != by_term["café en grains"]  # the newest import wins for its term
    assert data.interest[data.interest["term"] == "abonnement café"]["value"].tolist() == [80.0, 100.0]
    assert any("comparez leurs évolutions, pas leurs niveaux" in n for n in data.notes)
    assert not data.related.empty and set(data.related["block"]) == {"top", "rising"}
    assert data.regions is not None and "Auvergne-Rhône-Alpes" in set(data.regions["region"])


def test_related_export_resaved_with_padding_separators():
    text = ("Catégorie : Toutes catégories;;\n\"café: (05/06/2014 - 05/06/2019, France)\";;\n;;\n"
            "TOP;;\ncafé lyon;100;\n;;\nRISING;;\ncafé cadeau;+1 600 %;\n")
    imp = parse_trends_text(text)
    assert imp.kind == "related_queries" and imp.terms == ("café",)
    assert imp.frame["value"].tolist() == [100.0, 16.0]
