"""The lexicon sentiment: negation, contrast, languages, and its measured accuracy."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

from pilotage.compute.sentiment import (
    detect_language,
    evaluate_against_ratings,
    label_from_rating,
    lexicon_text,
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


# --- repaired cases of issue #23 (small handwritten sentences, not copied reviews) ---------------

from pilotage.compute.sentiment import analyse_text, measured_accuracy, normalise  # noqa: E402


def test_normalise_straightens_the_typographic_apostrophe_before_stripping_accents():
    assert normalise("l’entrée") == "l'entree"
    assert normalise("couldn’t") == "couldn't"


@pytest.mark.parametrize("text", [
    "Raviolis maison et tiramisu.",  # ravi* used to match raviolis
    "Restaurant près de Belleville, métro Bellecour.",  # belle*
    "La brûlerie du quartier.",  # brule*
    "Un plat salé et un dessert.",  # sale* (dirty) matched salé (salted)
    "Le service contentieux de la banque.",  # content*
    "L’entrée puis le plat du jour.",  # lent* matched « l'entrée » once the apostrophe was lost
])
def test_prefix_stems_no_longer_match_other_words(text):
    r = analyse_text(text, "fr")
    assert r.positive == 0 and r.negative == 0, r


def test_whole_words_still_match_their_inflections():
    assert analyse_text("Nous sommes ravies", "fr").label == "positive"
    assert analyse_text("Service lent", "fr").label == "negative"
    assert analyse_text("Serveurs très lents", "fr").label == "negative"
    assert analyse_text("Livré rapidement", "fr").label == "positive"
    assert analyse_text("Nous recommandons", "fr").label == "positive"
    assert analyse_text("Vraiment décevante", "fr").label == "negative"
    assert analyse_text("La salle était sale", "fr").label == "negative"  # the word itself, without accent
    assert analyse_text("tres decu", "fr").label == "negative"  # a text written without accents


def test_english_negation_with_a_typographic_apostrophe():
    # the lexicon's reading (the English model calls « It wasn't good » neutral: in its
    # training reviews the phrase is mostly three stars — "it wasn't good on me")
    assert lexicon_text("It wasn’t good", "en").label == "negative"
    assert analyse_text("I couldn’t be happier with the service", "en").label == "positive"
    assert analyse_text("The app doesn’t work", "en").label == "negative"


@pytest.mark.parametrize("text, label", [
    ("Le repas était à la hauteur de nos attentes.", "positive"),
    ("Le repas n'était pas à la hauteur.", "negative"),
    ("Frais de port offerts sur la commande.", "neutral"),
    ("Je suis abonné à la newsletter des bons plans.", "neutral"),
    ("L'application ne fonctionne pas.", "negative"),
    ("Rien ne fonctionne nul", "negative"),
    ("Banque à fuir !", "negative"),
    ("RAS", "positive"),
    ("Je déconseille cette enseigne.", "negative"),
    ("Dommage.", "negative"),
    ("Bien.", "positive"),
    ("Ouverture de compte facile.", "positive"),
    ("Impossible de joindre le service client.", "negative"),
    ("Pas de problème, livré à l'heure.", "positive"),
    ("Le service n'est pas très rapide.", "negative"),
])
def test_expressions_and_common_review_words(text, label):
    assert analyse_text(text, "fr").label3 == label


def test_negation_reverses_one_expression_only():
    # « Rien ne » reverses « fonctionne », then « nul » keeps its own (negative) sense
    assert analyse_text("Rien ne fonctionne nul", "fr").score < -3
    assert analyse_text("pas bon", "fr").score < 0 < analyse_text("pas mauvais", "fr").score
    assert -analyse_text("pas bon", "fr").score > analyse_text("pas mauvais", "fr").score  # asymmetric


def test_intensity_and_dampening():
    assert analyse_text("très bon", "fr").score > analyse_text("bon", "fr").score > analyse_text("assez bon", "fr").score > 0
    assert analyse_text("really bad", "en").score < analyse_text("bad", "en").score < analyse_text("slightly bad", "en").score < 0


def test_a_review_carrying_both_praise_and_criticism_is_mixed():
    r = analyse_text("Plats délicieux, service désagréable et lent.", "fr")
    assert r.label == "mixed" and r.label3 == "neutral"
    assert r.positive > 0 and r.negative > 0
    assert analyse_text("Plats délicieux, service chaleureux.", "fr").label == "positive"
    assert evaluate_against_ratings(["mixed"], ["neutral"]).accuracy == 1.0  # mixed counts as neutral


def test_measured_accuracy_is_the_stored_held_out_benchmark_with_its_baseline():
    m = measured_accuracy()
    for lang in ("fr", "en"):
        r = m[lang]
        assert r["n"] > 50 and 0 < r["accuracy"] <= 1 and 0 < r["macro_f1"] <= 1
        # the stored figures come with the always-positive baseline, and beat it
        assert r["baseline"]["accuracy"] < r["accuracy"] and r["baseline"]["macro_f1"] < r["macro_f1"]
    assert "benchmarks/sentiment.py" in m["source"]


def test_english_words_missing_from_our_lexicon_fall_back_to_vader():
    from pilotage.compute.sentiment import VADER_SCALE, _vader_words, _word_score

    vader = _vader_words()
    # lines of vaderSentiment's vader_lexicon.txt (Hutto & Gilbert, 2014): lousy −2.5, thieves −2.3
    assert vader["lousy"] == pytest.approx(-2.5 * VADER_SCALE, abs=0.01)
    assert _word_score("en", "thieves") == pytest.approx(-2.3 * VADER_SCALE, abs=0.01)
    assert _word_score("en", "superb") == 3.0  # a word we scored keeps our score
    assert score_text("Lousy bank, greedy thieves.", "en") < -0.5


def test_vader_words_that_are_our_rules_or_name_a_service_are_not_taken():
    from pilotage.compute.sentiment import _vader_words

    vader = _vader_words()
    assert not {"no", "super", "support", "care", "please", "interest"} & set(vader)
    # the lexicon's reading (the English model adds its own reading of the words)
    assert sentiment_label(lexicon_text("No problems at all, superb service", "en").score) == "positive"
    assert sentiment_label(lexicon_text("Please fix the login page", "en").score) == "neutral"
    assert lexicon_text("Great support team", "en").score == lexicon_text("Great team", "en").score  # « support » adds nothing


@pytest.mark.parametrize("text, label", [
    ("Banque en ligne sans frais, je recommande", "positive"),  # « frais » = a cost: none is good
    ("Pas de frais et une appli pratique", "positive"),
    ("Des frais élevés et un service lent", "negative"),
    ("Produits frais et savoureux", "positive"),  # « frais » = fresh stays positive
    ("Frais de tenue de compte annoncés", "neutral"),
    ("Ils ne répondent jamais aux mails", "negative"),  # the service that does not answer
    ("Personne ne répond", "negative"),
    ("Aucune difficulté pour ouvrir le compte", "positive"),
    ("Ne faites pas confiance à cette boutique", "negative"),
])
def test_service_words_of_other_domains(text, label):
    assert sentiment_label(score_text(text, "fr")) == label


# --- generic rules added for reviews of other domains (session 5; handwritten sentences) ------

def test_elongated_words_find_their_entry():
    assert analyse_text("superrrr", "fr").score == analyse_text("super", "fr").score > 0
    assert analyse_text("c'est nuuuul", "fr").label == "negative"
    assert analyse_text("sooooo good", "en").label == "positive"


def test_exclamation_marks_strengthen_their_clause_up_to_three():
    assert analyse_text("Nul !!!", "fr").score < analyse_text("Nul !", "fr").score < analyse_text("Nul.", "fr").score < 0
    assert analyse_text("Nul !!!!!!", "fr").score == analyse_text("Nul !!!", "fr").score  # capped
    assert analyse_text("Top !!", "fr").score > analyse_text("Top", "fr").score > 0


@pytest.mark.parametrize("text, label", [
    ("👍🏼", "positive"),  # a skin tone does not hide the emoji
    ("Colis reçu 😍", "positive"),
    ("Toujours rien 😡", "negative"),
    ("👎", "negative"),
    ("Livré hier :)", "positive"),
    ("Encore en retard :(", "negative"),
    ("Commande passée 🤣", "neutral"),  # laughter: as often mocking as pleased, not scored
    ("Voir https://exemple.fr/aide", "neutral"),  # « :/ » of a web address is no emoticon
])
def test_emoji_and_emoticons(text, label):
    assert analyse_text(text, "fr").label3 == label


@pytest.mark.parametrize("text, label", [
    ("Produit conforme, en revanche livraison décevante", "negative"),
    ("Bon produit sauf que la livraison est décevante", "negative"),
    ("Livraison lente, cela dit le produit est excellent", "positive"),
    ("Des soucis de livraison, n'empêche que j'adore ce site", "positive"),  # « n' » is no negation here
    ("Good product, that said the delivery was awful", "negative"),
])
def test_contrast_connectives_of_several_words(text, label):
    assert analyse_text(text).label3 == label


@pytest.mark.parametrize("text, label", [
    ("Le produit ne correspond pas à la photo", "negative"),
    ("Aucune nouvelle de ma commande", "negative"),
    ("N'achetez pas sur ce site", "negative"),
    ("Colis jamais livré", "negative"),
    ("L'application plante sans arrêt, inutilisable", "negative"),
    ("Produit de mauvaise qualité", "negative"),
    ("Rien à reprocher", "positive"),
    ("Je recommande les yeux fermés", "positive"),
    ("On m'a proposé un bon d'achat de 20 euros", "neutral"),  # « bon » of a voucher is no praise
    ("Bien sûr, il a fallu rappeler", "neutral"),
    ("Retrait en point relais", "neutral"),
])
def test_online_shop_app_and_food_expressions(text, label):
    assert analyse_text(text, "fr").label3 == label


def test_benchmark_reads_another_rated_review_file(tmp_path):
    """``benchmarks/sentiment.py --extra``: any separator, columns found by name (or mapped),
    rows without a rating or a text skipped, labels from the stars."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from sentiment import load_extra  # benchmarks/sentiment.py

    f = tmp_path / "avis.csv"
    f.write_text("note;commentaire;date\n5;Très bon site, je recommande;2024-01-02\n1;\"Colis jamais livré; à fuir\";2024-01-03\n"
                 "3;Correct sans plus;2024-01-04\n;Sans note;2024-01-05\n", encoding="utf-8")
    rows = load_extra(f)
    assert [r["ref"] for r in rows] == ["positive", "negative", "neutral"]
    assert rows[1]["full"] == "Colis jamais livré; à fuir" and {r["corpus"] for r in rows} == {"avis"}
    g = tmp_path / "other.csv"
    g.write_text("stars_given,body\n8,Great app\n2,Awful\n", encoding="utf-8")
    rows = load_extra(g, {"text": "body", "rating": "stars_given"}, scale=10)
    assert [(r["ref"], r["lang"]) for r in rows] == [("positive", "en"), ("negative", "en")]


def test_deliverable_states_the_accuracy_on_domains_never_tuned_on():
    """The French held-out figure is mostly restaurants (the domain tuned on): the e-reputation
    section also gives each domain that tuned no word (bank, web shops…) with its baseline."""
    from pilotage.reports.ereputation import _domains_table, _real_accuracy_text

    domains = measured_accuracy()["domains"]
    assert {d["lang"] for d in domains} == {"fr", "en"} and all(d["n"] >= 30 for d in domains)
    for lang in ("fr", "en"):
        table = _domains_table(lang)
        assert len(table.rows) == len(domains)
        for d, row in zip(domains, table.rows, strict=True):
            assert row[0] == d["label"][lang] and row[2] == d["n"]
            assert row[3] == d["binary_accuracy"] and row[5] == d["baseline"]["binary_accuracy"]
            # the method beats answering « positive » on three classes everywhere; on binary it can
            # not where 97 % of the reviews are positive (the Amazon Echo reviews): the table says so
            assert row[6] == round(d["macro_f1"], 2) and d["macro_f1"] > d["baseline"]["macro_f1"]
            assert row[4] == d["lexicon"]["binary_accuracy"]  # the lexicon alone, beside the method's figure
        assert {"fr": "tableau suivant", "en": "next table"}[lang] in _real_accuracy_text(lang)


@pytest.mark.parametrize("text, label", [
    ("Je ne suis toujours pas remboursé", "negative"),  # « ne … pas »: one negation, inside the expression
    ("Je ne suis jamais livré", "negative"),
    ("Ce n'est pas sans problème", "negative"),  # « pas sans »: a real second negation
    ("Il n'y a aucun problème", "positive"),
])
def test_ne_before_an_expression_holding_its_pas_is_one_negation(text, label):
    assert analyse_text(text, "fr").label3 == label


# --- strong common words checked for (coverage of the curated French lexicon) -----------------

@pytest.mark.parametrize("text, label", [
    ("Un dîner inoubliable, un cadre splendide", "positive"),
    ("Repas réussi, une soirée magique", "positive"),
    ("Pas réussi du tout", "negative"),
    ("Pain moisi et serveur malpoli", "negative"),
    ("Une horreur, hors de prix", "negative"),
])
def test_strong_common_words_are_in_the_french_lexicon(text, label):
    assert analyse_text(text, "fr").label3 == label


@pytest.mark.parametrize("text, lang, label", [
    ("Ne faites pas la même erreur que moi", "fr", "negative"),  # « ne … pas » + « erreur » is advice, not praise
    ("Je n'aurais pas dû commander", "fr", "negative"),
    ("Ne vous faites pas avoir", "fr", "negative"),
    ("On ne peut pas rêver mieux", "fr", "positive"),
    ("Je ne pouvais pas être plus satisfaite", "fr", "positive"),
    ("Je ne pouvais pas être plus déçu", "fr", "negative"),
    ("Ils se fichent des clients", "fr", "negative"),
    ("Ça ne vaut pas le prix", "fr", "negative"),
    ("Toujours rien reçu", "fr", "negative"),
    ("Don't make the same mistake I did", "en", "negative"),
    ("I should not have bought it", "en", "negative"),
    ("They don't care about their customers", "en", "negative"),
    ("I couldn't be happier", "en", "positive"),
    ("Setup couldn't have been simpler", "en", "positive"),
    ("Very dissapointed", "en", "negative"),  # a common misspelling
])
def test_idioms_of_advice_and_regret(text, lang, label):
    assert analyse_text(text, lang).label3 == label


# --- English: products, web shops and apps ---------------------------------------------------

@pytest.mark.parametrize("text, label", [
    ("Do not buy this charger", "negative"),
    ("Don't waste your money on it", "negative"),  # « waste » negated is no praise
    ("Dont waste your time", "negative"),
    ("Save your money and look elsewhere", "negative"),
    ("Sent it back after two days", "negative"),
    ("It no longer works", "negative"),
    ("Flimsy case, cheaply made", "negative"),
    ("Worth every penny", "positive"),
    ("Works like a charm", "positive"),
    ("Would buy again", "positive"),
    ("I would not buy again", "negative"),
    ("Exactly as described, fast shipping", "positive"),
    ("The app keeps crashing, so buggy", "negative"),
])
def test_english_product_shop_and_app_expressions(text, label):
    assert analyse_text(text, "en").label3 == label


def test_benchmark_measures_the_shipped_licensed_english_sentences():
    """``benchmarks/data/uci_amazon_cells_labelled.txt`` (UCI Sentiment Labelled Sentences, CC BY
    4.0): 566 sentences, the first 360 examined while writing the English expressions, the
    other 206 never examined; their measure is the one stored beside the held-out figures."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from sentiment import analyse_rows, binary_accuracy, load_uci  # benchmarks/sentiment.py

    read, unread = load_uci()
    assert (len(read), len(unread)) == (360, 206)
    assert read[0]["full"] == "Good case, Excellent value." and read[0]["ref"] == "positive"
    assert {r["ref"] for r in unread} == {"positive", "negative"}
    ref = [r["ref"] for r in unread]
    acc, n = binary_accuracy(ref, [x.score for x in analyse_rows(unread)])  # adapted to the corpus
    lex, _ = binary_accuracy(ref, [lexicon_text(r["full"], "en").score for r in unread])
    stored = measured_accuracy()["uci_amazon_en_unread"]
    # re-run `python benchmarks/sentiment.py --write` after changing the lexicon
    assert (n, round(acc, 3), round(lex, 3)) == (stored["n_binary"], stored["binary_accuracy"],
                                                 stored["lexicon"]["binary_accuracy"])
    baseline, _ = binary_accuracy(ref, [1.0] * len(unread))
    assert lex > baseline + 0.25 and acc > lex  # 206 sentences: enough for the adaptation


@pytest.mark.parametrize("text, lang, label", [
    ("Correct sans plus", "fr", "neutral"),  # a verdict of moderation: a three-star review
    ("Repas correct, rien d'exceptionnel", "fr", "neutral"),
    ("Un peu decu par le dessert", "fr", "neutral"),  # written without accents
    ("Nothing special, the food was fine", "en", "neutral"),
    # a review that also raves (score ≥ 4) stays polar
    ("Excellent, bien meilleur que la moyenne, un régal, je recommande vivement", "fr", "positive"),
    # « moyen » is not a verdict: « aucun moyen de » is an idiom, « moyen de paiement » a thing
    ("Aucun moyen de joindre le service client", "fr", "negative"),
    ("Plusieurs moyens de paiement", "fr", "neutral"),
])
def test_a_verdict_of_moderation_makes_a_review_neutral(text, lang, label):
    # a rule of the lexicon (in English the model may still read « the food was fine » otherwise:
    # a moderate text only gets neutral evidence there, see MODEL_MIXED)
    assert lexicon_text(text, lang).label == label


@pytest.mark.parametrize("text, label", [
    # the English verdicts of moderation, as many as the French ones (« pas mal », « moyen »,
    # « passable », « un peu déçu ») — "Not bad" and "Average" were negative with the model
    ("Not bad", "neutral"),
    ("Average", "neutral"),
    ("Rated 3/5", "neutral"),  # no word of opinion: the verdict alone is neutral evidence
    ("Nothing to write home about", "neutral"),
    ("Room for improvement", "neutral"),
    ("Hit or miss", "neutral"),
    # not a verdict: « not bad at all » praises, « above / below average » compare, a date is no rating
    ("Not bad at all, I love it", "positive"),
    ("Above average service, friendly staff", "positive"),
    ("Below average", "negative"),
    ("The update on 3/5/2024 was great", "positive"),
])
def test_english_verdicts_of_moderation(text, label):
    assert lexicon_text(text, "en").label == label
    assert analyse_text(text, "en").label == label  # the model does not overrule the verdict


def test_a_verdict_the_model_may_overrule():
    # the lexicon hears the moderation; the model, trained on reviews where "a bit disappointed"
    # is mostly two stars, may still call it criticism — never praise
    text = "A bit disappointed with the battery"
    assert lexicon_text(text, "en").label == "neutral"
    assert analyse_text(text, "en").label in ("neutral", "negative")


def test_a_verdict_without_a_score_gives_the_model_neutral_evidence():
    from pilotage.compute import sentiment

    r = lexicon_text("Nothing to write home about", "en")
    assert r.label == "neutral" and r.score == 0.0
    assert sentiment._mixed_or_moderate(r, "Nothing to write home about")
    assert not sentiment._mixed_or_moderate(lexicon_text("Delivered on Tuesday", "en"), "Delivered on Tuesday")


def test_moderation_changes_the_label_not_the_score():
    from pilotage.compute.sentiment import MODERATE_LIMIT

    r = analyse_text("Repas correct, rien d'exceptionnel", "fr")
    assert r.score < 0 and abs(r.score) < MODERATE_LIMIT  # the sign is kept for the binary measure


@pytest.mark.parametrize("text, label", [
    ("J'aime pas.", "negative"),  # spoken French drops the « ne »
    ("Je recommande pas du tout.", "negative"),
    ("Ça marche pas.", "negative"),
    ("Produit top pas cher.", "positive"),  # « pas » negates the word after it, not « top »
    ("Je ne recommande pas cet hôtel sale.", "negative"),  # the « pas » of « ne … pas » is used once
    ("Je n'aime plus cette appli.", "negative"),
    ("Je ne suis pas déçu.", "positive"),
])
def test_negation_after_the_word_and_the_second_half_of_ne_pas(text, label):
    assert analyse_text(text, "fr").label3 == label


def test_the_pas_closing_a_ne_negation_does_not_reverse_the_next_word():
    # « sale » after « ne recommande pas » stays a criticism: the whole is more negative than
    # the recommendation refused alone (before the fix « pas » reversed « sale » to praise)
    assert score_text("Je ne recommande pas cet hôtel sale.", "fr") < score_text("Je ne recommande pas cet hôtel.", "fr") < 0


@pytest.mark.parametrize("text, lang", [
    ("Un manque de sérieux évident.", "fr"),
    ("Manque de réactivité du service client.", "fr"),
    ("Manque de professionnalisme.", "fr"),
    ("A complete lack of care.", "en"),
])
def test_a_lack_of_a_good_thing_is_a_fault(text, lang):
    assert analyse_text(text, lang).label == "negative"


def test_a_lack_before_a_word_that_is_not_praise_keeps_its_own_score():
    assert score_text("Il manque de sel.", "fr") == score_text("Il manque.", "fr") < 0
    assert score_text("manque de respect", "fr") < score_text("Un manque de sérieux.", "fr")  # an expression


@pytest.mark.parametrize("text, lang", [
    ("Merci de me rappeler rapidement.", "fr"),
    ("En espérant une réponse rapide.", "fr"),
    ("J'espère que ce sera vite réglé.", "fr"),
    ("Please fix this quickly.", "en"),
    ("Bonne journée.", "fr"),  # closing formulas of a letter are not praise
    ("Bien à vous.", "fr"),
    ("Merci d'avance.", "fr"),
])
def test_requests_hopes_and_closing_formulas_are_not_praise(text, lang):
    assert lexicon_text(text, lang).label == "neutral"
    assert analyse_text(text, lang).label != "positive"  # the English model may hear a complaint in a request


def test_a_request_keeps_its_criticism_and_thanks_for_help_stay_praise():
    assert analyse_text("Merci de régler ce problème.", "fr").label == "negative"
    assert analyse_text("Merci pour votre aide.", "fr").label == "positive"
    # « merci de » + a determiner or a past infinitive thanks for something: praise
    assert analyse_text("Merci de votre réactivité !", "fr").label == "positive"
    assert analyse_text("Merci de m'avoir aidé rapidement.", "fr").label == "positive"


@pytest.mark.parametrize("text, label", [
    ("Aucun interêt.", "negative"),  # accent misplaced: still « intérêt »
    ("Un vrai probléme.", "negative"),
    ("Un plat salé.", "neutral"),  # but an accented word never becomes an unaccented entry (« sale »)
])
def test_misplaced_accents_find_an_accented_entry_only(text, label):
    assert analyse_text(text, "fr").label3 == label


@pytest.mark.parametrize("text, label", [
    ("Je déteste cette appli.", "negative"),
    ("Une série passionnante et drôle.", "positive"),
    ("Un navet, une vraie daube.", "negative"),
    ("Délai de traitement interminable.", "negative"),
    ("Zéro problème, livraison comme prévu.", "positive"),
    ("Ça fait le job.", "positive"),
    ("Un parcours du combattant pour ouvrir un compte.", "negative"),
    ("Des cookies aux pépites de chocolat.", "neutral"),  # a product name, not praise
    ("Un son d'enfer !", "positive"),
    ("C'était l'enfer.", "negative"),
    ("Commande passée hier, on verra bien.", "neutral"),  # « on verra bien »: we shall see
])
def test_general_words_of_judgement(text, label):
    assert analyse_text(text, "fr").label3 == label


def _planted_corpus(n_sure: int = 50, n_unsure: int = 30) -> tuple[list[str], list[str]]:
    """A corpus whose own word « glorpage » (in no lexicon) comes with sure criticism, and
    unsure texts that hold only that word: (corpus, unsure texts)."""
    neg = [f"Horrible et nul, encore un glorpage au guichet {i}." for i in range(n_sure)]
    pos = [f"Excellent et parfait, conseiller {i} au top." for i in range(n_sure)]
    unsure = [f"Dossier {i} : glorpage au guichet." for i in range(n_unsure)]
    return neg + pos + unsure, unsure


def test_the_corpus_teaches_its_own_vocabulary_to_the_unsure_texts():
    from pilotage.compute.sentiment import analyse_corpus

    corpus, unsure = _planted_corpus()
    assert {analyse_text(t, "fr").label for t in unsure} == {"neutral"}  # the lexicon knows no word there
    out = analyse_corpus(corpus, ["fr"] * len(corpus))
    tail = out[-len(unsure):]
    assert {r.label for r in tail} == {"negative"} and all(r.adapted for r in tail)
    # the sure texts keep the lexicon's reading
    for text, r in zip(corpus[:100], out[:100], strict=True):
        assert (r.score, r.label, r.adapted) == (analyse_text(text, "fr").score, analyse_text(text, "fr").label, False)
    assert analyse_corpus(corpus, ["fr"] * len(corpus)) == out  # deterministic


def test_no_adaptation_on_a_small_corpus_or_without_sure_texts_on_both_sides():
    from pilotage.compute.sentiment import ADAPT_MIN_SURE, ADAPT_MIN_TEXTS, analyse_corpus

    corpus, _ = _planted_corpus(n_sure=30, n_unsure=ADAPT_MIN_TEXTS - 61)  # one text short
    assert len(corpus) == ADAPT_MIN_TEXTS - 1
    assert analyse_corpus(corpus) == [analyse_text(t) for t in corpus]
    corpus, _ = _planted_corpus(n_sure=ADAPT_MIN_SURE - 1, n_unsure=100)  # too few sure texts each side
    assert analyse_corpus(corpus) == [analyse_text(t) for t in corpus]


def test_a_mixed_text_stays_mixed_and_empty_texts_are_neutral():
    from pilotage.compute.sentiment import analyse_corpus

    corpus, _ = _planted_corpus()
    mixed = "Plats délicieux, service désagréable, glorpage au guichet."
    out = analyse_corpus([*corpus, mixed, "", None])
    assert out[-3].label == "mixed" and out[-3].adapted
    assert out[-3].score < analyse_text(mixed).score  # its score still reads the corpus's word
    assert [r.label for r in out[-2:]] == ["neutral", "neutral"]


def test_a_corpus_without_shared_words_is_not_adapted_and_does_not_fail():
    from pilotage.compute.sentiment import analyse_corpus

    corpus = ["😍"] * 60 + ["🤮"] * 60 + ["…"] * 10  # sure texts on both sides, but no word at all
    assert analyse_corpus(corpus, ["fr"] * len(corpus)) == [analyse_text(t, "fr") for t in corpus]


def test_a_very_large_file_learns_from_an_even_sample_of_its_texts(monkeypatch):
    from pilotage.compute import sentiment

    corpus, unsure = _planted_corpus()
    monkeypatch.setattr(sentiment, "ADAPT_MAX_FIT", 40)  # 130 texts: every 4th one teaches
    out = sentiment.analyse_corpus(corpus, ["fr"] * len(corpus))
    assert {r.label for r in out[-len(unsure):]} == {"negative"} and all(r.adapted for r in out[-len(unsure):])


def test_the_adapted_scores_are_the_same_whatever_the_hash_seed():
    """The ratios of a text's words are summed from a set: summed exactly (math.fsum), the
    figures do not depend on the set's order, which changes with Python's hash seed."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys; sys.path.insert(0, 'tests/pilotage');"
            "from test_pilotage_sentiment import _planted_corpus;"
            "from pilotage.compute.sentiment import analyse_corpus;"
            "corpus, _ = _planted_corpus(); extra = [f'Guichet {i} : glorpage, délai et conseiller {i % 7}' for i in range(40)];"
            "print([repr(r.score) for r in analyse_corpus(corpus + extra)])")
    root = Path(__file__).resolve().parents[2]
    out = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed}, cwd=root,
                          capture_output=True, text=True, check=True).stdout for seed in ("1", "2", "3")}
    assert len(out) == 1


def test_benchmark_measures_the_shipped_clothing_reviews_on_three_classes():
    """``benchmarks/data/womens_clothing_reviews_436.csv`` (Women's E-Commerce Clothing Reviews,
    CC0): English reviews with 1–5 stars, so with three-star ones — the English three-class figure
    a clean checkout can measure. The English model was trained on other reviews of the same shop,
    so its 375 rows never examined are stored apart, not among the domains never tuned on."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from sentiment import CLOTHING_LABEL, load_clothing, measure_both  # benchmarks/sentiment.py

    read, unread = load_clothing()
    assert (len(read), len(unread)) == (44, 375) and {r["lang"] for r in unread} == {"en"}
    assert {r["ref"] for r in unread} == {"negative", "neutral", "positive"}
    m = measure_both(unread)
    stored = measured_accuracy()["clothing_en_unread"]
    assert stored["label"] == CLOTHING_LABEL
    assert all(d["label"] != CLOTHING_LABEL for d in measured_accuracy()["domains"])
    # re-run `python benchmarks/sentiment.py --write` after changing the lexicon
    assert (stored["n"], stored["binary_accuracy"], stored["macro_f1"]) == (
        m["n"], round(m["binary_accuracy"], 3), round(m["macro_f1"], 3))
    assert stored["lexicon"]["macro_f1"] == round(m["lexicon"]["macro_f1"], 3)
    assert m["macro_f1"] > m["baseline"]["macro_f1"] + 0.2
    # its 90 % bootstrap interval is stored beside it and holds the figure
    assert stored["interval_90"]["macro_f1"] == [round(v, 3) for v in m["interval"]["macro_f1"]]
    lo, hi = stored["interval_90"]["macro_f1"]
    assert lo < stored["macro_f1"] < hi


def _bench():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import sentiment  # benchmarks/sentiment.py

    return sentiment


def test_bootstrap_interval_worked_examples():
    """Percentile bootstrap (Efron & Tibshirani 1993, ch. 13), worked by hand."""
    b = _bench()
    # every text right: every draw is right, the interval is the point
    ref = ["positive", "negative", "neutral"] * 10
    assert b.bootstrap_interval(ref, ref, [{"positive": 1, "negative": -1, "neutral": 0}[r] for r in ref]) == {
        "macro_f1": (1.0, 1.0), "binary_accuracy": (1.0, 1.0)}
    # two polar texts, one right: a draw holds 0, 1 or 2 right texts with probability 1/4, 1/2,
    # 1/4 — binary accuracy 0, 0.5 or 1, so the 5th percentile is 0 and the 95th is 1
    iv = b.bootstrap_interval(["positive", "negative"], ["positive", "positive"], [1.0, 1.0])
    assert iv["binary_accuracy"] == (0.0, 1.0)
    # the same share of right texts (80 %) on 25 texts and on 400: the larger sample is surer
    def share(n):
        ref = ["positive"] * n
        scores = [1.0 if k % 5 else -1.0 for k in range(n)]
        return b.bootstrap_interval(ref, ["positive"] * n, scores)["binary_accuracy"]
    small, large = share(25), share(400)
    assert small[0] < large[0] <= 0.8 <= large[1] < small[1]
    assert large[1] - large[0] < 0.5 * (small[1] - small[0])  # ≈ 1/√16 as wide


def test_bootstrap_interval_is_reproducible_and_seeded():
    b = _bench()
    ref = ["positive", "negative", "neutral", "positive"] * 20
    pred = ["positive", "positive", "neutral", "negative"] * 20
    scores = [1.0, 1.0, 0.0, -1.0] * 20
    assert b.bootstrap_interval(ref, pred, scores) == b.bootstrap_interval(ref, pred, scores)
    assert b.bootstrap_interval(ref, pred, scores, seed=1) != b.bootstrap_interval(ref, pred, scores, seed=2)


def test_every_stored_domain_has_its_interval():
    for d in measured_accuracy()["domains"]:
        lo, hi = d["interval_90"]["macro_f1"]
        assert lo <= d["macro_f1"] <= hi
        lo, hi = d["interval_90"]["binary_accuracy"]
        assert lo <= d["binary_accuracy"] <= hi


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_lexicon_entry_is_written_twice(lang):
    """A term written twice is scored by its last line only: the first is a score nobody reads
    (29 such repeats had crept in, some with another score)."""
    from collections import Counter

    from pilotage.compute.sentiment import _lower, tokenize

    text = resources.files("pilotage").joinpath("data", f"sentiment_{lang}.txt").read_text(encoding="utf-8")
    terms = Counter(tuple(tokenize(_lower(line.rsplit("\t", 1)[0])))
                    for line in text.splitlines() if line.strip() and not line.startswith("#"))
    assert [t for t, n in terms.items() if n > 1] == []


# --- apps and online services (session 8): inability, typed contractions, « never … such » -----

@pytest.mark.parametrize("text, lang, label", [
    ("I can't log in since the update", "en", "negative"),  # inability of the service: a fault
    ("The app won't load", "en", "negative"),
    ("Unable to connect to my account", "en", "negative"),
    ("it doesnt work", "en", "negative"),  # a contraction typed without its apostrophe
    ("cant open it", "en", "negative"),
    ("i dont like it", "en", "negative"),
    ("I can't complain", "en", "positive"),  # a verb of opinion, not of use: no failure
    ("Super app", "en", "positive"),  # « super » alone is praise …
    ("super slow", "en", "negative"),  # … and strengthens the word after it
    ("Super lent", "fr", "negative"),
    ("Trash", "en", "negative"),
    ("Too many ads", "en", "negative"),
    ("Can't recommend it enough", "en", "positive"),
    ("Never had such a good meal", "en", "positive"),  # « never … such »: a comparison, not a negation
    ("I have never been so disappointed", "en", "negative"),
    ("Jamais vu un accueil aussi chaleureux", "fr", "positive"),
    ("Je n'ai jamais été aussi déçu", "fr", "negative"),
    ("Jamais satisfait", "fr", "negative"),  # « jamais » alone still negates
])
def test_app_and_service_reviews(text, lang, label):
    assert analyse_text(text, lang).label3 == label


def test_a_smiley_closes_its_clause():
    # « nobody » negated « junk » across the smiley (+3.5, praise); the smiley now ends the clause
    result = analyse_text("Nobody uses this app :) Junk", "en")
    assert result.score < 0 and result.negative > 0


def test_a_short_text_takes_the_language_of_its_file():
    from pilotage.compute.sentiment import analyse_corpus, detect_languages

    english = ["The delivery was late and nobody answered my emails", "Great app, I use it every day",
               "Excellent app.", "Works as advertised"]
    assert detect_language("Excellent app.") == "fr"  # alone: nothing decides, French by default
    assert detect_languages(english) == ["en"] * 4  # in an English file: English
    french = ["La livraison était en retard et personne ne répond", "Excellent app."]
    assert detect_languages(french) == ["fr", "fr"]
    assert detect_languages(["Excellent", "Super"]) == ["fr", "fr"]  # nothing decides anywhere
    # the deliverables' path: the short English review is read in English, with the English lexicon
    results = analyse_corpus(english[:2] + ["Trash."])
    assert results[2].lang == "en" and results[2].label == "negative"
