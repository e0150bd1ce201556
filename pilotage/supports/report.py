"""The creative brief and the validation pack (A.5) as format-neutral documents.

* :func:`brief_document` — the "Cahier des charges créatif": request, message house, targets
  and their codes, supports per action with their specifications, accessibility requirements,
  legal checklist, tone, sign-off criteria (C.5.1, C.5.2).
* :func:`audit_document` — the "Recette des supports": what is ready and what must change,
  the coverage of the messages, one sheet per support (checks, evidence, fixes, status), the
  sign-off table and the A.5 grid with honest statuses (C.5.3, C.5.4).

No computing here beyond formatting choices.
"""

from __future__ import annotations

from typing import Any

from toolkit.document import (
    BulletList,
    Callout,
    Decision,
    Document,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Span,
    Table,
)
from toolkit.grid import Evidence
from toolkit.i18n import per_lang, tr

__all__ = ["STATUS_LABELS", "audit_document", "brief_document", "supports_evidence"]


STATUS_LABELS = per_lang({"ok": "conforme", "fail": "à corriger", "warn": "à revoir", "manual": "à vérifier",
           "ready": "prêt", "fix": "à corriger avant diffusion", "review": "à revoir"}, context="support status")
AREA_LABELS = per_lang({"accessibilite": "Accessibilité", "message": "Message", "droit": "Droit"})
KIND_LABELS = per_lang({"email": "e-mail", "landing": "page web", "pdf": "PDF", "image": "image", "video": "vidéo",
                      "text": "texte"}, context="support kind")


def _para(parts: tuple[Any, ...], style: Any = "body") -> Paragraph:
    return Paragraph(*parts, style=style)


def _source(house: Any, lang: str) -> str:
    return (tr(lang, "plateforme décrite par l'équipe") if house.source == "supports"
            else tr(lang, "concept du plan marketing"))


def _lbl(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    return table["en" if lang == "en" else "fr"].get(key, key)


# ---------------------------------------------------------------------------------------
# The creative brief


def _house_section(house: Any, client: Any, lang: str) -> Section:
    if house is None:
        return Section(tr(lang, "Plateforme de message"), (
            Callout("warning", tr(lang, "Plateforme à écrire"), (_para((Span(tr(lang, "Le plan n'a pas de concept et aucune plateforme n'est décrite : écrivez la promesse et 3 à 5 messages.")),)),)),))
    blocks: list[Any] = [
        _para((Span(tr(lang, "Promesse : "), bold=True), Span(house.promise)), style="lead"),
    ]
    if house.tagline:
        blocks.append(_para((Span(tr(lang, "Signature : "), bold=True), Span(house.tagline))))
    rows = tuple((f"M{m.rank}", m.text, "; ".join(m.proofs) or "—", ", ".join(m.keywords)) for m in house.messages)
    blocks.append(Table((tr(lang, "Rang"), "Message", tr(lang, "Preuves", context="proofs"),
                         tr(lang, "Mots clés (contrôle)")), rows, ("text",) * 4,
                        caption=tr(lang, "Messages hiérarchisés (du plus important au moins important)"),
                        source=_source(house, lang), name="Messages"))
    identity = []
    if house.raison_detre:
        identity.append(_para((Span(tr(lang, "Raison d'être : "), bold=True), Span(house.raison_detre.strip()))))
    if house.values:
        identity.append(_para((Span(tr(lang, "Valeurs : "), bold=True), Span(", ".join(house.values)))))
    if getattr(client, "positioning", ""):
        identity.append(_para((Span(tr(lang, "Positionnement : "), bold=True),
                                   Span(client.positioning.strip()))))
    blocks += identity
    return Section(tr(lang, "Plateforme de message"), tuple(blocks))


def _request_section(cfg: Any, lang: str) -> Section:
    ctx: list[Any] = []
    if cfg.brief.request:
        ctx.append(_para((Span(cfg.brief.request.strip()),), style="quote"))
    if cfg.brief.objectives:
        ctx.append(BulletList(tuple(cfg.brief.objectives)))
    if cfg.brief.constraints.other:
        ctx.append(_para((Span(tr(lang, "Contraintes : "), bold=True),
                          Span(" ; ".join(cfg.brief.constraints.other)))))
    return Section(tr(lang, "La demande du client"), tuple(ctx) or (
        Paragraph(tr(lang, "Demande du client non renseignée.")),))


def _targets_section(data: Any, lang: str) -> Section:
    rows = tuple((t.name, tr(lang, "principale") if t.role == "primary" else tr(lang, "secondaire"),
                  t.insight, t.quote or "—", ", ".join(t.channels) or "—") for t in data.targets)
    return Section(tr(lang, "Les cibles et leurs codes"), (
        Table((tr(lang, "Cible"), tr(lang, "Rôle"), tr(lang, "Ce qu'elle attend"),
               tr(lang, "Ses mots"), tr(lang, "Canaux préférés")),
              rows, ("text",) * 5, caption=tr(lang, "Cibles du plan, portraits des personas"),
              source=tr(lang, "plan marketing, portraits des personas"),
              name=tr(lang, "Cibles")),))


def _supports_sections(data: Any, lang: str) -> list[Section]:
    """The supports per action, and the specifications of the formats they use."""
    from toolkit.fmt import fmt_date

    rows = tuple((s.action, s.action_name, "; ".join(f.label(lang) for f in s.formats), s.budget,
                  s.deadline, s.reason or "—") for s in data.supports)
    blocks: list[Any] = [Table(
        ("Action", tr(lang, "Intitulé"), "Supports",
         tr(lang, "Budget de l'action"), tr(lang, "Livraison avant le"),
         tr(lang, "Pourquoi ces supports")),
        rows, ("text", "text", "text", "currency", "date", "text"),
        caption=tr(lang, "Supports à produire par action du plan"),
        source=tr(lang, "plan marketing (budget : coûts de l'action, € HT ; livraison : début de l'action)"),
        name="Supports", decimals=(None, None, None, 0, None, None))]
    if data.actions_without_support:
        blocks.append(Paragraph(tr(lang, "Actions sans support de communication à produire : ") + "; ".join(data.actions_without_support),
                                style="small"))
    fmts = {f.id: f for s in data.supports for f in s.formats}
    specs_table = Table(
        ("Format", tr(lang, "Spécifications"), tr(lang, "Fichiers"), "Source"),
        tuple((f.label(lang), f.summary(lang), ", ".join(f.file_types), f.source) for f in fmts.values()),
        ("text",) * 4, caption=tr(lang, "Spécifications publiées par les plateformes, relevées le {specs_as_of} : à revérifier avant production", specs_as_of=fmt_date(data.specs_as_of, lang)),
        name="Formats")
    return [Section(tr(lang, "Les supports par action"), tuple(blocks)),
            Section(tr(lang, "Spécifications des formats"), (specs_table,))]


def _accessibility_section(data: Any, lang: str) -> Section:
    rows = tuple((_lbl(KIND_LABELS, k, lang), r["wcag"], r["rgaa"], r["en" if lang == "en" else "fr"])
                 for k, r in data.accessibility)
    return Section(tr(lang, "Exigences d'accessibilité"), (
        Table(("Support", "WCAG", "RGAA", tr(lang, "Exigence")), rows, ("text",) * 4,
              caption=tr(lang, "Exigences par type de support (niveau visé : WCAG 2.2 AA, critères du RGAA 4.1)"),
              name=tr(lang, "Accessibilité")),
        Paragraph(tr(lang, "La recette des supports contrôle automatiquement ce qui peut l'être ; le reste est vérifié à la main."), style="small")))


def _legal_section(data: Any, lang: str) -> Section:
    def applies(k: str) -> str:
        if k == "all":
            return tr(lang, "tous")
        if k == "sponsored":
            return tr(lang, "contenus sponsorisés")
        return _lbl(KIND_LABELS, k, lang)

    rows = tuple((item["en" if lang == "en" else "fr"], item["ref"], ", ".join(applies(k) for k in item["applies_to"]))
                 for item in data.legal)
    return Section(tr(lang, "Check-list juridique"), (
        Table(("Obligation", tr(lang, "Référence"), tr(lang, "S'applique à")),
              rows, ("text",) * 3, caption=tr(lang, "Règles applicables aux supports du plan"),
              name=tr(lang, "Juridique")),
        Paragraph(tr(lang, "Cette liste aide à ne rien oublier ; elle ne remplace pas l'avis d'un juriste."), style="small")))


_SIGN_OFF = per_lang((
    "Chaque support porte la promesse ou au moins un message de la plateforme, dans l'ordre de priorité.",
    "Chaque support respecte les spécifications de son format (dimensions, durée, longueur).",
    "Aucun échec aux contrôles d'accessibilité automatiques ; contrôle manuel fait pour le reste.",
    "Chaque élément (photo, musique, police) est au registre des droits, avec autorisation des personnes.",
    "Mentions obligatoires présentes (désinscription, mentions légales, collaboration commerciale).",
    "Texte lisible par la cible : indice de Kandel–Moles de 60 ou plus pour le grand public.",
))


def _tone_section(data: Any, lang: str) -> Section:
    return Section(tr(lang, "Ton et critères de validation"), (
        _para((Span(tr(lang, "Ton : "), bold=True), Span(data.tone or "—"))),
        BulletList(_SIGN_OFF[lang]),
        Paragraph(tr(lang, "La recette des supports produit la fiche de chaque support et le tableau de validation à signer par le client.")),
    ))


def _brief_decision_section(data: Any, lang: str) -> Section:
    """What the client validates before production starts: the deck's closing slide."""
    from toolkit.document import Decision
    from toolkit.i18n import doc_text

    points = [doc_text("doc.decision.brief.house", lang)]
    if data.supports:
        points.append(doc_text("doc.decision.brief.supports", lang, n=len(data.supports)))
    points.append(doc_text("doc.decision.brief.signoff", lang))
    return Section(doc_text("doc.decision.section", lang), [Decision(doc_text("doc.decision.brief.title", lang), points)])


def brief_document(case: Any, data: Any, lang: str = "fr") -> Document:
    """The creative brief from :func:`pilotage.supports.brief.creative_brief_data`: one function per section."""
    cfg = case.config
    # what the client is asked to validate comes right after the request (the deck closes on it); at the
    # end it spilled alone onto the brief's last page
    sections: list[Section] = [_request_section(cfg, lang), _brief_decision_section(data, lang),
                               _house_section(data.house, cfg.client, lang)]
    if data.targets:
        sections.append(_targets_section(data, lang))
    if data.supports:
        sections += _supports_sections(data, lang)
    if data.accessibility:
        sections.append(_accessibility_section(data, lang))
    if data.legal:
        sections.append(_legal_section(data, lang))
    sections.append(_tone_section(data, lang))
    return Document(title=tr(lang, "Cahier des charges créatif"), sections=tuple(sections),
                    subtitle=tr(lang, "Plateforme de message, supports, accessibilité et règles à respecter"),
                    client=cfg.client.name, author=cfg.output.author, lang=lang, kind="supports")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# The validation pack


def supports_evidence(results: Any, lang: str = "fr") -> dict[str, Evidence]:
    """What the audit shows for each A.5 criterion (pointers for what only a jury judges)."""
    audits = results.audits
    n = len(audits)
    ev: dict[str, Evidence] = {}
    clean = [a for a in audits if a.count("fail", "accessibilite") == 0]
    fails = sum(a.count("fail", "accessibilite") for a in audits)
    if n:
        from pilotage.supports.checks import AXE_CHECK

        status = "met" if len(clean) == n else ("partial" if clean else "missing")
        not_run = [a for a in audits if any(f.check in AXE_CHECK.values() and f.status == "warn" for f in a.findings)]
        text = tr(lang, "{clean} support(s) sur {n} sans échec aux contrôles d'accessibilité automatiques ({fails} échec(s))", clean=len(clean), n=n, fails=fails)
        if not_run:  # a page axe-core could not look at is not shown to pass
            status = "partial" if status == "met" else status
            text += tr(lang, " ; axe-core non exécuté sur {not_run} page(s)", not_run=len(not_run))
        ev["accessibilite"] = Evidence(status, text,
            "" if status == "met" else tr(lang, "Corrigez les échecs listés dans la fiche de chaque support, puis refaites la recette des supports."))
        ev["handicap"] = Evidence("partial", tr(lang, "fiches des supports, contrôles « Accessibilité »"))
        legal_fails = sum(a.count("fail", "droit") for a in audits)
        ev["reglementation"] = Evidence("partial", tr(lang, "contrôles « Droit » : {legal_fails} échec(s) ; registre des droits", legal_fails=legal_fails))
        scores = [a.readability for a in audits if a.readability is not None]
        if scores:
            ev["sens_clair"] = Evidence("partial", tr(lang, "lisibilité de Kandel–Moles de {scores:.0f} à {scores_2:.0f}", scores=min(scores), scores_2=max(scores)))
        ev["tonalite"] = Evidence("partial", tr(lang, "contrôle « Ton de la charte » de chaque support"))
        ev["inclusifs"] = Evidence("partial", tr(lang, "contrôle « Langage inclusif » (suggestions)"))
        ev["niveau_information"] = Evidence("partial", tr(lang, "longueurs, dimensions et durées contrôlées par format"))
    if results.house is not None:
        ev["messages_hierarchie"] = Evidence("partial", tr(lang, "plateforme de {messages} messages hiérarchisés ; {uncovered} porté(s) par aucun support", messages=len(results.house.messages), uncovered=len(results.uncovered)))
        ev["identite"] = Evidence("partial", tr(lang, "raison d'être, valeurs et preuves RSE dans la plateforme de message"))
    return ev


MAX_FIXES_SHOWN = 5
"""Fixes listed under a support (then "and N more"): its slide stays one slide."""


def _support_section(a: Any, house: Any, lang: str) -> Section:
    st = STATUS_LABELS["en" if lang == "en" else "fr"]
    from pilotage.supports.specs import specs

    fmt = specs().formats.get(a.format)
    what = (f"{a.file.rsplit('/', 1)[-1]} — " + (fmt.label(lang) if fmt is not None else _lbl(KIND_LABELS, a.kind, lang))
            + (f", action {a.action}" if a.action else ""))
    todo = [f for f in a.findings if f.status in ("fail", "warn")]
    todo.sort(key=lambda f: f.status != "fail")
    items = [f"{st[f.status].capitalize()} — {f.check} : {f.fix or f.evidence}" if lang != "en"
             else f"{st[f.status].capitalize()} — {f.check}: {f.fix or f.evidence}" for f in todo[:MAX_FIXES_SHOWN]]
    if len(todo) > MAX_FIXES_SHOWN:  # one slide a support: the rest is in its detailed sheet
        rest = len(todo) - MAX_FIXES_SHOWN
        items.append(tr(lang, "Et {rest} autre(s) point(s) : voir la fiche détaillée de {id}.", rest=rest, id=a.id))
    passed = a.count("ok")
    fixes = BulletList(tuple(items) or (
        tr(lang, "Aucune correction : prêt à diffuser."),
        tr(lang, "{passed} contrôles conformes : accessibilité, message et droit.", passed=passed)))
    rows = tuple((f.check, _lbl(AREA_LABELS, f.area, lang), st[f.status], f.evidence, f.fix or "—", f.ref) for f in a.findings)
    table = Table((tr(lang, "Contrôle"), tr(lang, "Domaine"), tr(lang, "Résultat"),
                   tr(lang, "Constat"), tr(lang, "Correction"), tr(lang, "Règle")),
                  rows, ("text",) * 6, caption=tr(lang, "Fiche du support {id} : {what}", id=a.id, what=what),
                  name=a.id)
    # the oral shows the status and the fixes, one slide a support; every check goes to the annex
    detail = Section(tr(lang, "Fiche détaillée de {id}", id=a.id), (table,), deck="annex")
    short = st["fail"] if a.status == "fix" else st[a.status]
    return Section(f"{a.id} — {a.name} : {short}" if lang != "en" else f"{a.id} — {a.name}: {short}",
                   (fixes, detail), notes=tr(lang, "Fichier : {what}", what=what))


def _decision_title(to_fix: list[Any], ready: list[Any], lang: str) -> str:
    """The sign-off asked of the client, in one line (the deck's closing slide)."""
    ids = ", ".join(a.id for a in ready)
    if not to_fix:
        return tr(lang, "Signer la diffusion des supports")
    fix = tr(lang, "Faire corriger {to_fix} support(s) avant de les signer", to_fix=len(to_fix))
    return fix + (tr(lang, " ; signer {ids} dès maintenant", ids=ids) if ready else "")


def audit_document(case: Any, results: Any, lang: str = "fr") -> Document:
    """The validation pack from :func:`pilotage.supports.commands.audit`."""
    from toolkit.grid import grid_checklist

    audits = results.audits
    st = STATUS_LABELS["en" if lang == "en" else "fr"]
    ready = [a for a in audits if a.status == "ready"]
    to_fix = [a for a in audits if a.status == "fix"]
    review = [a for a in audits if a.status == "review"]
    figures = KeyFigures((
        KeyFigure(tr(lang, "Supports contrôlés"), len(audits), "integer"),
        KeyFigure(tr(lang, "Prêts"), len(ready), "integer", status="good" if ready else "neutral"),
        KeyFigure(tr(lang, "À corriger avant diffusion"), len(to_fix), "integer",
                  status="bad" if to_fix else "good"),
        KeyFigure(tr(lang, "À revoir"), len(review), "integer", status="warning" if review else "good"),
        KeyFigure(tr(lang, "Messages portés par aucun support"), len(results.uncovered),
                  "integer", status="warning" if results.uncovered else "good"),
    ))
    points = [tr(lang, "{id} {name} : {checks}", id=a.id, name=a.name,
                  checks="; ".join(f.check for f in a.findings if f.status == "fail")) for a in to_fix]
    if ready:
        points.append(tr(lang, "Prêts à diffuser : ") + ", ".join(f"{a.id} {a.name}" for a in ready))
    if not points:
        points.append(tr(lang, "Tous les supports sont à revoir sur des points mineurs."))
    sections: list[Section] = [Section(tr(lang, "Ce qui est prêt, ce qui doit changer"), (
        figures,
        Decision(_decision_title(to_fix, ready, lang), points),
        *(Paragraph(n, style="small") for n in results.notes),
    ))]
    if results.house is not None:
        rows = []
        for m in results.house.all_messages():
            carriers = [a.id for a in audits if m.rank in a.carried]
            rows.append((tr(lang, "Promesse", context="promise") if m.rank == 0 else f"M{m.rank}", m.text, ", ".join(carriers) or tr(lang, "aucun")))
        sections.append(Section(tr(lang, "Les messages portés par les supports"), (
            Table((tr(lang, "Rang"), "Message", "Supports"), tuple(rows), ("text",) * 3,
                  caption=tr(lang, "Couverture de la plateforme de message"),
                  source=_source(results.house, lang) + tr(lang, " ; un support porte un message quand il en contient au moins deux mots clés (contrôle lexical, à confirmer à la lecture)"), name="Messages"),
        )))
    for a in audits:
        sections.append(_support_section(a, results.house, lang))
    short = {**st, "fix": st["fail"]}  # "à corriger": the table is narrow
    sign = tuple((f"{a.id} {a.name}", short[a.status], a.count("fail"), a.count("warn"), "", "") for a in audits)
    sections.append(Section(tr(lang, "Tableau de validation"), (
        Table(("Support", tr(lang, "État"), tr(lang, "À corriger"), tr(lang, "À revoir"),
               tr(lang, "Décision"), tr(lang, "Nom, date, visa")),
              sign, ("text", "text", "integer", "integer", "text", "text"),
              caption=tr(lang, "Décision du client : validé, validé sous réserve ou refusé"),
              name=tr(lang, "Validation")),
    )))
    sections.append(Section(tr(lang, "Grille d'évaluation — supports (A.5)"),
                            (grid_checklist("supports", supports_evidence(results, lang), lang),), appendix=True))
    return Document(title=tr(lang, "Recette des supports de communication"),
                    sections=tuple(sections),
                    subtitle=tr(lang, "Message, accessibilité et droit, support par support, avant validation du client"),
                    client=case.config.client.name, author=case.config.output.author, lang=lang,
                    kind="supports")  # type: ignore[arg-type]
