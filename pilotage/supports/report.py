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

__all__ = ["STATUS_LABELS", "audit_document", "brief_document", "supports_evidence"]


def _fr(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


STATUS_LABELS = {
    "fr": {"ok": "conforme", "fail": "à corriger", "warn": "à revoir", "manual": "à vérifier",
           "ready": "prêt", "fix": "à corriger avant diffusion", "review": "à revoir"},
    "en": {"ok": "compliant", "fail": "to fix", "warn": "to review", "manual": "to check",
           "ready": "ready", "fix": "fix before release", "review": "to review"},
}
AREA_LABELS = {"fr": {"accessibilite": "Accessibilité", "message": "Message", "droit": "Droit"},
               "en": {"accessibilite": "Accessibility", "message": "Message", "droit": "Law"}}
KIND_LABELS = {"fr": {"email": "e-mail", "landing": "page web", "pdf": "PDF", "image": "image", "video": "vidéo",
                      "text": "texte"},
               "en": {"email": "email", "landing": "web page", "pdf": "PDF", "image": "image", "video": "video",
                      "text": "text"}}


def _para(parts: tuple[Any, ...], style: Any = "body") -> Paragraph:
    return Paragraph(*parts, style=style)


def _source(house: Any, lang: str) -> str:
    return (_fr(lang, "plateforme décrite par l'équipe", "house written by the team") if house.source == "supports"
            else _fr(lang, "concept du plan marketing", "the marketing plan's concept"))


def _lbl(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    return table["en" if lang == "en" else "fr"].get(key, key)


# ---------------------------------------------------------------------------------------
# The creative brief


def _house_section(house: Any, client: Any, lang: str) -> Section:
    if house is None:
        return Section(_fr(lang, "Plateforme de message", "Message house"), (
            Callout("warning", _fr(lang, "Plateforme à écrire", "House to write"), (_para((Span(_fr(
                lang, "Le plan n'a pas de concept et aucune plateforme n'est décrite : écrivez la promesse et 3 à 5 messages.",
                "The plan has no concept and no message house is described: write the promise and 3 to 5 messages.")),)),)),))
    blocks: list[Any] = [
        _para((Span(_fr(lang, "Promesse : ", "Promise: "), bold=True), Span(house.promise)), style="lead"),
    ]
    if house.tagline:
        blocks.append(_para((Span(_fr(lang, "Signature : ", "Tagline: "), bold=True), Span(house.tagline))))
    rows = tuple((f"M{m.rank}", m.text, "; ".join(m.proofs) or "—", ", ".join(m.keywords)) for m in house.messages)
    blocks.append(Table((_fr(lang, "Rang", "Rank"), _fr(lang, "Message", "Message"), _fr(lang, "Preuves", "Proofs"),
                         _fr(lang, "Mots clés (contrôle)", "Keywords (check)")), rows, ("text",) * 4,
                        caption=_fr(lang, "Messages hiérarchisés (du plus important au moins important)",
                                    "Messages in order of importance"),
                        source=_source(house, lang), name=_fr(lang, "Messages", "Messages")))
    identity = []
    if house.raison_detre:
        identity.append(_para((Span(_fr(lang, "Raison d'être : ", "Purpose: "), bold=True), Span(house.raison_detre.strip()))))
    if house.values:
        identity.append(_para((Span(_fr(lang, "Valeurs : ", "Values: "), bold=True), Span(", ".join(house.values)))))
    if getattr(client, "positioning", ""):
        identity.append(_para((Span(_fr(lang, "Positionnement : ", "Positioning: "), bold=True),
                                   Span(client.positioning.strip()))))
    blocks += identity
    return Section(_fr(lang, "Plateforme de message", "Message house"), tuple(blocks))


def _request_section(cfg: Any, lang: str) -> Section:
    ctx: list[Any] = []
    if cfg.brief.request:
        ctx.append(_para((Span(cfg.brief.request.strip()),), style="quote"))
    if cfg.brief.objectives:
        ctx.append(BulletList(tuple(cfg.brief.objectives)))
    if cfg.brief.constraints.other:
        ctx.append(_para((Span(_fr(lang, "Contraintes : ", "Constraints: "), bold=True),
                          Span(" ; ".join(cfg.brief.constraints.other)))))
    return Section(_fr(lang, "La demande du client", "The client's request"), tuple(ctx) or (
        Paragraph(_fr(lang, "Demande du client non renseignée.", "The client's request is not given.")),))


def _targets_section(data: Any, lang: str) -> Section:
    rows = tuple((t.name, _fr(lang, "principale", "primary") if t.role == "primary" else _fr(lang, "secondaire", "secondary"),
                  t.insight, t.quote or "—", ", ".join(t.channels) or "—") for t in data.targets)
    return Section(_fr(lang, "Les cibles et leurs codes", "Targets and their codes"), (
        Table((_fr(lang, "Cible", "Target"), _fr(lang, "Rôle", "Role"), _fr(lang, "Ce qu'elle attend", "What it expects"),
               _fr(lang, "Ses mots", "In its words"), _fr(lang, "Canaux préférés", "Preferred channels")),
              rows, ("text",) * 5, caption=_fr(lang, "Cibles du plan, portraits des personas", "The plan's targets, persona portraits"),
              source=_fr(lang, "plan marketing, portraits des personas", "marketing plan, persona portraits"),
              name=_fr(lang, "Cibles", "Targets")),))


def _supports_sections(data: Any, lang: str) -> list[Section]:
    """The supports per action, and the specifications of the formats they use."""
    from toolkit.fmt import fmt_date

    rows = tuple((s.action, s.action_name, "; ".join(f.label(lang) for f in s.formats), s.budget,
                  s.deadline, s.reason or "—") for s in data.supports)
    blocks: list[Any] = [Table(
        ("Action", _fr(lang, "Intitulé", "Name"), _fr(lang, "Supports", "Supports"),
         _fr(lang, "Budget de l'action", "Action budget"), _fr(lang, "Livraison avant le", "Deliver by"),
         _fr(lang, "Pourquoi ces supports", "Why these supports")),
        rows, ("text", "text", "text", "currency", "date", "text"),
        caption=_fr(lang, "Supports à produire par action du plan", "Supports to produce per plan action"),
        source=_fr(lang, "plan marketing (budget : coûts de l'action, € HT ; livraison : début de l'action)",
                   "marketing plan (budget: the action's costs, € excl. VAT; delivery: the action's start)"),
        name="Supports", decimals=(None, None, None, 0, None, None))]
    if data.actions_without_support:
        blocks.append(Paragraph(_fr(lang, "Actions sans support de communication à produire : ",
                                    "Actions with no communication support to produce: ") + "; ".join(data.actions_without_support),
                                style="small"))
    fmts = {f.id: f for s in data.supports for f in s.formats}
    specs_table = Table(
        (_fr(lang, "Format", "Format"), _fr(lang, "Spécifications", "Specifications"), _fr(lang, "Fichiers", "Files"), "Source"),
        tuple((f.label(lang), f.summary(lang), ", ".join(f.file_types), f.source) for f in fmts.values()),
        ("text",) * 4, caption=_fr(lang, f"Spécifications publiées par les plateformes, relevées le {fmt_date(data.specs_as_of, lang)} : "
                                         "à revérifier avant production",
                                   f"Specifications published by the platforms, as of {fmt_date(data.specs_as_of, lang)}: "
                                   "check again before production"),
        name=_fr(lang, "Formats", "Formats"))
    return [Section(_fr(lang, "Les supports par action", "Supports per action"), tuple(blocks)),
            Section(_fr(lang, "Spécifications des formats", "Format specifications"), (specs_table,))]


def _accessibility_section(data: Any, lang: str) -> Section:
    rows = tuple((_lbl(KIND_LABELS, k, lang), r["wcag"], r["rgaa"], r["en" if lang == "en" else "fr"])
                 for k, r in data.accessibility)
    return Section(_fr(lang, "Exigences d'accessibilité", "Accessibility requirements"), (
        Table((_fr(lang, "Support", "Support"), "WCAG", "RGAA", _fr(lang, "Exigence", "Requirement")), rows, ("text",) * 4,
              caption=_fr(lang, "Exigences par type de support (niveau visé : WCAG 2.2 AA, critères du RGAA 4.1)",
                          "Requirements per kind of support (target: WCAG 2.2 AA, RGAA 4.1 criteria)"),
              name=_fr(lang, "Accessibilité", "Accessibility")),
        Paragraph(_fr(lang, "La recette des supports contrôle automatiquement ce qui peut l'être ; le reste est vérifié "
                            "à la main.",
                      "The sign-off audit tests automatically what can be; the rest is checked by hand."), style="small")))


def _legal_section(data: Any, lang: str) -> Section:
    def applies(k: str) -> str:
        if k == "all":
            return _fr(lang, "tous", "all")
        if k == "sponsored":
            return _fr(lang, "contenus sponsorisés", "sponsored content")
        return _lbl(KIND_LABELS, k, lang)

    rows = tuple((item["en" if lang == "en" else "fr"], item["ref"], ", ".join(applies(k) for k in item["applies_to"]))
                 for item in data.legal)
    return Section(_fr(lang, "Check-list juridique", "Legal checklist"), (
        Table((_fr(lang, "Obligation", "Obligation"), _fr(lang, "Référence", "Reference"), _fr(lang, "S'applique à", "Applies to")),
              rows, ("text",) * 3, caption=_fr(lang, "Règles applicables aux supports du plan", "Rules that apply to the plan's supports"),
              name=_fr(lang, "Juridique", "Legal")),
        Paragraph(_fr(lang, "Cette liste aide à ne rien oublier ; elle ne remplace pas l'avis d'un juriste.",
                      "This list helps forget nothing; it does not replace a lawyer's advice."), style="small")))


_SIGN_OFF = (
    ("Chaque support porte la promesse ou au moins un message de la plateforme, dans l'ordre de priorité.",
     "Each support carries the promise or at least one message of the house, in order of priority."),
    ("Chaque support respecte les spécifications de son format (dimensions, durée, longueur).",
     "Each support meets its format's specifications (dimensions, duration, length)."),
    ("Aucun échec aux contrôles d'accessibilité automatiques ; contrôle manuel fait pour le reste.",
     "No failure in the automatic accessibility checks; manual check done for the rest."),
    ("Chaque élément (photo, musique, police) est au registre des droits, avec autorisation des personnes.",
     "Every asset (photo, music, typeface) is in the rights register, with the people's releases."),
    ("Mentions obligatoires présentes (désinscription, mentions légales, collaboration commerciale).",
     "Mandatory mentions present (unsubscribe, legal notice, sponsored content)."),
    ("Texte lisible par la cible : indice de Kandel–Moles de 60 ou plus pour le grand public.",
     "Text readable by the audience: Kandel–Moles score of 60 or more for the general public."),
)


def _tone_section(data: Any, lang: str) -> Section:
    return Section(_fr(lang, "Ton et critères de validation", "Tone and sign-off criteria"), (
        _para((Span(_fr(lang, "Ton : ", "Tone: "), bold=True), Span(data.tone or "—"))),
        BulletList(tuple(_fr(lang, fr, en) for fr, en in _SIGN_OFF)),
        Paragraph(_fr(lang, "La recette des supports produit la fiche de chaque support et le tableau de validation "
                            "à signer par le client.",
                      "The sign-off audit writes each support's sheet and the sign-off table for the client to sign.")),
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
    return Document(title=_fr(lang, "Cahier des charges créatif", "Creative brief"), sections=tuple(sections),
                    subtitle=_fr(lang, "Plateforme de message, supports, accessibilité et règles à respecter",
                                 "Message house, supports, accessibility and rules to follow"),
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
        text = _fr(lang, f"{len(clean)} support(s) sur {n} sans échec aux contrôles d'accessibilité automatiques ({fails} échec(s))",
                   f"{len(clean)} of {n} support(s) with no automatic accessibility failure ({fails} failure(s))")
        if not_run:  # a page axe-core could not look at is not shown to pass
            status = "partial" if status == "met" else status
            text += _fr(lang, f" ; axe-core non exécuté sur {len(not_run)} page(s)", f"; axe-core not run on {len(not_run)} page(s)")
        ev["accessibilite"] = Evidence(status, text,
            "" if status == "met" else _fr(lang, "Corrigez les échecs listés dans la fiche de chaque support, puis refaites "
                                                 "la recette des supports.",
                                           "Fix the failures listed in each support's sheet, then run the sign-off audit again."))
        ev["handicap"] = Evidence("partial", _fr(lang, "fiches des supports, contrôles « Accessibilité »",
                                                 "support sheets, “Accessibility” checks"))
        legal_fails = sum(a.count("fail", "droit") for a in audits)
        ev["reglementation"] = Evidence("partial", _fr(lang, f"contrôles « Droit » : {legal_fails} échec(s) ; registre des droits",
                                                       f"“Law” checks: {legal_fails} failure(s); rights register"))
        scores = [a.readability for a in audits if a.readability is not None]
        if scores:
            ev["sens_clair"] = Evidence("partial", _fr(lang, f"lisibilité de Kandel–Moles de {min(scores):.0f} à {max(scores):.0f}",
                                                       f"Kandel–Moles readability from {min(scores):.0f} to {max(scores):.0f}"))
        ev["tonalite"] = Evidence("partial", _fr(lang, "contrôle « Ton de la charte » de chaque support",
                                                 "each support's “Tone of the charter” check"))
        ev["inclusifs"] = Evidence("partial", _fr(lang, "contrôle « Langage inclusif » (suggestions)", "“Inclusive language” check (suggestions)"))
        ev["niveau_information"] = Evidence("partial", _fr(lang, "longueurs, dimensions et durées contrôlées par format",
                                                           "lengths, dimensions and durations checked per format"))
    if results.house is not None:
        ev["messages_hierarchie"] = Evidence("partial", _fr(
            lang, f"plateforme de {len(results.house.messages)} messages hiérarchisés ; {len(results.uncovered)} porté(s) par aucun support",
            f"house of {len(results.house.messages)} ranked messages; {len(results.uncovered)} carried by no support"))
        ev["identite"] = Evidence("partial", _fr(lang, "raison d'être, valeurs et preuves RSE dans la plateforme de message",
                                                 "purpose, values and CSR proofs in the message house"))
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
        items.append(_fr(lang, f"Et {rest} autre(s) point(s) : voir la fiche détaillée de {a.id}.",
                         f"And {rest} more point(s): see the detailed sheet of {a.id}."))
    passed = a.count("ok")
    fixes = BulletList(tuple(items) or (
        _fr(lang, "Aucune correction : prêt à diffuser.", "Nothing to fix: ready for release."),
        _fr(lang, f"{passed} contrôles conformes : accessibilité, message et droit.",
            f"{passed} checks passed: accessibility, message and law.")))
    rows = tuple((f.check, _lbl(AREA_LABELS, f.area, lang), st[f.status], f.evidence, f.fix or "—", f.ref) for f in a.findings)
    table = Table((_fr(lang, "Contrôle", "Check"), _fr(lang, "Domaine", "Area"), _fr(lang, "Résultat", "Result"),
                   _fr(lang, "Constat", "Evidence"), _fr(lang, "Correction", "Fix"), _fr(lang, "Règle", "Rule")),
                  rows, ("text",) * 6, caption=_fr(lang, f"Fiche du support {a.id} : {what}", f"Sheet of support {a.id}: {what}"),
                  name=a.id)
    # the oral shows the status and the fixes, one slide a support; every check goes to the annex
    detail = Section(_fr(lang, f"Fiche détaillée de {a.id}", f"Detailed sheet of {a.id}"), (table,), deck="annex")
    short = st["fail"] if a.status == "fix" else st[a.status]
    return Section(f"{a.id} — {a.name} : {short}" if lang != "en" else f"{a.id} — {a.name}: {short}",
                   (fixes, detail), notes=_fr(lang, f"Fichier : {what}", f"File: {what}"))


def _decision_title(to_fix: list[Any], ready: list[Any], lang: str) -> str:
    """The sign-off asked of the client, in one line (the deck's closing slide)."""
    ids = ", ".join(a.id for a in ready)
    if not to_fix:
        return _fr(lang, "Signer la diffusion des supports", "Sign off the release of the supports")
    fix = _fr(lang, f"Faire corriger {len(to_fix)} support(s) avant de les signer",
              f"Have {len(to_fix)} support(s) fixed before signing them off")
    return fix + (_fr(lang, f" ; signer {ids} dès maintenant", f"; sign off {ids} now") if ready else "")


def audit_document(case: Any, results: Any, lang: str = "fr") -> Document:
    """The validation pack from :func:`pilotage.supports.commands.audit`."""
    from toolkit.grid import grid_checklist

    audits = results.audits
    st = STATUS_LABELS["en" if lang == "en" else "fr"]
    ready = [a for a in audits if a.status == "ready"]
    to_fix = [a for a in audits if a.status == "fix"]
    review = [a for a in audits if a.status == "review"]
    figures = KeyFigures((
        KeyFigure(_fr(lang, "Supports contrôlés", "Supports checked"), len(audits), "integer"),
        KeyFigure(_fr(lang, "Prêts", "Ready"), len(ready), "integer", status="good" if ready else "neutral"),
        KeyFigure(_fr(lang, "À corriger avant diffusion", "Fix before release"), len(to_fix), "integer",
                  status="bad" if to_fix else "good"),
        KeyFigure(_fr(lang, "À revoir", "To review"), len(review), "integer", status="warning" if review else "good"),
        KeyFigure(_fr(lang, "Messages portés par aucun support", "Messages carried by no support"), len(results.uncovered),
                  "integer", status="warning" if results.uncovered else "good"),
    ))
    points = [_fr(lang, f"{a.id} {a.name} : " + "; ".join(f.check for f in a.findings if f.status == "fail"),
                  f"{a.id} {a.name}: " + "; ".join(f.check for f in a.findings if f.status == "fail")) for a in to_fix]
    if ready:
        points.append(_fr(lang, "Prêts à diffuser : ", "Ready for release: ") + ", ".join(f"{a.id} {a.name}" for a in ready))
    if not points:
        points.append(_fr(lang, "Tous les supports sont à revoir sur des points mineurs.", "Every support needs a minor review."))
    sections: list[Section] = [Section(_fr(lang, "Ce qui est prêt, ce qui doit changer", "What is ready, what must change"), (
        figures,
        Decision(_decision_title(to_fix, ready, lang), points),
        *(Paragraph(n, style="small") for n in results.notes),
    ))]
    if results.house is not None:
        rows = []
        for m in results.house.all_messages():
            carriers = [a.id for a in audits if m.rank in a.carried]
            rows.append((_fr(lang, "Promesse", "Promise") if m.rank == 0 else f"M{m.rank}", m.text, ", ".join(carriers) or _fr(lang, "aucun", "none")))
        sections.append(Section(_fr(lang, "Les messages portés par les supports", "Messages carried by the supports"), (
            Table((_fr(lang, "Rang", "Rank"), "Message", _fr(lang, "Supports", "Supports")), tuple(rows), ("text",) * 3,
                  caption=_fr(lang, "Couverture de la plateforme de message", "Coverage of the message house"),
                  source=_source(results.house, lang) + _fr(
                      lang, " ; un support porte un message quand il en contient au moins deux mots clés (contrôle lexical, "
                            "à confirmer à la lecture)",
                      "; a support carries a message when it holds at least two of its keywords (a lexical check, "
                      "to confirm by reading)"), name="Messages"),
        )))
    for a in audits:
        sections.append(_support_section(a, results.house, lang))
    short = {**st, "fix": st["fail"]}  # "à corriger": the table is narrow
    sign = tuple((f"{a.id} {a.name}", short[a.status], a.count("fail"), a.count("warn"), "", "") for a in audits)
    sections.append(Section(_fr(lang, "Tableau de validation", "Sign-off table"), (
        Table(("Support", _fr(lang, "État", "Status"), _fr(lang, "À corriger", "To fix"), _fr(lang, "À revoir", "To review"),
               _fr(lang, "Décision", "Decision"), _fr(lang, "Nom, date, visa", "Name, date, signature")),
              sign, ("text", "text", "integer", "integer", "text", "text"),
              caption=_fr(lang, "Décision du client : validé, validé sous réserve ou refusé",
                          "The client's decision: approved, approved with changes or rejected"),
              name=_fr(lang, "Validation", "Sign-off")),
    )))
    sections.append(Section(_fr(lang, "Grille d'évaluation — supports (A.5)", "Evaluation grid — supports (A.5)"),
                            (grid_checklist("supports", supports_evidence(results, lang), lang),), appendix=True))
    return Document(title=_fr(lang, "Recette des supports de communication", "Communication supports sign-off pack"),
                    sections=tuple(sections),
                    subtitle=_fr(lang, "Message, accessibilité et droit, support par support, avant validation du client",
                                 "Message, accessibility and law, support by support, before the client's sign-off"),
                    client=case.config.client.name, author=case.config.output.author, lang=lang,
                    kind="supports")  # type: ignore[arg-type]
