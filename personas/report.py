"""The personas deliverable as a :class:`toolkit.document.Document` (no computing here).

Sections: summary and ranked targets · one card per persona (own page and slide) ·
comparison (table, sizes, standardised profiles) · method (data, preparation, algorithm,
choice of k, quality and stability, target score) · RGPD processing note · self-evaluation
grid · annex on the segment export.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from personas.analysis import PersonasResult, profile_matrix
from personas.model import Persona
from personas.privacy import PII_KINDS
from personas.profile import category_level, feature_label
from personas.segment import SILHOUETTE_TOLERANCE
from toolkit.document import (
    BulletList,
    Callout,
    Card,
    Decision,
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
from toolkit.fmt import fmt_currency, fmt_integer, fmt_number, fmt_percent

__all__ = ["ReportContext", "build_document"]

CRITERIA_LABELS = {
    "socio_demographique": ("Socio-démographique", "Socio-demographic"),
    "comportemental": ("Comportemental", "Behavioural"),
    "intention": ("Intention", "Intention"),
    "affinite": ("Affinité", "Affinity"),
}
_PURPOSE = {
    "socio_demographique": ("décrire qui sont les clients (profil du persona)",
                            "describe who the customers are (persona profile)"),
    "comportemental": ("décrire ce qu'ils achètent, quand et par quel canal",
                       "describe what they buy, when and through which channel"),
    "intention": ("mesurer leurs intentions et leur satisfaction déclarées",
                  "measure their stated intentions and satisfaction"),
    "affinite": ("connaître leurs préférences et affinités", "know their preferences and affinities"),
}
_ROLE_LABELS = {
    "identifier": ("identifiant", "identifier"), "numeric": ("numérique", "numeric"),
    "boolean": ("oui/non", "yes/no"), "categorical": ("catégorielle", "categorical"),
    "date": ("date", "date"), "text": ("texte libre", "free text"), "ignore": ("ignorée", "ignored"),
    "pii": ("donnée directement identifiante", "direct identifier"), "birth_date": ("date de naissance", "birth date"),
    "postal": ("code postal", "postal code"), "ordinal": ("ordonnée (niveaux)", "ordinal (levels)"),
    "birth_year": ("année de naissance", "year of birth"),
}
_REASONS_FR = {
    "customer id: pseudonymised (salted hash)": "identifiant client : pseudonymisé (hachage salé)",
    "exact birth date → age and age band only": "date de naissance exacte → âge et tranche d'âge seulement",
    "postal code → department (exact code is a quasi-identifier)":
        "code postal → département (le code exact est un quasi-identifiant)",
    "free text: not used (may hide personal data, not comparable)":
        "texte libre : non utilisé (peut contenir des données personnelles, non comparable)",
    "free text: only comments written word for word by many customers of a segment are quoted":
        "texte libre : seuls les commentaires écrits mot pour mot par de nombreux clients d'un segment sont cités",
    "excluded in case.yaml": "exclue dans les réglages du cas", "set in case.yaml": "rôle fixé dans les réglages du cas",
    "empty column": "colonne vide", "one value only: tells nothing": "une seule valeur : n'apporte rien",
    "two values (yes/no)": "deux valeurs (oui/non)", "numbers": "nombres",
    "numbers (text, decimal comma accepted)": "nombres (virgule décimale acceptée)",
    "dates → tenure in days": "dates → ancienneté en jours", "one value per customer": "une valeur par client",
    "almost one value per customer: identifies, does not describe":
        "presque une valeur par client : identifie sans décrire",
    "yes/no": "oui/non",
    "ordered levels": "niveaux ordonnés", "year of birth → age": "année de naissance → âge",
    "numbers with a placeholder code": "nombres avec un code « sans valeur » (ex. −1)",
    "second birth-date column: excluded": "deuxième colonne de date de naissance : exclue",
}


@dataclass(frozen=True)
class ReportContext:
    """Case facts the report quotes (no computing)."""

    client: str
    author: str = ""
    objectives: tuple[str, ...] = ()
    customers_file: str | None = None
    transactions_file: str | None = None
    min_segment_size: int = 10
    k_range: tuple[int, int] = (3, 8)
    export_files: tuple[str, ...] = ()
    salt_source: str = ".toolkit/personas_salt.txt"
    warnings: tuple[str, ...] = ()


def _t(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def _crit(c: str | None, lang: str) -> str:
    if c is None:
        return "—"
    return CRITERIA_LABELS.get(c, (c, c))[0 if lang == "fr" else 1]


#: Reasons that name the user's settings file: a client document says "the case settings" (#12).
_REASONS_EN = {"excluded in case.yaml": "excluded in the case settings", "set in case.yaml": "role set in the case settings"}


def _reason(text: str, lang: str) -> str:
    if lang == "en":
        return _REASONS_EN.get(text, text)
    if text.startswith("direct identifier ("):
        kind = text[len("direct identifier ("):].split(")")[0]
        return f"donnée directement identifiante ({PII_KINDS.get(kind, (kind,))[0]}) : exclue"
    m = re.match(r"integer codes \((\d+) values\): categories, not quantities", text)
    if m:
        return f"codes entiers ({m.group(1)} valeurs) : des catégories, pas des quantités"
    m = re.match(r"ordered levels \((\d+)\)", text)
    if m:
        return f"niveaux ordonnés ({m.group(1)}) : rang utilisé, libellés montrés"
    m = re.match(r"exact birth date: excluded \(the file already has an age column, (.+)\)", text)
    if m:
        return f"date de naissance exacte : exclue (le fichier a déjà une colonne d'âge, {m.group(1)})"
    if text.endswith(" categories") or text.endswith("(rare ones grouped)"):
        return text.replace("categories (rare ones grouped)", "catégories (rares regroupées)").replace(
            "categories", "catégories")
    return _REASONS_FR.get(text, text)


def _col(name: str, lang: str, words: dict | None = None) -> str:
    """A column of the client's file as the client reads it (``budget_mensuel_declare`` →
    « budget mensuel déclaré »), the user's label first (``personas.labels``): a document shows no
    raw code."""
    label = feature_label(name, lang, words=words)
    return label[:1].upper() + label[1:]


def _salt_place(source: str, lang: str) -> str:
    """Where the salt is kept, in words (the settings file or the tool's working folder)."""
    if "case.yaml" in source:
        return _t(lang, "dans les réglages du cas", "in the case settings")
    return _t(lang, "dans un fichier du dossier de travail, hors livrable", "in a file of the working folder, outside the deliverable")


def _first_split_text(res: PersonasResult, name: dict[str, str], lang: str) -> str | None:
    """The file's first split into two groups, in words, when it is much stronger than the chosen
    segments (see :class:`personas.segment.FirstSplit`): which personas each group holds and what
    separates the groups most. ``None`` otherwise."""
    split = res.segmentation.first_split
    if split is None or not split.strong:
        return None
    fr = lang == "fr"
    groups = []
    for side, letter in ((0, "A"), (1, "B")):
        ids = [f.id for f in res.facts if split.sides[f.segment] == side]
        who = ", ".join(f"{i} « {name[i]} »" if fr else f"{i} “{name[i]}”" for i in ids) or "—"
        share = fmt_percent(split.shares[side], lang, 0)
        groups.append(f"groupe {letter} ({share} des clients) : {who}" if fr
                      else f"group {letter} ({share} of customers): {who}")
    traits = []
    for feature, level, effect in split.traits:
        label = feature_label(feature, lang, words=res.stats.words)
        where = "A" if effect > 0 else "B"
        if level is not None:
            traits.append(f"{label} : {category_level(level, lang)} (surtout dans le groupe {where})" if fr
                          else f"{label}: {category_level(level, lang)} (mostly in group {where})")
        else:
            traits.append(f"{label} (groupe {where} au-dessus)" if fr else f"{label} (group {where} above)")
    s2, sk = fmt_number(split.silhouette, lang, 2), fmt_number(split.silhouette_chosen, lang, 2)
    k = len(res.facts)
    if fr:
        return (f"Le fichier se partage d'abord en deux grands groupes, plus nettement qu'en {k} segments "
                f"(silhouette {s2} contre {sk}, stabilité {fmt_number(split.stability, lang, 2)}) : "
                + " ; ".join(groups) + "."
                + (" Ce qui les sépare le plus : " + ", ".join(traits) + "." if traits else "")
                + f" Les {k} personas détaillent ces deux groupes : deux personas seulement seraient trop "
                  "larges pour choisir un message ou un canal (pour les obtenir, autorisez deux personas dans "
                  "les réglages).")
    return (f"The file first splits into two large groups, more clearly than into {k} segments "
            f"(silhouette {s2} vs {sk}, stability {fmt_number(split.stability, lang, 2)}): "
            + "; ".join(groups) + "."
            + (" What separates them most: " + ", ".join(traits) + "." if traits else "")
            + f" The {k} personas detail these two groups: two personas only would be too broad to choose a "
              "message or a channel (to get them, allow two personas in the settings).")


def _stability_word(ari: float, lang: str) -> str:
    if ari >= 0.8:
        return _t(lang, "stable", "stable")
    if ari >= 0.6:
        return _t(lang, "moyennement stable", "moderately stable")
    return _t(lang, "instable : à lire avec prudence", "unstable: read with caution")


def _persona_section(p: Persona, f, lang: str, last: bool = False) -> Section:
    """One persona as a card (one page, one slide): portrait, quote, key figures, and side by side
    goals, frustrations, channels, values and the traits that set the segment apart; the
    details (rank, draft portrait, other traits) follow the card."""
    todo = _t(lang, "à compléter dans le fichier des personas", "to complete in the personas file")
    figs = [
        KeyFigure(_t(lang, "Clients", "Customers"), f.size, "integer"),
        KeyFigure(_t(lang, "Part des clients", "Share of customers"), f.share, "percent"),
    ]
    if f.value_tier:
        per = []
        if f.mean_value is not None:
            per.append(_t(lang, f"{fmt_currency(f.mean_value, lang, f.currency, 0)} par client",
                          f"{fmt_currency(f.mean_value, lang, f.currency, 0)} per customer"))
        if getattr(f, "mean_purchases", None) is not None:
            per.append(_t(lang, f"{fmt_number(f.mean_purchases, lang, 1)} achats",
                          f"{fmt_number(f.mean_purchases, lang, 1)} purchases"))
        figs.append(KeyFigure(_t(lang, "Valeur (RFM)", "Value (RFM)") if f.rfm_score is not None
                              else _t(lang, "Valeur", "Value"), f.value_tier, "text", note=" · ".join(per)))
    if f.revenue_share is not None:
        figs.append(KeyFigure(_t(lang, "Part du CA", "Revenue share"), f.revenue_share, "percent"))
    figs.append(KeyFigure(_t(lang, "Rang de cible", "Target rank"), f.rank, "integer",
                          note=_t(lang, f"score {fmt_number(f.score, lang, 0)}/100",
                                  f"score {fmt_number(f.score, lang, 0)}/100")))
    draft = f.draft or {}
    mark = _t(lang, " (brouillon)", " (draft)")
    user_wrote = bool(p.quote or p.goals or p.frustrations or p.preferred_channels or p.values)
    fields: list[tuple[str, list[str]]] = []
    missing = []
    observed = list(f.channels)[:4]
    for label, items, proposed in (
        (_t(lang, "Objectifs", "Goals"), p.goals, draft.get("goals")),
        (_t(lang, "Freins", "Frustrations"), p.frustrations, draft.get("frustrations")),
        (_t(lang, "Canaux préférés", "Preferred channels"), p.preferred_channels, draft.get("channels")),
        (_t(lang, "Valeurs", "Values"), p.values, None),
    ):
        if items:
            fields.append((label, list(items)[:4]))
        elif proposed:
            fields.append((label + mark, list(proposed)[:4]))
        else:
            missing.append(label)
    if not any(x[0].startswith(_t(lang, "Canaux préférés", "Preferred channels")) for x in fields) and observed:
        fields.append((_t(lang, "Canaux observés", "Observed channels"), observed))
    traits = [(crit, list(f.by_criterion.get(crit, ()))[:3]) for crit in
              ("socio_demographique", "comportemental", "intention", "affinite")]
    in_card = [(c, items) for c, items in traits if items][: max(0, 6 - len(fields))]
    fields += [(_crit(c, lang), items) for c, items in in_card]
    blocks: list = [Card(portrait=p.description or f.description, quote=p.quote or "", figures=figs, fields=fields)]
    rest = [(c, items) for c, items in traits if items and (c, items) not in in_card]
    if rest:
        blocks.append(BulletList([f"{_crit(c, lang)} : {', '.join(items)}" if lang == "fr"
                                  else f"{_crit(c, lang)}: {', '.join(items)}" for c, items in rest]))
    if f.why:
        blocks.append(Paragraph(Span(_t(lang, "Rang de cible : ", "Target rank: "), bold=True),
                                f"{f.rank} — {f.why}."))
    if not p.description_edited and not user_wrote and draft.get("portrait"):
        blocks.append(Paragraph(Span(_t(lang, "Portrait", "Portrait") + _t(lang, " (brouillon — à valider) : ", " (draft — to validate): "),
                                     bold=True), str(draft["portrait"])))
    if not p.quote:
        missing.append(_t(lang, "citation", "quote"))
    if missing or any(name.endswith(mark) for name, _ in fields):
        blocks.append(Callout("info", todo.capitalize(), _t(
            lang, "les parties marquées « brouillon » sont déduites des données ; réécrivez-les "
                  "dans le fichier des personas (elles sont alors conservées)"
            + (f" ; à écrire : {', '.join(missing).lower()}" if missing else "") + ".",
            "parts marked “draft” are derived from the data; rewrite them in the personas file "
            "(they are then kept)" + (f"; to write: {', '.join(missing).lower()}" if missing else "") + ".")))
    if not last:  # each card on its own page: the break after it (before, it left the title alone on a page)
        blocks.append(PageBreak())
    notes = " ".join(f.trait_texts[:8])
    return Section(f"{p.id} — {p.name}", blocks, notes=notes)


def build_document(
    res: PersonasResult,
    personas: Sequence[Persona],
    ctx: ReportContext,
    figures: dict[str, Figure],
    lang: str = "fr",
    date: _dt.date | None = None,
) -> Document:
    """Assemble the deliverable from computed results, merged personas and rendered charts."""
    by_id = {p.id: p for p in personas}
    name = {f.id: (by_id[f.id].name if f.id in by_id else f.name) for f in res.facts}
    sections = [
        _summary_section(res, ctx, name, lang),
        _cards_section(res, by_id, lang),
        _comparison_section(res, figures, name, lang),
        _method_section(res, ctx, figures, lang),
        _rgpd_section(res, ctx, lang),
        _decision_section(sorted(res.facts, key=lambda f: f.rank), name, personas, lang),  # the deck's closing slide
        _grid_section(res, personas, lang),
        _export_annex(ctx, lang),
    ]
    return Document(
        title=_t(lang, "Personas et hiérarchisation des cibles", "Personas and target ranking"),
        subtitle=_t(lang, "Segmentation RGPD des clients (bloc 1, C.1.4.1)",
                    "GDPR-safe customer segmentation (bloc 1, C.1.4.1)"),
        client=ctx.client, author=ctx.author, lang=lang, kind="personas",
        sections=tuple(sections), **({"date": date} if date else {}),
    )


def _summary_section(res: PersonasResult, ctx: ReportContext, name: dict[str, str], lang: str) -> Section:
    """Summary: key figures, the ranked targets and why each ranks where it does."""
    seg, facts = res.segmentation, res.facts
    ranked = sorted(facts, key=lambda f: f.rank)
    kf = KeyFigures([
        KeyFigure(_t(lang, "Clients analysés", "Customers analysed"), res.n_customers, "integer"),
        KeyFigure("Personas", len(facts), "integer"),
        KeyFigure("Silhouette", seg.silhouette, "number", note=_t(lang, "de −1 à 1", "from −1 to 1")),
        KeyFigure(_t(lang, "Stabilité (ARI)", "Stability (ARI)"), seg.stability_mean, "number",
                  status="good" if seg.stability_mean >= 0.8 else "warning"),
    ])
    top = ranked[0]
    lead = _t(
        lang,
        f"{fmt_integer(res.n_customers, lang)} clients répartis en {len(facts)} segments. Cible prioritaire : "
        f"{top.id} « {name[top.id]} » ({fmt_percent(top.share, lang, 0)} des clients"
        + (f", {fmt_percent(top.revenue_share, lang, 0)} du chiffre d'affaires" if top.revenue_share is not None else "")
        + ").",
        f"{fmt_integer(res.n_customers, lang)} customers in {len(facts)} segments. Priority target: "
        f"{top.id} “{name[top.id]}” ({fmt_percent(top.share, lang, 0)} of customers"
        + (f", {fmt_percent(top.revenue_share, lang, 0)} of revenue" if top.revenue_share is not None else "")
        + ").",
    )
    summary_blocks: list = [Paragraph(lead, style="lead"), kf, _ranking_table(ranked, name, lang),
                            BulletList([f"{f.id} « {name[f.id]} » : {f.why}." if lang == "fr"
                                        else f"{f.id} “{name[f.id]}”: {f.why}." for f in ranked if f.why])]
    split = _first_split_text(res, name, lang)
    if split:
        summary_blocks.append(Callout("info", _t(lang, "Deux grands groupes d'abord", "Two large groups first"),
                                      [split]))
    if ctx.warnings:
        summary_blocks.append(Callout("warning", _t(lang, "À vérifier", "To check"), list(ctx.warnings)))
    return Section(_t(lang, "Synthèse", "Summary"), summary_blocks)


def _ranking_table(ranked: list, name: dict[str, str], lang: str) -> Table:
    rank_rows = []
    for f in ranked:
        best = {c: (f.by_criterion.get(c) or ("—",))[0] for c in CRITERIA_LABELS}
        rank_rows.append((f.rank, f.id, name[f.id], f.score / 100, best["socio_demographique"],
                          best["comportemental"], best["intention"], best["affinite"]))
    return Table(
        columns=(_t(lang, "Rang", "Rank"), "Persona", _t(lang, "Nom", "Name"), _t(lang, "Score", "Score"),
                 _crit("socio_demographique", lang), _crit("comportemental", lang), _crit("intention", lang),
                 _crit("affinite", lang)),
        rows=tuple(rank_rows), kinds=("integer", "text", "text", "percent", "text", "text", "text", "text"),
        caption=_t(lang, "Cibles hiérarchisées (score = 0,5 × valeur + 0,3 × adéquation aux objectifs + 0,2 × taille, "
                         "chacun rapporté au meilleur segment ; meilleur score possible = 100 %)",
                   "Ranked targets (score = 0.5 × value + 0.3 × fit with the objectives + 0.2 × size, each relative "
                   "to the best segment; best possible = 100%)"),
        name=_t(lang, "Cibles", "Targets"),
    )


def _cards_section(res: PersonasResult, by_id: dict[str, Persona], lang: str) -> Section:
    """One card per persona, each on its own page and slide."""
    facts = res.facts
    cards = []
    for f in facts:
        p = by_id.get(f.id) or Persona(id=f.id, name=f.name, description=f.description)
        cards.append(_persona_section(p, f, lang, last=f is facts[-1]))
    return Section(_t(lang, "Fiches personas", "Persona cards"), [
        Paragraph(_t(lang, "Une fiche par segment, du plus grand au plus petit. Les traits sont ceux qui "
                           "distinguent le segment de l'ensemble des clients, classés par famille de critères.",
                     "One card per segment, largest first. Traits are what sets the segment apart from all "
                     "customers, grouped by family of criteria.")),
        *cards,
    ], slide=False)


def _comparison_section(res: PersonasResult, figures: dict[str, Figure], name: dict[str, str],
                        lang: str) -> Section:
    """The personas side by side: sizes, value, rank, and their standardised profiles."""
    facts = res.facts
    comp_rows = tuple((f.id, name[f.id], f.size, f.share, f.value_tier or "—", f.revenue_share, f.mean_value,
                       f.rfm_score, f.rank) for f in facts)
    comp = Table(
        columns=("Persona", _t(lang, "Nom", "Name"), _t(lang, "Clients", "Customers"),
                 _t(lang, "Part", "Share"), _t(lang, "Valeur", "Value"), _t(lang, "Part du CA", "Revenue share"),
                 _t(lang, "CA net moyen", "Mean net revenue"), _t(lang, "Score RFM (3-15)", "RFM score (3-15)"),
                 _t(lang, "Rang cible", "Target rank")),
        rows=comp_rows,
        kinds=("text", "text", "integer", "percent", "text", "percent", "currency", "number", "integer"),
        currency=facts[0].currency if facts else "EUR",
        caption=_t(lang, "Comparaison des personas", "Persona comparison"), totals=(
            _t(lang, "Clients", "Customers"),), name=_t(lang, "Comparaison", "Comparison"),
    )
    comp_blocks: list = [comp]
    for key in ("sizes", "heatmap"):
        if key in figures:
            comp_blocks.append(figures[key])
    mat = profile_matrix(res.stats, facts, lang)
    zmat = mat.T.round(2)  # features as rows: stays readable on a page or a slide
    zmat.index.name = _t(lang, "Caractéristique", "Feature")
    zt = Table.from_frame(zmat, index=True, caption=_t(
        lang, "Profils standardisés (écart à la moyenne en écarts-types)",
        "Standardised profiles (difference to the mean in standard deviations)"),
        name=_t(lang, "Profils", "Profiles"))
    comp_blocks.append(zt)
    return Section(_t(lang, "Comparaison des personas", "Persona comparison"), comp_blocks)


def _grid_section(res: PersonasResult, personas: Sequence[Persona], lang: str) -> Section:
    from personas.evidence import personas_evidence
    from toolkit.grid import grid_checklist

    return Section(_t(lang, "Grille d'auto-évaluation", "Self-evaluation grid"),
                   [grid_checklist("personas", personas_evidence(personas, res, lang), lang)])


def _export_annex(ctx: ReportContext, lang: str) -> Section:
    """Annex: the pseudonymised segment export and how to match it in a CRM."""
    exp = [Paragraph(_t(
        lang, "Les affectations client → persona sont exportées avec les identifiants pseudonymisés seulement "
              "(hachage SHA-256 salé), pour un outil d'e-mailing ou de publicité : ",
        "Customer → persona assignments are exported with pseudonymised ids only (salted SHA-256), for an "
        "emailing or ads tool: ") + ", ".join(ctx.export_files) + "."),
        Paragraph(_t(lang, "Pour retrouver vos clients dans votre CRM, calculez la même empreinte avec le même sel "
                           f"({_salt_place(ctx.salt_source, lang)}) ; ne transmettez jamais le sel au prestataire.",
                     "To match customers in your CRM, compute the same hash with the same salt "
                     f"({_salt_place(ctx.salt_source, lang)}); never share the salt with the provider."))]
    return Section(_t(lang, "Export des segments", "Segment export"), exp, appendix=True)


def _decision_section(ranked: list, name: dict[str, str], personas: Sequence[Persona], lang: str) -> Section:
    """What the client is asked to validate: the priority targets, the cards, the data processing."""
    top = ranked[0]
    points = [_t(lang, f"Retenir {top.id} « {name[top.id]} » comme cible prioritaire du plan "
                       f"({fmt_percent(top.share, lang, 0)} des clients"
                       + (f", {fmt_percent(top.revenue_share, lang, 0)} du chiffre d'affaires" if top.revenue_share is not None else "")
                       + ").",
                 f"Adopt {top.id} “{name[top.id]}” as the plan's priority target ({fmt_percent(top.share, lang, 0)} of customers"
                 + (f", {fmt_percent(top.revenue_share, lang, 0)} of revenue" if top.revenue_share is not None else "") + ").")]
    if len(ranked) > 1:
        second = ", ".join(f"{f.id} « {name[f.id]} »" if lang == "fr" else f"{f.id} “{name[f.id]}”" for f in ranked[1:3])
        points.append(_t(lang, f"Confirmer les cibles secondaires : {second}.", f"Confirm the secondary targets: {second}."))
    unfinished = [p.id for p in personas if not (p.quote and p.goals and p.frustrations)]
    points.append(_t(lang, "Valider les fiches personas" + (f" après avoir complété {', '.join(unfinished)} "
                                                            "(citation, objectifs, freins)" if unfinished else "") + ".",
                     "Approve the persona cards" + (f" once {', '.join(unfinished)} are completed (quote, goals, "
                                                     "frustrations)" if unfinished else "") + "."))
    points.append(_t(lang, "Compléter la fiche de traitement (base légale, durée de conservation) et la signer.",
                     "Complete the processing record (legal basis, retention) and sign it."))
    return Section(_t(lang, "Décision attendue", "Decision expected"),
                   [Decision(_t(lang, "Valider les cibles et les fiches personas", "Approve the targets and the persona cards"),
                             points)])


def _method_section(res: PersonasResult, ctx: ReportContext, figures: dict[str, Figure], lang: str) -> Section:
    """Method: the data, its preparation, the choice of k, quality and stability, traits and score."""
    blocks = [*_method_data(res, ctx, lang), *_method_preparation(res, lang),
              *_method_choice_of_k(res, ctx, figures, lang), *_method_quality(res, figures, lang),
              *_method_traits(res, ctx, lang)]
    return Section(_t(lang, "Méthode", "Method"), blocks)


def _method_data(res: PersonasResult, ctx: ReportContext, lang: str) -> list:
    """The files read, the rows left out and the role of each column."""
    prep = res.prepared
    data_items = []
    if ctx.customers_file:
        data_items.append(_t(lang, f"Fichier clients : {ctx.customers_file} ({fmt_integer(res.n_customers, lang)} "
                                   "clients analysés).",
                             f"Customer file: {ctx.customers_file} ({fmt_integer(res.n_customers, lang)} "
                             "customers analysed)."))
    if prep is not None and prep.tx is not None:
        tx = prep.tx
        data_items.append(_t(
            lang,
            f"Transactions : {ctx.transactions_file} — {fmt_integer(tx.rows, lang)} lignes, "
            f"{fmt_integer(tx.rows_used, lang)} utilisées, dont {fmt_integer(tx.returns, lang)} retours ou "
            f"annulations (factures « C… », quantités négatives) ; période du "
            f"{tx.start:%d/%m/%Y} au {tx.end:%d/%m/%Y}.",
            f"Transactions: {ctx.transactions_file} — {fmt_integer(tx.rows, lang)} rows, "
            f"{fmt_integer(tx.rows_used, lang)} used, of which {fmt_integer(tx.returns, lang)} returns or "
            f"cancellations (“C…” invoices, negative quantities); period {tx.start:%Y-%m-%d} to {tx.end:%Y-%m-%d}."))
        for reason, count in tx.dropped.items():
            rows = ", ".join(str(r) for r in tx.dropped_examples.get(reason, ()))
            data_items.append(_t(lang, f"{fmt_integer(count, lang)} lignes de transactions écartées ({reason}) : "
                                       f"lignes {rows}…",
                                 f"{fmt_integer(count, lang)} transaction rows left out ({reason}): rows {rows}…"))
    blocks: list = [Paragraph(Span(_t(lang, "Données", "Data"), bold=True)), BulletList(data_items or ["—"])]
    if prep is not None:
        rows = tuple((_col(c.column, lang, res.stats.words), _ROLE_LABELS.get(c.role, (c.role, c.role))[0 if lang == "fr" else 1],
                      _crit(c.criterion, lang) if c.used else "—", _t(lang, "oui", "yes") if c.used else
                      _t(lang, "non", "no"), c.missing, _reason(c.reason, lang) + _repeats(res, c.column, lang))
                     for c in prep.columns)
        blocks.append(Table(
            columns=(_t(lang, "Colonne", "Column"), _t(lang, "Rôle", "Role"), _t(lang, "Critère", "Criterion"),
                     _t(lang, "Utilisée", "Used"), _t(lang, "Cellules vides", "Empty cells"),
                     _t(lang, "Pourquoi", "Why")),
            rows=rows, kinds=("text", "text", "text", "text", "integer", "text"),
            caption=_t(lang, "Rôle de chaque colonne du fichier clients", "Role of each column of the customer file"),
            name=_t(lang, "Colonnes", "Columns")))
    return blocks


def _repeats(res: PersonasResult, column: str, lang: str) -> str:
    """« ; répète la même information que … (association 1,00) : comptées ensemble pour une variable »
    for a column whose features are in a group repeating one fact (see ``redundant_groups``)."""
    prep = res.prepared
    if prep is None or not prep.redundant:
        return ""
    mine = [f for f in prep.redundant if prep.derived.get(f, f) == column]
    if not mine:
        return ""
    group, link = prep.redundant[mine[0]]
    others = sorted({prep.derived.get(f, f) for f in group} - {column})
    n = len(group)
    if not others:  # the features made from this column only (pdays and its "filled in" flag)
        return _t(lang, f" ; ses {n} variables comptent ensemble pour une seule",
                  f"; its {n} features count together as one")
    names = ", ".join(_col(o, lang, res.stats.words) for o in others)
    return _t(lang, f" ; répète {names} (association {fmt_number(link, lang, 2)}) : les {n} variables comptent "
                    "pour une seule",
              f"; repeats {names} (association {fmt_number(link, lang, 2)}): the {n} features count as one")


def _method_preparation(res: PersonasResult, lang: str) -> list:
    """How each kind of column is prepared before the distances are computed."""
    seg = res.segmentation
    prep = res.prepared
    blocks: list = []
    prep_items = [
        _t(lang, "Numériques : valeurs manquantes remplacées par la médiane, valeurs extrêmes ramenées aux "
                 "bornes de Tukey (Q1 − 3 × IQR, Q3 + 3 × IQR), puis centrées-réduites (StandardScaler) ; "
                 "montants et comptages très asymétriques passés en log(1 + x) : ",
           "Numeric: missing values replaced by the median, extreme values clipped to Tukey's fences "
           "(Q1 − 3 × IQR, Q3 + 3 × IQR), then standardised (StandardScaler); very skewed amounts and counts "
           "log(1 + x)-transformed: ") + (", ".join(_col(c, lang, res.stats.words) for c in seg.skewed) or "—") + ".",
        _t(lang, "Catégorielles (dont les codes entiers comme Région 1/2/3) : codage disjonctif (one-hot), "
                 "modalités de moins de 1 % regroupées, vides → « inconnu » ; chaque catégorie pondérée pour qu'un "
                 "changement de modalité compte au plus 2 écarts-types (une variable pèse au plus autant qu'une "
                 "colonne numérique, quel que soit son nombre de modalités).",
           "Categorical (including integer codes such as Region 1/2/3): one-hot encoding, levels under 1% "
           "grouped, empty → “inconnu”; each category weighted so that a change of level counts at most 2 "
           "standard deviations (a variable weighs at most as much as a numeric column, whatever its number "
           "of levels)."),
        _t(lang, "Oui/non : 0/1 × 2 (non centrés-réduits : une réponse rare pèserait sinon z ≈ 12 pour les "
                 "quelques clients concernés) : ", "Yes/no flags: 0/1 × 2 (not standardised: a rare answer "
                 "would otherwise weigh z ≈ 12 for the few customers concerned): ")
        + (", ".join(_col(c, lang, res.stats.words) for c in seg.binary) or "—") + ".",
    ]
    if prep is not None and prep.ordinal:
        prep_items.append(_t(lang, "Niveaux ordonnés (diplôme, fréquence, tranches) : rang 0, 1, 2… centré-réduit ; "
                                   "les fiches montrent les libellés : ",
                             "Ordered levels (education, frequency, bands): rank 0, 1, 2… standardised; the cards "
                             "show the labels: ") + ", ".join(_col(c, lang, res.stats.words) for c in prep.ordinal) + ".")
    if prep is not None and any(c.placeholder is not None for c in prep.columns):
        prep_items.append(_t(lang, "Codes « sans valeur » (ex. pdays = −1 : jamais contacté) traités comme une "
                                   "absence de valeur, avec un indicateur « renseigné » : ",
                             "“No value” codes (e.g. pdays = −1: never contacted) treated as missing, with a "
                             "“filled in” flag: ") + ", ".join(
            f"{_col(c.column, lang, res.stats.words)} ({fmt_number(c.placeholder, lang, 0)})" for c in prep.columns if c.placeholder is not None)
            + ".")
    if prep is not None and prep.set_aside:
        prep_items.append(_t(
            lang, "Variables mises de côté car sans lien avec aucune autre (V de Cramér corrigé < 0,15 avec "
                  "chacune, test du khi² : elles ne décrivent pas de segment et brouilleraient les distances ; "
                  "pour en forcer une, donnez-lui un rôle dans les réglages des personas) : ",
            "Features set aside because unrelated to every other (bias-corrected Cramér's V < 0.15 with each, "
            "chi-square test: they describe no segment and would blur distances; to force one, give its role "
            "in the personas settings): ") + ", ".join(
            f"{_col(c, lang, res.stats.words)} (V max {fmt_number(v, lang, 2)})" for c, v in prep.set_aside.items()) + ".")
    if prep is not None and prep.redundant:
        groups = {g for g, _ in prep.redundant.values()}
        prep_items.append(_t(
            lang, "Colonnes qui répètent la même information (V de Cramér, |r| ou recouvrement de leurs valeurs "
                  "dominantes ≥ 0,9 — par exemple « jamais contacté » dit par trois colonnes) : chacune des m "
                  "variables d'un groupe pèse 1/√m, le groupe compte pour une seule variable : ",
            "Columns repeating the same fact (Cramér's V, |r| or overlap of their dominant values ≥ 0.9 — e.g. "
            "“never contacted” said by three columns): each of the m features of a group weighs 1/√m, the group "
            "counts as one variable: ") + (" ; " if lang == "fr" else "; ").join(
            " + ".join(_col(f, lang, res.stats.words) for f in g) for g in sorted(groups)) + ".")
    if seg.imputed:
        prep_items.append(_t(lang, "Valeurs imputées : ", "Imputed values: ") + ", ".join(
            f"{_col(c, lang, res.stats.words)} ({fmt_integer(n, lang)})" for c, n in seg.imputed.items()) + ".")
    blocks += [Paragraph(Span(_t(lang, "Préparation", "Preparation"), bold=True)), BulletList(prep_items)]
    return blocks


def _method_choice_of_k(res: PersonasResult, ctx: ReportContext, figures: dict[str, Figure], lang: str) -> list:
    """The algorithm, the rule that chose k, each criterion's best k and the smallest segment allowed."""
    seg = res.segmentation
    blocks: list = []
    algo = {"KMeans": "k-means (KMeans)", "MiniBatchKMeans": "k-means par mini-lots (MiniBatchKMeans)",
            "GaussianMixture": "mélange gaussien (GaussianMixture, covariances diagonales)"}.get(
        seg.algorithm, seg.algorithm) if lang == "fr" else seg.algorithm
    votes = seg.votes or {}
    names = {"silhouette": "silhouette", "calinski_harabasz": "Calinski-Harabasz", "davies_bouldin": "Davies-Bouldin",
             "gap": _t(lang, "statistique gap", "gap statistic")}
    vote_txt = ", ".join(f"{names.get(c, c)} → {k}" for c, k in votes.items()) or "—"
    min_size = seg.min_size or ctx.min_segment_size
    blocks += [
        Paragraph(Span(_t(lang, "Algorithme et choix de k", "Algorithm and choice of k"), bold=True)),
        Paragraph(_t(
            lang,
            f"Algorithme : {algo}, graine aléatoire {seg.random_state} (résultats reproductibles). "
            f"Chaque k de {ctx.k_range[0]} à {ctx.k_range[1]} a été essayé et noté par quatre critères sur le même "
            "échantillon : silhouette (Rousseeuw, 1987, la plus haute), Calinski-Harabasz (1974, le plus haut), "
            "Davies-Bouldin (1979, le plus bas) et statistique gap (Tibshirani, Walther et Hastie, 2001 ; référence : "
            "les mêmes clients, chaque variable mélangée séparément ; k au coude de la courbe, Yan et Ye, 2007), "
            "plus la stabilité bootstrap de chaque k. Règle : seuls "
            "les k stables (indice de Rand ajusté ≥ 0,75) sont candidats ; parmi eux, le plus grand k dont la "
            f"silhouette est à moins de {fmt_percent(SILHOUETTE_TOLERANCE, lang, 1)} de la meilleure (deux lectures "
            "presque aussi nettes : la plus fine sépare deux segments que l'autre confond) ; les trois autres critères "
            "servent de contrôle. "
            f"Meilleur k de chaque critère : {vote_txt} ; k = {seg.k_found}"
            + (f", ramené à {seg.k} après fusion des segments de moins de {fmt_integer(min_size, lang)} clients"
               if seg.k != seg.k_found else "") + ".",
            f"Algorithm: {algo}, random seed {seg.random_state} (reproducible). Every k from {ctx.k_range[0]} to "
            f"{ctx.k_range[1]} was tried and scored by four criteria on the same sample: silhouette (Rousseeuw, "
            "1987, highest), Calinski-Harabasz (1974, highest), Davies-Bouldin (1979, lowest) and the gap "
            "statistic (Tibshirani, Walther & Hastie, 2001; reference: the same customers with each variable "
            "shuffled on its own; k at the elbow of the curve, Yan & Ye, 2007), plus "
            "the bootstrap stability of each k. Rule: only stable k (adjusted Rand index ≥ 0.75) are candidates; "
            f"among them, the largest k whose silhouette is within {fmt_percent(SILHOUETTE_TOLERANCE, lang, 1)} of "
            "the best (two readings nearly as clear: the finer one separates two segments the other merges); the "
            "three other criteria are a cross-check. "
            f"Best k by criterion: {vote_txt}; k = {seg.k_found}"
            + (f", {seg.k} after merging segments under {fmt_integer(min_size, lang)} customers"
               if seg.k != seg.k_found else "") + ".")),
        Paragraph(_t(
            lang, f"Taille minimale d'un segment : {fmt_integer(min_size, lang)} clients (le plus grand de "
                  f"{fmt_integer(ctx.min_segment_size, lang)} clients et de la part minimale du fichier) ; un "
                  "segment plus petit est fusionné avec le plus proche.",
            f"Smallest segment allowed: {fmt_integer(min_size, lang)} customers (the larger of "
            f"{fmt_integer(ctx.min_segment_size, lang)} customers and the minimum share of the file); a smaller "
            "segment is merged into the nearest.")),
    ]
    blocks += _method_first_split(res, ctx, lang)
    has_inertia = bool(seg.scores and seg.scores[0].inertia is not None)
    blocks.append(Table(
        columns=("k", "Silhouette", "Calinski-Harabasz", "Davies-Bouldin", "Gap", _t(lang, "Stabilité", "Stability"),
                 _t(lang, "Inertie", "Inertia") if has_inertia else "BIC"),
        rows=tuple((s.k, s.silhouette, s.calinski_harabasz, s.davies_bouldin, s.gap, s.stability,
                    s.inertia if has_inertia else s.bic) for s in seg.scores),
        kinds=("integer", "number", "number", "number", "number", "number", "number"),
        caption=_t(lang, f"Critères selon k (k retenu : {seg.k_found})", f"Criteria by k (chosen: {seg.k_found})"),
        name="k"))
    if "k_selection" in figures:
        blocks.append(figures["k_selection"])
    return blocks


def _method_first_split(res: PersonasResult, ctx: ReportContext, lang: str) -> list:
    """Why k starts at 3, and the two-group partition beside the chosen segments."""
    seg = res.segmentation
    blocks: list = []
    split = seg.first_split
    if split is not None:
        blocks.append(Paragraph(_t(
            lang,
            f"Deux personas sont rarement exploitables (un message, un canal pour la moitié des clients) : k commence "
            f"à {ctx.k_range[0]}. Pour comparaison, le partage en deux groupes a une silhouette de "
            f"{fmt_number(split.silhouette, lang, 2)} (stabilité {fmt_number(split.stability, lang, 2)}) contre "
            f"{fmt_number(split.silhouette_chosen, lang, 2)} pour les {seg.k} segments retenus ; "
            f"{fmt_percent(split.agreement, lang, 0)} des clients sont dans le groupe de leur persona. "
            + ("Il est nettement plus fort (silhouette au moins 1,2 fois celle des segments, stable) : la synthèse "
               "dit quels personas forment chaque groupe." if split.strong else
               "Il n'est pas nettement plus fort que les segments retenus."),
            f"Two personas are rarely actionable (one message, one channel for half the customers): k starts at "
            f"{ctx.k_range[0]}. For comparison, the split into two groups has a silhouette of "
            f"{fmt_number(split.silhouette, lang, 2)} (stability {fmt_number(split.stability, lang, 2)}) against "
            f"{fmt_number(split.silhouette_chosen, lang, 2)} for the {seg.k} segments chosen; "
            f"{fmt_percent(split.agreement, lang, 0)} of customers are in their persona's group. "
            + ("It is much stronger (silhouette at least 1.2 times the segments', stable): the summary says which "
               "personas make up each group." if split.strong else
               "It is not much stronger than the segments chosen."))))
    return blocks


def _method_quality(res: PersonasResult, figures: dict[str, Figure], lang: str) -> list:
    """Final silhouette, bootstrap stability and the segments merged."""
    seg = res.segmentation
    blocks: list = []
    stab = ", ".join(fmt_number(a, lang, 2) for a in seg.stability)
    blocks += [
        Paragraph(Span(_t(lang, "Qualité et stabilité", "Quality and stability"), bold=True)),
        Paragraph(_t(
            lang,
            f"Silhouette finale : {fmt_number(seg.silhouette, lang, 2)} (au-delà de 0,25 la structure est "
            f"réelle, au-delà de 0,5 elle est forte). Stabilité : le modèle a été réentraîné sur "
            f"{len(seg.stability)} rééchantillonnages bootstrap ; accord avec la segmentation retenue (indice de "
            f"Rand ajusté) : {stab}, moyenne {fmt_number(seg.stability_mean, lang, 2)} — "
            f"{_stability_word(seg.stability_mean, lang)}.",
            f"Final silhouette: {fmt_number(seg.silhouette, lang, 2)} (above 0.25 the structure is real, above "
            f"0.5 strong). Stability: the model was refitted on {len(seg.stability)} bootstrap resamples; "
            f"agreement with the chosen segmentation (adjusted Rand index): {stab}, mean "
            f"{fmt_number(seg.stability_mean, lang, 2)} — {_stability_word(seg.stability_mean, lang)}.")),
    ]
    if seg.merged:
        blocks.append(Paragraph(_t(lang, "Segments trop petits fusionnés avec le plus proche : ",
                                   "Small segments merged into the nearest: ") + ", ".join(
            f"{fmt_integer(n, lang)} → P{into + 1}" for n, into in seg.merged) + "."))
    if "pca" in figures:
        blocks.append(figures["pca"])
    return blocks


def _quotes(res: PersonasResult) -> bool:
    """Whether the file's comments were read for the drafts (a comments column was found)."""
    return res.prepared is not None and res.prepared.comments is not None


def _method_traits(res: PersonasResult, ctx: ReportContext, lang: str) -> list:
    """How a trait is called distinctive and how the target score is made."""
    blocks: list = []
    blocks += [
        Paragraph(Span(_t(lang, "Traits distinctifs et score de cible", "Distinctive traits and target score"),
                       bold=True)),
        BulletList([
            _t(lang, "Trait numérique : écart standardisé z = (moyenne du segment − moyenne générale) / écart-type "
                     "général ; affiché si |z| ≥ 0,3 (Cohen, 1988 : 0,2 faible, 0,5 moyen, 0,8 fort).",
               "Numeric trait: standardised difference z = (segment mean − overall mean) / overall standard "
               "deviation; shown when |z| ≥ 0.3 (Cohen, 1988: 0.2 small, 0.5 medium, 0.8 large)."),
            _t(lang, "Modalité sur-représentée : lift = part dans le segment / part générale ≥ 1,25, avec au moins "
                     f"15 % du segment et {ctx.min_segment_size} clients.",
               "Over-represented category: lift = share in segment / overall share ≥ 1.25, with at least 15% of "
               f"the segment and {ctx.min_segment_size} customers."),
            _t(lang, "Valeur : avec les commandes, scores R, F, M en quintiles (1 à 5, Hughes 1994) ; moyenne "
                     "R+F+M ≥ 10,5 forte, ≥ 7,5 moyenne, sinon faible. Sans commandes, la dépense par client (somme "
                     "des colonnes de dépenses du fichier clients, p. ex. vins + viande + …) rapportée à la moyenne : "
                     "≥ 1,3 × forte, ≥ 0,7 × moyenne, sinon faible ; les nombres d'achats (site, magasin, catalogue…) "
                     "additionnés donnent la fréquence.",
               "Value: with orders, R, F, M quintile scores (1 to 5, Hughes 1994); mean R+F+M ≥ 10.5 high, ≥ 7.5 "
               "medium, else low. Without orders, spend per customer (sum of the customer file's spend columns, "
               "e.g. wine + meat + …) against the mean: ≥ 1.3× high, ≥ 0.7× medium, else low; purchase counts "
               "(web, store, catalogue…) added up give the frequency."),
            _t(lang, "Score de cible = 100 × (0,5 × valeur + 0,3 × adéquation + 0,2 × taille), chaque terme "
                     "rapporté au meilleur segment : valeur = CA ou dépense moyenne par client (à défaut le score "
                     "RFM, à défaut le nombre d'achats) ; "
                     "adéquation = part des objectifs du brief qui rejoignent un trait du segment ; taille = part "
                     "des clients. La valeur pèse le plus : le segment qui dépense le moins ne peut pas passer "
                     "premier par sa seule taille.",
               "Target score = 100 × (0.5 × value + 0.3 × fit + 0.2 × size), each relative to the best segment: "
               "value = mean revenue or spend per customer (else the RFM score, else purchases); fit = share of the brief's objectives "
               "matching one of the segment's traits; size = share of customers. Value weighs most: the lowest "
               "spender cannot come first on size alone."),
        ]),
    ]
    if _quotes(res):
        col = _col(res.prepared.comments_column or "", lang, res.stats.words)
        n = fmt_integer(res.segmentation.min_size, lang)
        quoted = sum(len(f.draft.get("verbatims", ())) for f in res.facts)
        blocks.append(Paragraph(_t(
            lang, f"Commentaires (colonne « {col} ») : un commentaire n'entre dans les brouillons que s'il est "
                  f"écrit mot pour mot (casse, accents et ponctuation mis à part) par au moins {n} clients du "
                  "segment — la taille minimale d'un segment : il décrit un groupe, pas une personne — et s'il y "
                  "est plus fréquent (au moins 1,25 fois sa part dans tous les commentaires) ; un commentaire "
                  "contenant une donnée personnelle (téléphone, e-mail, adresse…) est écarté. Il va dans les "
                  "freins quand ses auteurs ont donné en moyenne une note de recommandation de 6 ou moins "
                  f"(détracteurs), sinon dans les objectifs. Commentaires cités : {fmt_integer(quoted, lang)}.",
            f"Comments (column “{col}”): a comment enters the drafts only when at least {n} customers of the "
            "segment — the smallest segment allowed: it describes a group, not a person — wrote it word for word "
            "(case, accents and punctuation aside) and it is more frequent there (at least 1.25 times its share of "
            "all comments); a comment holding personal data (phone, e-mail, address…) is dropped. It goes to the "
            "frustrations when those who wrote it gave a recommendation score of 6 or less on average "
            f"(detractors), else to the goals. Comments quoted: {fmt_integer(quoted, lang)}.")))
    if ctx.objectives:
        blocks.append(BulletList([
            f"{f.id} : " + ("; ".join(f.matched_objectives) or "—") for f in res.facts
        ]))
    return blocks


def _rgpd_section(res: PersonasResult, ctx: ReportContext, lang: str) -> Section:
    """The data-processing note: the processing record, identifiers excluded, data used and why."""
    prep = res.prepared
    used, excluded, pii_found = _data_used_excluded_and_identifiers(res, lang)
    blocks: list = [
        Paragraph(_t(lang, "Fiche de traitement (modèle de registre, RGPD art. 30) — à relire et compléter "
                           "par le responsable de traitement.",
                     "Processing record (register template, GDPR art. 30) — to be reviewed and completed by the "
                     "controller."), style="lead"),
        _processing_record(res, ctx, lang),
        Paragraph(Span(_t(lang, "Données directement identifiantes détectées et exclues",
                          "Direct identifiers found and excluded"), bold=True)),
        BulletList(pii_found or [_t(lang, "aucune", "none")]),
    ]
    if prep is not None and prep.masked_values:
        blocks.append(Paragraph(_t(lang, f"{fmt_integer(prep.masked_values, lang)} valeurs ressemblant à des données "
                                         "personnelles masquées dans des colonnes catégorielles.",
                                   f"{fmt_integer(prep.masked_values, lang)} values looking like personal data "
                                   "masked in categorical columns.")))
    if used:
        blocks.append(Table(columns=(_t(lang, "Donnée utilisée", "Data used"), _t(lang, "Pourquoi", "Why")),
                            rows=tuple(used), kinds=("text", "text"),
                            caption=_t(lang, "Données utilisées et pourquoi", "Data used and why"),
                            name=_t(lang, "Utilisées", "Used")))
    if excluded:
        blocks.append(Table(columns=(_t(lang, "Donnée exclue", "Data excluded"), _t(lang, "Pourquoi", "Why")),
                            rows=tuple(excluded), kinds=("text", "text"),
                            caption=_t(lang, "Données exclues et pourquoi", "Data excluded and why"),
                            name=_t(lang, "Exclues", "Excluded")))
    return Section(_t(lang, "Note de traitement des données (RGPD)", "Data-processing note (GDPR)"), blocks)


def _data_used_excluded_and_identifiers(res: PersonasResult, lang: str) -> tuple[list, list, list]:
    """(column, why) of the data used and of the data excluded; the direct identifiers found."""
    prep = res.prepared
    used, excluded = [], []
    if prep is not None:
        for c in prep.columns:
            if c.used:
                why = _PURPOSE.get(c.criterion or "comportemental", ("", ""))[0 if lang == "fr" else 1]
                if c.role in ("birth_date", "postal", "date"):
                    why += f" — {_reason(c.reason, lang)}"
                used.append((_col(c.column, lang, res.stats.words), f"{_crit(c.criterion, lang)} : {why}" if lang == "fr"
                             else f"{_crit(c.criterion, lang)}: {why}"))
            else:
                excluded.append((_col(c.column, lang, res.stats.words), _reason(c.reason, lang)))
        if prep.tx is not None:
            used.append((_t(lang, "transactions", "transactions"), _t(
                lang, "récence, fréquence, montant, panier, ancienneté, retours, parts par catégorie et canal",
                "recency, frequency, spend, basket, tenure, returns, shares by category and channel")))
    pii_found = []
    if prep is not None:
        for p in prep.pii:
            kind = PII_KINDS.get(p.kind, (p.kind, p.kind))[0 if lang == "fr" else 1]
            how = {"name": _t(lang, "nom de colonne", "column name"), "content": _t(lang, "contenu", "content"),
                   "name+content": _t(lang, "nom et contenu", "name and content")}[p.by]
            sep = " : " if lang == "fr" else ": "
            pii_found.append(f"{_col(p.column, lang, res.stats.words)}{sep}{kind} ({_t(lang, 'détecté par', 'found by')} {how})")
    return used, excluded, pii_found


def _processing_record(res: PersonasResult, ctx: ReportContext, lang: str) -> Table:
    """The processing record (GDPR art. 30 register template), to be completed by the controller."""
    return Table(
        columns=(_t(lang, "Rubrique", "Item"), _t(lang, "Contenu", "Content")),
        rows=(
            (_t(lang, "Finalité", "Purpose"), _t(
                lang, "Segmentation de la clientèle et construction de personas pour orienter la stratégie "
                      "marketing (ciblage, messages, canaux).",
                "Customer segmentation and personas to steer the marketing strategy (targeting, messages, "
                "channels).")),
            (_t(lang, "Base légale", "Legal basis"), _t(
                lang, "À compléter (souvent : intérêt légitime, art. 6.1.f, après mise en balance ; informer "
                      "les clients et leur permettre de s'opposer).",
                "To complete (often legitimate interest, art. 6.1.f, after a balancing test; inform "
                "customers and let them object).")),
            (_t(lang, "Personnes concernées", "Data subjects"), _t(
                lang, f"Clients du fichier ({fmt_integer(res.n_customers, lang)}).",
                f"Customers in the file ({fmt_integer(res.n_customers, lang)}).")),
            (_t(lang, "Minimisation", "Minimisation"), _t(
                lang, "Identifiants directs exclus avant tout calcul ; date de naissance ramenée à l'âge ; "
                      "code postal ramené au département ; "
                      + ("commentaires cités seulement s'ils sont écrits mot pour mot par au moins "
                         f"{fmt_integer(res.segmentation.min_size, lang)} clients d'un segment et sans donnée "
                         "personnelle ; autres textes libres non utilisés." if _quotes(res)
                         else "textes libres non utilisés."),
                "Direct identifiers dropped before any computation; birth date reduced to age; postal code "
                "to department; "
                + (f"comments quoted only when written word for word by at least "
                   f"{fmt_integer(res.segmentation.min_size, lang)} customers of a segment and free of personal "
                   "data; other free text not used." if _quotes(res) else "free text not used."))),
            (_t(lang, "Pseudonymisation", "Pseudonymisation"), _t(
                lang, f"Identifiant client remplacé par une empreinte SHA-256 salée ; sel conservé hors "
                      f"livrable ({_salt_place(ctx.salt_source, lang)}).",
                f"Customer id replaced by a salted SHA-256 hash; salt kept outside the deliverable "
                f"({_salt_place(ctx.salt_source, lang)}).")),
            (_t(lang, "Petits groupes", "Small groups"), _t(
                lang, f"Aucun segment décrit sous {ctx.min_segment_size} clients (fusion avec le plus "
                      "proche) ; modalités affichées seulement si elles concernent au moins "
                      f"{ctx.min_segment_size} clients.",
                f"No segment described under {ctx.min_segment_size} customers (merged into the nearest); "
                f"categories shown only when they cover at least {ctx.min_segment_size} customers.")),
            (_t(lang, "Destinataires", "Recipients"), _t(
                lang, "Équipe marketing du client et agence ; l'export des segments ne contient que les "
                      "identifiants pseudonymisés.",
                "Client's marketing team and agency; the segment export holds pseudonymised ids only.")),
            (_t(lang, "Durée de conservation", "Retention"), _t(
                lang, "À compléter (repère CNIL : 3 ans après le dernier contact pour la prospection) ; "
                      "supprimer l'export des segments à la fin de la campagne.",
                "To complete (CNIL guideline: 3 years after the last contact for prospecting); delete the "
                "segment export at the end of the campaign.")),
        ),
        kinds=("text", "text"), caption=_t(lang, "Fiche de traitement", "Processing record"),
        name=_t(lang, "RGPD", "GDPR"))
