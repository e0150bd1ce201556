"""Header normalisation and matching against schemas (French and English aliases)."""

from __future__ import annotations

import pytest

from toolkit.errors import MissingColumnError
from toolkit.io import ColumnSpec, TableSchema, match_columns, normalize_header


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Coût (EUR)", "cout eur"),
        ("  Impr. ", "impr"),
        ("Taux de clics (CTR)", "taux de clics ctr"),
        ("Montant dépensé (EUR)", "montant depense eur"),
        ("Cœur de cible", "coeur de cible"),
        ("Catégorie\u00a0: Toutes catégories", "categorie toutes categories"),
        ("Spending Score (1-100)", "spending score 1 100"),
        ("CLICS", "clics"),
        ("Début_des-rapports", "debut des rapports"),
    ],
)
def test_normalize_header(raw, expected):
    assert normalize_header(raw) == expected


SCHEMA = TableSchema(
    "ads",
    (
        ColumnSpec("cost", "currency", aliases=("Coût", "Cost", "Amount spent", "Montant dépensé")),
        ColumnSpec("clicks", "integer", aliases=("Clics", "Clicks")),
        ColumnSpec("ctr", "percent", required=False, aliases=("CTR", "Taux de clics")),
    ),
)


@pytest.mark.parametrize(
    "found, expected",
    [
        (["COÛT", "clics"], {"COÛT": "cost", "clics": "clicks"}),
        (["Amount spent (USD)", "Clicks (all)", "Clicks"], {"Amount spent (USD)": "cost", "Clicks": "clicks"}),
        (["Montant dépensé (EUR)", "Clics", "Taux de clics"], {"Montant dépensé (EUR)": "cost", "Clics": "clicks", "Taux de clics": "ctr"}),
        (["cost", "clicks", "other"], {"cost": "cost", "clicks": "clicks"}),
        (["Coût HT (€)", "Clics"], {"Coût HT (€)": "cost", "Clics": "clicks"}),
    ],
)
def test_match_columns_ignores_case_accents_punctuation_and_units(found, expected):
    assert match_columns(found, SCHEMA) == expected


def test_first_matching_column_wins():
    assert match_columns(["Cost", "Coût", "Clics"], SCHEMA) == {"Cost": "cost", "Clics": "clicks"}


def test_missing_column_error_lists_found_columns_closest_match_and_hint():
    with pytest.raises(MissingColumnError) as err:
        match_columns(["Coûts totaux", "Clics", "Impressions"], SCHEMA, file="data/ads.csv")
    e = err.value
    assert e.file == "data/ads.csv" and e.column == "cost"
    text = str(e)
    assert "'Coûts totaux'" in text and "'Impressions'" in text
    assert "closest column found: 'Coûts totaux'" in text
    assert "rename it 'cost'" in e.hint


def test_missing_column_without_any_close_match():
    with pytest.raises(MissingColumnError) as err:
        match_columns(["Date", "Région"], SCHEMA)
    assert "required columns missing" in str(err.value)
    assert "closest" not in str(err.value)


def test_column_spec_validates_kind():
    with pytest.raises(ValueError, match="kind must be one of"):
        ColumnSpec("x", "money")
    assert ColumnSpec("x", "text", aliases="Xe").aliases == ("Xe",)
