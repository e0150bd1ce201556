"""Column roles, criteria and the French-export parsing of the customer table."""

from __future__ import annotations

import pandas as pd
import pytest

from personas.columns import guess_criterion, infer_roles, parse_dates, parse_numbers
from personas.prepare import prepare


def _crm() -> pd.DataFrame:
    n = 60
    return pd.DataFrame({
        "code_client": [f"C{i:04d}" for i in range(n)],
        "panier": ["12,50", "1 234,00", "8,5", "30"] * 15,
        "inscrit_le": ["03/01/2024", "28/02/2025", "15/07/2023", "01/12/2025"] * 15,
        "fidelite": ["oui", "non", "Oui", ""] * 15,
        "cp": ["69003", "1000", "75011", "2A004"] * 15,
        "segment_crm": ["or", "argent", "bronze"] * 20,
        "remarque": [f"Cliente très sympathique, vient le samedi matin (visite {i})" for i in range(n)],
        "pays": ["France"] * n,
    })


def test_roles_of_a_french_crm_export():
    roles = {c.column: (c.role, c.used) for c in infer_roles(_crm())}
    assert roles == {
        "code_client": ("identifier", False), "panier": ("numeric", True), "inscrit_le": ("date", True),
        "fidelite": ("boolean", True), "cp": ("postal", True), "segment_crm": ("categorical", True),
        "remarque": ("text", False), "pays": ("ignore", False),
    }


def test_overrides_and_criteria_from_case_yaml():
    infos = {c.column: c for c in infer_roles(_crm(), overrides={"segment_crm": "ignore"},
                                              criteria={"panier": "intention"})}
    assert infos["segment_crm"].role == "ignore" and not infos["segment_crm"].used
    assert infos["panier"].criterion == "intention"
    assert infos["cp"].criterion == "socio_demographique"


@pytest.mark.parametrize("name,criterion", [
    ("Age", "socio_demographique"), ("ville", "socio_demographique"), ("note_NPS", "intention"),
    ("mouture_preferee", "affinite"), ("optin_newsletter", "affinite"), ("nb_commandes", "comportemental"),
])
def test_guess_criterion(name, criterion):
    assert guess_criterion(name) == criterion


def test_french_numbers_and_dates():
    assert parse_numbers(pd.Series(["1 234,56", "12,5 %", "1.234,5", "€ 30", "abc"])).tolist()[:4] == \
        [1234.56, 12.5, 1234.5, 30.0]
    d = parse_dates(pd.Series(["03/01/2024", "2024-01-05", "2024-01-05 10:30", "31/12/2025 08:00"]))
    assert [x.strftime("%Y-%m-%d") for x in d] == ["2024-01-03", "2024-01-05", "2024-01-05", "2025-12-31"]


def test_prepare_turns_columns_into_features():
    prep = prepare(_crm(), salt="s", reference_date=pd.Timestamp("2026-01-01"))
    f = prep.features
    assert set(prep.numeric) == {"panier", "inscrit_le_jours", "fidelite"}
    assert set(prep.categorical) == {"departement", "segment_crm"}
    assert f["panier"].iloc[:4].tolist() == [12.5, 1234.0, 8.5, 30.0]
    assert f["inscrit_le_jours"].iloc[0] == (pd.Timestamp("2026-01-01") - pd.Timestamp("2024-01-03")).days
    assert f["fidelite"].iloc[:4].tolist()[:3] == [1.0, 0.0, 1.0] and pd.isna(f["fidelite"].iloc[3])
    assert f["departement"].iloc[:4].tolist() == ["69", "01", "75", "2A"]
    assert not any(i.startswith("C0") for i in f.index)  # pseudonymised
    assert prep.id_column == "code_client"


def test_birth_date_becomes_age_and_band_only():
    df = pd.DataFrame({"id": range(40), "date_naissance": ["15/06/1980", "01/01/2000"] * 20,
                       "depense": [10.0, 20.0] * 20})
    prep = prepare(df, salt="s", reference_date=pd.Timestamp("2026-11-29"))
    assert "date_naissance" not in prep.features
    assert prep.features["age"].iloc[:2].tolist() == [46.0, 26.0]
    assert prep.describe["tranche_age"].iloc[:2].tolist() == ["45-54 ans", "25-34 ans"]


def test_duplicate_customer_ids_are_reported():
    from toolkit.errors import InputError

    df = pd.DataFrame({"id_client": ["a", "a", "b"] * 10, "x": range(30)})
    with pytest.raises(InputError, match="more than once"):
        prepare(df, salt="s", id_column="id_client")
