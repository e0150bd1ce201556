"""#24 customer-file roles: a French label per column proposed once by ``case init --from``, kept in
case.yaml (``personas.labels``) and used by persona names and cards; spend columns summed into the
customer's value, purchase counts into the frequency; the lowest spender never ranks first."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ifood_like import PURCHASES, SPEND, ifood_like

from personas.analysis import analyse
from personas.prepare import purchase_columns, spend_columns, value_columns
from personas.vocabulary import proposed_label, words_from_labels
from toolkit.cli import app


@pytest.mark.parametrize(("column", "label"), [
    ("MntWines", "dépenses en vins"), ("MntGoldProds", "dépenses en produits premium"),
    ("NumWebPurchases", "achats sur le site"), ("NumStorePurchases", "achats en magasin"),
    ("Kidhome", "enfants au foyer"), ("Recency", "jours depuis le dernier achat"),
    ("AcceptedCmp5", "a accepté la campagne 5"), ("Year_Birth", "année de naissance"),
    ("Marital_Status", "situation familiale"), ("Dt_Customer", "date d'inscription"),
    ("montant_total_eur", "montant total dépensé"), ("nb_commandes", "nombre de commandes"),
    # fallback: a header nobody listed reads as words, never as a code
    ("NbVisitesBoutique", "nombre de visites boutique"), ("nb_ateliers_suivis", "nombre d'ateliers suivis"),
    ("panier_moyen_eur", "panier moyen (€)"), ("duree_abonnement", "durée abonnement"),
])
def test_a_french_label_is_proposed_for_every_kind_of_header(column: str, label: str) -> None:
    assert proposed_label(column) == label


def test_a_label_without_a_name_for_the_segment_gets_plus_de_or_moins_de() -> None:
    w = words_from_labels({"nb_ateliers_suivis": "nombre d'ateliers suivis", "score_interne": "score interne",
                           "Kidhome": {"label": "enfants à la maison", "high": "familles nombreuses"}})
    assert (w["nb_ateliers_suivis"].high[0], w["nb_ateliers_suivis"].low[0]) == (
        "plus d'ateliers suivis", "moins d'ateliers suivis")
    assert w["score_interne"].high is None  # not a quantity: no « plus de score »; the traits say it
    assert (w["Kidhome"].fr, w["Kidhome"].high[0], w["Kidhome"].low[0]) == (
        "enfants à la maison", "familles nombreuses", "sans enfant")  # the known name kept for « low »


def test_spend_columns_are_the_value_and_purchase_counts_the_frequency() -> None:
    df, _ = ifood_like(50)
    cols = [c for c in df.columns if c != "ID"]
    assert spend_columns(cols) == SPEND and value_columns(cols) == SPEND  # Income is money, not spend
    assert purchase_columns(cols) == PURCHASES  # NumWebVisitsMonth counts visits, not purchases
    assert value_columns(["montant_total", *cols]) == ("montant_total",)


@pytest.fixture(scope="module")
def ifood_result():
    df, planted = ifood_like()
    labels = {c: proposed_label(c) for c in df.columns if c != "ID"}
    labels["Kidhome"] = {"label": "enfants à la maison", "high": "familles nombreuses"}
    res = analyse(df, None, salt="sel", k_min=3, k_max=3, labels=labels)
    return df, planted, res


def test_value_is_the_sum_of_spend_and_the_lowest_spender_is_not_first(ifood_result) -> None:
    df, planted, res = ifood_result
    persona = res.assignments["persona"].to_numpy()  # rows in the file's order
    for f in res.facts:  # hand check: mean over the persona's customers of MntWines + … + MntGoldProds
        rows = df[persona == f.id]
        assert f.mean_value == pytest.approx(rows[list(SPEND)].sum(axis=1).mean())
        assert f.mean_purchases == pytest.approx(rows[list(PURCHASES)].sum(axis=1).mean())
    by_value = sorted(res.facts, key=lambda f: f.mean_value)
    first = min(res.facts, key=lambda f: f.rank)
    assert first is by_value[-1] and first.value_tier == "forte"
    lowest = by_value[0]
    assert lowest.rank == len(res.facts) and lowest.value_tier == "faible"
    # the lowest spender is the largest group (the planted families): size alone does not win
    assert lowest.size == max(f.size for f in res.facts)
    assert (planted[persona == lowest.id] == 1).mean() > 0.9
    assert "€ et" in first.why and "achats par client" in first.why


def test_persona_names_and_traits_use_the_labels_never_a_column_name(ifood_result) -> None:
    df, _, res = ifood_result
    raw = re.compile(r"\b(" + "|".join(re.escape(c) for c in df.columns) + r")\b")
    texts = [t for f in res.facts for t in (f.name, f.description, *f.trait_texts, *f.draft["goals"],
                                            *f.draft["frustrations"], f.draft["portrait"])]
    assert not [t for t in texts if raw.search(t)]
    assert any("enfants à la maison : " in t for t in texts)  # the user's label, not « enfants au foyer »
    assert any("Familles nombreuses" in f.name or "familles nombreuses" in f.name for f in res.facts)
    assert any("dépenses en vins : " in t for t in texts)


def test_case_init_proposes_the_labels_and_personas_build_uses_the_edited_ones(tmp_path: Path) -> None:
    df, _ = ifood_like()
    client = tmp_path / "envoi"
    client.mkdir()
    (client / "clients-crm.csv").write_bytes(df.to_csv(sep=";", index=False).encode("cp1252"))
    res = CliRunner().invoke(app, ["case", "init", str(tmp_path / "cas"), "--from", str(client),
                                   "--start", "2026-01-01", "--end", "2026-06-30"])
    assert res.exit_code == 0, res.output
    case_yaml = tmp_path / "cas" / "case.yaml"
    text = case_yaml.read_text(encoding="utf-8")
    labels = yaml.safe_load(text)["personas"]["labels"]
    assert labels["MntWines"] == "dépenses en vins" and labels["NumWebVisitsMonth"] == "visites du site par mois"
    assert "ID" not in labels and "À VÉRIFIER" in text.split("personas:")[1]
    # asked once: the user edits one label in case.yaml, the cards follow
    case_yaml.write_text(text.replace('"MntWines": "dépenses en vins"',
                                      '"MntWines": {label: "achats de vins et champagnes", high: "amateurs de grands vins"}'),
                         encoding="utf-8")
    text = case_yaml.read_text(encoding="utf-8")
    case_yaml.write_text(text.replace('"Kidhome":', '"KidHome":'), encoding="utf-8")  # a typo in a key
    built = CliRunner().invoke(app, ["personas", "build", str(tmp_path / "cas"), "--format", "md", "--k", "3"])
    assert built.exit_code == 0, built.output
    assert "colonne(s) absente(s) de data/clients-crm.csv, libellé ignoré : KidHome" in built.output
    doc = yaml.safe_load((tmp_path / "cas" / "personas.yaml").read_text(encoding="utf-8"))
    names = [p["name"] for p in doc["personas"]]
    traits = [t for p in doc["personas"] for t in p["facts"]["traits"]]
    assert any("achats de vins et champagnes : " in t for t in traits)
    raw = re.compile(r"\b(" + "|".join(re.escape(c) for c in df.columns) + r")\b")
    assert not [n for n in names if raw.search(n)] and not [t for t in traits if raw.search(t)]
    md = next((tmp_path / "cas" / "out").rglob("personas.md")).read_text(encoding="utf-8")
    assert "MntWines" not in md and "Kidhome" not in md and "achats de vins et champagnes" in md.lower()
