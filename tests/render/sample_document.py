"""A small document exercising every block type (the renderers' sample, fr or en).

Used by the tests (through ``conftest.py``) and runnable on its own to look at the output::

    python tests/render/sample_document.py /tmp/sample   # writes the five formats
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from toolkit.charts import bar_chart, line_chart, stacked_bar
from toolkit.document import (
    BulletList,
    Callout,
    CheckItem,
    Checklist,
    Document,
    Figure,
    KeyFigure,
    KeyFigures,
    PageBreak,
    Paragraph,
    Section,
    Span,
    Table,
)

_T = {
    "fr": {
        "title": "Bilan de campagne digitale",
        "subtitle": "Lancement de la gamme « Cafés d'origine » — 1er semestre",
        "ctx": "Contexte et objectifs",
        "p1": "La Brûlerie Sauvage a lancé sa nouvelle gamme en ligne au premier semestre. "
              "L'objectif était de doubler les ventes en ligne tout en maîtrisant le coût d'acquisition. "
              "Ce bilan compare le réalisé au budget et propose des actions correctives.",
        "kpi": "Chiffres clés",
        "res": "Résultats",
        "budget": "Budget par levier",
        "trend": "Évolution du trafic",
        "reco": "Recommandations",
        "annex": "Méthode",
    },
    "en": {
        "title": "Digital campaign review",
        "subtitle": "Launch of the “Single origin” range — first half",
        "ctx": "Context and objectives",
        "p1": "Brûlerie Sauvage launched its new range online in the first half. "
              "The goal was to double online sales while keeping acquisition cost under control. "
              "This review compares actuals with the budget and suggests corrective actions.",
        "kpi": "Key figures",
        "res": "Results",
        "budget": "Budget per channel",
        "trend": "Traffic trend",
        "reco": "Recommendations",
        "annex": "Method",
    },
}


def build_sample_document(lang: str = "fr", *, long_table_rows: int = 15) -> Document:
    """Every block type at least once: nested sections, all column kinds, totals, a long
    table (split over slides), key figures with every status, callouts, a checklist."""
    t = _T[lang]
    fr = lang == "fr"
    channels = ["Google Ads", "Meta Ads", "Emailing", "SEO (contenus)"]
    budget = [4200.0, 2600.0, 900.0, 1500.0]
    actual = [4630.5, 2310.0, 870.25, 1720.0]
    months = [dt.date(2026, m, 1) for m in range(1, 7)]
    fig_budget = Figure.from_matplotlib(
        bar_chart(channels, actual, title=t["budget"], ylabel="Dépenses (€)" if fr else "Spend (€)",
                  kind="currency", lang=lang, highlight=0),
        caption=t["budget"],
        alt=("Google Ads est le premier poste de dépenses (4 630 €), devant Meta Ads (2 310 €)."
             if fr else "Google Ads is the largest spend (€4,630), ahead of Meta Ads (€2,310)."),
        name="budget-levier",
    )
    fig_trend = Figure.from_matplotlib(
        line_chart(months, {"Sessions": [8200, 9100, 12050, 13900, 15200, 16800],
                            "Leads": [210, 260, 390, 420, 510, 560]},
                   title=t["trend"], ylabel="Visites par mois" if fr else "Visits per month",
                   kind="integer", lang=lang),
        caption=t["trend"],
        alt=("Les sessions doublent de janvier à juin (8 200 à 16 800 par mois)."
             if fr else "Sessions double from January to June (8,200 to 16,800 a month)."),
        name="trafic",
    )
    fig_mix = Figure.from_matplotlib(
        stacked_bar(["T1", "T2"], {c: [b / 2, b / 2] for c, b in zip(channels, budget, strict=True)},
                    title="Mix média" if fr else "Media mix", ylabel="Budget (€)", kind="currency",
                    lang=lang),
        caption="Mix média par trimestre" if fr else "Media mix per quarter",
        alt="Répartition identique du budget sur les deux trimestres." if fr else "Same split in both quarters.",
        name="mix",
    )
    table_budget = Table(
        columns=("Levier" if fr else "Channel", "Budget", "Réalisé" if fr else "Actual",
                 "Écart" if fr else "Variance", "Taux" if fr else "Rate", "Conversions",
                 "Début" if fr else "Start"),
        rows=tuple((c, b, a, a - b, (a - b) / b, n, dt.date(2026, 1, 5 + i))
                   for i, (c, b, a, n) in enumerate(zip(channels, budget, actual, [310, 190, 75, 140], strict=True))),
        kinds=("text", "currency", "currency", "currency", "percent", "integer", "date"),
        caption="Budget et réalisé par levier" if fr else "Budget and actuals per channel",
        totals=("Budget", "Réalisé" if fr else "Actual", "Écart" if fr else "Variance", "Conversions"),
        source="Exports Google Ads et Meta, juin 2026" if fr else "Google Ads and Meta exports, June 2026",
        name="Budget",
    )
    long_table = Table(
        columns=("Semaine" if fr else "Week", "Sessions", "Taux de conversion" if fr else "Conversion rate"),
        rows=tuple((f"S{w:02d}", 1000 + 37 * w, 0.018 + w / 2000) for w in range(1, long_table_rows + 1)),
        kinds=("text", "integer", "percent"),
        caption="Trafic hebdomadaire" if fr else "Weekly traffic",
        totals=("Sessions",),
        name="Trafic hebdo" if fr else "Weekly traffic",
    )
    kpis = KeyFigures([
        KeyFigure("Chiffre d'affaires en ligne" if fr else "Online revenue", 48250.0, "currency",
                  change=0.42, status="good"),
        KeyFigure("Coût d'acquisition" if fr else "Acquisition cost", 23.4, "currency",
                  change=0.08, status="warning", note="objectif 20 €" if fr else "target €20"),
        KeyFigure("Taux de conversion" if fr else "Conversion rate", 0.031, "percent",
                  change=0.4, change_kind="points", status="good"),
        KeyFigure("Désabonnements" if fr else "Unsubscribes", 412, "integer", unit="contacts",
                  change=0.35, status="bad"),
        KeyFigure("Avis clients" if fr else "Reviews", 4.6, "number", unit="/ 5", status="neutral", decimals=1),
    ], caption=t["kpi"])
    checklist = Checklist("Grille d'auto-évaluation" if fr else "Self-evaluation grid", [
        CheckItem("Les objectifs sont SMART" if fr else "Objectives are SMART", "met",
                  "Section 1 : 3 objectifs chiffrés et datés" if fr else "Section 1: 3 dated, quantified objectives",
                  ref="C.3.1", group="Bilan"),
        CheckItem("Les écarts sont expliqués" if fr else "Variances are explained", "partial",
                  "2 écarts sur 4 commentés" if fr else "2 of 4 variances explained",
                  hint="Commenter Meta Ads et SEO" if fr else "Explain Meta Ads and SEO", ref="C.3.2", group="Bilan"),
        CheckItem("Le ROI est calculé" if fr else "ROI is computed", "missing",
                  hint="Ajouter la marge brute" if fr else "Add the gross margin", ref="C.3.3", group="Bilan"),
        CheckItem("La présentation est claire" if fr else "The presentation is clear", "todo",
                  hint="À juger par un relecteur" if fr else "For a human reviewer to judge", ref="C.3.4",
                  group="Forme" if fr else "Form"),
    ])
    return Document(
        title=t["title"],
        subtitle=t["subtitle"],
        client="Brûlerie Sauvage",
        author="Agence Exemple",
        date=dt.date(2026, 11, 29),
        lang=lang,  # type: ignore[arg-type]
        kind="bilan",
        sections=(
            Section(t["ctx"], (
                Paragraph(t["p1"], style="lead"),
                Paragraph("Voir la " if fr else "See the ",
                          Span("charte de marque", href="https://example.org/charte") if fr
                          else Span("brand book", href="https://example.org/charte"),
                          " et le " if fr else " and the ", Span("brief", bold=True), " ",
                          Span("(version 2)", italic=True), "."),
                BulletList(["Doubler les ventes en ligne en 6 mois" if fr else "Double online sales in 6 months",
                            "Coût d'acquisition sous 20 €" if fr else "Acquisition cost under €20",
                            "Lancer la newsletter mensuelle" if fr else "Launch the monthly newsletter"]),
                BulletList(["Audit", "Plan", "Action", "Bilan" if fr else "Review"], ordered=True),
                Callout("info", "Périmètre" if fr else "Scope",
                        "Boutique en ligne uniquement ; les ventes en magasin sont hors périmètre."
                        if fr else "Online shop only; in-store sales are out of scope."),
            )),
            Section(t["res"], (
                kpis,
                Paragraph("Les ventes en ligne progressent de 42 % ; le coût d'acquisition reste au-dessus de l'objectif."
                          if fr else "Online sales grew 42%; acquisition cost stays above target."),
                Section(t["budget"], (
                    Paragraph("Google Ads dépasse son budget de 10 % ; Meta Ads reste en dessous."
                              if fr else "Google Ads overspent by 10%; Meta Ads stayed under budget."),
                    fig_budget,
                    table_budget,
                )),
                Section(t["trend"], (
                    fig_trend,
                    Paragraph("Le trafic double sur la période, porté par le SEO." if fr
                              else "Traffic doubled over the period, driven by SEO."),
                    Section("Détail hebdomadaire" if fr else "Weekly detail", (long_table,)),
                )),
                Callout("warning", "Coût d'acquisition" if fr else "Acquisition cost",
                        ["Le coût d'acquisition dépasse l'objectif de 17 %." if fr
                         else "Acquisition cost is 17% over target.",
                         "Réduire les enchères sur les mots-clés génériques." if fr
                         else "Lower bids on generic keywords."]),
            )),
            Section(t["reco"], (
                Paragraph("Trois actions prioritaires pour le second semestre." if fr
                          else "Three priority actions for the second half."),
                BulletList(["Réallouer 15 % du budget Meta vers l'emailing" if fr else "Move 15% of Meta budget to email",
                            "Tester deux nouvelles accroches" if fr else "Test two new hooks",
                            "Mesurer la marge par levier" if fr else "Measure margin per channel"]),
                Callout("success", "Point fort" if fr else "Strength",
                        "La newsletter atteint 38 % d'ouverture." if fr else "The newsletter reaches a 38% open rate."),
                Callout("danger", "Risque" if fr else "Risk",
                        "Dépendance forte à Google Ads." if fr else "Strong dependency on Google Ads."),
                PageBreak(),
                fig_mix,
            )),
            Section(t["annex"], (
                Paragraph("Les écarts sont calculés comme réalisé − budget (positif = dépassement)." if fr
                          else "Variances are actual − budget (positive = overspend).", style="small"),
                Paragraph("« Ce qui ne se mesure pas ne s'améliore pas. »" if fr
                          else "“What gets measured gets managed.”", style="quote"),
                checklist,
            ), appendix=True, notes="Annexe à lire si le jury pose des questions de méthode." if fr
               else "Appendix for method questions."),
        ),
    )


if __name__ == "__main__":  # pragma: no cover - manual visual check
    from toolkit.render import render

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/render-sample")
    for lg in ("fr", "en"):
        for p in render(build_sample_document(lg), out, f"sample-{lg}"):
            print(p)
