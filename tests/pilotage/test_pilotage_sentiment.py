"""The lexicon sentiment: negation, contrast, languages, and its measured accuracy."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

from pilotage.compute.sentiment import (
    detect_language,
    evaluate_against_ratings,
    label_from_rating,
    score_text,
    sentiment_label,
)


@pytest.mark.parametrize("text, label", [
    ("Très bon café, je recommande !", "positive"),
    ("Ce café n'est pas bon.", "negative"),  # negation flips a positive word
    ("Ce n'est pas mauvais du tout, j'ai aimé.", "positive"),  # ... and a negative one
    ("Pas mal du tout.", "positive"),  # idiom
    ("Bon café mais livraison catastrophique.", "negative"),  # what follows « mais » weighs more
    ("Livraison lente mais café délicieux.", "positive"),
    ("Commande passée hier.", "neutral"),
    ("Not good at all.", "negative"),
    ("Never disappointed, lovely roasts.", "positive"),
    ("Awful experience, avoid.", "negative"),  # no stop word: language from the lexicons
])
def test_labels_of_tricky_sentences(text, label):
    assert sentiment_label(score_text(text)) == label


def test_intensifier_strengthens_and_accents_do_not_matter():
    assert score_text("vraiment délicieux") > score_text("délicieux") > 0
    assert score_text("DÉÇU") == score_text("decu") < 0


def test_language_detection():
    assert detect_language("Le café était très bon et la livraison rapide") == "fr"
    assert detect_language("The coffee was great and the delivery was fast") == "en"


def test_rating_to_reference_label():
    assert [label_from_rating(r) for r in (1, 2, 3, 4, 5)] == ["negative", "negative", "neutral", "positive", "positive"]
    assert label_from_rating(None) is None and label_from_rating(8, scale=10) == "positive"


def test_accuracy_and_f1_oracle_computed_by_hand():
    # Confusion (rows = reference neg/neu/pos): (2, 0, 1), (1, 1, 0), (0, 1, 2).
    # F1 = 2TP / (2TP + FP + FN): neg 4/6, neu 2/4, pos 4/6 → macro 0.6111 (scikit-learn's
    # f1_score(average="macro") gives the same); accuracy 5/8.
    ref = ["positive", "positive", "negative", "neutral", "negative", "positive", "neutral", "negative"]
    pred = ["positive", "neutral", "negative", "neutral", "positive", "positive", "negative", "negative"]
    a = evaluate_against_ratings(pred, ref)
    assert a.n == 8
    assert a.accuracy == pytest.approx(5 / 8)
    assert a.f1 == pytest.approx({"negative": 4 / 6, "neutral": 0.5, "positive": 4 / 6})
    assert a.macro_f1 == pytest.approx((4 / 6 + 0.5 + 4 / 6) / 3)
    assert a.confusion == ((2, 0, 1), (1, 1, 0), (0, 1, 2))
    assert a.polar_accuracy == pytest.approx(4 / 5) and a.n_polar == 5


def test_accuracy_on_the_shipped_labelled_sample():
    """pilotage/data/sentiment_sample.csv: 60 hand-labelled sentences (40 fr, 20 en) written
    with negations, contrasts and neutral questions. It was written alongside the lexicon, so
    it is a development check, not an independent benchmark (the README says so)."""
    path = resources.files("pilotage").joinpath("data", "sentiment_sample.csv")
    df = pd.read_csv(str(path))
    assert len(df) == 60 and set(df["lang"]) == {"fr", "en"}
    pred = [sentiment_label(score_text(t)) for t in df["text"]]
    a = evaluate_against_ratings(pred, df["label"])
    assert a.accuracy >= 0.85
    assert a.polar_accuracy >= 0.95
