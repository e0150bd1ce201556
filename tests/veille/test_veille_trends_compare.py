"""#24: Trends *comparison* region exports — shares between terms, not an index; one table per map."""

from __future__ import annotations

from pathlib import Path

from toolkit.case import load_case
from veille.commands import import_trends, load_trends
from veille.report import _region_tables
from veille.trends import read_trends_csv

# trends.google.com, French interface, "Comparer" two terms, "Sous-région" then "Ville": each
# area's values sum to 100 % (the terms' shares of the searches), written "60 %" with a NBSP
HEAD = "Catégorie\u00a0: Toutes catégories\n\n{level},vin bio: (01/01/2025 - 31/12/2025),vin nature: (01/01/2025 - 31/12/2025)\n"
DEPTS = "Gironde,60\u00a0%,40\u00a0%\nRhône,55\u00a0%,45\u00a0%\nParis,48\u00a0%,52\u00a0%\nLozère,,\n"
CITIES = "Bordeaux,62\u00a0%,38\u00a0%\nLyon,51\u00a0%,49\u00a0%\n"


def _case(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    (root / "data").mkdir(parents=True)
    (root / "case.yaml").write_text("version: 1\nclient: {name: Cave}\n", encoding="utf-8")
    (root / "data" / "geo-departements.csv").write_text(HEAD.format(level="Département") + DEPTS, encoding="utf-8")
    (root / "data" / "geo-villes.csv").write_text(HEAD.format(level="Ville") + CITIES, encoding="utf-8")
    return root


def test_comparison_shares_are_not_an_index_and_maps_are_not_merged(tmp_path: Path) -> None:
    root = _case(tmp_path)
    t = read_trends_csv(root / "data" / "geo-departements.csv")
    assert set(t.frame["measure"]) == {"share"} and set(t.frame["level"]) == {"Département"}
    case = load_case(root)
    import_trends(case, ["data/geo-departements.csv", "data/geo-villes.csv"])
    regions = load_trends(case).regions
    assert set(regions["level"]) == {"Département", "Ville"}  # the city map did not replace the departments
    tables = _region_tables(regions, "fr")
    assert [tb.columns for tb in tables] == [("Département", "vin bio", "vin nature"), ("Ville", "vin bio", "vin nature")] \
        or [tb.columns for tb in tables] == [("Ville", "vin bio", "vin nature"), ("Département", "vin bio", "vin nature")]
    dept = next(tb for tb in tables if tb.columns[0] == "Département")
    assert dept.rows[0] == ("Gironde", 0.60, 0.40)
    assert "Part des recherches" in dept.caption and "pas un indice" in dept.source
    assert all("Intérêt (0–100)" not in tb.columns for tb in tables)


def test_a_single_term_map_keeps_its_index(tmp_path: Path) -> None:
    root = _case(tmp_path)
    one = root / "data" / "geo-un-terme.csv"
    one.write_text("Catégorie\u00a0: Toutes catégories\n\nRégion,vin bio: (01/01/2025 - 31/12/2025)\n"
                   "Nouvelle-Aquitaine,100\nOccitanie,71\n", encoding="utf-8")
    t = read_trends_csv(one)
    assert set(t.frame["measure"]) == {"index"}
    (table,) = _region_tables(t.frame, "fr")
    assert table.columns == ("Région", "Intérêt (0–100)") and table.rows[0] == ("Nouvelle-Aquitaine", 100.0)
