"""The English three-class model: its arithmetic, how it combines with the lexicon, and that the
shipped weights are what the training script makes of the shipped CC0 data."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

import pilotage.compute.sentiment as S

ROOT = Path(__file__).resolve().parents[2]


def _load_script():
    spec = importlib.util.spec_from_file_location("train_sentiment_en", ROOT / "benchmarks" / "train_sentiment_en.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_log_probabilities_follow_the_softmax_definition():
    # worked by hand: one feature "good" of weights (-1, 0, 1), no intercept, scale 1/√1 →
    # z = (-1, 0, 1), log Σ e^z = log(e^-1 + 1 + e) = log 4.08616 = 1.40761
    model = ((0.0, 0.0, 0.0), {"good": (-1.0, 0.0, 1.0)})
    ln, lu, lp = S.model_log_proba("Good!", model)
    assert (ln, lu, lp) == pytest.approx((-2.40761, -1.40761, -0.40761), abs=1e-5)
    # three features (good, food, "good food"), only one weighted: scale 1/√3
    ln, lu, lp = S.model_log_proba("good food", model)
    z = (-1 / math.sqrt(3), 0.0, 1 / math.sqrt(3))
    norm = math.log(sum(math.exp(v) for v in z))
    assert (ln, lu, lp) == pytest.approx(tuple(v - norm for v in z))
    assert math.fsum(math.exp(v) for v in (ln, lu, lp)) == pytest.approx(1.0)


def test_features_are_words_and_word_pairs_lower_case_with_straight_apostrophes():
    assert S.model_features("Didn’t FIT") == {"didn't", "fit", "didn't fit"}
    assert S.model_features("") == frozenset()


def test_the_model_reads_english_texts_the_lexicon_is_unsure_of(monkeypatch):
    planted = ((0.0, 0.0, 0.0), {"glorpy": (4.0, 0.0, -4.0)})  # a word only the model knows
    monkeypatch.setattr(S, "_en_model", lambda: planted)
    text = "The zipper on the new jacket was glorpy after a week"
    assert S.lexicon_text(text, "en").label == "neutral"
    result = S.analyse_text(text, "en")
    assert result.label == "negative" and result.score < 0
    # a text the lexicon is sure of keeps its class against a weak model
    assert S.analyse_text("Absolutely wonderful, I love it", "en").label == "positive"
    # French texts are left to the lexicon
    text_fr = "La fermeture de la veste était glorpy après une semaine"
    assert S.analyse_text(text_fr, "fr") == S.lexicon_text(text_fr, "fr")


def test_a_neutral_verdict_keeps_the_lexicons_mixed(monkeypatch):
    planted = ((0.0, 6.0, 0.0), {})  # the model says neutral for everything
    monkeypatch.setattr(S, "_en_model", lambda: planted)
    text = "The colour is nice and the cut is strange"
    assert S.lexicon_text(text, "en").label == "mixed"
    assert S.analyse_text(text, "en").label == "mixed"
    assert S.analyse_text("It is fine", "en").label == "neutral"


def test_without_the_model_english_is_the_lexicon(monkeypatch):
    monkeypatch.setattr(S, "_en_model", lambda: None)
    for text in ("Great product", "It broke after a week", "It is a phone"):
        assert S.analyse_text(text, "en") == S.lexicon_text(text, "en")


def test_the_shipped_model_reads_what_the_lexicon_cannot():
    # fit, materials and a pet's refusal: complaints without a word of judgement
    for text in ("It runs small and the material is thin", "My dog would not eat it",
                 "Ordered my usual size but it runs two sizes small and feels cheap"):
        assert S.lexicon_text(text, "en").label3 != "negative"
        assert S.analyse_text(text, "en").label == "negative"


def test_the_shipped_model_file_is_complete():
    intercept, weights = S._en_model()
    assert len(intercept) == 3 and len(weights) >= 5000
    assert all(len(w) == 3 for w in weights.values())
    header = S.MODEL_PATH.read_text(encoding="utf-8").splitlines()[:6]
    script = _load_script()
    rows = script.load_training()
    assert f"{len(rows):,} CC0 reviews" in " ".join(header)
    assert {label for _, label in rows} == {"negative", "neutral", "positive"}


@pytest.mark.slow
def test_the_shipped_model_is_what_the_script_trains_from_the_shipped_data():
    script = _load_script()
    assert script.main(["--check"]) == 0


def test_a_short_text_leaves_more_to_the_lexicon(monkeypatch):
    planted = ((0.0, 0.0, 0.0), {"complain": (1.5, 0.0, -1.5)})
    monkeypatch.setattr(S, "_en_model", lambda: planted)
    # 3 words: the model weighs 3/8 and the lexicon's « can't complain » (praise) holds …
    assert S.analyse_text("I can't complain", "en").label == "positive"
    # … 8 words and more: the model weighs fully
    long_text = "I can't complain about it, it does what it should"
    assert S.analyse_text(long_text, "en").score < S.lexicon_text(long_text, "en").score


def test_the_training_script_says_where_its_data_is_missing(tmp_path, monkeypatch, capsys):
    script = _load_script()
    monkeypatch.setattr(script, "DATA", tmp_path)
    monkeypatch.setattr(script, "load_training", lambda data=tmp_path: [])
    assert script.main([]) == 1
    assert str(tmp_path) in capsys.readouterr().err
