"""Persona facts (worked example of the target score) and the deliverable's structure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from personas.profile import describe_segments, stats_from_frame


def _two_segments() -> tuple[pd.DataFrame, np.ndarray]:
    # 60 occasional buyers (2 orders, 100 €) and 40 subscribers (8 orders, 400 €)
    f = pd.DataFrame({
        "frequence": [2.0] * 60 + [8.0] * 40,
        "montant_total": [100.0] * 60 + [400.0] * 40,
        "abonne": [0.0] * 60 + [1.0] * 40,
        "ville": ["Lyon"] * 50 + ["Paris"] * 10 + ["Paris"] * 35 + ["Lyon"] * 5,
    })
    return f, np.array([0] * 60 + [1] * 40)


def test_target_score_worked_example():
    # Worked by hand from the formula documented in personas.profile._rank:
    # mean € per customer 100 and 400 → value relative to the best 0.25 and 1;
    # the objective "Fidéliser les abonnés" matches the subscribers' trait → fit 0 and 1 (of 1);
    # size 0.6 and 0.4 → relative 1 and 0.667;
    # score = 100 × (0.5 v + 0.3 f + 0.2 s) = 100 × (0.125 + 0 + 0.2) = 32.5 and 100 × (0.5 + 0.3 + 0.1333) = 93.33.
    # The largest segment is the lowest spender and matches no objective: it must not rank first.
    f, labels = _two_segments()
    stats = stats_from_frame(f, labels, 2, ["frequence", "montant_total", "abonne"], ["ville"],
                             value_column="montant_total")
    facts = describe_segments(stats, criteria={"ville": "socio_demographique"},
                              objectives=["Fidéliser les abonnés"], lang="fr")
    p1, p2 = facts
    assert (p1.id, p1.size, p2.id, p2.size) == ("P1", 60, "P2", 40)
    assert p1.revenue_share == pytest.approx(6000 / 22000) and p2.revenue_share == pytest.approx(16000 / 22000)
    assert p2.fit == 2.0 and p1.fit == 1.0
    assert p2.score == pytest.approx(93.33, abs=0.01) and p1.score == pytest.approx(32.5, abs=0.01)
    assert (p1.rank, p2.rank) == (2, 1)
    assert "valeur la plus haute" in p2.why and "rejoint 1 objectif sur 1" in p2.why
    assert "ne rejoint aucun objectif" in p1.why
    assert (p1.value_tier, p2.value_tier) == ("faible", "forte")
    ville = [t for t in p2.traits if t.feature == "ville"][0]
    assert ville.value == "Paris" and ville.in_segment == pytest.approx(35 / 40)
    assert ville.reference == pytest.approx(45 / 100)  # lift 0.875 / 0.45 = 1.94
    freq = [t for t in p2.traits if t.feature == "frequence"][0]
    assert freq.kind == "high" and freq.score == pytest.approx((8 - 4.4) / np.std([2] * 60 + [8] * 40))
    assert p1.name != p2.name and "abonne" in p2.name.lower()


def test_english_names_and_descriptions():
    f, labels = _two_segments()
    stats = stats_from_frame(f, labels, 2, ["frequence", "montant_total", "abonne"], ["ville"],
                             value_column="montant_total")
    p1, p2 = describe_segments(stats, criteria={}, lang="en")
    assert p1.description.startswith("60% of customers, low value (27% of revenue)")
    assert "loyal" in p2.name.lower() or "loyal" in p2.description


def test_document_structure_fr_and_en():
    from personas.analysis import analyse
    from personas.model import Persona
    from personas.report import ReportContext, build_document
    from personas.simulate import brulerie_sauvage
    from toolkit.document import Checklist, PageBreak, Table

    sim = brulerie_sauvage(200, seed=5)
    res = analyse(sim.customers, sim.transactions, salt="s", k_min=3, k_max=4, n_bootstrap=1,
                  objectives=["Porter le nombre d'abonnés à 3 000"])
    personas = [Persona(id=f.id, name=f.name, description=f.description, quote="Du bon café, vite")
                for f in res.facts]
    for lang, cards, rgpd in (("fr", "Fiches personas", "Note de traitement des données (RGPD)"),
                              ("en", "Persona cards", "Data-processing note (GDPR)")):
        doc = build_document(res, personas, ReportContext(client="Brûlerie Sauvage"), {}, lang)
        titles = [s.title for s in doc.sections]
        assert cards in titles and rgpd in titles
        card_section = doc.sections[titles.index(cards)]
        persona_cards = [b for b in card_section.blocks if hasattr(b, "title")]
        assert [c.title.split(" — ")[0] for c in persona_cards] == [f.id for f in res.facts]
        # one card per page: a break after each card but the last (a break before left the title alone)
        assert all(c.slide for c in persona_cards)
        assert all(isinstance(c.blocks[-1], PageBreak) for c in persona_cards[:-1])
        assert not isinstance(persona_cards[-1].blocks[-1], PageBreak)
        grid = [b for s in doc.sections for b in s.blocks if isinstance(b, Checklist)]
        assert len(grid) == 1 and len(grid[0].items) == 3  # the référentiel's A.1 and A.2 criteria the personas serve
        # cards lack goals, frustrations and channels: the target audience is not yet « précisément caractérisé »
        assert [i.status for i in grid[0].items] == ["jury", "jury", "partial"]
        summary = doc.sections[0]
        ranking = [b for b in summary.blocks if isinstance(b, Table)][0]
        assert [r[0] for r in ranking.rows] == list(range(1, len(res.facts) + 1))
        rgpd_tables = [b for b in doc.sections[titles.index(rgpd)].blocks if isinstance(b, Table)]
        excluded = {r[0] for t in rgpd_tables for r in t.rows}
        # the client's columns as a reader names them, never the raw code
        assert ({"Email", "Téléphone", "Nom", "Prénom", "Adresse", "Commentaire"} if lang == "fr"
                else {"Email", "Telephone", "Nom", "Prenom", "Adresse", "Commentaire"}) <= excluded


def test_heatmap_labels_show_the_true_value_beyond_the_colour_scale():
    """Regression (issue #10): the heatmap printed "+2,0" for a z-score of 2,86 (clipped)."""
    import pandas as pd

    from personas.charts import heatmap_chart

    z = pd.DataFrame({"recence": [2.86, -0.1], "montant": [-3.4, 0.9]}, index=["P1", "P2"])
    fig = heatmap_chart(z, "fr")
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert "+2,9" in labels and ({"−3,4", "-3,4"} & labels)
    assert "+2,0" not in labels and "−2,0" not in labels and "-2,0" not in labels


def test_value_figures_are_in_the_case_currency_not_always_euros():
    """Noticed: a Swiss case (brief.constraints.currency: CHF) got "1 234 €" on its cards and in
    the comparison table. Every amount now carries the case's currency."""
    from personas.analysis import analyse
    from personas.model import Persona
    from personas.report import ReportContext, build_document
    from personas.simulate import brulerie_sauvage
    from toolkit.document import Table
    from toolkit.render.markdown import to_markdown

    sim = brulerie_sauvage(200, seed=5)
    res = analyse(sim.customers, sim.transactions, salt="s", k_min=3, k_max=4, n_bootstrap=1, currency="CHF")
    texts = [t for f in res.facts for t in (*f.trait_texts, f.why)]
    assert any("CHF" in t for t in texts)
    assert not any("€" in t for t in texts)
    personas = [Persona(id=f.id, name=f.name, description=f.description) for f in res.facts]
    doc = build_document(res, personas, ReportContext(client="Horlogerie"), {}, "fr")
    tables = [b for s in doc.sections for b in s.blocks if isinstance(b, Table)]
    comp = next(t for t in tables if "CA net moyen" in t.columns)
    assert comp.currency == "CHF"
    md, _ = to_markdown(doc)
    assert "CHF" in md and "€" not in md
