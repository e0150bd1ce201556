"""Drafts from the customers' own words: frequent comments of a segment, never a person's (issue #14).

"Goals, frustrations and channels derived from the data (and from verbatims or NPS comments
when the file has them)". A comment is quoted only when at least the smallest segment allowed
(here 18 customers) wrote it word for word, never when it holds personal data; the NPS of those
who wrote it sends it to the frustrations (detractors, ≤ 6) or to the goals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from personas.analysis import analyse
from personas.prepare import QUOTED_TEXT
from personas.profile import comment_highlights
from personas.report import _method_traits


def customers_with_comments(n: int = 600, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    seg = rng.choice(3, n, p=[0.4, 0.35, 0.25])
    pick = lambda *a: np.choose(seg, a)  # noqa: E731
    comment = np.full(n, None, dtype=object)
    nps = pick(rng.integers(0, 7, n), rng.integers(8, 11, n), rng.integers(5, 9, n)).astype(float)
    slow = (seg == 0) & (rng.random(n) < 0.5)
    comment[slow] = rng.choice(["Livraison trop lente", "livraison trop lente !", "Livraison trop lente."], slow.sum())
    fans = (seg == 1) & (rng.random(n) < 0.5)
    comment[fans] = "J'adore les ateliers dégustation"
    # written by many, but holds a phone number: never quoted, even masked
    phone = (seg == 2) & (rng.random(n) < 0.6)
    comment[phone] = [f"Rappeler au 06 {rng.integers(10, 99)} {rng.integers(10, 99)} 12 34" for _ in range(phone.sum())]
    # a customer's own sentence, with a name: one person, never quoted
    comment[np.flatnonzero(seg == 2)[0]] = "Merci à Mme Durandeau pour son accueil"
    # frequent in a segment, but written by fewer customers than the smallest segment allowed (18)
    few = np.flatnonzero((seg == 2) & ~phone)[:12]
    comment[few] = "Parking difficile"
    frame = pd.DataFrame({
        "id_client": [f"C{i:05d}" for i in range(n)],
        "age": pick(rng.normal(30, 4, n), rng.normal(48, 5, n), rng.normal(67, 5, n)).round(),
        "panier_moyen_eur": pick(rng.normal(25, 6, n), rng.normal(60, 10, n), rng.normal(110, 15, n)).round(2),
        "nb_commandes": pick(rng.poisson(2, n), rng.poisson(9, n), rng.poisson(5, n)),
        "note_nps": nps,
        "commentaire": comment,
    })
    return frame, seg


def _result():
    df, seg = customers_with_comments()
    res = analyse(df, salt="s", n_bootstrap=1)
    assert res.segmentation.k == 3 and res.segmentation.min_size == 18
    # the persona of each planted segment (most of its customers)
    persona = {p: res.facts[[f.segment for f in res.facts].index(
        int(np.bincount(res.segmentation.labels[seg == p]).argmax()))] for p in range(3)}
    return res, persona


def test_a_detractors_comment_is_a_frustration_and_a_promoters_one_a_goal():
    res, persona = _result()
    assert res.prepared.comments_column == "commentaire" and res.prepared.scores is not None
    slow = persona[0].draft
    assert any(g.lower().startswith("« livraison trop lente") for g in slow["frustrations"]), slow
    assert not any("Livraison" in g for g in slow["goals"])
    fans = persona[1].draft
    assert any(g.startswith("« J'adore les ateliers dégustation »") for g in fans["goals"]), fans
    # the share is that of the segment's comments
    assert "des commentaires du segment" in fans["goals"][0]


def test_no_comment_of_one_person_or_with_personal_data_is_ever_quoted():
    res, _ = _result()
    texts = " ".join(str(v) for f in res.facts for v in f.draft.values())
    assert "Durandeau" not in texts  # one customer's sentence
    assert "Rappeler" not in texts and "masqué" not in texts and "06 " not in texts  # a phone, even masked
    assert "Parking" not in texts  # 12 writers < 18, the smallest segment allowed
    assert res.prepared.comments.str.contains("Rappeler", na=False).sum() == 0  # dropped at reading


def test_the_rule_itself_counts_identical_words_and_needs_over_representation():
    comments = pd.Series(["Top !", "top", "TOP.", "Bof", "bof", None, "Bof"] * 4)
    labels = np.array([0, 0, 0, 1, 1, 1, 0] * 4)
    out = comment_highlights(comments, labels, 2, min_count=4)
    assert [v.text for v in out[0]] == ["Top !"] and out[0][0].count == 12  # "Top !", "top", "TOP." are one
    assert [v.text for v in out[1]] == ["Bof"] and out[1][0].count == 8
    # "Bof" also appears in segment 0 (4 of 16 comments = 25 % against 12/28 = 43 % overall): not over-represented
    assert all(v.text != "Bof" for v in out[0])
    assert comment_highlights(comments, labels, 2, min_count=13) == ((), ())


def test_the_deliverable_says_how_comments_are_read():
    res, _ = _result()
    col = next(c for c in res.prepared.columns if c.column == "commentaire")
    assert col.reason == QUOTED_TEXT
    from personas.report import ReportContext

    ctx = ReportContext(client="X")
    text = " ".join(getattr(b, "text", "") for b in _method_traits(res, ctx, "fr"))
    assert "mot pour mot" in text and "au moins 18 clients" in text and "Commentaires cités : 2" in text
