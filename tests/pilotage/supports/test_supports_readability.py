"""Readability: the Flesch engine and the Kandel–Moles coefficients, against their sources.

* Flesch (1948) in English: the worked values of the ``flesch`` npm package's README
  (wooorm/flesch): "The cat sat on the mat" (1 sentence, 6 words, 6 syllables) → 116.145;
  "The Australian platypus is seemingly a hybrid of mammal and reptilian creature."
  (1 sentence, 13 words, 26 syllables) → 24.44.
* Kandel & Moles (1958), « Application de l'indice de Flesch à la langue française »,
  Cahiers Études de Radio-Télévision 19 — coefficients 207 / 1,015 / 73,6, as reproduced by the
  koRpus R package (``flesch(parameters = "fr")``) and, in the form per 100 words
  (207 − 1,015 × mots par phrase − 0,736 × syllabes pour 100 mots), by Cordial's technical note
  on readability.
* Worked value of an independent implementation: the Ruby gem **text-metrics**
  (github.com/plume-app/text-metrics), whose French processor applies Kandel–Moles
  (``207 - 1.015 * words/sentences - 73.6 * syllables/words``, rounded to 2 decimals) and whose test
  ``test/text_metrics/processors/french_test.rb`` (``test_to_h``) gives, for « Le chat dort. Il fait
  beau. Les oiseaux chantent dans les arbres. C'est l'été. Il n'y a pas de nuages. »: 20 words,
  5 sentences, 25 syllables (with its Lexique exception list; its earlier vowel-group heuristic
  counted 23, ``test_syllable_count``) → ``flesch_reading_ease`` 110.94.
  The other worked values below are computed by hand from the coefficients.
"""

from __future__ import annotations

import pytest

from pilotage.supports.readability import (
    band,
    count_syllables,
    flesch,
    readability,
    split_sentences,
    split_words,
)


def test_flesch_english_matches_the_worked_examples_of_wooorm_flesch():
    assert flesch(6, 1, 6, "en") == pytest.approx(116.145)
    assert flesch(13, 1, 26, "en") == pytest.approx(24.44)


TEXT_METRICS_SAMPLE = "Le chat dort. Il fait beau. Les oiseaux chantent dans les arbres. C'est l'été. Il n'y a pas de nuages."


def test_kandel_moles_matches_the_worked_value_of_text_metrics():
    assert round(flesch(20, 5, 25, "fr"), 2) == 110.94


def test_our_counts_of_the_text_metrics_sample_agree_with_its_counts():
    r = readability(TEXT_METRICS_SAMPLE)
    assert (r.words, r.sentences) == (20, 5)  # as text-metrics counts them
    assert r.syllables == 23  # text-metrics' vowel-group heuristic (its Lexique exceptions make it 25)
    assert r.score == pytest.approx(flesch(20, 5, 23, "fr"))


@pytest.mark.parametrize(("words", "sentences", "syllables", "expected"), [
    (100, 5, 150, 76.3),      # 207 − 1,015 × 20 − 73,6 × 1,5 = 207 − 20,3 − 110,4
    (120, 4, 204, 51.43),     # 207 − 1,015 × 30 − 73,6 × 1,7 = 207 − 30,45 − 125,12
    (60, 6, 84, 93.81),       # 207 − 1,015 × 10 − 73,6 × 1,4 = 207 − 10,15 − 103,04
])
def test_kandel_moles_worked_values(words, sentences, syllables, expected):
    assert flesch(words, sentences, syllables, "fr") == pytest.approx(expected, abs=1e-9)


def test_kandel_moles_per_100_words_form_gives_the_same_score():
    words, sentences, syllables = 250, 12, 405
    per_100 = 207 - 1.015 * (words / sentences) - 0.736 * (syllables / words * 100)
    assert flesch(words, sentences, syllables, "fr") == pytest.approx(per_100)


def test_flesch_needs_words_and_sentences():
    with pytest.raises(ValueError):
        flesch(0, 1, 0)


@pytest.mark.parametrize(("word", "n"), [
    ("café", 2), ("producteur", 3), ("parcelle", 2), ("traçabilité", 5), ("chaque", 1), ("grain", 1),
    ("exception", 3), ("origines", 3), ("torréfaction", 4), ("marque", 1), ("année", 2), ("vélo-cargo", 4),
    ("abonnement", 4), ("tasse", 1), ("équitable", 3),
])
def test_syllables_of_hand_syllabified_words(word, n):
    # written syllabification: ca-fé, pro-duc-teur, par-celle, tra-ça-bi-li-té, chaque, grain, ex-cep-tion,
    # o-ri-gines, tor-ré-fac-tion, marque, an-née, vé-lo-car-go, a-bon-ne-ment, tasse, é-qui-table
    assert count_syllables(word) == n


def test_words_join_elisions_and_leave_out_figures():
    assert split_words("L'eau qu'il boit coûte 12 €.") == ["eau", "il", "boit", "coûte"]


def test_sentences_end_at_punctuation_and_blank_lines():
    assert split_sentences("Bonjour. Ça va ? Oui !\n\nTitre sans point\nsuite") == ["Bonjour", "Ça va", "Oui", "Titre sans point\nsuite"]


def test_a_short_plain_text_scores_higher_than_a_long_abstract_one():
    easy = readability("Le café est bon. Il vient de Colombie. Ana le cultive. Nous le torréfions à Lyon.")
    hard = readability("L'internationalisation des approvisionnements caféiers nécessite une contractualisation "
                       "pluriannuelle institutionnalisée garantissant la rémunération équitable des organisations "
                       "coopératives productrices.")
    assert easy.score > 80 > 30 > hard.score
    assert band(easy.score) in ("facile", "très facile")
    assert band(hard.score) == "très difficile"


def test_no_text_has_no_score():
    r = readability("  ")
    assert r.score is None and r.words == 0
