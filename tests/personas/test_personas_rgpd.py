"""RGPD: direct identifiers are found by name and content and reach no output file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from personas.privacy import age_band, detect_pii, load_or_create_salt, looks_personal, pseudonymise
from personas.simulate import brulerie_sauvage


def test_pii_found_by_column_name():
    df = pd.DataFrame({"E-mail": ["a"] * 3 + ["b"] * 3, "Téléphone portable": list("123456"),
                       "Nom": list("abcdef"), "Date de naissance": ["01/02/1980"] * 6, "IBAN": list("uvwxyz"),
                       "nombre_achats": [1, 2, 3, 4, 5, 6]})
    kinds = {f.column: f.kind for f in detect_pii(df)}
    assert kinds == {"E-mail": "email", "Téléphone portable": "phone", "Nom": "name",
                     "Date de naissance": "birth_date", "IBAN": "iban"}


def test_pii_found_by_content_under_innocent_names():
    n = 40
    df = pd.DataFrame({
        "contact": [f"client{i}@exemple.fr" for i in range(n)],
        "joignable": ["06 12 34 56 78", "+33 6 12 34 56 78", "0612345678", "06.12.34.56.78", "01 42 00 00 00"] * 8,
        "rib": ["FR76 3000 6000 0112 3456 7890 189"] * n,
        "coord": [f"{i} rue de la Paix" for i in range(n)],
        "titulaire": [f"{fn} Martin" for fn in ["Camille", "Julien", "Sophie", "Karim"] * 10],
        "ville": ["Lyon", "Paris"] * 20,
        "optin_mail": ["oui", "non"] * 20,
    })
    found = {f.column: (f.kind, f.by) for f in detect_pii(df)}
    assert found["contact"] == ("email", "content")
    assert found["joignable"] == ("phone", "content")
    assert found["rib"][0] == "iban"
    assert found["coord"] == ("address", "content")
    assert found["titulaire"] == ("name", "content")
    assert "ville" not in found and "optin_mail" not in found  # a flag about an email is not an email


@pytest.mark.parametrize("value,personal", [
    ("jean.dupont@mail.fr", True), ("Appeler le 06 11 22 33 44", True), ("+33 7 11 22 33 44", True),
    ("12 bis rue Mercière", True), ("Lyon", False), ("69003", False), ("Instagram", False),
])
def test_looks_personal(value, personal):
    assert looks_personal(value) is personal


def test_pseudonymise_is_salted_and_stable(tmp_path):
    ids = pd.Series(["BS001", "BS002", "BS001"])
    a, b = pseudonymise(ids, "sel-1"), pseudonymise(ids, "sel-2")
    assert a[0] == a[2] and a[0] != a[1]
    assert a[0] != b[0]
    assert not any("BS00" in v for v in a)
    salt = load_or_create_salt(tmp_path)
    assert load_or_create_salt(tmp_path) == salt and len(salt) == 32
    assert load_or_create_salt(tmp_path, "from-case-yaml") == "from-case-yaml"


def test_age_band_bounds():
    assert age_band(pd.Series([17, 18, 24, 25, 64, 65, None])).tolist() == [
        "< 18 ans", "18-24 ans", "18-24 ans", "25-34 ans", "55-64 ans", "65+ ans", None]


def _all_text(path: Path) -> str:
    """Every written byte as text, including the XML inside DOCX/PPTX/XLSX archives."""
    data = path.read_bytes()
    if data[:2] == b"PK":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8", "replace")


def test_no_email_phone_or_name_reaches_any_output_file(example_case):
    from personas.commands import build

    sim = brulerie_sauvage(260, seed=7)
    clients = sim.customers.rename(columns={"email": "contact"})  # caught by content only
    clients["titulaire"] = clients["prenom"] + " " + clients["nom"]
    clients.loc[0, "ville"] = "oops@example.org"  # a stray email in a category column
    data = example_case / "data"
    clients.to_csv(data / "clients.csv", sep=";", index=False, encoding="utf-8-sig")
    t = sim.transactions.copy()
    t["date"] = t["date"].dt.strftime("%Y-%m-%d %H:%M")
    t.to_csv(data / "transactions.csv", index=False)
    paths = build(example_case, formats=("md", "html", "docx", "pptx", "xlsx"))
    files = [p for p in (example_case / "out").rglob("*") if p.is_file()] + [example_case / "personas.yaml"]
    assert {p.suffix for p in files} >= {".md", ".html", ".docx", ".pptx", ".xlsx", ".csv", ".png", ".yaml"}
    assert set(paths) <= set(files)
    texts = {p: _all_text(p) for p in files}
    secrets = set(clients["contact"]) | set(clients["telephone"]) | set(clients["titulaire"]) \
        | set(clients["adresse"]) | set(clients["id_client"]) | {"oops@example.org"}
    digits = {re.sub(r"\D", "", p)[-9:] for p in clients["telephone"]}
    last_names = set(clients["nom"])
    for path, text in texts.items():
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{path.name} contains {leaked[:3]}"
        flat = re.sub(r"\D", "", text)
        assert not [d for d in digits if d in flat and len(d) == 9 and re.search(rf"\D{d[:2]}\D?{d[2:4]}", text)], \
            path.name
        words = set(re.findall(r"[A-ZÀ-Ý][a-zà-ÿ'\-]+", text))
        assert not (words & last_names), f"{path.name} contains names {sorted(words & last_names)[:3]}"
    md = texts[example_case / "out" / "bloc1-personas" / "personas.md"]
    assert "Contact" in md and "Titulaire" in md  # listed as excluded columns, by name only (as a reader writes it)
