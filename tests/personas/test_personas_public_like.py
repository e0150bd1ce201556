"""The public customer files' structures (``tests/personas/public_like.py``, our own small files
with planted segments) through the benchmark's ``--public`` path and the library: no traceback,
no segment under the minimum share, codes / placeholders / ordinals / constants typed as such,
"not found" for a missing file (#14)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from personas.analysis import analyse
from tests.personas.public_like import (
    WRITERS,
    write_automotive_like,
    write_bank_like,
    write_ifood_like,
    write_wholesale_like,
)
from toolkit.io import read_table

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "personas_segments.py"
MIN_SHARE = 0.03


def _bench():
    spec = importlib.util.spec_from_file_location("personas_segments_bench", BENCH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _run(path: Path, label: str | None = None):
    df = read_table(path).frame
    truth = df.pop(label).to_numpy() if label else None
    res = analyse(df, None, salt="t", min_segment_share=MIN_SHARE, n_bootstrap=2)
    return res, truth


def test_benchmark_public_table_has_every_file_and_no_traceback(tmp_path):
    for write in WRITERS.values():
        write(tmp_path)
    rows = _bench().public(tmp_path)
    assert len(rows) == 4
    for row in rows:
        assert row[1].startswith("k="), row  # not "TRACEBACK", not "not found"
        assert float(row[4].rstrip("%").replace(",", ".")) >= 100 * MIN_SHARE, row
    wholesale = next(r for r in rows if "Wholesale" in r[0])
    assert "vs Channel" in wholesale[3]
    automotive = next(r for r in rows if "Train.csv" in r[0])
    assert "vs Segmentation" in automotive[3]


def test_benchmark_public_says_not_found_for_a_missing_file(tmp_path):
    write_wholesale_like(tmp_path)
    rows = _bench().public(tmp_path)
    missing = [r for r in rows if r[1] == "not found"]
    assert len(missing) == 3 and all(r[-1] == "skipped" for r in missing)


def test_ifood_structure_constants_out_impossible_birth_years_tolerated(tmp_path):
    planted = write_ifood_like(tmp_path)
    res, _ = _run(tmp_path / "marketing_campaign.csv")
    prep, seg = res.prepared, res.segmentation
    features = set(prep.numeric) | set(prep.categorical)
    assert not features & {"Z_CostContact", "Z_Revenue", "ID"}  # constants and the id are no features
    assert seg.k == 3 and adjusted_rand_score(planted, seg.labels) >= 0.9
    assert seg.sizes.min() / len(seg.labels) >= MIN_SHARE


def test_bank_structure_placeholder_and_unknown_levels(tmp_path):
    write_bank_like(tmp_path)
    res, _ = _run(tmp_path / "bank.csv")
    prep, seg = res.prepared, res.segmentation
    assert "pdays_renseigne" in prep.numeric  # −1 read as "never contacted", not as a number of days
    assert not (prep.features["pdays"] < 0).any()
    assert {"job", "marital", "poutcome"} <= set(prep.categorical)
    assert seg.k >= 3 and seg.sizes.min() / len(seg.labels) >= MIN_SHARE


def test_wholesale_structure_codes_are_categories_and_channel_is_found(tmp_path):
    write_wholesale_like(tmp_path)
    res, channel = _run(tmp_path / "Wholesale customers data.csv", "Channel")
    assert "Region" in res.prepared.categorical  # 1 / 2 / 3 are codes, not quantities
    seg = res.segmentation
    # k starts at 3 (two personas are rarely actionable); the channel is the file's first split, and
    # the personas nest in it: the two groups the report names are Horeca and retail
    assert seg.k >= 3 and seg.first_split is not None and seg.first_split.strong
    groups = np.asarray(seg.first_split.sides)[seg.labels]
    assert adjusted_rand_score(channel, groups) >= 0.8


def test_automotive_structure_ordinal_spending_score_and_blanks(tmp_path):
    write_automotive_like(tmp_path)
    res, labels = _run(tmp_path / "Train.csv", "Segmentation")
    prep, seg = res.prepared, res.segmentation
    assert "Spending_Score_rang" in prep.numeric  # Low < Average < High, not three unrelated labels
    assert "ID" not in set(prep.numeric) | set(prep.categorical)
    assert seg.sizes.min() / len(seg.labels) >= MIN_SHARE
    assert adjusted_rand_score(labels, seg.labels) > 0.2  # weakly separated on purpose, as the public file


@pytest.mark.parametrize("levels, expected", [
    (["Low", "High", "Average"], ("Low", "Average", "High")),
    (["élevé", "faible", "moyen"], ("faible", "moyen", "élevé")),
])
def test_low_average_high_reads_as_an_ordered_scale(levels, expected):
    from personas.columns import ordinal_levels

    assert ordinal_levels(levels) == expected


def test_public_like_files_keep_their_separators(tmp_path):
    write_ifood_like(tmp_path)
    write_bank_like(tmp_path)
    assert "\t" in (tmp_path / "marketing_campaign.csv").read_text().splitlines()[0]
    first = (tmp_path / "bank.csv").read_text().splitlines()[1]
    assert first.count(";") == 16 and '"' in first


def test_names_never_use_a_bare_scale_level_or_a_placeholder(tmp_path):
    """The automotive run named a persona « Seniors · High » and the bank one « Jamais
    contactés · unknown »: a scale level names nothing without its column, a placeholder
    names no one."""
    write_automotive_like(tmp_path)
    write_bank_like(tmp_path)
    pieces = []
    for name in ("Train.csv", "bank.csv"):
        res, _ = _run(tmp_path / name, "Segmentation" if name == "Train.csv" else None)
        pieces += [p.strip() for f in res.facts for p in f.name.split("·")]
    assert not {p.lower() for p in pieces} & {"high", "low", "average", "unknown", "other"}, pieces


@pytest.mark.parametrize("feature, value, fr, en", [
    ("Spending_Score", "High", "niveau de dépenses élevé", "spending score high"),
    ("Spending_Score", "Average", "niveau de dépenses moyen", "spending score medium"),
    ("Spending_Score", "unknown", None, None),
    ("Spending_Score", "Autres", None, None),
    # an English level the toolkit knows reads in French, alone when it names people
    ("Profession", "Healthcare", "professionnels de santé", "healthcare workers"),
    ("job", "retired", "retraités", "retired"),
    # … or after its column when it does not (the bank's « failure », « month may » of the last run)
    ("poutcome", "failure", "campagne précédente : échec", "previous campaign outcome: failure"),
    ("month", "may", "mois du dernier contact : mai", "month of last contact: May"),
    # a level it does not know is never a bare lowercase word; a code names no one; a name stays
    ("type_client", "entreprise", "type de client : entreprise", "customer type: entreprise"),
    ("Var_1", "Cat_4", None, None),
    ("canal_acquisition", "Instagram", "Instagram", "Instagram"),
])
def test_category_name_piece(feature, value, fr, en):
    from personas.profile import Trait

    t = Trait(feature, "category", "socio_demographique", 1.0, value, 0.3, 0.6)
    assert (t.piece("fr"), t.piece("en")) == (fr, en)


def test_category_trait_text_reads_the_level_in_french():
    from personas.profile import Trait

    t = Trait("poutcome", "category", "comportemental", 1.0, "failure", 0.1, 0.4)
    assert t.text("fr").startswith("campagne précédente : échec (40\u00a0%")
    assert Trait("poutcome", "category", "comportemental", 1.0, "unknown", 0.1, 0.4).text("fr").startswith(
        "campagne précédente : non renseigné")
    # a scale level reads as a level, not as the file's English word (« niveau de dépenses : Low » before)
    assert Trait("Spending_Score", "category", "comportemental", 1.0, "Low", 0.3, 0.99).text("fr").startswith(
        "niveau de dépenses : faible (")
    assert Trait("Spending_Score", "category", "comportemental", 1.0, "Average", 0.3, 0.6).text("en").startswith(
        "spending score: medium (")
