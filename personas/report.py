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
from toolkit.i18n import per_lang, tr

__all__ = ["ReportContext", "build_document"]

CRITERIA_LABELS = per_lang({
    "socio_demographique": "Socio-démographique",
    "comportemental": "Comportemental",
    "intention": "Intention",
    "affinite": "Affinité",
})
_PURPOSE = per_lang({
    "socio_demographique": "décrire qui sont les clients (profil du persona)",
    "comportemental": "décrire ce qu'ils achètent, quand et par quel canal",
    "intention": "mesurer leurs intentions et leur satisfaction déclarées",
    "affinite": "connaître leurs préférences et affinités",
})
_ROLE_LABELS = per_lang({
    "identifier": "identifiant",
    "numeric": "numérique",
    "boolean": "oui/non",
    "categorical": "catégorielle",
    "date": "date",
    "text": "texte libre",
    "ignore": "ignorée",
    "pii": "donnée directement identifiante",
    "birth_date": "date de naissance",
    "postal": "code postal",
    "ordinal": "ordonnée (niveaux)",
    "birth_year": "année de naissance",
})
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




def _crit(c: str | None, lang: str) -> str:
    if c is None:
        return "—"
    return CRITERIA_LABELS[lang].get(c, c)


#: Reasons that name the user's settings file: a client document says "the case settings" (#12).
_REASONS_EN = {"excluded in case.yaml": "excluded in the case settings", "set in case.yaml": "role set in the case settings"}


def _reason(text: str, lang: str) -> str:
    if lang == "en":
        return _REASONS_EN.get(text, text)
    if text.startswith("direct identifier ("):
        kind = text[len("direct identifier ("):].split(")")[0]
        return f"donnée directement identifiante ({PII_KINDS['fr'].get(kind, kind)}) : exclue"
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
        return tr(lang, "dans les réglages du cas")
    return tr(lang, "dans un fichier du dossier de travail, hors livrable")


def _first_split_text(res: PersonasResult, name: dict[str, str], lang: str) -> str | None:
    """The file's first split into two groups, in words, when it is much stronger than the chosen
    segments (see :class:`personas.segment.FirstSplit`): which personas each group holds and what
    separates the groups most. ``None`` otherwise."""
    split = res.segmentation.first_split
    if split is None or not split.strong:
        return None
    groups = []
    for side, letter in ((0, "A"), (1, "B")):
        ids = [f.id for f in res.facts if split.sides[f.segment] == side]
        who = ", ".join(tr(lang, "{id} « {name} »", id=i, name=name[i]) for i in ids) or "—"
        share = fmt_percent(split.shares[side], lang, 0)
        groups.append(tr(lang, "groupe {letter} ({share} des clients) : {who}", letter=letter, share=share, who=who))
    traits = []
    for feature, level, effect in split.traits:
        label = feature_label(feature, lang, words=res.stats.words)
        where = "A" if effect > 0 else "B"
        if level is not None:
            traits.append(tr(lang, "{label} : {level} (surtout dans le groupe {where})", label=label, level=category_level(level, lang), where=where))
        else:
            traits.append(tr(lang, "{label} (groupe {where} au-dessus)", label=label, where=where))
    s2, sk = fmt_number(split.silhouette, lang, 2), fmt_number(split.silhouette_chosen, lang, 2)
    k = len(res.facts)
    return (tr(lang, "Le fichier se partage d'abord en deux grands groupes, plus nettement qu'en {k} segments "
                     "(silhouette {two} contre {chosen}, stabilité {stability}) : {groups}.",
               k=k, two=s2, chosen=sk, stability=fmt_number(split.stability, lang, 2), groups=tr(lang, " ; ").join(groups))
            + (tr(lang, " Ce qui les sépare le plus : {traits}.", traits=", ".join(traits)) if traits else "")
            + tr(lang, " Les {k} personas détaillent ces deux groupes : deux personas seulement seraient trop larges pour "
                       "choisir un message ou un canal (pour les obtenir, autorisez deux personas dans les réglages).", k=k))


def _stability_word(ari: float, lang: str) -> str:
    if ari >= 0.8:
        return "stable"
    if ari >= 0.6:
        return tr(lang, "moyennement stable")
    return tr(lang, "instable : à lire avec prudence")


def _persona_section(p: Persona, f, lang: str, last: bool = False) -> Section:
    """One persona as a card (one page, one slide): portrait, quote, key figures, and side by side
    goals, frustrations, channels, values and the traits that set the segment apart; the
    details (rank, draft portrait, other traits) follow the card."""
    todo = tr(lang, "à compléter dans le fichier des personas")
    figs = [
        KeyFigure(tr(lang, "Clients"), f.size, "integer"),
        KeyFigure(tr(lang, "Part des clients"), f.share, "percent"),
    ]
    if f.value_tier:
        per = []
        if f.mean_value is not None:
            per.append(tr(lang, "{mean_value} par client", mean_value=fmt_currency(f.mean_value, lang, f.currency, 0)))
        if getattr(f, "mean_purchases", None) is not None:
            per.append(tr(lang, "{mean_purchases} achats", mean_purchases=fmt_number(f.mean_purchases, lang, 1)))
        figs.append(KeyFigure(tr(lang, "Valeur (RFM)") if f.rfm_score is not None
                              else tr(lang, "Valeur"), f.value_tier, "text", note=" · ".join(per)))
    if f.revenue_share is not None:
        figs.append(KeyFigure(tr(lang, "Part du CA"), f.revenue_share, "percent"))
    figs.append(KeyFigure(tr(lang, "Rang de cible"), f.rank, "integer",
                          note=f"score {fmt_number(f.score, lang, 0)}/100"))
    draft = f.draft or {}
    mark = tr(lang, " (brouillon)")
    user_wrote = bool(p.quote or p.goals or p.frustrations or p.preferred_channels or p.values)
    fields: list[tuple[str, list[str]]] = []
    missing = []
    observed = list(f.channels)[:4]
    for label, items, proposed in (
        (tr(lang, "Objectifs", context="goals"), p.goals, draft.get("goals")),
        (tr(lang, "Freins"), p.frustrations, draft.get("frustrations")),
        (tr(lang, "Canaux préférés"), p.preferred_channels, draft.get("channels")),
        (tr(lang, "Valeurs"), p.values, None),
    ):
        if items:
            fields.append((label, list(items)[:4]))
        elif proposed:
            fields.append((label + mark, list(proposed)[:4]))
        else:
            missing.append(label)
    if not any(x[0].startswith(tr(lang, "Canaux préférés")) for x in fields) and observed:
        fields.append((tr(lang, "Canaux observés"), observed))
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
        blocks.append(Paragraph(Span(tr(lang, "Rang de cible : "), bold=True),
                                f"{f.rank} — {f.why}."))
    if not p.description_edited and not user_wrote and draft.get("portrait"):
        blocks.append(Paragraph(Span("Portrait" + tr(lang, " (brouillon — à valider) : "),
                                     bold=True), str(draft["portrait"])))
    if not p.quote:
        missing.append(tr(lang, "citation"))
    if missing or any(name.endswith(mark) for name, _ in fields):
        blocks.append(Callout("info", todo.capitalize(), (tr(lang, "les parties marquées « brouillon » sont déduites des données ; réécrivez-les dans le fichier des "
                     "personas (elles sont alors conservées) ; à écrire : {missing}.", missing=", ".join(missing).lower())
             if missing else
             tr(lang, "les parties marquées « brouillon » sont déduites des données ; réécrivez-les dans le fichier des "
                      "personas (elles sont alors conservées)."))))
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
        title=tr(lang, "Personas et hiérarchisation des cibles"),
        subtitle=tr(lang, "Segmentation RGPD des clients (bloc 1, C.1.4.1)"),
        client=ctx.client, author=ctx.author, lang=lang, kind="personas",
        sections=tuple(sections), **({"date": date} if date else {}),
    )


def _summary_section(res: PersonasResult, ctx: ReportContext, name: dict[str, str], lang: str) -> Section:
    """Summary: key figures, the ranked targets and why each ranks where it does."""
    seg, facts = res.segmentation, res.facts
    ranked = sorted(facts, key=lambda f: f.rank)
    kf = KeyFigures([
        KeyFigure(tr(lang, "Clients analysés"), res.n_customers, "integer"),
        KeyFigure("Personas", len(facts), "integer"),
        KeyFigure("Silhouette", seg.silhouette, "number", note=tr(lang, "de −1 à 1")),
        KeyFigure(tr(lang, "Stabilité (ARI)"), seg.stability_mean, "number",
                  status="good" if seg.stability_mean >= 0.8 else "warning"),
    ])
    top = ranked[0]
    lead = tr(lang, "{n} clients répartis en {k} segments. Cible prioritaire : {id} « {name} » ({weight}).",
               n=fmt_integer(res.n_customers, lang), k=len(facts), id=top.id, name=name[top.id],
               weight=(tr(lang, "{share} des clients, {revenue} du chiffre d'affaires", share=fmt_percent(top.share, lang, 0),
                   revenue=fmt_percent(top.revenue_share, lang, 0)) if top.revenue_share is not None
                else tr(lang, "{share} des clients", share=fmt_percent(top.share, lang, 0))))
    summary_blocks: list = [Paragraph(lead, style="lead"), kf, _ranking_table(ranked, name, lang),
                            BulletList([f"{f.id} « {name[f.id]} » : {f.why}." if lang == "fr"
                                        else f"{f.id} “{name[f.id]}”: {f.why}." for f in ranked if f.why])]
    split = _first_split_text(res, name, lang)
    if split:
        summary_blocks.append(Callout("info", tr(lang, "Deux grands groupes d'abord"),
                                      [split]))
    if ctx.warnings:
        summary_blocks.append(Callout("warning", tr(lang, "À vérifier"), list(ctx.warnings)))
    return Section(tr(lang, "Synthèse"), summary_blocks)


def _ranking_table(ranked: list, name: dict[str, str], lang: str) -> Table:
    rank_rows = []
    for f in ranked:
        best = {c: (f.by_criterion.get(c) or ("—",))[0] for c in CRITERIA_LABELS["fr"]}
        rank_rows.append((f.rank, f.id, name[f.id], f.score / 100, best["socio_demographique"],
                          best["comportemental"], best["intention"], best["affinite"]))
    return Table(
        columns=(tr(lang, "Rang"), "Persona", tr(lang, "Nom"), "Score",
                 _crit("socio_demographique", lang), _crit("comportemental", lang), _crit("intention", lang),
                 _crit("affinite", lang)),
        rows=tuple(rank_rows), kinds=("integer", "text", "text", "percent", "text", "text", "text", "text"),
        caption=tr(lang, "Cibles hiérarchisées (score = 0,5 × valeur + 0,3 × adéquation aux objectifs + 0,2 × taille, chacun rapporté au meilleur segment ; meilleur score possible = 100 %)"),
        name=tr(lang, "Cibles"),
    )


def _cards_section(res: PersonasResult, by_id: dict[str, Persona], lang: str) -> Section:
    """One card per persona, each on its own page and slide."""
    facts = res.facts
    cards = []
    for f in facts:
        p = by_id.get(f.id) or Persona(id=f.id, name=f.name, description=f.description)
        cards.append(_persona_section(p, f, lang, last=f is facts[-1]))
    return Section(tr(lang, "Fiches personas"), [
        Paragraph(tr(lang, "Une fiche par segment, du plus grand au plus petit. Les traits sont ceux qui distinguent le segment de l'ensemble des clients, classés par famille de critères.")),
        *cards,
    ], slide=False)


def _comparison_section(res: PersonasResult, figures: dict[str, Figure], name: dict[str, str],
                        lang: str) -> Section:
    """The personas side by side: sizes, value, rank, and their standardised profiles."""
    facts = res.facts
    comp_rows = tuple((f.id, name[f.id], f.size, f.share, f.value_tier or "—", f.revenue_share, f.mean_value,
                       f.rfm_score, f.rank) for f in facts)
    comp = Table(
        columns=("Persona", tr(lang, "Nom"), tr(lang, "Clients"),
                 tr(lang, "Part"), tr(lang, "Valeur"), tr(lang, "Part du CA"),
                 tr(lang, "CA net moyen"), tr(lang, "Score RFM (3-15)"),
                 tr(lang, "Rang cible")),
        rows=comp_rows,
        kinds=("text", "text", "integer", "percent", "text", "percent", "currency", "number", "integer"),
        currency=facts[0].currency if facts else "EUR",
        caption=tr(lang, "Comparaison des personas"), totals=(
            tr(lang, "Clients"),), name=tr(lang, "Comparaison"),
    )
    comp_blocks: list = [comp]
    for key in ("sizes", "heatmap"):
        if key in figures:
            comp_blocks.append(figures[key])
    mat = profile_matrix(res.stats, facts, lang)
    zmat = mat.T.round(2)  # features as rows: stays readable on a page or a slide
    zmat.index.name = tr(lang, "Caractéristique")
    zt = Table.from_frame(zmat, index=True, caption=tr(lang, "Profils standardisés (écart à la moyenne en écarts-types)"),
        name=tr(lang, "Profils"))
    comp_blocks.append(zt)
    return Section(tr(lang, "Comparaison des personas"), comp_blocks)


def _grid_section(res: PersonasResult, personas: Sequence[Persona], lang: str) -> Section:
    from personas.evidence import personas_evidence
    from toolkit.grid import grid_checklist

    return Section(tr(lang, "Grille d'auto-évaluation"),
                   [grid_checklist("personas", personas_evidence(personas, res, lang), lang)])


def _export_annex(ctx: ReportContext, lang: str) -> Section:
    """Annex: the pseudonymised segment export and how to match it in a CRM."""
    exp = [Paragraph(tr(lang, "Les affectations client → persona sont exportées avec les identifiants pseudonymisés seulement (hachage SHA-256 salé), pour un outil d'e-mailing ou de publicité : ") + ", ".join(ctx.export_files) + "."),
        Paragraph(tr(lang, "Pour retrouver vos clients dans votre CRM, calculez la même empreinte avec le même sel ({salt_source}) ; ne transmettez jamais le sel au prestataire.", salt_source=_salt_place(ctx.salt_source, lang)))]
    return Section(tr(lang, "Export des segments"), exp, appendix=True)


def _decision_section(ranked: list, name: dict[str, str], personas: Sequence[Persona], lang: str) -> Section:
    """What the client is asked to validate: the priority targets, the cards, the data processing."""
    top = ranked[0]
    points = [tr(lang, "Retenir {id} « {name} » comme cible prioritaire du plan ({weight}).", id=top.id,
                 name=name[top.id], weight=(tr(lang, "{share} des clients, {revenue} du chiffre d'affaires", share=fmt_percent(top.share, lang, 0),
                   revenue=fmt_percent(top.revenue_share, lang, 0)) if top.revenue_share is not None
                else tr(lang, "{share} des clients", share=fmt_percent(top.share, lang, 0))))]
    if len(ranked) > 1:
        second = ", ".join(f"{f.id} « {name[f.id]} »" if lang == "fr" else f"{f.id} “{name[f.id]}”" for f in ranked[1:3])
        points.append(tr(lang, "Confirmer les cibles secondaires : {second}.", second=second))
    unfinished = [p.id for p in personas if not (p.quote and p.goals and p.frustrations)]
    points.append(tr(lang, "Valider les fiches personas après avoir complété {ids} (citation, objectifs, freins).",
                        ids=", ".join(unfinished)) if unfinished else tr(lang, "Valider les fiches personas."))
    points.append(tr(lang, "Compléter la fiche de traitement (base légale, durée de conservation) et la signer."))
    return Section(tr(lang, "Décision attendue"),
                   [Decision(tr(lang, "Valider les cibles et les fiches personas"),
                             points)])


def _method_section(res: PersonasResult, ctx: ReportContext, figures: dict[str, Figure], lang: str) -> Section:
    """Method: the data, its preparation, the choice of k, quality and stability, traits and score."""
    blocks = [*_method_data(res, ctx, lang), *_method_preparation(res, lang),
              *_method_choice_of_k(res, ctx, figures, lang), *_method_quality(res, figures, lang),
              *_method_traits(res, ctx, lang)]
    return Section(tr(lang, "Méthode"), blocks)


def _method_data(res: PersonasResult, ctx: ReportContext, lang: str) -> list:
    """The files read, the rows left out and the role of each column."""
    prep = res.prepared
    data_items = []
    if ctx.customers_file:
        data_items.append(tr(lang, "Fichier clients : {customers_file} ({n_customers} clients analysés).", customers_file=ctx.customers_file, n_customers=fmt_integer(res.n_customers, lang)))
    if prep is not None and prep.tx is not None:
        tx = prep.tx
        data_items.append(tr(lang, "Transactions : {transactions_file} — {rows} lignes, {rows_used} utilisées, dont {returns} retours ou annulations (factures « C… », quantités négatives) ; période du {start:%d/%m/%Y} au {end:%d/%m/%Y}.", transactions_file=ctx.transactions_file, rows=fmt_integer(tx.rows, lang), rows_used=fmt_integer(tx.rows_used, lang), returns=fmt_integer(tx.returns, lang), start=tx.start, end=tx.end))
        for reason, count in tx.dropped.items():
            rows = ", ".join(str(r) for r in tx.dropped_examples.get(reason, ()))
            data_items.append(tr(lang, "{count} lignes de transactions écartées ({reason}) : lignes {rows}…", count=fmt_integer(count, lang), reason=reason, rows=rows))
    blocks: list = [Paragraph(Span(tr(lang, "Données"), bold=True)), BulletList(data_items or ["—"])]
    if prep is not None:
        rows = tuple((_col(c.column, lang, res.stats.words), _ROLE_LABELS[lang].get(c.role, c.role),
                      _crit(c.criterion, lang) if c.used else "—", tr(lang, "oui") if c.used else
                      tr(lang, "non"), c.missing, _reason(c.reason, lang) + _repeats(res, c.column, lang))
                     for c in prep.columns)
        blocks.append(Table(
            columns=(tr(lang, "Colonne"), tr(lang, "Rôle"), tr(lang, "Critère"),
                     tr(lang, "Utilisée"), tr(lang, "Cellules vides"),
                     tr(lang, "Pourquoi")),
            rows=rows, kinds=("text", "text", "text", "text", "integer", "text"),
            caption=tr(lang, "Rôle de chaque colonne du fichier clients"),
            name=tr(lang, "Colonnes")))
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
        return tr(lang, " ; ses {n} variables comptent ensemble pour une seule", n=n)
    names = ", ".join(_col(o, lang, res.stats.words) for o in others)
    return tr(lang, " ; répète {names} (association {link}) : les {n} variables comptent pour une seule", names=names, link=fmt_number(link, lang, 2), n=n)


def _method_preparation(res: PersonasResult, lang: str) -> list:
    """How each kind of column is prepared before the distances are computed."""
    seg = res.segmentation
    prep = res.prepared
    blocks: list = []
    prep_items = [
        tr(lang, "Numériques : valeurs manquantes remplacées par la médiane, valeurs extrêmes ramenées aux bornes de Tukey (Q1 − 3 × IQR, Q3 + 3 × IQR), puis centrées-réduites (StandardScaler) ; montants et comptages très asymétriques passés en log(1 + x) : ") + (", ".join(_col(c, lang, res.stats.words) for c in seg.skewed) or "—") + ".",
        tr(lang, "Catégorielles (dont les codes entiers comme Région 1/2/3) : codage disjonctif (one-hot), modalités de moins de 1 % regroupées, vides → « inconnu » ; chaque catégorie pondérée pour qu'un changement de modalité compte au plus 2 écarts-types (une variable pèse au plus autant qu'une colonne numérique, quel que soit son nombre de modalités)."),
        tr(lang, "Oui/non : 0/1 × 2 (non centrés-réduits : une réponse rare pèserait sinon z ≈ 12 pour les quelques clients concernés) : ")
        + (", ".join(_col(c, lang, res.stats.words) for c in seg.binary) or "—") + ".",
    ]
    if prep is not None and prep.ordinal:
        prep_items.append(tr(lang, "Niveaux ordonnés (diplôme, fréquence, tranches) : rang 0, 1, 2… centré-réduit ; les fiches montrent les libellés : ") + ", ".join(_col(c, lang, res.stats.words) for c in prep.ordinal) + ".")
    if prep is not None and any(c.placeholder is not None for c in prep.columns):
        prep_items.append(tr(lang, "Codes « sans valeur » (ex. pdays = −1 : jamais contacté) traités comme une absence de valeur, avec un indicateur « renseigné » : ") + ", ".join(
            f"{_col(c.column, lang, res.stats.words)} ({fmt_number(c.placeholder, lang, 0)})" for c in prep.columns if c.placeholder is not None)
            + ".")
    if prep is not None and prep.set_aside:
        prep_items.append(tr(lang, "Variables mises de côté car sans lien avec aucune autre (V de Cramér corrigé < 0,15 avec chacune, test du khi² : elles ne décrivent pas de segment et brouilleraient les distances ; pour en forcer une, donnez-lui un rôle dans les réglages des personas) : ") + ", ".join(
            f"{_col(c, lang, res.stats.words)} (V max {fmt_number(v, lang, 2)})" for c, v in prep.set_aside.items()) + ".")
    if prep is not None and prep.redundant:
        groups = {g for g, _ in prep.redundant.values()}
        prep_items.append(tr(lang, "Colonnes qui répètent la même information (V de Cramér, |ρ| de Spearman ou recouvrement de leurs valeurs dominantes ≥ 0,9 — par exemple « jamais contacté » dit par trois colonnes) : chacune des m variables d'un groupe pèse 1/√m, le groupe compte pour une seule variable : ") + (" ; " if lang == "fr" else "; ").join(
            " + ".join(_col(f, lang, res.stats.words) for f in g) for g in sorted(groups)) + ".")
    if seg.imputed:
        prep_items.append(tr(lang, "Valeurs imputées : ") + ", ".join(
            f"{_col(c, lang, res.stats.words)} ({fmt_integer(n, lang)})" for c, n in seg.imputed.items()) + ".")
    blocks += [Paragraph(Span(tr(lang, "Préparation"), bold=True)), BulletList(prep_items)]
    return blocks


def _method_choice_of_k(res: PersonasResult, ctx: ReportContext, figures: dict[str, Figure], lang: str) -> list:
    """The algorithm, the rule that chose k, each criterion's best k and the smallest segment allowed."""
    seg = res.segmentation
    blocks: list = []
    algo = per_lang({"KMeans": "k-means (KMeans)", "MiniBatchKMeans": "k-means par mini-lots (MiniBatchKMeans)",
                     "GaussianMixture": "mélange gaussien (GaussianMixture, covariances diagonales)"})[lang].get(
        seg.algorithm, seg.algorithm)
    votes = seg.votes or {}
    names = {"silhouette": "silhouette", "calinski_harabasz": "Calinski-Harabasz", "davies_bouldin": "Davies-Bouldin",
             "gap": tr(lang, "statistique gap")}
    vote_txt = ", ".join(f"{names.get(c, c)} → {k}" for c, k in votes.items()) or "—"
    min_size = seg.min_size or ctx.min_segment_size
    blocks += [
        Paragraph(Span(tr(lang, "Algorithme et choix de k"), bold=True)),
        Paragraph(tr(
            lang,
            "Algorithme : {algo}, graine aléatoire {seed} (résultats reproductibles). Chaque k de {k_min} à "
            "{k_max} a été essayé et noté par quatre critères sur le même échantillon : silhouette (Rousseeuw, "
            "1987, la plus haute), Calinski-Harabasz (1974, le plus haut), Davies-Bouldin (1979, le plus bas) et "
            "statistique gap (Tibshirani, Walther et Hastie, 2001 ; référence : les mêmes clients, chaque "
            "variable mélangée séparément ; k au coude de la courbe, Yan et Ye, 2007), plus la stabilité "
            "bootstrap de chaque k. Règle : seuls les k stables (indice de Rand ajusté ≥ 0,75) sont candidats ; "
            "parmi eux, le plus grand k dont la silhouette est à moins de {tolerance} de la meilleure (deux "
            "lectures presque aussi nettes : la plus fine sépare deux segments que l'autre confond) ; les trois "
            "autres critères servent de contrôle. Meilleur k de chaque critère : {votes} ; k = {k}{merged}.",
            algo=algo, seed=seg.random_state, k_min=ctx.k_range[0], k_max=ctx.k_range[1],
            tolerance=fmt_percent(SILHOUETTE_TOLERANCE, lang, 1), votes=vote_txt, k=seg.k_found,
            merged=(tr(lang, ", ramené à {k} après fusion des segments de moins de {n} clients", k=seg.k,
                       n=fmt_integer(min_size, lang)) if seg.k != seg.k_found else ""))),
        Paragraph(tr(lang, "Taille minimale d'un segment : {min_size} clients (le plus grand de {min_segment_size} clients et de la part minimale du fichier) ; un segment plus petit est fusionné avec le plus proche.", min_size=fmt_integer(min_size, lang), min_segment_size=fmt_integer(ctx.min_segment_size, lang))),
    ]
    blocks += _method_first_split(res, ctx, lang)
    has_inertia = bool(seg.scores and seg.scores[0].inertia is not None)
    blocks.append(Table(
        columns=("k", "Silhouette", "Calinski-Harabasz", "Davies-Bouldin", "Gap", tr(lang, "Stabilité"),
                 tr(lang, "Inertie") if has_inertia else "BIC"),
        rows=tuple((s.k, s.silhouette, s.calinski_harabasz, s.davies_bouldin, s.gap, s.stability,
                    s.inertia if has_inertia else s.bic) for s in seg.scores),
        kinds=("integer", "number", "number", "number", "number", "number", "number"),
        caption=tr(lang, "Critères selon k (k retenu : {k_found})", k_found=seg.k_found),
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
        blocks.append(Paragraph(tr(lang, "Deux personas sont rarement exploitables (un message, un canal pour la moitié des clients) : k "
                      "commence à {k_min}. Pour comparaison, le partage en deux groupes a une silhouette de {two} "
                      "(stabilité {stability}) contre {chosen} pour les {k} segments retenus ; {agreement} des clients "
                      "sont dans le groupe de leur persona. ", k_min=ctx.k_range[0], two=fmt_number(split.silhouette, lang, 2),
                      stability=fmt_number(split.stability, lang, 2), chosen=fmt_number(split.silhouette_chosen, lang, 2),
                      k=seg.k, agreement=fmt_percent(split.agreement, lang, 0))
             + (tr(lang, "Il est nettement plus fort (silhouette au moins 1,2 fois celle des segments, stable) : la "
                         "synthèse dit quels personas forment chaque groupe.") if split.strong else
                tr(lang, "Il n'est pas nettement plus fort que les segments retenus."))))
    return blocks


def _method_quality(res: PersonasResult, figures: dict[str, Figure], lang: str) -> list:
    """Final silhouette, bootstrap stability and the segments merged."""
    seg = res.segmentation
    blocks: list = []
    stab = ", ".join(fmt_number(a, lang, 2) for a in seg.stability)
    blocks += [
        Paragraph(Span(tr(lang, "Qualité et stabilité"), bold=True)),
        Paragraph(tr(lang, "Silhouette finale : {silhouette} (au-delà de 0,25 la structure est réelle, au-delà de 0,5 elle est forte). Stabilité : le modèle a été réentraîné sur {stability} rééchantillonnages bootstrap ; accord avec la segmentation retenue (indice de Rand ajusté) : {stab}, moyenne {stability_mean} — {stability_mean_2}.", silhouette=fmt_number(seg.silhouette, lang, 2), stability=len(seg.stability), stab=stab, stability_mean=fmt_number(seg.stability_mean, lang, 2), stability_mean_2=_stability_word(seg.stability_mean, lang))),
    ]
    if seg.merged:
        blocks.append(Paragraph(tr(lang, "Segments trop petits fusionnés avec le plus proche : ") + ", ".join(
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
        Paragraph(Span(tr(lang, "Traits distinctifs et score de cible"),
                       bold=True)),
        BulletList([
            tr(lang, "Trait numérique : écart standardisé z = (moyenne du segment − moyenne générale) / écart-type général ; affiché si |z| ≥ 0,3 (Cohen, 1988 : 0,2 faible, 0,5 moyen, 0,8 fort)."),
            tr(lang, "Modalité sur-représentée : lift = part dans le segment / part générale ≥ 1,25, avec au moins 15 % du segment et {min_segment_size} clients.", min_segment_size=ctx.min_segment_size),
            tr(lang, "Valeur : avec les commandes, scores R, F, M en quintiles (1 à 5, Hughes 1994) ; moyenne R+F+M ≥ 10,5 forte, ≥ 7,5 moyenne, sinon faible. Sans commandes, la dépense par client (somme des colonnes de dépenses du fichier clients, p. ex. vins + viande + …) rapportée à la moyenne : ≥ 1,3 × forte, ≥ 0,7 × moyenne, sinon faible ; les nombres d'achats (site, magasin, catalogue…) additionnés donnent la fréquence."),
            tr(lang, "Score de cible = 100 × (0,5 × valeur + 0,3 × adéquation + 0,2 × taille), chaque terme rapporté au meilleur segment : valeur = CA ou dépense moyenne par client (à défaut le score RFM, à défaut le nombre d'achats) ; adéquation = part des objectifs du brief qui rejoignent un trait du segment ; taille = part des clients. La valeur pèse le plus : le segment qui dépense le moins ne peut pas passer premier par sa seule taille."),
        ]),
    ]
    if _quotes(res):
        col = _col(res.prepared.comments_column or "", lang, res.stats.words)
        n = fmt_integer(res.segmentation.min_size, lang)
        quoted = sum(len(f.draft.get("verbatims", ())) for f in res.facts)
        blocks.append(Paragraph(tr(lang, "Commentaires (colonne « {col} ») : un commentaire n'entre dans les brouillons que s'il est écrit mot pour mot (casse, accents et ponctuation mis à part) par au moins {n} clients du segment — la taille minimale d'un segment : il décrit un groupe, pas une personne — et s'il y est plus fréquent (au moins 1,25 fois sa part dans tous les commentaires) ; un commentaire contenant une donnée personnelle (téléphone, e-mail, adresse…) est écarté. Il va dans les freins quand ses auteurs ont donné en moyenne une note de recommandation de 6 ou moins (détracteurs), sinon dans les objectifs. Commentaires cités : {quoted}.", col=col, n=n, quoted=fmt_integer(quoted, lang))))
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
        Paragraph(tr(lang, "Fiche de traitement (modèle de registre, RGPD art. 30) — à relire et compléter par le responsable de traitement."), style="lead"),
        _processing_record(res, ctx, lang),
        Paragraph(Span(tr(lang, "Données directement identifiantes détectées et exclues"), bold=True)),
        BulletList(pii_found or [tr(lang, "aucune")]),
    ]
    if prep is not None and prep.masked_values:
        blocks.append(Paragraph(tr(lang, "{masked_values} valeurs ressemblant à des données personnelles masquées dans des colonnes catégorielles.", masked_values=fmt_integer(prep.masked_values, lang))))
    if used:
        blocks.append(Table(columns=(tr(lang, "Donnée utilisée"), tr(lang, "Pourquoi")),
                            rows=tuple(used), kinds=("text", "text"),
                            caption=tr(lang, "Données utilisées et pourquoi"),
                            name=tr(lang, "Utilisées")))
    if excluded:
        blocks.append(Table(columns=(tr(lang, "Donnée exclue"), tr(lang, "Pourquoi")),
                            rows=tuple(excluded), kinds=("text", "text"),
                            caption=tr(lang, "Données exclues et pourquoi"),
                            name=tr(lang, "Exclues")))
    return Section(tr(lang, "Note de traitement des données (RGPD)"), blocks)


def _data_used_excluded_and_identifiers(res: PersonasResult, lang: str) -> tuple[list, list, list]:
    """(column, why) of the data used and of the data excluded; the direct identifiers found."""
    prep = res.prepared
    used, excluded = [], []
    if prep is not None:
        for c in prep.columns:
            if c.used:
                why = _PURPOSE[lang].get(c.criterion or "comportemental", "")
                if c.role in ("birth_date", "postal", "date"):
                    why += f" — {_reason(c.reason, lang)}"
                used.append((_col(c.column, lang, res.stats.words), f"{_crit(c.criterion, lang)} : {why}" if lang == "fr"
                             else f"{_crit(c.criterion, lang)}: {why}"))
            else:
                excluded.append((_col(c.column, lang, res.stats.words), _reason(c.reason, lang)))
        if prep.tx is not None:
            used.append(("transactions", tr(lang, "récence, fréquence, montant, panier, ancienneté, retours, parts par catégorie et canal")))
    pii_found = []
    if prep is not None:
        for p in prep.pii:
            kind = PII_KINDS[lang].get(p.kind, p.kind)
            how = {"name": tr(lang, "nom de colonne"), "content": tr(lang, "contenu"),
                   "name+content": tr(lang, "nom et contenu")}[p.by]
            sep = " : " if lang == "fr" else ": "
            pii_found.append(f"{_col(p.column, lang, res.stats.words)}{sep}{kind} ({tr(lang, 'détecté par')} {how})")
    return used, excluded, pii_found


def _processing_record(res: PersonasResult, ctx: ReportContext, lang: str) -> Table:
    """The processing record (GDPR art. 30 register template), to be completed by the controller."""
    return Table(
        columns=(tr(lang, "Rubrique"), tr(lang, "Contenu")),
        rows=(
            (tr(lang, "Finalité"), tr(lang, "Segmentation de la clientèle et construction de personas pour orienter la stratégie marketing (ciblage, messages, canaux).")),
            (tr(lang, "Base légale"), tr(lang, "À compléter (souvent : intérêt légitime, art. 6.1.f, après mise en balance ; informer les clients et leur permettre de s'opposer).")),
            (tr(lang, "Personnes concernées"), tr(lang, "Clients du fichier ({n_customers}).", n_customers=fmt_integer(res.n_customers, lang))),
            ("Minimisation", (tr(lang, "Identifiants directs exclus avant tout calcul ; date de naissance ramenée à l'âge ; code postal "
                        "ramené au département ; commentaires cités seulement s'ils sont écrits mot pour mot par au "
                        "moins {n} clients d'un segment et sans donnée personnelle ; autres textes libres non utilisés.",
                        n=fmt_integer(res.segmentation.min_size, lang)) if _quotes(res) else
                     tr(lang, "Identifiants directs exclus avant tout calcul ; date de naissance ramenée à l'âge ; code postal "
                        "ramené au département ; textes libres non utilisés."))),
            ("Pseudonymisation", tr(lang, "Identifiant client remplacé par une empreinte SHA-256 salée ; sel conservé hors livrable ({salt_source}).", salt_source=_salt_place(ctx.salt_source, lang))),
            (tr(lang, "Petits groupes"), tr(lang, "Aucun segment décrit sous {min_segment_size} clients (fusion avec le plus proche) ; modalités affichées seulement si elles concernent au moins {min_segment_size} clients.", min_segment_size=ctx.min_segment_size)),
            (tr(lang, "Destinataires"), tr(lang, "Équipe marketing du client et agence ; l'export des segments ne contient que les identifiants pseudonymisés.")),
            (tr(lang, "Durée de conservation"), tr(lang, "À compléter (repère CNIL : 3 ans après le dernier contact pour la prospection) ; supprimer l'export des segments à la fin de la campagne.")),
        ),
        kinds=("text", "text"), caption=tr(lang, "Fiche de traitement"),
        name=tr(lang, "RGPD"))
