"""Signals of the watch: stories merged across sources, key-phrase names, ranking factors,
class-based TF-IDF, the axis view, and the note opening with signals that cite their evidence."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from veille.analysis import analyse, build_corpus, class_tfidf, key_phrases
from veille.signals import add_signals, axis_view, brief_words, find_signals, group_stories

NOW = dt.datetime(2027, 6, 30)


def _entries(rows) -> pd.DataFrame:
    """rows: (days before NOW, source, axis, reliability, title)."""
    out = []
    for k, (ago, source, axis, rel, title) in enumerate(rows):
        when = NOW - dt.timedelta(days=ago)
        out.append({"title": title, "summary": "", "link": f"https://{k}.example/a", "source_name": source,
                    "axis": axis, "reliability": rel, "published": when.isoformat(), "first_seen": when.isoformat(),
                    "type": "presse"})
    return pd.DataFrame(out)


def _baseline(n: int = 60) -> list[tuple]:
    """Six months of ordinary coffee news, with the common words « avis » and « marques »."""
    subjects = ["Avis clients : comment les marques répondent", "Les marques de café et les avis en ligne",
                "Salon du café : les tendances de l'édition", "Torréfaction : les marques misent sur les avis",
                "Le café filtre revient chez les jeunes", "Avis : les marques face aux faux avis"]
    return [(60 + 3 * i, f"Source {i % 5}", ["image", "concurrentielle", "societale"][i % 3], 3,
             subjects[i % len(subjects)] + f" ({i})") for i in range(n)]


def _recent_pénurie() -> list[tuple]:
    """The same news from five feeds within two days, then three follow-ups."""
    return [
        (5, "Le Journal du Café", "strategique", 5, "Pénurie d'arabica : les cours flambent au Brésil"),
        (5, "Agence Éco", "strategique", 4, "Pénurie d'arabica : les cours flambent au Brésil"),
        (4, "Alerte Google", "strategique", 2, "Pénurie d'arabica, les cours flambent au Brésil"),
        (4, "Lyon Éco", "strategique", 4, "Pénurie d'arabica : les cours flambent encore au Brésil"),
        (4, "Forum Barista", "strategique", 2, "Pénurie d'arabica : les cours flambent au Brésil !"),
        (12, "Le Journal du Café", "strategique", 5, "Pénurie d'arabica : les torréfacteurs revoient leurs prix"),
        (20, "Agence Éco", "strategique", 4, "Pénurie d'arabica : la récolte brésilienne en question"),
        (2, "Conso & Tendances", "societale", 3, "Pénurie d'arabica : les consommateurs changent d'habitudes"),
        (3, "Source 1", "image", 3, "Avis clients : les marques et les avis"),
        (6, "Source 2", "image", 3, "Les avis des marques en hausse"),
    ]


def test_same_news_from_five_feeds_is_one_story_with_five_sources():
    rows = _recent_pénurie()[:5] + [_recent_pénurie()[5]]
    stories = group_stories([r[4] for r in rows], [(NOW - dt.timedelta(days=r[0])).date() for r in rows],
                            [r[1] for r in rows], [f"https://{k}.example" for k in range(len(rows))])
    assert len(stories) == 2
    big = max(stories, key=lambda s: len(s.sources))
    assert len(big.sources) == 5 and big.articles == 5
    assert big.title == "Pénurie d'arabica : les cours flambent au Brésil"  # the earliest one's title


def test_identical_titles_far_apart_in_time_are_two_stories():
    d = [dt.date(2027, 1, 1), dt.date(2027, 3, 1)]
    assert len(group_stories(["Baromètre trimestriel du café", "Baromètre trimestriel du café"], d, ["A", "A"],
                             ["", ""])) == 2


def _signals(rows, brief=frozenset(), **kw):
    entries = _entries(rows)
    corpus = build_corpus(entries)
    return find_signals(entries, corpus, now=NOW, brief=brief, **kw)


def test_a_signal_is_named_by_a_phrase_and_cites_its_merged_story():
    sig = _signals(_baseline() + _recent_pénurie(), brief=brief_words("café de spécialité", "torréfaction"))
    assert sig, "a subject carried by eight recent articles from six sources is a signal"
    top = sig[0]
    assert "pénurie" in top.label.lower() and " " in top.label  # a key phrase, not a word
    assert top.articles == 8 and len(top.sources) == 6
    assert top.stories[0].title.startswith("Pénurie d'arabica") or any(len(s.sources) == 5 for s in top.stories)
    assert max(len(s.sources) for s in top.stories) == 5
    assert all(s.link.startswith("https://") and s.date is not None for s in top.stories)
    assert top.axis == "strategique"
    # common words are never a signal's name
    assert not {s.label.lower() for s in sig} & {"avis", "marques", "ia", "café"}


def test_ranking_factors_relevance_and_reliability():
    rows = [(3, "A", "technologique", 4, "Robot barista : premier test en boutique"),
            (10, "B", "technologique", 4, "Robot barista : un second réseau se lance"),
            (5, "C", "technologique", 4, "Drone livreur : premier vol urbain"),
            (12, "D", "technologique", 4, "Drone livreur : un second essai réussi")]
    sig = _signals(_baseline(30) + rows, brief=brief_words("barista"))
    labels = [s.label.lower() for s in sig]
    assert labels.index("robot barista") < labels.index("drone livreur")  # relevance to the brief
    robot = next(s for s in sig if s.label.lower() == "robot barista")
    drone = next(s for s in sig if s.label.lower() == "drone livreur")
    assert robot.relevance == pytest.approx(1.0) and drone.relevance == pytest.approx(0.3)
    assert robot.score == pytest.approx(robot.novelty * robot.momentum * robot.reliability * robot.relevance)
    # the same subject carried by reliable sources weighs more than by weak ones
    weak = [(d, s, a, 1, t) for d, s, a, _, t in rows]
    low = next(s for s in _signals(_baseline(30) + weak, brief=brief_words("barista")) if s.label.lower() == "robot barista")
    assert low.reliability == pytest.approx(robot.reliability / 4)


def test_a_subject_as_frequent_as_before_has_low_novelty():
    steady = [(7 * i + 1, f"S{i % 3}", "strategique", 4, f"Prix du café vert : bilan de la semaine {i}") for i in range(30)]
    sig = _signals(steady)
    prix = [s for s in sig if "prix" in s.label.lower()]
    assert not prix or prix[0].novelty < 0.5


def test_class_tfidf_oracle():
    # two topics, three terms; counts per topic: c0 = (2, 1, 0), c1 = (0, 1, 3).
    # tf: c0 = (2/3, 1/3, 0), c1 = (0, 1/4, 3/4); f = (2, 2, 3); A = 7/2 = 3.5.
    # weight(t, c) = tf × ln(1 + A / f): c0 = (2/3 ln 2.75, 1/3 ln 2.75, 0) (Grootendorst 2022, eq. 1)
    from scipy.sparse import csr_matrix

    X = csr_matrix(np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1], [0, 0, 1]], dtype=float))
    w = class_tfidf(X, [0, 0, 1, 1, 1], 2)
    assert w[0] == pytest.approx([2 / 3 * np.log(2.75), 1 / 3 * np.log(2.75), 0])
    assert w[1] == pytest.approx([0, 1 / 4 * np.log(2.75), 3 / 4 * np.log(1 + 3.5 / 3)])


def test_key_phrases_put_phrases_first_and_drop_their_words():
    assert key_phrases(["arabica", "pénurie arabica", "prix", "pénurie"]) == ["pénurie arabica", "prix"]


def test_axis_view_says_which_axes_move_and_which_are_quiet():
    rows = _baseline(60) + _recent_pénurie()
    entries = _entries(rows)
    sig = find_signals(entries, build_corpus(entries), now=NOW)
    view = {a.axis: a for a in axis_view(entries, sig, ("strategique", "image", "environnementale"), now=NOW)}
    assert view["strategique"].status == "moving" and view["strategique"].baseline == 0
    assert view["environnementale"].status == "silent" and view["environnementale"].window == 0
    assert view["image"].status in ("quiet", "receding")


def test_analyse_carries_signals_and_axes():
    entries = _entries(_baseline() + _recent_pénurie())
    a = add_signals(analyse(entries, now=NOW), entries, now=NOW, axes=("strategique", "image"))
    assert a.signals and "pénurie" in a.signals[0].label.lower()
    assert [x.axis for x in a.axes] == ["strategique", "image"]


def test_example_note_opens_with_signals_that_cite_their_evidence(example_case, tmp_path):
    from toolkit.case import load_case
    from veille.commands import demo

    paths = demo(load_case(example_case), tmp_path / "out", ["md"], "fr")
    md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
    summary = md[md.index("## Synthèse"):md.index("## Périmètre")]
    signals = summary[summary.index("### Signaux à retenir"):]
    first = signals[signals.index("**1. "):signals.index("**2. ")]
    assert "](<https://" in first and "/2027" in first  # linked, dated evidence
    assert "Brouillon à valider" in first
    names = [line.split("«")[1].split("»")[0].strip().lower() for line in signals.splitlines() if line.startswith("**") and "«" in line]
    assert names and not set(names) & {"avis", "marques", "ia"}
    counted = int(summary.split("| Signaux à retenir |")[1].split("|")[0])
    assert len(names) == counted  # every signal the key figures count is shown
    assert not any(" termine" in n for n in names)  # a headline's verb names no signal
    assert "### Axes calmes, axes en mouvement" in summary
    assert summary.index("### Signaux à retenir") < summary.index("### Axes calmes")


def test_a_headline_verb_does_not_name_a_signal():
    """« l'arabica termine 06/2027 à 4,58 $ »: « arabica termine » says what a headline did;
    « café vert », covering the same articles and more used in the watch, names the signal."""
    series = [(4 + 9 * k, f"Journal {k % 2}", "strategique", 5, f"Café vert : l'arabica termine la semaine {k} à {4 + k / 10} $")
              for k in range(5)]
    older = [(150 + k, "Journal 0", "strategique", 5, f"L'arabica termine l'année {2020 + k} en hausse") for k in range(2)]
    sig = _signals(_baseline() + series + older)  # « arabica termine » is even the more used phrase
    top = next(s for s in sig if any("termine" in p.lower() for p in s.phrases))
    assert "termine" not in top.label.lower() and top.label.lower() == "café vert"


def test_a_phrase_naming_a_brand_keeps_its_capitals():
    from veille.signals import _as_name

    assert _as_name(["torréfacteurs", "Réunis"], frozenset({"torrefacteurs"})) == "Torréfacteurs Réunis"
    assert _as_name(["livre", "York"], frozenset({"york"})) == "livre York"  # « livre » never a name
    assert _as_name(["IA", "générative"], frozenset({"ia"})) == "IA générative"


def test_a_signal_cites_only_articles_whose_titles_carry_its_name():
    from veille.text import tokenize

    brand = [(3 + 5 * k, f"Alerte {k}", "concurrentielle", 3, t) for k, t in enumerate([
        "Torréfacteurs Réunis ouvre une boutique à Lyon", "Publicité : Torréfacteurs Réunis partout sur Instagram",
        "Torréfacteurs Réunis teste la livraison en 2 heures", "Les torréfacteurs face à la hausse des prix",
        "Les torréfacteurs indépendants recrutent"])]
    sig = _signals(_baseline() + _recent_pénurie() + brand)
    assert any("réunis" in s.label.lower() for s in sig)
    for s in sig:
        words = set(tokenize(s.label))
        for story in s.stories:
            assert words <= set(tokenize(story.title)), (s.label, story.title)
