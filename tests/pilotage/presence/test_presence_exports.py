"""Readers of the presence plan's exports, on small fixtures reproducing each real export's quirks
(see /work/shared/data/README.md: Search Console FR folder and EN zip, Keyword Planner, Meta
Business Suite Facebook and Instagram content, page-level daily series, a French calendar)."""

from __future__ import annotations

import datetime as dt
import math
import zipfile

import pytest

from pilotage.presence.exports import (
    parse_change,
    read_calendar,
    read_keyword_planner,
    read_meta_daily,
    read_meta_posts,
    read_search_console,
)
from toolkit.errors import InputError

NBSP = "\u00a0"


def _sc_fr(folder):
    """French UI: localised file names and headers, numbers not localised, Dates newest first,
    NBSP in the date filter, a hashtag query, no final newline."""
    folder.mkdir()
    (folder / "Requêtes.csv").write_text(
        "Requêtes les plus fréquentes,Clics,Impressions,CTR,Position\n"
        "brûlerie sauvage,120,300,40%,1.2\n#cafedespecialite,82,290,28.28%,1.68\ncafé en grains,4,1500,0.27%,38.2",
        encoding="utf-8")
    (folder / "Pages.csv").write_text(
        "Pages les plus populaires,Clics,Impressions,CTR,Position\nhttps://ex.example/,100,1000,10%,3.5",
        encoding="utf-8")
    (folder / "Dates.csv").write_text(
        "Date,Clics,Impressions,CTR,Position\n2027-06-30,10,100,10%,5\n2027-06-29,8,90,8.89%,5.5\n"
        "2027-06-01,5,50,10%,6", encoding="utf-8")
    (folder / "Filtres.csv").write_text(f"Filtre,Valeur\nType de recherche,Web\nDate,Les 3{NBSP}derniers mois",
                                        encoding="utf-8")
    (folder / "Pays.csv").write_text("Pays,Clics,Impressions,CTR,Position\nÉtats-Unis,3,9,33.33%,2", encoding="utf-8")
    (folder / "Apparence dans les résultats de recherche.csv").write_text(
        "Apparence dans les résultats de recherche,Clics,Impressions,CTR,Position\nExtraits,1,2,50%,1", encoding="utf-8")
    return folder


def test_search_console_french_folder(tmp_path):
    sc = read_search_console(_sc_fr(tmp_path / "fr"))
    assert sc.lang == "fr"
    assert sc.period == "Les 3 derniers mois"  # NBSP folded to a space
    assert sc.queries["query"].tolist() == ["brûlerie sauvage", "#cafedespecialite", "café en grains"]
    assert sc.queries["ctr"].tolist() == pytest.approx([0.40, 0.2828, 0.0027])
    assert sc.queries["position"].iloc[2] == pytest.approx(38.2)
    # newest first in the file, oldest first in the frame
    assert list(sc.dates["date"].dt.date) == [dt.date(2027, 6, 1), dt.date(2027, 6, 29), dt.date(2027, 6, 30)]
    assert sc.months == pytest.approx(30 / 30.44)
    assert sc.countries["country"].tolist() == ["États-Unis"]


def test_search_console_english_zip_with_chart_csv(tmp_path):
    z = tmp_path / "https___www.ex.example_-Performance-on-Search-2026-03-03.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("Chart.csv", "Date,Clicks,Impressions,CTR,Position\n2025-01-01,161,13456,1.2%,32\n"
                                "2025-01-02,173,13829,1.25%,32.6")
        f.writestr("Queries.csv", "Top queries,Clicks,Impressions,CTR,Position\nshed insulation,44,1200,3.67%,7.19")
        f.writestr("Pages.csv", "Top pages,Clicks,Impressions,CTR,Position\nhttps://ex.example/blog/a,5,50,10%,4")
        f.writestr("Filters.csv", "Filter,Value\nSearch type,Web\nDate,1 Jan 2025-31 Dec 2025\nPage,+/blog/")
        f.writestr("Devices.csv", "Device,Clicks,Impressions,CTR,Position\nDesktop,3,4,75%,1")
    before = z.read_bytes()
    sc = read_search_console(z)
    assert sc.lang == "en" and sc.period == "1 Jan 2025-31 Dec 2025"
    assert ("Page", "+/blog/") in sc.filters
    assert sc.queries.iloc[0]["clicks"] == 44 and sc.queries.iloc[0]["ctr"] == pytest.approx(0.0367)
    assert len(sc.dates) == 2 and sc.devices["device"].tolist() == ["Desktop"]
    assert z.read_bytes() == before  # the zip is read, never changed


def test_search_console_without_queries_or_pages_is_one_message(tmp_path):
    d = tmp_path / "sc"
    d.mkdir()
    (d / "Filtres.csv").write_text("Filtre,Valeur\nDate,Les 3 derniers mois", encoding="utf-8")
    with pytest.raises(InputError, match="no Queries or Pages"):
        read_search_console(d)


def test_keyword_planner_utf16_tabs_title_lines(tmp_path):
    """UTF-16 LE with BOM, TAB separated, two title lines (the second quoted for its comma),
    bucketed volumes, changes 0% / -90% / ∞, competition Unknown with an empty index, trailing tabs."""
    lines = [
        "Keyword Stats 2026-05-18 at 11_43_57",
        '"April 1, 2025 - March 31, 2026"',
        "\t".join(["Keyword", "Currency", "Avg. monthly searches", "Three month change", "YoY change", "Competition",
                   "Competition (indexed value)", "Top of page bid (low range)", "Top of page bid (high range)",
                   "Ad impression share", "Organic impression share", "Organic average position", "In account?",
                   "In plan?", "Searches: Apr 2025", "Searches: May 2025"]),
        "abonnement café\tEUR\t5000\t0%\t-90%\tMedium\t56\t0.41\t1.92\t\t\t\t\t\t\t\t",
        "café en grains\tEUR\t50000\t∞\t900%\tHigh\t100\t0.35\t1.10\t\t\t\t\t\t\t\t",
        "torréfacteur\tEUR\t500\t0%\t0%\tUnknown\t\t\t\t\t\t\t\t\t\t\t",
    ]
    path = tmp_path / "Keyword Stats 2026-05-18 at 11_43_57.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-16"))
    kp = read_keyword_planner(path)
    assert kp["keyword"].tolist() == ["abonnement café", "café en grains", "torréfacteur"]
    assert kp["volume"].tolist() == [5000, 50000, 500]
    assert kp["change_yoy"].iloc[0] == pytest.approx(-0.9)
    assert math.isinf(kp["change_3m"].iloc[1]) and kp["change_yoy"].iloc[1] == pytest.approx(9.0)
    assert kp["competition"].tolist() == ["medium", "high", "unknown"]
    assert kp["currency"].iloc[0] == "EUR"


def test_parse_change():
    assert parse_change("-90%") == pytest.approx(-0.9)
    assert parse_change("∞") == math.inf
    assert parse_change("") is None and parse_change(None) is None


def test_meta_facebook_posts_bom_lifetime_multiline(tmp_path):
    path = tmp_path / "Sep-01-2025_Sep-30-2025_2855862537940540.csv"
    text = ('"Post ID","Page ID","Page name",Title,Description,"Publish time","Post type",Date,Views,Reach,'
            '"Reactions, Comments and Shares",Reactions,Comments,Shares\n'
            '1168834171933140,100064197037125,"Brûlerie","Une ligne\nune autre ligne",,"09/01/2025 21:13",Photos,'
            'Lifetime,1628,923,7,6,1,0\n'
            '1192620039554553,100064197037125,"Brûlerie","Reel",,"09/30/2025 08:05",Reels,Lifetime,983,720,4,4,0,0\n')
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    posts = read_meta_posts(path)
    assert posts["platform"].tolist() == ["facebook", "facebook"]
    assert posts["published"].tolist() == [dt.date(2025, 9, 1), dt.date(2025, 9, 30)]  # MM/DD, not DD/MM
    assert posts["reach"].tolist() == [923, 720]
    assert posts["interactions"].tolist() == [7, 4]
    assert "Title" not in posts.columns and "Description" not in posts.columns  # captions are not kept


def test_meta_instagram_posts_spanish_ui(tmp_path):
    path = tmp_path / "Dec-31-2025_Mar-22-2026_932527802818110.csv"
    text = ('"Identificador de la publicación","Identificador de la cuenta","Nombre de usuario de la cuenta",'
            '"Nombre de la cuenta",Descripción,"Duración (segundos)","Hora de publicación","Enlace permanente",'
            '"Tipo de publicación","Comentario sobre los datos",Fecha,Visualizaciones,Alcance,"Me gusta",'
            '"Veces que se compartió",Seguimientos,Comentarios,"Veces que se guardó"\n'
            '18105750337707676,17841468818390769,cuenta,"Cuenta","Texto\n#hashtag",0,"01/14/2026 10:00",'
            'https://www.instagram.com/p/x/,Imagen de Instagram,,Total,1439,617,39,10,3,0,2\n')
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    posts = read_meta_posts(path)
    assert posts.iloc[0]["platform"] == "instagram"
    assert posts.iloc[0]["published"] == dt.date(2026, 1, 14)
    assert posts.iloc[0]["reach"] == 617 and posts.iloc[0]["follows"] == 3
    assert posts.iloc[0]["interactions"] == 39 + 0 + 10 + 2


def test_meta_daily_series_utf16_sep_line(tmp_path):
    path = tmp_path / "Follows.csv"
    text = 'sep=,\n"Facebook follows"\n"Date","Primary"\n"2025-09-20T00:00:00","20"\n"2025-09-21T00:00:00","28"\n\n'
    path.write_bytes(text.encode("utf-16"))
    d = read_meta_daily(path)
    assert d["metric"].unique().tolist() == ["Facebook follows"]
    assert d["date"].tolist() == [dt.date(2025, 9, 20), dt.date(2025, 9, 21)]
    assert d["value"].tolist() == [20, 28]


def test_calendar_french_excel_resave(tmp_path):
    path = tmp_path / "calendrier.csv"
    path.write_bytes(("Date;Canal;Thème;Format;Persona;Responsable;Statut;Titre\r\n"
                      "05/04/2027;Instagram;Origines Rares;Reel;P2;Camille;publié;=HYPERLINK(\"x\")\r\n"
                      "07/04/2027;Newsletter;Lot du mois;E-mail;P2;Camille;validé;Avril\r\n").encode("cp1252"))
    cal = read_calendar(path)
    assert cal["date"].tolist() == [dt.date(2027, 4, 5), dt.date(2027, 4, 7)]  # dd/mm
    assert cal["channel"].tolist() == ["Instagram", "Newsletter"]
    assert cal["row"].tolist() == [2, 3]


def test_calendar_row_without_channel_is_located(tmp_path):
    path = tmp_path / "calendrier.csv"
    path.write_text("Date;Canal;Thème\n05/04/2027;Instagram;A\n06/04/2027;;B\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_calendar(path)
    assert info.value.line == 3 and "channel" in info.value.message
