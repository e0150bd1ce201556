"""Broken customer files in `personas build`: one clear message, never a traceback or a wrong figure.

Each test is named after the defect seen (issues #11 and #14).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from personas.prepare import prepare
from personas.privacy import detect_pii
from personas.simulate import make_mixed_customers
from toolkit.errors import InputError
from toolkit.io import read_table


def _dates(rng, start: str, days: int, n: int) -> pd.Series:
    d = pd.Timestamp(start) + pd.to_timedelta(rng.integers(0, days, n), "D")
    return pd.Series(d.strftime("%d/%m/%Y"))


def test_utf32_customer_file_names_the_encoding_not_a_keyerror(tmp_path):
    # fixed at the reader level: toolkit.io recognises UTF-32 (with or without BOM), so the
    # customer file is read with its real column names instead of NUL-spaced garbage
    df, _ = make_mixed_customers(120, 3, 0)
    for encoding in ("utf-32", "utf-32-le", "utf-32-be"):
        path = tmp_path / f"clients-{encoding}.csv"
        df.to_csv(path, index=False, encoding=encoding)
        frame = read_table(path).frame
        assert list(frame.columns) == list(df.columns)
        prepare(frame, salt="s", customers_file=path.name)


def test_utf32_file_with_an_id_column_set_is_not_told_the_column_is_missing(tmp_path):
    df, _ = make_mixed_customers(120, 3, 0)
    path = tmp_path / "clients.csv"
    df.to_csv(path, index=False, encoding="utf-32")
    frame = read_table(path).frame
    assert "customer_id" in frame.columns
    prepare(frame, salt="s", id_column="customer_id", customers_file="clients.csv")


def test_swapped_birth_and_registration_dates_are_one_clear_error():
    rng = np.random.default_rng(0)
    df, _ = make_mixed_customers(200, 3, 0)
    df["date_naissance"] = _dates(rng, "2016-01-01", 3000, len(df))  # registration dates
    df["date_inscription"] = _dates(rng, "1955-01-01", 15000, len(df))  # birth dates
    with pytest.raises(InputError) as err:
        prepare(df, salt="s", customers_file="clients.csv")
    msg = str(err.value)
    assert "date_naissance" in msg and "date_inscription" in msg and "swapped" in msg


def test_a_birth_named_column_typed_as_date_by_the_user_is_kept_as_a_date():
    rng = np.random.default_rng(0)
    df, _ = make_mixed_customers(200, 3, 0)
    df["date_naissance"] = _dates(rng, "2016-01-01", 3000, len(df))
    prep = prepare(df, salt="s", column_roles={"date_naissance": "date"})
    assert "date_naissance_jours" in prep.features.columns


def test_age_in_the_file_and_a_birth_date_give_one_age_feature():
    rng = np.random.default_rng(1)
    df, _ = make_mixed_customers(200, 3, 0)
    df = df.rename(columns={"age": "âge"})
    df["date_naissance"] = _dates(rng, "1960-01-01", 15000, len(df))
    prep = prepare(df, salt="s")
    assert [c for c in prep.features.columns if c.startswith(("age", "âge"))] == ["age"]
    info = {c.column: c for c in prep.columns}
    assert not info["date_naissance"].used and "age column" in info["date_naissance"].reason


def test_age_twice_does_not_crash_the_build(example_case):
    from personas.commands import build

    rng = np.random.default_rng(2)
    df, _ = make_mixed_customers(260, 3, 0)
    df = df.rename(columns={"age": "âge"})
    df["date_naissance"] = _dates(rng, "1960-01-01", 15000, len(df))
    df.to_csv(example_case / "data" / "clients.csv", index=False)
    cfg = example_case / "case.yaml"
    text = cfg.read_text(encoding="utf-8").replace("transactions: data/transactions.csv", "transactions: null")
    cfg.write_text(text.replace("id_column: id_client", "id_column: customer_id"), encoding="utf-8")
    paths = build(example_case, formats=("md",))
    md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
    assert "âge" in md


def test_phone_parsed_as_an_integer_under_a_neutral_header_is_not_a_feature():
    rng = np.random.default_rng(3)
    df, _ = make_mixed_customers(200, 3, 0)
    df["contact"] = 33600000000 + rng.integers(0, 99_999_999, len(df))  # "+33 6 00 93 69 14" read as a number
    found = {f.column: f.kind for f in detect_pii(df)}
    assert found.get("contact") == "phone"
    prep = prepare(df, salt="s")
    assert "contact" not in prep.features.columns


def test_long_unique_integers_are_identifiers_not_amounts():
    rng = np.random.default_rng(4)
    df, _ = make_mixed_customers(200, 3, 0)
    df["carte"] = rng.choice(np.arange(10**11, 10**11 + 10**6), len(df), replace=False)
    assert "carte" not in prepare(df, salt="s").features.columns
    assert "income_keur" in prepare(df, salt="s").features.columns


def test_customer_file_cut_mid_row_is_refused_then_surfaced_when_accepted(example_case):
    from personas.commands import build
    from toolkit.io import accepting_partial

    df, _ = make_mixed_customers(300, 3, 0)
    df["commentaire"] = "ok, rien à signaler"
    path = example_case / "data" / "clients.csv"
    df.to_csv(path, index=False)
    raw = path.read_bytes()
    path.write_bytes(raw[: raw.find(b'"ok, rien', len(raw) // 2) + 5])  # a download that stopped mid-row
    cfg = example_case / "case.yaml"
    text = cfg.read_text(encoding="utf-8").replace("transactions: data/transactions.csv", "transactions: null")
    cfg.write_text(text.replace("id_column: id_client", "id_column: customer_id"), encoding="utf-8")
    with pytest.raises(InputError, match="incomplete"):
        build(example_case, formats=("md",))
    assert not (example_case / "out" / "bloc1-personas" / "personas.md").exists()  # nothing rewritten from half a file
    with accepting_partial():
        paths = build(example_case, formats=("md",))
    md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
    assert "fichier incomplet" in md  # the deliverable says it was built from part of the file
