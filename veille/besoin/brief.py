"""The "note de cadrage": the client's need, formalised from ``case.yaml`` (bloc 1, C.2.1–C.2.3).

It restates who the client is (raison d'être, values, RSE commitments, offer, positioning), the
request verbatim, the objectives, the constraints system (budget, team, tools, digital maturity,
dates), the competitors and the data available for the mission — facts only, taken from the
case. What only the project team can write (the reformulated problem, explicit vs implicit
expectations, the solutions compared) is flagged "à compléter", never invented.

It is also the toolkit's sample deliverable: ``toolkit demo`` renders it in all five formats.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.case import Case
from toolkit.document import (
    BulletList,
    Callout,
    Decision,
    Document,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Span,
    Table,
)
from toolkit.errors import ToolkitError
from toolkit.fmt import fmt_currency, fmt_date, fmt_file
from toolkit.grid import Evidence, grid_checklist
from toolkit.i18n import per_lang, tr

__all__ = ["brief_evidence", "build_brief_document", "data_inventory"]

_MATURITY = per_lang({"faible": "faible", "moyenne": "moyenne", "bonne": "bonne", "forte": "forte"})

_T = per_lang({
        "title": "Note de cadrage",
        "subtitle": "Expression formalisée du besoin",
        "client": "Le client",
        "purpose": "Raison d'être",
        "values": "Valeurs",
        "rse": "Engagements RSE",
        "offer": "Offre",
        "positioning": "Positionnement",
        "request": "La demande",
        "request_intro": "La demande telle que le client l'a formulée :",
        "objectives": "Objectifs exprimés par le client",
        "expectations": "Attentes explicites et implicites — à compléter",
        "expectations_body": "Distinguez ce que le client demande (explicite) de ce qu'il sous-entend "
                             "(implicite), après entretien avec lui. L'outil ne l'invente pas.",
        "constraints": "Contraintes",
        "constraint": "Contrainte",
        "value": "Valeur",
        "budget": "Enveloppe budgétaire (HT)",
        "team": "Équipe",
        "tools": "Outils en place",
        "maturity": "Maturité digitale",
        "period": "Période de la mission",
        "geography": "Zone géographique",
        "weeks": "Durée de la mission",
        "n_comp": "Concurrents identifiés",
        "n_obj": "Objectifs exprimés",
        "competition": "Environnement concurrentiel",
        "comp_caption": "Concurrents identifiés et leur positionnement",
        "name": "Concurrent",
        "site": "Site",
        "data": "Données disponibles",
        "data_intro": "Fichiers du client déclarés pour la mission, lus par l'outil :",
        "file": "Fichier",
        "role": "Usage",
        "rows": "Lignes",
        "status": "État",
        "data_caption": "Inventaire des données de la mission",
        "no_data": "Aucun fichier de données n'est encore déclaré pour la mission (réglages du cas, rubrique données).",
        "fig_caption": "Volume des données disponibles par fichier",
        "fig_alt": "Diagramme en barres horizontales du nombre de lignes de chaque fichier de données : {top}.",
        "problem": "Problématique — à compléter",
        "problem_body": "Reformulez la problématique du client en une question, puis validez-la avec lui. "
                        "Comparez ensuite deux ou trois solutions (avantages, limites, coût, délai) "
                        "avant de préconiser celle qui répond le mieux aux contraintes.",
        "grid": "Auto-évaluation",
        "undefined": "non renseigné",
        "weeks_unit": "semaines",
        "readable": "lisible",
        "total": "Total",
        "rows_axis": "Nombre de lignes",
    }, context="needs analysis")

_ROLES = per_lang({"customers": "Fichier clients", "transactions": "Transactions", "actuals": "Export plateforme",
           "mentions": "Avis et mentions", "benchmarks": "Références de marché"})


def data_inventory(case: Case) -> list[tuple[str, str, int | None, str]]:
    """``(relative path, role key, rows or None, status)`` for each data file in case.yaml."""
    d = case.config.data
    named: list[tuple[str, str]] = []
    if d.customers:
        named.append((d.customers, "customers"))
    if d.transactions:
        named.append((d.transactions, "transactions"))
    named += [(f, "actuals") for f in d.actuals]
    if d.mentions:
        named.append((d.mentions, "mentions"))
    if d.benchmarks:
        named.append((d.benchmarks, "benchmarks"))
    out: list[tuple[str, str, int | None, str]] = []
    for rel, role in named:
        path = case.path(rel)
        if not path.exists():
            out.append((rel, role, None, "missing"))
            continue
        try:
            from toolkit.io import read_table

            result = read_table(path)
            out.append((rel, role, int(result.report.rows_kept), "ok"))
        except ToolkitError as exc:
            out.append((rel, role, None, exc.message))
    return out


def _inventory_figure(inv: list[tuple[str, str, int | None, str]], lang: str) -> Figure | None:
    rows = [(fmt_file(rel, lang), n) for rel, _, n, _ in inv if n]
    if not rows:
        return None
    from toolkit.charts import format_axis, new_figure
    from toolkit.fmt import fmt_integer

    t = _T[lang]
    rows.sort(key=lambda r: r[1])
    fig, ax = new_figure(7.5, 0.5 + 0.45 * len(rows))
    ax.barh([r[0] for r in rows], [r[1] for r in rows], color="#0072B2")
    ax.set_xlabel(t["rows_axis"])
    ax.set_title(t["fig_caption"])
    format_axis(ax, "x", "integer", lang)  # type: ignore[arg-type]
    ax.grid(axis="y", visible=False)
    top = ", ".join(f"{name} {fmt_integer(n, lang)}" for name, n in reversed(rows))  # type: ignore[arg-type]
    return Figure.from_matplotlib(fig, t["fig_caption"], t["fig_alt"].format(top=top), name="donnees")


def _client_section(case: Case, lang: str) -> Section:
    """Who the client is: description, raison d'être, positioning, values, CSR, offer."""
    t = _T[lang]
    client = case.config.client
    identity: list = []
    if client.description:
        identity.append(Paragraph(client.description, style="lead"))
    if client.raison_detre:
        identity.append(Paragraph(Span(tr(lang, "{label} : ", label=t["purpose"]), bold=True),
                                  client.raison_detre))
    if client.positioning:
        identity.append(Paragraph(Span(t["positioning"] + (" : " if lang == "fr" else ": "), bold=True),
                                  client.positioning))
    sub: list[Section] = []
    for key, items in (("values", client.values), ("rse", client.rse_commitments), ("offer", client.offer)):
        if items:
            sub.append(Section(t[key], [BulletList(items)], slide=False))

    return Section(t["client"], [*identity, *sub])


def _request_section(case: Case, lang: str) -> Section:
    """The request verbatim, the objectives, and the expectations left to the team."""
    t = _T[lang]
    brief, undefined = case.config.brief, t["undefined"]
    return Section(t["request"], [
        Paragraph(t["request_intro"]),
        Paragraph(brief.request.strip() or undefined, style="quote"),
        Section(t["objectives"], [BulletList(brief.objectives)] if brief.objectives else [Paragraph(undefined)],
                slide=False),
        Callout("warning", t["expectations"], t["expectations_body"]),
    ])


def _constraints_section(case: Case, lang: str) -> Section:
    """The constraints system: budget, duration, team, tools, digital maturity, period, geography."""
    t = _T[lang]
    cfg = case.config
    client, brief, cons = cfg.client, cfg.brief, cfg.brief.constraints
    weeks = None
    if cons.start and cons.deadline:
        weeks = round((cons.deadline - cons.start).days / 7)
    tiles = [
        KeyFigure(t["budget"], cons.budget, kind="currency", currency=cons.currency),
        KeyFigure(t["weeks"], weeks, kind="integer", unit=t["weeks_unit"]),
        KeyFigure(t["n_obj"], len(brief.objectives), kind="integer"),
        KeyFigure(t["n_comp"], len(cfg.competitors), kind="integer",
                  status="good" if len(cfg.competitors) >= 3 else "warning"),
    ]
    undefined = t["undefined"]
    period = (f"{fmt_date(cons.start, lang)} → {fmt_date(cons.deadline, lang)}"
              if cons.start and cons.deadline else undefined)
    constraint_rows = [
        (t["budget"], fmt_currency(cons.budget, lang, cons.currency, 0) if cons.budget is not None else undefined),
        (t["team"], cons.team or undefined),
        (t["tools"], ", ".join(cons.tools) or undefined),
        (t["maturity"], _MATURITY[lang].get(cons.digital_maturity or "", undefined)),
        (t["period"], period),
        (t["geography"], ", ".join(client.geography) or undefined),
    ] + [("—", o) for o in cons.other]
    constraints = Table(columns=(t["constraint"], t["value"]), rows=tuple(constraint_rows),
                        kinds=("text", "text"), caption=t["constraints"], name=t["constraints"])

    return Section(t["constraints"], [KeyFigures(tiles), constraints])


def _competition_section(case: Case, lang: str) -> Section:
    """The competitors named in case.yaml."""
    t = _T[lang]
    cfg = case.config
    comp_rows = tuple((c.name, c.positioning, c.website) for c in cfg.competitors)
    competitors = Table(columns=(t["name"], t["positioning"], t["site"]), rows=comp_rows,
                        kinds=("text", "text", "text"), caption=t["comp_caption"], name=t["competition"])

    return Section(t["competition"], [competitors])


def _data_section(case: Case, lang: str) -> Section:
    """The data available for the mission, as read by the toolkit."""
    t = _T[lang]
    inv = data_inventory(case)
    data_blocks: list = []
    if inv:
        roles = _ROLES[lang]
        data_rows = tuple(
            (fmt_file(rel, lang), roles[role], n, t["readable"] if status == "ok" else status) for rel, role, n, status in inv
        )
        data_blocks += [
            Paragraph(t["data_intro"]),
            Table(columns=(t["file"], t["role"], t["rows"], t["status"]), rows=data_rows,
                  kinds=("text", "text", "integer", "text"), caption=t["data_caption"],
                  totals=(t["rows"],), totals_label=t["total"], name=t["data"]),
        ]
        fig = _inventory_figure(inv, lang)
        if fig is not None:
            data_blocks.append(fig)
    else:
        data_blocks.append(Callout("info", t["data"], t["no_data"]))

    return Section(t["data"], data_blocks)


def _grid_evidence(case: Case, lang: str) -> dict[str, Evidence]:
    """The note's evidence; the target audience is measured from personas.yaml by the personas
    module (same rule as `toolkit check`), found through its public hook."""
    from toolkit.modules import hook

    evidence: dict[str, Evidence] = dict(brief_evidence(case, lang))
    personas_evidence = hook("evidence", module="personas")
    if personas_evidence is not None:
        evidence.update({k: v for k, v in personas_evidence(case, lang).items() if k.startswith("besoin.")})
    return evidence


def build_brief_document(case: Case, lang: str | None = None) -> Document:
    """Build the note de cadrage of ``case`` as a :class:`Document` (one builder per section)."""
    lang = lang or case.lang
    t = _T[lang]
    cfg = case.config
    sections = (
        _client_section(case, lang),
        _request_section(case, lang),
        _constraints_section(case, lang),
        _competition_section(case, lang),
        _data_section(case, lang),
        Section(t["problem"], [Callout("info", t["problem"], t["problem_body"])]),
        _decision_section(case, lang),
        Section(t["grid"], [grid_checklist("besoin", _grid_evidence(case, lang), lang)], appendix=True),
    )
    return Document(
        title=t["title"],
        subtitle=t["subtitle"],
        client=cfg.client.name,
        author=cfg.output.author,
        lang=lang,  # type: ignore[arg-type]
        sections=sections,
        kind="besoin",
    )


def _decision_section(case: Case, lang: str) -> Section:
    """What the client validates at the end of the scoping: the deck's closing slide."""
    brief, cons = case.config.brief, case.config.brief.constraints
    points = [(tr(lang, "Valider la reformulation de la demande et les objectifs retenus ({n}).", n=len(brief.objectives))
                 if brief.objectives else tr(lang, "Valider la reformulation de la demande et les objectifs retenus."))]
    if cons.budget is not None or (cons.start and cons.deadline):
        parts = []
        if cons.budget is not None:
            parts.append(fmt_currency(cons.budget, lang, cons.currency, 0))
        if cons.start and cons.deadline:
            parts.append(tr(lang, "du {start} au {deadline}", start=fmt_date(cons.start, lang), deadline=fmt_date(cons.deadline, lang)))
        points.append(tr(lang, "Confirmer le cadre de la mission : {parts}.", parts=', '.join(parts)))
    points.append(tr(lang, "Donner accès aux données listées et nommer l'interlocuteur de chaque source."))
    points.append(tr(lang, "Fixer les dates des entretiens qui préciseront le besoin."))
    return Section(tr(lang, "Décision attendue"),
                   [Decision(tr(lang, "Valider le cadrage de la mission"), points)])


def brief_evidence(case: Case, lang: str = "fr") -> dict[str, Evidence]:
    """Evidence for the measurable criteria of the "besoin" grid (A.2) from ``case.yaml``.

    A pure function of the case (the report builder and ``toolkit check`` call it). The
    target audience (``public_cible``) is measured from the personas, by the personas module.
    """
    cfg = case.config
    client = cfg.client
    return {
        "dimensions": _dimensions_evidence(case, lang),
        "contraintes": _constraints_evidence(cfg, lang),
        "specificites_client": Evidence(
            "met" if client.offer and client.positioning and client.values else "partial",
            tr(lang, "{offer} offre(s), positionnement {value}, {values} valeur(s)", offer=len(client.offer), value='décrit' if client.positioning else 'absent', values=len(client.values), value_2='given' if client.positioning else 'missing'),
            "" if client.offer and client.positioning and client.values else tr(lang, "Décrivez offre, positionnement et valeurs du client (réglages du cas, fiche client).")),
        "positionnement_valeurs": _positioning_evidence(cfg, lang),
    }


def _dimensions_evidence(case: Case, lang: str) -> Evidence:
    """Beyond the quoted request: objectives, constraints, competitive context and target."""
    cfg = case.config
    brief = cfg.brief
    cons = brief.constraints
    has_target = (Path(case.root) / "personas.yaml").exists() or bool(cfg.data.customers)
    dims = {
        tr(lang, "objectifs"): bool(brief.objectives),
        tr(lang, "contraintes"): cons.budget is not None or cons.deadline is not None,
        tr(lang, "contexte concurrentiel"): bool(cfg.competitors),
        tr(lang, "cible"): has_target,
    }
    found = [k for k, ok in dims.items() if ok]
    missing = [k for k, ok in dims.items() if not ok]
    if not brief.request.strip():
        return Evidence("missing", tr(lang, "demande du client absente"),
                        tr(lang, "Citez la demande du client (réglages du cas, demande)."))
    text = tr(lang, "demande citée ; {found}/4 dimensions identifiées ({found_2})", found=len(found), found_2=', '.join(found) or '—')
    if missing:
        return Evidence("partial", text, tr(lang, "Identifiez aussi : {missing} (réglages du cas : objectifs, contraintes, concurrents ; cible : le livrable personas).", missing=', '.join(missing)))
    return Evidence("met", text)


def _positioning_evidence(cfg, lang: str) -> Evidence:
    client = cfg.client
    positioned = [c for c in cfg.competitors if c.positioning]
    ok = bool(client.raison_detre) and bool(client.rse_commitments) and len(positioned) >= 3
    text = tr(lang, "raison d'être {value}, {rse_commitments} engagement(s) RSE, {positioned} concurrent(s) positionné(s)", value='présente' if client.raison_detre else 'absente', rse_commitments=len(client.rse_commitments), positioned=len(positioned), value_2='given' if client.raison_detre else 'missing')
    return Evidence("met" if ok else "partial", text, "" if ok else tr(lang, "Renseignez raison d'être, engagements RSE et au moins 3 concurrents positionnés (réglages du cas : fiche client et concurrents)."))


def _constraints_evidence(cfg, lang: str) -> Evidence:
    """Internal constraints (budget, team, tools, maturity) and external ones (deadline, other)."""
    cons = cfg.brief.constraints
    internal = {
        "budget": cons.budget is not None,
        tr(lang, "équipe"): bool(cons.team),
        tr(lang, "outils"): bool(cons.tools),
        tr(lang, "maturité digitale"): cons.digital_maturity is not None,
    }
    external = {
        tr(lang, "échéance"): cons.deadline is not None,
        tr(lang, "contrainte externe (réglementation, marché, saison)"): bool(cons.other),
    }
    n_in, n_ex = sum(internal.values()), sum(external.values())
    missing = [k for k, ok in (internal | external).items() if not ok]
    text = tr(lang, "contraintes internes {n_in}/4, externes {n_ex}/2", n_in=n_in, n_ex=n_ex)
    if not missing:
        return Evidence("met", text)
    text += tr(lang, " ; manquent : ") + ", ".join(missing)
    return Evidence("partial" if n_in + n_ex else "missing", text, tr(lang, "Précisez les contraintes du client : budget, équipe, outils, maturité digitale, échéance et contraintes externes (réglementation, marché, saison)."),
        "case.yaml: brief.constraints (budget, team, tools, digital_maturity, deadline, other)")
