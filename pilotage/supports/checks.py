"""The checks of a support, pure: facts read from a file in, findings out.

Each :class:`Finding` has an area (``accessibilite``, ``message``, ``droit``), a status
(``ok``, ``fail`` — must change before release, ``warn`` — to review, ``manual`` — a person
must check), the evidence quoted from the file, the fix, and the rule it applies (WCAG / RGAA
criterion, article of law, source of a specification).

Contrast follows WCAG 2.x: relative luminance ``L = 0,2126 R + 0,7152 G + 0,0722 B`` on linearised
sRGB channels, ratio ``(L1 + 0,05) / (L2 + 0,05)``; 4,5:1 for normal text, 3:1 for large text
(24 px, or 18,66 px bold). Only colours set inline (``style``, ``bgcolor``, ``<font color>``) are
read — what emails use; a page's style sheets are axe-core's job in a browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pilotage.supports.browser import AxeFacts
from pilotage.supports.readability import Readability, readability
from pilotage.supports.readers import (
    Cue,
    HtmlFacts,
    ImageFacts,
    OfficeFacts,
    PdfFacts,
    Subtitles,
    TextRun,
    VideoFacts,
)
from pilotage.supports.specs import FIELD_LABELS, FormatSpec, Specs
from toolkit.fmt import fmt_date, fmt_number
from toolkit.i18n import per_lang, tr
from veille.text import strip_accents

__all__ = ["AREAS", "AXE_CHECK", "Finding", "House", "SupportAudit", "carried_messages", "check_axe", "check_html", "check_image", "check_office",
           "check_pdf",
           "check_rights", "check_subtitles", "check_text", "check_video", "duration_for_format", "embedded_captions",
           "no_captions", "contrast_finding", "contrast_ratio", "keywords_of", "message_house",
           "parse_color", "subtitle_max_chars"]

Area = Literal["accessibilite", "message", "droit"]
FindingStatus = Literal["ok", "fail", "warn", "manual"]
AREAS: tuple[Area, ...] = ("accessibilite", "message", "droit")


@dataclass(frozen=True)
class Finding:
    check: str
    area: Area
    status: FindingStatus
    evidence: str = ""
    fix: str = ""
    ref: str = ""


# ---------------------------------------------------------------------------------------
# Colours and contrast (WCAG 2.x)

_NAMED = {"black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
          "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0", "yellow": "#ffff00", "orange": "#ffa500",
          "navy": "#000080", "maroon": "#800000", "purple": "#800080", "teal": "#008080", "olive": "#808000",
          "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3", "darkgray": "#a9a9a9", "beige": "#f5f5dc"}


def parse_color(value: str | None) -> tuple[int, int, int] | None:
    """``#rgb``, ``#rrggbb``, ``rgb(r, g, b)`` or a basic colour name; None when not understood."""
    if not value:
        return None
    v = value.strip().lower()
    v = _NAMED.get(v, v)
    m = re.fullmatch(r"#([0-9a-f]{3}|[0-9a-f]{6})", v)
    if m:
        h = m.group(1)
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    m = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*[\d.]+\s*)?\)", v)
    if m:
        return tuple(min(255, int(x)) for x in m.groups())  # type: ignore[return-value]
    return None


def _luminance(rgb: tuple[int, int, int]) -> float:
    def lin(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    """WCAG contrast ratio, from 1 (same colour) to 21 (black on white)."""
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _ratio_text(x: float, lang: str) -> str:
    s = f"{x:.2f}:1"
    return s if lang == "en" else s.replace(".", ",")


# ---------------------------------------------------------------------------------------
# The message house


_STOP = set("""avec chaque depuis votre vous leurs notre nous plus moins entre pour dans cette celle celles ceux
tout tous toute toutes sans mais etre avoir dont elle elles leur sont aussi comme tres faire fait fois
apres avant encore alors ainsi quand where which their there about with from that this your have will""".split())


def _fold(text: str) -> str:
    return strip_accents(text.lower())


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", _fold(text)) if len(w) >= 4 and w not in _STOP}


def keywords_of(text: str, limit: int = 6) -> tuple[str, ...]:
    """The content words of a message (longest first), used when supports.yaml gives none."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) >= 5 and _fold(w) not in _STOP]
    seen: dict[str, str] = {}
    for w in sorted(words, key=len, reverse=True):
        seen.setdefault(_fold(w)[:6], w.lower())
    return tuple(list(seen.values())[:limit])


@dataclass(frozen=True)
class HouseMessage:
    rank: int
    text: str
    keywords: tuple[str, ...]
    proofs: tuple[str, ...] = ()


@dataclass(frozen=True)
class House:
    """One promise, its supporting messages in order of importance, their proofs."""

    promise: str
    tagline: str
    messages: tuple[HouseMessage, ...]
    values: tuple[str, ...] = ()
    raison_detre: str = ""
    source: str = "plan"
    """``plan`` (the plan's concept) or ``supports`` (supports.yaml's message_house)."""

    @property
    def promise_message(self) -> HouseMessage:
        """The promise as a message of rank 0 (checked like the others)."""
        return HouseMessage(0, self.promise, keywords_of(self.promise))

    def all_messages(self) -> tuple[HouseMessage, ...]:
        return (self.promise_message, *self.messages)


def message_house(concept: Any, client: Any, override: Any = None) -> House | None:
    """The message house from supports.yaml (``message_house:``), else from the plan's concept.

    From the concept: the promise; the proof points as supporting messages, in the plan's order;
    under each, the client's RSE commitments and offers that share its words as proofs.
    """
    proofs_pool = [*getattr(client, "rse_commitments", []), *getattr(client, "offer", [])]

    def proofs_for(text: str) -> tuple[str, ...]:
        st = _stems(text)
        return tuple(p for p in proofs_pool if len(st & _stems(p)) >= 2)

    values = tuple(getattr(client, "values", []) or ())
    raison = getattr(client, "raison_detre", "") or ""
    if override is not None:
        msgs = tuple(HouseMessage(i + 1, m.text, tuple(m.keywords) or keywords_of(m.text),
                                  tuple(m.proofs) or proofs_for(m.text)) for i, m in enumerate(override.messages))
        return House(override.promise, getattr(concept, "tagline", "") if concept else "", msgs, values, raison,
                     "supports")
    if concept is None:
        return None
    points = list(concept.proof_points) or [concept.promise]
    msgs = tuple(HouseMessage(i + 1, p, keywords_of(p), proofs_for(p)) for i, p in enumerate(points))
    return House(concept.promise, concept.tagline, msgs, values, raison, "plan")


def carried_messages(text: str, house: House) -> tuple[int, ...]:
    """Ranks of the messages a text carries (0: the promise): at least two of a message's keywords
    (one if it has one)."""
    st = _stems(text)
    out = []
    for m in house.all_messages():
        kws = {_fold(k)[:6] for k in m.keywords}
        need = min(2, len(kws))
        if kws and len(kws & st) >= need:
            out.append(m.rank)
    return tuple(out)


def _find_terms(text: str, terms: Iterable[str]) -> list[str]:
    folded = _fold(text)
    found = []
    for t in terms:
        if re.search(r"(?<![a-z])" + re.escape(_fold(t)) + r"(?![a-z])", folded):
            found.append(t)
    return found


def _lang_finding(declared: str, expected: str | None, ref: str, lang: str) -> Finding:
    """The declared language: present, and the support's own (``fr-FR`` for a French support)."""
    name = tr(lang, "Langue déclarée")
    if not declared:
        return Finding(name, "accessibilite", "fail", tr(lang, "aucune langue déclarée"),
                       tr(lang, "Déclarez la langue du support ({expected}).", expected=expected or 'fr'), ref)
    primary = declared.replace("_", "-").split("-")[0].lower()
    if expected and primary != expected.split("-")[0].lower():
        return Finding(name, "accessibilite", "fail",
                       tr(lang, "{declared} déclaré pour un support en « {expected} »", declared=declared, expected=expected),
                       tr(lang, "Corrigez la langue déclarée : un lecteur d'écran lirait le texte avec la mauvaise prononciation."), ref)
    return Finding(name, "accessibilite", "ok", declared, "", ref)


def contrast_finding(runs: Sequence[TextRun], lang: str = "fr", none_measured: str = "") -> Finding:
    """WCAG 1.4.3 over text runs whose colour or background is known (black on white otherwise):
    4.5:1, or 3:1 for large text (24 px, or 18.66 px bold — 18 pt, or 14 pt bold)."""
    name = tr(lang, "Contraste du texte")
    worst: tuple[float, Any] | None = None
    failing = 0
    measured = 0
    for run in runs:
        if run.color is None and run.background is None:
            continue
        fg = parse_color(run.color) or (0, 0, 0)
        bg = parse_color(run.background) or (255, 255, 255)
        measured += 1
        ratio = contrast_ratio(fg, bg)
        large = (run.size_px or 16) >= 24 or ((run.size_px or 16) >= 18.66 and run.bold)
        if ratio < (3.0 if large else 4.5):
            failing += 1
            if worst is None or ratio < worst[0]:
                worst = (ratio, run)
    if worst is not None:
        ratio, run = worst
        ev = tr(lang, "{failing} texte(s) sous le seuil ; le pire : « {text} » à {ratio} ({color} sur {background})", failing=failing, text=run.text[:40], ratio=_ratio_text(ratio, lang), color=run.color or '#000', background=run.background or '#fff')
        return Finding(name, "accessibilite", "fail", ev,
                       tr(lang, "Foncez le texte ou éclaircissez le fond : 4,5:1 au moins (3:1 au-delà de 24 px)."),
                       "WCAG 1.4.3 · RGAA 3.2")
    return Finding(name, "accessibilite", "ok" if measured else "manual",
                   tr(lang, "{measured} texte(s) coloré(s) mesuré(s), tous au-dessus du seuil", measured=measured) if measured else none_measured,
                   "", "WCAG 1.4.3 · RGAA 3.2")


# ---------------------------------------------------------------------------------------
# HTML (email, landing page)


def check_html(facts: HtmlFacts, kind: str, specs: Specs, fmt: FormatSpec | None, lang: str = "fr",
               expected_lang: str | None = "fr") -> list[Finding]:
    """Accessibility (language, title, images, headings, links, contrast) and the legal links."""
    out: list[Finding] = []
    out.append(_lang_finding(facts.lang, expected_lang, "WCAG 3.1.1 · RGAA 8.3", lang))
    # title (the page title; an email's <title> is what some clients show)
    if kind == "landing" or facts.title:  # its length against the format is a message check ("Longueur (titre)")
        status = "ok" if facts.title else "fail"
        ev = f"« {facts.title} »" if facts.title else tr(lang, "pas de <title>")
        fix = "" if facts.title else tr(lang, "Donnez un titre qui dit le sujet de la page.")
        out.append(Finding(tr(lang, "Titre du document"), "accessibilite", status, ev, fix,
                           "WCAG 2.4.2 · RGAA 8.5"))
    # images
    no_alt = [src for src, alt in facts.images if alt is None]
    out.append(Finding(tr(lang, "Textes alternatifs des images"), "accessibilite",
                       "fail" if no_alt else "ok",
                       (tr(lang, "{no_alt} image(s) sans attribut alt : ", no_alt=len(no_alt))
                        + ", ".join(no_alt[:5])) if no_alt else
                       tr(lang, "{images} image(s), toutes avec alt", images=len(facts.images)),
                       tr(lang, "Décrivez chaque image qui informe ; alt=\"\" pour une image décorative.") if no_alt else "",
                       "WCAG 1.1.1 · RGAA 1.1"))
    # headings
    levels = [h for h, _ in facts.headings]
    problems = []
    if kind == "landing" and levels.count(1) != 1:
        problems.append(tr(lang, "{value} titre(s) de niveau 1 (il en faut un)", value=levels.count(1)))
    prev = 0
    for (lv, text) in facts.headings:
        if prev and lv > prev + 1:
            problems.append(tr(lang, "saut de h{prev} à h{lv} (« {text} »)", prev=prev, lv=lv, text=text[:40]))
        prev = lv
    if not levels and kind == "landing":
        problems.append(tr(lang, "aucun titre balisé"))
    out.append(Finding(tr(lang, "Hiérarchie des titres"), "accessibilite",
                       "fail" if problems else "ok",
                       "; ".join(problems) if problems else " › ".join(f"h{lv}" for lv in levels) or tr(lang, "aucun titre"),
                       tr(lang, "Un seul h1, puis des h2 et des h3, sans sauter de niveau.")
                       if problems else "", "WCAG 1.3.1 · RGAA 9.1"))
    # links
    vague = set(specs.vague_links)
    bad_links = [(h, n) for h, n in facts.links if not n.strip() or _fold(n.strip(" .…›»→")) in {_fold(v) for v in vague}]
    out.append(Finding(tr(lang, "Intitulés des liens"), "accessibilite", "fail" if bad_links else "ok",
                       ("; ".join(f"« {n or '∅'} »" for _h, n in bad_links[:4])) if bad_links
                       else tr(lang, "{links} lien(s) explicites", links=len(facts.links)),
                       tr(lang, "Écrivez où mène le lien (« Découvrir les Origines Rares »), pas « cliquez ici ».") if bad_links else "",
                       "WCAG 2.4.4 · RGAA 6.1"))
    out.append(contrast_finding(facts.runs, lang, tr(lang, "aucune couleur en ligne : à mesurer dans le navigateur (axe-core)")))
    # legal links
    names = " ".join(f"{h} {n}" for h, n in facts.links)
    if kind == "email":
        has = bool(_find_terms(names, specs.unsubscribe_words)) or any(
            _fold(w) in _fold(names) for w in specs.unsubscribe_words)
        out.append(Finding(tr(lang, "Lien de désinscription"), "droit", "ok" if has else "fail",
                           tr(lang, "présent") if has else tr(lang, "aucun lien de désinscription"),
                           "" if has else tr(lang, "Ajoutez en pied d'e-mail un lien « Se désinscrire » (balise de désinscription du routeur)."),
                           "CPCE art. L34-5 ; RGPD art. 21"))
    if kind == "landing":
        has = any(_fold(w) in _fold(names) for w in specs.legal_notice_words)
        out.append(Finding(tr(lang, "Mentions légales"), "droit", "ok" if has else "fail",
                           tr(lang, "lien présent") if has else tr(lang, "aucun lien vers les mentions légales"),
                           "" if has else tr(lang, "Ajoutez en pied de page le lien « Mentions légales » (éditeur, hébergeur)."),
                           "LCEN (loi n° 2004-575)"))
        has_p = any(_fold(w) in _fold(names) for w in specs.privacy_words)
        out.append(Finding(tr(lang, "Politique de confidentialité"), "droit", "ok" if has_p else "warn",
                           tr(lang, "lien présent") if has_p else tr(lang, "aucun lien"),
                           "" if has_p else tr(lang, "Liez la politique de confidentialité (formulaires, cookies)."), "RGPD art. 13"))
    return out


# ---------------------------------------------------------------------------------------
# axe-core in a browser (HTML)

AXE_CHECK = per_lang("Contrôle axe-core (navigateur)")
_IMPACT = per_lang({"critical": "critique", "serious": "grave", "moderate": "modérée", "minor": "mineure"})


def check_axe(facts: AxeFacts | None, lang: str = "fr", *, not_run: str = "", fix: str = "") -> Finding:
    """The WCAG 2.x A/AA rules of axe-core run in Chromium: every violation fails; when the browser
    or axe-core is missing the check says so and asks a review (never a silent pass)."""
    lg = "en" if lang == "en" else "fr"
    name = AXE_CHECK[lg]
    if facts is None:
        return Finding(name, "accessibilite", "warn",
                       tr(lang, "non exécuté : {not_run}", not_run=not_run), fix, "WCAG 2.2 A/AA · axe-core")
    ref = f"WCAG 2.2 A/AA · axe-core {facts.version}".strip()
    manual = tr(lang, " ; {incomplete} point(s) qu'axe ne peut trancher, à vérifier à la main", incomplete=facts.incomplete) if facts.incomplete else ""
    if not facts.violations:
        return Finding(name, "accessibilite", "ok",
                       tr(lang, "aucune violation des règles WCAG A/AA ({passes} règles respectées)", passes=facts.passes) + manual, "", ref)
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    worst = sorted(facts.violations, key=lambda v: (order.get(v.impact, 4), v.id))
    ev = "; ".join(tr(lang, "{help} ({id}, {impact}, {nodes} élément(s) : {targets})", help=v.help, id=v.id, impact=_IMPACT[lg].get(v.impact, v.impact), nodes=v.nodes, targets=', '.join(v.targets))
                   for v in worst[:5])
    more = len(worst) - 5
    if more > 0:
        ev += tr(lang, " ; et {more} autre(s)", more=more)
    return Finding(name, "accessibilite", "fail", tr(lang, "{worst} règle(s) non respectée(s) : ", worst=len(worst))
                   + ev + manual,
                   tr(lang, "Corrigez chaque élément cité (sélecteur CSS entre parenthèses), puis relancez la recette."), ref)


# ---------------------------------------------------------------------------------------
# PDF


def check_pdf(facts: PdfFacts, fmt: FormatSpec | None, lang: str = "fr", expected_lang: str | None = "fr") -> list[Finding]:
    out = [
        Finding(tr(lang, "PDF balisé"), "accessibilite", "ok" if facts.tagged else "fail",
                tr(lang, "structure balisée présente") if facts.tagged
                else tr(lang, "aucune structure balisée (StructTreeRoot / MarkInfo)"),
                "" if facts.tagged else tr(lang, "Exportez en « PDF balisé » / PDF/UA depuis le logiciel de mise en page."),
                "WCAG 1.3.1 · PDF/UA (ISO 14289)"),
        _lang_finding(facts.lang, expected_lang, "WCAG 3.1.1 · PDF16", lang),
        Finding(tr(lang, "Titre du document"), "accessibilite",
                "ok" if facts.title and facts.display_title else ("warn" if facts.title else "fail"),
                (f"« {facts.title} »" + ("" if facts.display_title else tr(lang, " (non affiché à l'ouverture)")))
                if facts.title else tr(lang, "aucun titre dans les métadonnées"),
                "" if facts.title and facts.display_title else tr(lang, "Renseignez le titre et cochez « afficher le titre du document »."),
                "WCAG 2.4.2 · PDF18"),
    ]
    has_text = len(facts.text.split()) >= 3
    out.append(Finding(tr(lang, "Texte réel (pas une image de texte)"), "accessibilite",
                       "ok" if has_text else "fail",
                       tr(lang, "{split} mots extractibles", split=len(facts.text.split())),
                       "" if has_text else tr(lang, "Le texte est dans une image : exportez le texte en texte (et ajoutez une version HTML)."),
                       "WCAG 1.4.5"))
    if fmt is not None and fmt.page_mm:
        w, h = facts.page_mm
        ok = any(abs(w - a) <= 2 and abs(h - b) <= 2 for a, b in (fmt.page_mm, fmt.page_mm[::-1]))
        out.append(Finding(tr(lang, "Format de page"), "message", "ok" if ok else "fail",
                           f"{w:.0f} × {h:.0f} mm", "" if ok else tr(lang, "Attendu : {lang_}.", lang_=fmt.summary(lang)), tr(lang, "Spécification du format")))
    return out


# ---------------------------------------------------------------------------------------
# Word and PowerPoint


def check_office(facts: OfficeFacts, lang: str = "fr", expected_lang: str | None = "fr") -> list[Finding]:
    """Alt text on every picture, heading order (DOCX), a title on every slide and readable text
    size (PPTX), the document's title and language."""
    out: list[Finding] = []
    no_alt = [where for where, descr in facts.pictures if not descr]
    out.append(Finding(tr(lang, "Textes alternatifs des images"), "accessibilite",
                       "fail" if no_alt else "ok",
                       (tr(lang, "{no_alt} image(s) sans description : ", no_alt=len(no_alt))
                        + ", ".join(no_alt[:5])) if no_alt else
                       tr(lang, "{pictures} image(s), toutes décrites", pictures=len(facts.pictures)),
                       tr(lang, "Clic droit sur l'image › « Modifier le texte de remplacement ».") if no_alt else "",
                       "WCAG 1.1.1 · RGAA 1.1"))
    if facts.kind == "docx":
        problems = []
        prev = 0
        for lv, text in facts.headings:
            if prev and lv > prev + 1:
                problems.append(tr(lang, "saut du niveau {prev} au niveau {lv} (« {text} »)", prev=prev, lv=lv, text=text[:40]))
            prev = lv
        if not facts.headings:
            problems.append(tr(lang, "aucun titre en style « Titre 1, 2… »"))
        out.append(Finding(tr(lang, "Hiérarchie des titres"), "accessibilite", "fail" if problems else "ok",
                           "; ".join(problems) or tr(lang, "{headings} titres, sans saut de niveau", headings=len(facts.headings)),
                           tr(lang, "Appliquez les styles de titre dans l'ordre (Titre 1, puis Titre 2).") if problems else "",
                           "WCAG 1.3.1 · RGAA 9.1"))
    if facts.color_runs:
        out.append(contrast_finding(facts.color_runs, lang))
    if facts.kind == "pptx":
        out.append(Finding(tr(lang, "Titre de chaque diapositive"), "accessibilite",
                           "fail" if facts.untitled_slides else "ok",
                           (tr(lang, "diapositive(s) sans titre : ")
                            + ", ".join(str(n) for n in facts.untitled_slides[:8])) if facts.untitled_slides
                           else tr(lang, "toutes titrées"),
                           tr(lang, "Donnez un titre à chaque diapositive (le lecteur d'écran s'en sert pour naviguer).") if facts.untitled_slides else "",
                           "WCAG 2.4.6"))
        out.append(Finding(tr(lang, "Ordre de lecture"), "accessibilite", "warn" if facts.reading_order else "ok",
                           "; ".join(tr(lang, "diapositive {n} : titre lu après {k} autre(s) zone(s) de texte", n=n, k=k) for n, k in facts.reading_order[:4])
                           or tr(lang, "le titre est lu en premier sur chaque diapositive"),
                           tr(lang, "Accueil › Organiser › Volet Sélection : placez le titre en premier dans l'ordre de lecture.")
                           if facts.reading_order else "", "WCAG 1.3.2 · 2.4.6"))
        out.append(Finding(tr(lang, "Taille du texte"), "accessibilite", "warn" if facts.small_text else "ok",
                           "; ".join(f"{w} : {fmt_number(pt, lang, 0)} pt" for w, pt in facts.small_text[:4])
                           or tr(lang, "14 pt ou plus partout"),
                           tr(lang, "Passez le texte à 14 pt au moins (18 pt conseillés en projection).") if facts.small_text else "",
                           "WCAG 1.4.4"))
    out.append(Finding(tr(lang, "Titre du document"), "accessibilite", "ok" if facts.title else "warn",
                       f"« {facts.title} »" if facts.title else tr(lang, "propriété « Titre » vide"),
                       "" if facts.title else tr(lang, "Renseignez Fichier › Propriétés › Titre."),
                       "WCAG 2.4.2"))
    out.append(_office_lang_finding(facts, expected_lang, lang))
    return out


def _office_lang_finding(facts: OfficeFacts, expected: str | None, lang: str) -> Finding:
    """The language of the text runs (each run's own, else the document's default): none left
    without a language, none in another language than the support's."""
    if not facts.run_langs:
        return _lang_finding(facts.lang, expected, "WCAG 3.1.1 · 3.1.2", lang)
    want = (expected or "").split("-")[0].lower()
    none = sum(n for tag, n in facts.run_langs if not tag)
    other = [(tag, n) for tag, n in facts.run_langs if tag and want and tag.replace("_", "-").split("-")[0].lower() != want]
    total = sum(n for _tag, n in facts.run_langs)
    name = tr(lang, "Langue déclarée")
    if none == total:
        return _lang_finding("", expected, "WCAG 3.1.1", lang)
    problems = []
    if none:
        problems.append(tr(lang, "{none} texte(s) sur {total} sans langue", none=none, total=total))
    if other:
        problems.append(", ".join(tr(lang, "{n} texte(s) en {tag}", n=n, tag=tag) for tag, n in other)
                        + tr(lang, " pour un support en « {expected} »", expected=expected))
    if problems:
        return Finding(name, "accessibilite", "fail", "; ".join(problems),
                       tr(lang, "Sélectionnez tout le texte › Révision › Langue › {expected} (et la langue par défaut du document) : un lecteur d'écran lit chaque texte dans la langue déclarée.", expected=expected or 'fr'), "WCAG 3.1.1 · 3.1.2")
    tags = ", ".join(tag for tag, _n in facts.run_langs)
    return Finding(name, "accessibilite", "ok", tr(lang, "{tags} ({total} texte(s))", tags=tags, total=total), "",
                   "WCAG 3.1.1 · 3.1.2")


# ---------------------------------------------------------------------------------------
# Images


def check_image(facts: ImageFacts, fmt: FormatSpec | None, alt: str | None, suffix: str, lang: str = "fr") -> list[Finding]:
    out: list[Finding] = []
    if fmt is not None and fmt.width and fmt.height:
        ok = (facts.width, facts.height) == (fmt.width, fmt.height)
        same_ratio = abs(facts.width / facts.height - fmt.width / fmt.height) < 0.01
        out.append(Finding("Dimensions", "message", "ok" if ok else ("warn" if same_ratio else "fail"),
                           f"{facts.width} × {facts.height} px",
                           "" if ok else tr(lang, "Attendu : {width} × {height} px ({lang_}).", width=fmt.width, height=fmt.height, lang_=fmt.label(lang)), tr(lang, "Spécification du format")))
    if fmt is not None and fmt.file_types:
        ok = suffix.lower().lstrip(".") in fmt.file_types
        out.append(Finding(tr(lang, "Type de fichier"), "message", "ok" if ok else "fail",
                           suffix or "?", "" if ok else ", ".join(fmt.file_types), tr(lang, "Spécification du format")))
    has = bool(alt and alt.strip())
    out.append(Finding(tr(lang, "Texte alternatif"), "accessibilite", "ok" if has else "fail",
                       f"« {alt} »" if has else tr(lang, "aucun texte alternatif prévu"),
                       "" if has else tr(lang, "Rédigez le texte alternatif saisi à la publication (ce que montre l'image, en une phrase)."),
                       "WCAG 1.1.1 · RGAA 1.1"))
    return out


# ---------------------------------------------------------------------------------------
# Subtitles


def subtitle_max_chars(seconds: float, table: dict[int, int]) -> float:
    """Characters a cue may hold for its duration (CSA 2011 table, linear between its points;
    beyond its last point, the last point's rate per second)."""
    pts = sorted(table.items())
    if seconds <= pts[0][0]:
        return pts[0][1] * seconds / pts[0][0]
    for (s0, c0), (s1, c1) in zip(pts, pts[1:], strict=False):
        if seconds <= s1:
            return c0 + (c1 - c0) * (seconds - s0) / (s1 - s0)
    last_s, last_c = pts[-1]
    return last_c * seconds / last_s


def check_subtitles(subs: Subtitles, duration: float | None, fmt: FormatSpec | None, specs: Specs,
                    lang: str = "fr") -> list[Finding]:
    out: list[Finding] = []
    cues: Sequence[Cue] = subs.cues
    out.append(Finding(tr(lang, "Sous-titres présents"), "accessibilite", "ok" if cues else "fail",
                       tr(lang, "{cues} sous-titre(s) ({upper})", cues=len(cues), upper=subs.kind.upper()),
                       "" if cues else tr(lang, "Fournissez un fichier SRT ou VTT complet."),
                       "WCAG 1.2.2 · RGAA 4.3"))
    timing: list[str] = list(subs.problems)
    for a in cues:
        if a.end <= a.start:
            timing.append(tr(lang, "n° {index} (ligne {line}) : fin avant le début", index=a.index, line=a.line))
    for a, b in zip(cues, cues[1:], strict=False):
        if b.start < a.end - 1e-6:
            timing.append(tr(lang, "n° {index} (ligne {line}) chevauche le n° {index_2}", index=b.index, line=b.line, index_2=a.index))
    if duration is not None:
        beyond = [c for c in cues if c.end > duration + 0.05]
        for c in beyond[:3]:
            timing.append(tr(lang, "n° {index} (ligne {line}) finit à {end} s, après la fin de la vidéo ({duration} s)", index=c.index, line=c.line, end=fmt_number(c.end, lang, 1), duration=fmt_number(duration, lang, 0), end_2=c.end, duration_2=duration))
        if cues and not beyond and cues[-1].end < 0.8 * duration:
            timing.append(tr(lang, "les sous-titres s'arrêtent à {end} s sur {duration} s : la fin n'est pas sous-titrée ?", end=fmt_number(cues[-1].end, lang, 1), duration=fmt_number(duration, lang, 0), end_2=cues[-1].end, duration_2=duration))
    out.append(Finding(tr(lang, "Synchronisation"), "accessibilite", "fail" if timing else ("ok" if cues else "manual"),
                       "; ".join(timing) if timing else tr(lang, "horodatages cohérents avec la durée"),
                       tr(lang, "Recalez les sous-titres sur la vidéo montée (durée définitive).") if timing else "", "WCAG 1.2.2 · RGAA 4.3"))
    fast = [c for c in cues if c.end > c.start and len(c.text) > subtitle_max_chars(c.end - c.start, specs.subtitle_reading) + 0.5]
    out.append(Finding(tr(lang, "Temps de lecture"), "accessibilite", "warn" if fast else "ok",
                       "; ".join(tr(lang, "n° {index} : {text} caractères en {end} s", index=c.index, text=len(c.text), end=fmt_number(c.end - c.start, lang, 1), end_2=c.end - c.start) for c in fast[:3])
                       or tr(lang, "tous lisibles à temps"),
                       tr(lang, "Raccourcissez ou allongez ces sous-titres.") if fast else "",
                       "CSA, charte du sous-titrage (2011)"))
    out += duration_for_format(duration, fmt, lang)
    return out


def duration_for_format(duration: float | None, fmt: FormatSpec | None, lang: str = "fr") -> list[Finding]:
    """The video's duration against its format's range (none when either is unknown)."""
    if fmt is None or duration is None or not fmt.duration_s[1]:
        return []
    lo, hi = fmt.duration_s
    ok = (lo or 0) <= duration <= hi
    return [Finding(tr(lang, "Durée"), "message", "ok" if ok else "fail", f"{fmt_number(duration, lang, 0)} s",
                    "" if ok else tr(lang, "Attendu : {lang_}.", lang_=fmt.summary(lang)),
                    tr(lang, "Spécification du format"))]


def check_video(facts: VideoFacts, stated_s: float | None, fmt: FormatSpec | None, lang: str = "fr") -> list[Finding]:
    """What the container says: a picture track, its duration (against the duration the team
    stated) and its size against the format's."""
    out: list[Finding] = []
    video = [t for t in facts.tracks if t.kind == "video"]
    kinds = {"video": tr(lang, "image"), "audio": tr(lang, "son"),
             "subtitle": tr(lang, "sous-titres"), "other": tr(lang, "autre")}
    tracks = ", ".join(f"{kinds.get(t.kind, t.kind)} ({t.codec}{', ' + t.lang if t.lang else ''})" for t in facts.tracks) or "—"
    out.append(Finding(tr(lang, "Pistes de la vidéo"), "message", "ok" if video else "fail",
                       f"{facts.container.upper()} : {tracks}" if lang != "en" else f"{facts.container.upper()}: {tracks}",
                       "" if video else tr(lang, "Le fichier n'a pas d'image : exportez la vidéo montée."),
                       tr(lang, "Conteneur du fichier")))
    if facts.duration_s is None:
        out.append(Finding(tr(lang, "Durée (fichier)"), "message", "warn",
                           tr(lang, "le conteneur n'indique pas de durée (enregistrement en direct ?)"),
                           tr(lang, "Réexportez la vidéo depuis le logiciel de montage."),
                           tr(lang, "Conteneur du fichier")))
    elif stated_s is not None and abs(stated_s - facts.duration_s) > 0.5:
        out.append(Finding(tr(lang, "Durée (fichier)"), "message", "fail",
                           tr(lang, "{duration_s} s dans le fichier, {stated_s} s déclarées", duration_s=fmt_number(facts.duration_s, lang, 1), stated_s=fmt_number(stated_s, lang, 1), duration_s_2=facts.duration_s, stated_s_2=stated_s),
                           tr(lang, "Le fichier n'est pas la version décrite : vérifiez que c'est le montage définitif, puis corrigez duration_s."),
                           tr(lang, "Conteneur du fichier")))
    else:
        out.append(Finding(tr(lang, "Durée (fichier)"), "message", "ok",
                           f"{fmt_number(facts.duration_s, lang, 1)} s", "", tr(lang, "Conteneur du fichier")))
    if fmt is not None and fmt.width and fmt.height and facts.width and facts.height:
        ok = (facts.width, facts.height) == (fmt.width, fmt.height)
        same_ratio = abs(facts.width / facts.height - fmt.width / fmt.height) < 0.01
        out.append(Finding("Dimensions", "message", "ok" if ok else ("warn" if same_ratio else "fail"),
                           f"{facts.width} × {facts.height} px",
                           "" if ok else tr(lang, "Attendu : {width} × {height} px ({lang_}).", width=fmt.width, height=fmt.height, lang_=fmt.label(lang)),
                           tr(lang, "Spécification du format")))
    return out


def no_captions(facts: VideoFacts, lang: str = "fr") -> Finding:
    """A video with neither a subtitle track nor a subtitles file beside it."""
    return Finding(tr(lang, "Sous-titres présents"), "accessibilite", "fail",
                   tr(lang, "ni piste de sous-titres dans la vidéo ({upper}), ni fichier SRT/VTT", upper=facts.container.upper()),
                   tr(lang, "Fournissez les sous-titres : un fichier SRT ou VTT (déclaré avec le support, ou du même nom à côté de la vidéo) ou une piste de sous-titres dans la vidéo."), "WCAG 1.2.2 · RGAA 4.3")


def embedded_captions(facts: VideoFacts, lang: str = "fr") -> list[Finding]:
    """A subtitle track whose cues cannot be read here (WebM, WebVTT in MP4): present, timing by hand."""
    t = facts.subtitle_tracks[0]
    return [Finding(tr(lang, "Sous-titres présents"), "accessibilite", "ok",
                    tr(lang, "piste de sous-titres intégrée ({codec}{value})", codec=t.codec, value=', ' + t.lang if t.lang else ''), "", "WCAG 1.2.2 · RGAA 4.3"),
            Finding(tr(lang, "Synchronisation"), "accessibilite", "manual",
                    tr(lang, "horodatages de la piste non lus ici"),
                    tr(lang, "Vérifiez à la lecture que les sous-titres suivent la parole jusqu'à la fin."), "WCAG 1.2.2 · RGAA 4.3")]


# ---------------------------------------------------------------------------------------
# Text: message, tone, readability, law


@dataclass(frozen=True)
class TextFacts:
    readability: Readability
    carried: tuple[int, ...]


def check_text(text: str, *, kind: str, house: House | None, charter: Any, specs: Specs, fmt: FormatSpec | None,
               sponsored: bool = False, min_score: float = 60.0, fields: dict[str, str] | None = None,
               lang: str = "fr", sector_rules: Sequence[dict[str, Any]] = ()) -> tuple[list[Finding], TextFacts]:
    """Messages carried, readability (Kandel–Moles), length, tone, inclusive wording, claims, sponsorship."""
    out: list[Finding] = []
    rd = readability(text, lang)
    carried = carried_messages(text, house) if house is not None else ()
    if house is not None:
        names = ", ".join(tr(lang, "promesse") if r == 0 else f"M{r}" for r in carried)
        status: FindingStatus = "ok" if carried else "warn"
        out.append(Finding(tr(lang, "Messages portés"), "message", status,
                           names or tr(lang, "aucun message de la plateforme reconnu"),
                           "" if carried else tr(lang, "Faites porter au support au moins un message de la plateforme (mots clés : {keywords}).", keywords=', '.join(house.messages[0].keywords[:3])),
                           tr(lang, "Plateforme de message")))
    if rd.score is not None and rd.words >= 20:
        from pilotage.supports.readability import band

        ok = rd.score >= min_score
        out.append(Finding(tr(lang, "Lisibilité"),
                           "message", "ok" if ok else "warn",
                           tr(lang, "indice {score} ({band}) — {words} mots par phrase, {syllables} syllabes par mot",
                                  score=f"{rd.score:.0f}", band=band(rd.score, lang),
                                  words=fmt_number(rd.words_per_sentence, lang, 1),
                                  syllables=fmt_number(rd.syllables_per_word, lang, 2)),
                           "" if ok else tr(lang, "Visez {min_score:.0f} ou plus : phrases plus courtes, mots plus courants.", min_score=min_score),
                           "Kandel & Moles (1958)"))
    for name, value in (fields or {}).items():
        limit = fmt.max_chars.get(name) if fmt is not None else None
        if limit:
            ok = len(value) <= limit
            label = FIELD_LABELS["en" if lang == "en" else "fr"].get(name, name)
            out.append(Finding(tr(lang, "Longueur ({label})", label=label), "message", "ok" if ok else "fail",
                               tr(lang, "{value} caractères", value=len(value)),
                               "" if ok else tr(lang, "Limite du format : {limit}.", limit=limit),
                               tr(lang, "Spécification du format") if fmt is not None else ""))
    if fmt is not None and fmt.max_hashtags:
        n = len(re.findall(r"#\w+", text))
        if n > fmt.max_hashtags:
            out.append(Finding("Hashtags", "message", "fail", str(n), f"≤ {fmt.max_hashtags}", tr(lang, "Spécification du format")))
    avoid = _find_terms(text, getattr(charter, "avoid", []) or [])
    use = _find_terms(text, getattr(charter, "use", []) or [])
    if getattr(charter, "avoid", None) or getattr(charter, "use", None):
        out.append(Finding(tr(lang, "Ton de la charte"), "message", "warn" if avoid else "ok",
                           (tr(lang, "mots à éviter : ") + ", ".join(avoid)) if avoid else
                           (tr(lang, "mots de la charte : ") + (", ".join(use) or "—")),
                           tr(lang, "Remplacez ces mots par le vocabulaire de la charte.")
                           if avoid else "", tr(lang, "Charte de la marque")))
    incl = [e for e in specs.inclusive if _find_terms(text, [e["term"]])]
    out.append(Finding(tr(lang, "Langage inclusif"), "message", "warn" if incl else "ok",
                       "; ".join(f"« {e['term']} » → {e['suggestion']}" for e in incl) or tr(lang, "rien à signaler"),
                       tr(lang, "Suggestions, à apprécier selon le contexte.") if incl else "",
                       "; ".join(sorted({e["source"] for e in incl})) or "HCE (2022)"))
    claims = [e for e in specs.green_claims if _find_terms(text, [e["term"]])]
    out.append(Finding(tr(lang, "Allégations environnementales"), "droit", "fail" if claims else "ok",
                       "; ".join(f"« {e['term']} » : {e['why']}" for e in claims) or tr(lang, "aucune allégation générique"),
                       tr(lang, "Remplacez par un fait chiffré et sourcé (« emballage compostable certifié OK compost, 72 % des envois »).") if claims else "",
                       tr(lang, "C. env. L229-68 ; loi AGEC art. 13 ; C. conso. L121-2")))
    for rule in sector_rules:
        out += _sector_findings(text, rule, lang)
    if sponsored:
        has = bool(_find_terms(text, specs.sponsored_words))
        out.append(Finding(tr(lang, "Mention « Collaboration commerciale »"), "droit",
                           "ok" if has else "fail",
                           tr(lang, "présente") if has else tr(lang, "contenu sponsorisé sans mention"),
                           "" if has else tr(lang, "Ajoutez « Collaboration commerciale » en tête de légende (et sur la vidéo)."),
                           "Loi n° 2023-451 du 9 juin 2023, art. 5"))
    return out, TextFacts(rd, carried)


def _sector_findings(text: str, rule: dict[str, Any], lang: str) -> list[Finding]:
    """A sector's advertising rule: its mandatory message present (fail when missing); the claims
    that need a person's check (warned)."""
    out: list[Finding] = []
    if rule.get("mention"):
        folded = _fold(" ".join(text.split()))
        has = any(_fold(m) in folded for m in rule["mention"])
        out.append(Finding(tr(lang, "Mention obligatoire du secteur"), "droit",
                           "ok" if has else "fail",
                           tr(lang, "présente") if has else tr(lang, "absente"),
                           "" if has else tr(lang, "Ajoutez {value}", value=rule.get('mention_fr', '')),
                           rule["ref"]))
    if rule.get("claims"):
        found = _find_terms(text, rule["claims"])
        out.append(Finding(tr(lang, "Allégations de santé"), "droit", "warn" if found else "ok",
                           ", ".join(f"« {c} »" for c in found) or tr(lang, "aucune"),
                           tr(lang, "Vérifiez que chaque allégation figure au registre de l'Union, ou retirez-la.") if found else "", rule["ref"]))
    return out


# ---------------------------------------------------------------------------------------
# Rights


def check_rights(assets: Sequence[str], rights: Sequence[Any], until: Any, people: bool, lang: str = "fr") -> Finding:
    """Every asset listed in the rights register with a licence, a release when people are shown,
    and an expiry after the campaign's end."""
    by_asset = {r.asset: r for r in rights}
    missing = [a for a in assets if a not in by_asset]
    no_licence = [a for a in assets if a in by_asset and not by_asset[a].licence]
    no_release = [a for a in assets if people and a in by_asset and not by_asset[a].release]
    expired = [a for a in assets if a in by_asset and by_asset[a].expires is not None and until is not None
               and by_asset[a].expires < until]
    def names(items: Sequence[str]) -> str:
        return ", ".join(a.rsplit("/", 1)[-1] for a in items)

    problems = []
    if missing:
        problems.append(tr(lang, "absent(s) du registre : ") + names(missing))
    if no_licence:
        problems.append(tr(lang, "sans licence : ") + names(no_licence))
    if no_release:
        problems.append(tr(lang, "personnes sans autorisation : ") + names(no_release))
    if expired:
        problems.append(tr(lang, "droits expirant avant la fin de l'action : ")
                        + ", ".join(f"{names([a])} ({fmt_date(by_asset[a].expires, lang)})" for a in expired))
    return Finding(tr(lang, "Droits des éléments (registre)"), "droit",
                   "fail" if problems else "ok",
                   "; ".join(problems) or tr(lang, "{assets} élément(s) couverts", assets=len(assets)),
                   tr(lang, "Complétez le registre des droits : source, licence, autorisation des personnes, échéance.") if problems else "",
                   "CPI L122-4 ; Code civil art. 9")


# ---------------------------------------------------------------------------------------
# One support's audit


@dataclass(frozen=True)
class SupportAudit:
    id: str
    name: str
    kind: str
    file: str
    format: str
    action: str
    findings: tuple[Finding, ...]
    carried: tuple[int, ...] = ()
    readability: float | None = None
    assets: tuple[str, ...] = field(default=())

    @property
    def status(self) -> Literal["ready", "fix", "review"]:
        """``fix`` when a check failed, ``review`` when one asks a review, else ``ready``."""
        st = {f.status for f in self.findings}
        return "fix" if "fail" in st else ("review" if "warn" in st else "ready")

    def count(self, status: str, area: str | None = None) -> int:
        return sum(1 for f in self.findings if f.status == status and (area is None or f.area == area))
