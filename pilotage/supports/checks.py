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


def _fr(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


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
    name = _fr(lang, "Langue déclarée", "Language declared")
    if not declared:
        return Finding(name, "accessibilite", "fail", _fr(lang, "aucune langue déclarée", "no language declared"),
                       _fr(lang, f"Déclarez la langue du support ({expected or 'fr'}).",
                           f"Declare the support's language ({expected or 'fr'})."), ref)
    primary = declared.replace("_", "-").split("-")[0].lower()
    if expected and primary != expected.split("-")[0].lower():
        return Finding(name, "accessibilite", "fail",
                       _fr(lang, f"{declared} déclaré pour un support en « {expected} »", f"{declared} declared for a “{expected}” support"),
                       _fr(lang, "Corrigez la langue déclarée : un lecteur d'écran lirait le texte avec la mauvaise prononciation.",
                           "Fix the declared language: a screen reader would read the text with the wrong pronunciation."), ref)
    return Finding(name, "accessibilite", "ok", declared, "", ref)


def contrast_finding(runs: Sequence[TextRun], lang: str = "fr", none_measured: str = "") -> Finding:
    """WCAG 1.4.3 over text runs whose colour or background is known (black on white otherwise):
    4.5:1, or 3:1 for large text (24 px, or 18.66 px bold — 18 pt, or 14 pt bold)."""
    name = _fr(lang, "Contraste du texte", "Text contrast")
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
        ev = _fr(lang, f"{failing} texte(s) sous le seuil ; le pire : « {run.text[:40]} » à {_ratio_text(ratio, lang)} "
                       f"({run.color or '#000'} sur {run.background or '#fff'})",
                 f"{failing} text(s) below the threshold; worst: “{run.text[:40]}” at {_ratio_text(ratio, lang)} "
                 f"({run.color or '#000'} on {run.background or '#fff'})")
        return Finding(name, "accessibilite", "fail", ev,
                       _fr(lang, "Foncez le texte ou éclaircissez le fond : 4,5:1 au moins (3:1 au-delà de 24 px).",
                           "Darken the text or lighten the background: at least 4.5:1 (3:1 above 24 px)."),
                       "WCAG 1.4.3 · RGAA 3.2")
    return Finding(name, "accessibilite", "ok" if measured else "manual",
                   _fr(lang, f"{measured} texte(s) coloré(s) mesuré(s), tous au-dessus du seuil",
                       f"{measured} coloured text(s) measured, all above the threshold") if measured else none_measured,
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
        ev = f"« {facts.title} »" if facts.title else _fr(lang, "pas de <title>", "no <title>")
        fix = "" if facts.title else _fr(lang, "Donnez un titre qui dit le sujet de la page.", "Give a title that says what the page is about.")
        out.append(Finding(_fr(lang, "Titre du document", "Document title"), "accessibilite", status, ev, fix,
                           "WCAG 2.4.2 · RGAA 8.5"))
    # images
    no_alt = [src for src, alt in facts.images if alt is None]
    out.append(Finding(_fr(lang, "Textes alternatifs des images", "Image text alternatives"), "accessibilite",
                       "fail" if no_alt else "ok",
                       (_fr(lang, f"{len(no_alt)} image(s) sans attribut alt : ", f"{len(no_alt)} image(s) without alt: ")
                        + ", ".join(no_alt[:5])) if no_alt else
                       _fr(lang, f"{len(facts.images)} image(s), toutes avec alt", f"{len(facts.images)} image(s), all with alt"),
                       _fr(lang, 'Décrivez chaque image qui informe ; alt="" pour une image décorative.',
                           'Describe each informative image; alt="" for a decorative one.') if no_alt else "",
                       "WCAG 1.1.1 · RGAA 1.1"))
    # headings
    levels = [h for h, _ in facts.headings]
    problems = []
    if kind == "landing" and levels.count(1) != 1:
        problems.append(_fr(lang, f"{levels.count(1)} titre(s) de niveau 1 (il en faut un)",
                            f"{levels.count(1)} level-1 heading(s) (one needed)"))
    prev = 0
    for (lv, text) in facts.headings:
        if prev and lv > prev + 1:
            problems.append(_fr(lang, f"saut de h{prev} à h{lv} (« {text[:40]} »)", f"jump from h{prev} to h{lv} (“{text[:40]}”)"))
        prev = lv
    if not levels and kind == "landing":
        problems.append(_fr(lang, "aucun titre balisé", "no marked-up heading"))
    out.append(Finding(_fr(lang, "Hiérarchie des titres", "Heading hierarchy"), "accessibilite",
                       "fail" if problems else "ok",
                       "; ".join(problems) if problems else " › ".join(f"h{lv}" for lv in levels) or _fr(lang, "aucun titre", "no heading"),
                       _fr(lang, "Un seul h1, puis des h2 et des h3, sans sauter de niveau.", "One h1, then h2 and h3, without skipping a level.")
                       if problems else "", "WCAG 1.3.1 · RGAA 9.1"))
    # links
    vague = set(specs.vague_links)
    bad_links = [(h, n) for h, n in facts.links if not n.strip() or _fold(n.strip(" .…›»→")) in {_fold(v) for v in vague}]
    out.append(Finding(_fr(lang, "Intitulés des liens", "Link texts"), "accessibilite", "fail" if bad_links else "ok",
                       ("; ".join(f"« {n or '∅'} »" for _h, n in bad_links[:4])) if bad_links
                       else _fr(lang, f"{len(facts.links)} lien(s) explicites", f"{len(facts.links)} explicit link(s)"),
                       _fr(lang, "Écrivez où mène le lien (« Découvrir les Origines Rares »), pas « cliquez ici ».",
                           "Say where the link goes (“Discover Origines Rares”), not “click here”.") if bad_links else "",
                       "WCAG 2.4.4 · RGAA 6.1"))
    out.append(contrast_finding(facts.runs, lang, _fr(lang, "aucune couleur en ligne : à mesurer dans le navigateur (axe-core)",
                                                       "no inline colour: measure in the browser (axe-core)")))
    # legal links
    names = " ".join(f"{h} {n}" for h, n in facts.links)
    if kind == "email":
        has = bool(_find_terms(names, specs.unsubscribe_words)) or any(
            _fold(w) in _fold(names) for w in specs.unsubscribe_words)
        out.append(Finding(_fr(lang, "Lien de désinscription", "Unsubscribe link"), "droit", "ok" if has else "fail",
                           _fr(lang, "présent", "present") if has else _fr(lang, "aucun lien de désinscription", "no unsubscribe link"),
                           "" if has else _fr(lang, "Ajoutez en pied d'e-mail un lien « Se désinscrire » (balise de désinscription du routeur).",
                                              "Add an “Unsubscribe” link in the footer (the mailer's unsubscribe tag)."),
                           "CPCE art. L34-5 ; RGPD art. 21"))
    if kind == "landing":
        has = any(_fold(w) in _fold(names) for w in specs.legal_notice_words)
        out.append(Finding(_fr(lang, "Mentions légales", "Legal notice"), "droit", "ok" if has else "fail",
                           _fr(lang, "lien présent", "link present") if has else _fr(lang, "aucun lien vers les mentions légales",
                                                                                       "no link to the legal notice"),
                           "" if has else _fr(lang, "Ajoutez en pied de page le lien « Mentions légales » (éditeur, hébergeur).",
                                              "Add a “Legal notice” link in the footer (publisher, host)."),
                           "LCEN (loi n° 2004-575)"))
        has_p = any(_fold(w) in _fold(names) for w in specs.privacy_words)
        out.append(Finding(_fr(lang, "Politique de confidentialité", "Privacy policy"), "droit", "ok" if has_p else "warn",
                           _fr(lang, "lien présent", "link present") if has_p else _fr(lang, "aucun lien", "no link"),
                           "" if has_p else _fr(lang, "Liez la politique de confidentialité (formulaires, cookies).",
                                                "Link the privacy policy (forms, cookies)."), "RGPD art. 13"))
    return out


# ---------------------------------------------------------------------------------------
# axe-core in a browser (HTML)

AXE_CHECK = {"fr": "Contrôle axe-core (navigateur)", "en": "axe-core check (browser)"}
_IMPACT = {"fr": {"critical": "critique", "serious": "grave", "moderate": "modérée", "minor": "mineure"},
           "en": {"critical": "critical", "serious": "serious", "moderate": "moderate", "minor": "minor"}}


def check_axe(facts: AxeFacts | None, lang: str = "fr", *, not_run: str = "", fix: str = "") -> Finding:
    """The WCAG 2.x A/AA rules of axe-core run in Chromium: every violation fails; when the browser
    or axe-core is missing the check says so and asks a review (never a silent pass)."""
    lg = "en" if lang == "en" else "fr"
    name = AXE_CHECK[lg]
    if facts is None:
        return Finding(name, "accessibilite", "warn",
                       _fr(lang, f"non exécuté : {not_run}", f"not run: {not_run}"), fix, "WCAG 2.2 A/AA · axe-core")
    ref = f"WCAG 2.2 A/AA · axe-core {facts.version}".strip()
    manual = _fr(lang, f" ; {facts.incomplete} point(s) qu'axe ne peut trancher, à vérifier à la main",
                 f"; {facts.incomplete} point(s) axe cannot decide, to check by hand") if facts.incomplete else ""
    if not facts.violations:
        return Finding(name, "accessibilite", "ok",
                       _fr(lang, f"aucune violation des règles WCAG A/AA ({facts.passes} règles respectées)",
                           f"no violation of the WCAG A/AA rules ({facts.passes} rules passed)") + manual, "", ref)
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    worst = sorted(facts.violations, key=lambda v: (order.get(v.impact, 4), v.id))
    ev = "; ".join(_fr(lang, f"{v.help} ({v.id}, {_IMPACT[lg].get(v.impact, v.impact)}, {v.nodes} élément(s) : {', '.join(v.targets)})",
                       f"{v.help} ({v.id}, {_IMPACT[lg].get(v.impact, v.impact)}, {v.nodes} element(s): {', '.join(v.targets)})")
                   for v in worst[:5])
    more = len(worst) - 5
    if more > 0:
        ev += _fr(lang, f" ; et {more} autre(s)", f"; and {more} more")
    return Finding(name, "accessibilite", "fail", _fr(lang, f"{len(worst)} règle(s) non respectée(s) : ", f"{len(worst)} rule(s) failed: ")
                   + ev + manual,
                   _fr(lang, "Corrigez chaque élément cité (sélecteur CSS entre parenthèses), puis relancez la recette.",
                       "Fix each element named (CSS selector in brackets), then run the audit again."), ref)


# ---------------------------------------------------------------------------------------
# PDF


def check_pdf(facts: PdfFacts, fmt: FormatSpec | None, lang: str = "fr", expected_lang: str | None = "fr") -> list[Finding]:
    out = [
        Finding(_fr(lang, "PDF balisé", "Tagged PDF"), "accessibilite", "ok" if facts.tagged else "fail",
                _fr(lang, "structure balisée présente", "tag structure present") if facts.tagged
                else _fr(lang, "aucune structure balisée (StructTreeRoot / MarkInfo)", "no tag structure (StructTreeRoot / MarkInfo)"),
                "" if facts.tagged else _fr(lang, "Exportez en « PDF balisé » / PDF/UA depuis le logiciel de mise en page.",
                                            "Export as “tagged PDF” / PDF/UA from the layout software."),
                "WCAG 1.3.1 · PDF/UA (ISO 14289)"),
        _lang_finding(facts.lang, expected_lang, "WCAG 3.1.1 · PDF16", lang),
        Finding(_fr(lang, "Titre du document", "Document title"), "accessibilite",
                "ok" if facts.title and facts.display_title else ("warn" if facts.title else "fail"),
                (f"« {facts.title} »" + ("" if facts.display_title else _fr(lang, " (non affiché à l'ouverture)", " (not shown when opened)")))
                if facts.title else _fr(lang, "aucun titre dans les métadonnées", "no title in the metadata"),
                "" if facts.title and facts.display_title else _fr(lang, "Renseignez le titre et cochez « afficher le titre du document ».",
                                                                   "Fill in the title and tick “display document title”."),
                "WCAG 2.4.2 · PDF18"),
    ]
    has_text = len(facts.text.split()) >= 3
    out.append(Finding(_fr(lang, "Texte réel (pas une image de texte)", "Real text (not an image of text)"), "accessibilite",
                       "ok" if has_text else "fail",
                       _fr(lang, f"{len(facts.text.split())} mots extractibles", f"{len(facts.text.split())} extractable words"),
                       "" if has_text else _fr(lang, "Le texte est dans une image : exportez le texte en texte (et ajoutez une version HTML).",
                                               "The text is inside an image: export text as text (and add an HTML version)."),
                       "WCAG 1.4.5"))
    if fmt is not None and fmt.page_mm:
        w, h = facts.page_mm
        ok = any(abs(w - a) <= 2 and abs(h - b) <= 2 for a, b in (fmt.page_mm, fmt.page_mm[::-1]))
        out.append(Finding(_fr(lang, "Format de page", "Page size"), "message", "ok" if ok else "fail",
                           f"{w:.0f} × {h:.0f} mm", "" if ok else _fr(lang, f"Attendu : {fmt.summary(lang)}.",
                                                                       f"Expected: {fmt.summary(lang)}."), _fr(lang, "Spécification du format", "Format specification")))
    return out


# ---------------------------------------------------------------------------------------
# Word and PowerPoint


def check_office(facts: OfficeFacts, lang: str = "fr", expected_lang: str | None = "fr") -> list[Finding]:
    """Alt text on every picture, heading order (DOCX), a title on every slide and readable text
    size (PPTX), the document's title and language."""
    out: list[Finding] = []
    no_alt = [where for where, descr in facts.pictures if not descr]
    out.append(Finding(_fr(lang, "Textes alternatifs des images", "Image text alternatives"), "accessibilite",
                       "fail" if no_alt else "ok",
                       (_fr(lang, f"{len(no_alt)} image(s) sans description : ", f"{len(no_alt)} picture(s) without description: ")
                        + ", ".join(no_alt[:5])) if no_alt else
                       _fr(lang, f"{len(facts.pictures)} image(s), toutes décrites", f"{len(facts.pictures)} picture(s), all described"),
                       _fr(lang, "Clic droit sur l'image › « Modifier le texte de remplacement ».",
                           "Right-click the picture › “Edit Alt Text”.") if no_alt else "",
                       "WCAG 1.1.1 · RGAA 1.1"))
    if facts.kind == "docx":
        problems = []
        prev = 0
        for lv, text in facts.headings:
            if prev and lv > prev + 1:
                problems.append(_fr(lang, f"saut du niveau {prev} au niveau {lv} (« {text[:40]} »)",
                                    f"jump from level {prev} to level {lv} (“{text[:40]}”)"))
            prev = lv
        if not facts.headings:
            problems.append(_fr(lang, "aucun titre en style « Titre 1, 2… »", "no heading in a “Heading 1, 2…” style"))
        out.append(Finding(_fr(lang, "Hiérarchie des titres", "Heading hierarchy"), "accessibilite", "fail" if problems else "ok",
                           "; ".join(problems) or _fr(lang, f"{len(facts.headings)} titres, sans saut de niveau",
                                                      f"{len(facts.headings)} headings, no skipped level"),
                           _fr(lang, "Appliquez les styles de titre dans l'ordre (Titre 1, puis Titre 2).",
                               "Apply the heading styles in order (Heading 1, then Heading 2).") if problems else "",
                           "WCAG 1.3.1 · RGAA 9.1"))
    if facts.color_runs:
        out.append(contrast_finding(facts.color_runs, lang))
    if facts.kind == "pptx":
        out.append(Finding(_fr(lang, "Titre de chaque diapositive", "A title on every slide"), "accessibilite",
                           "fail" if facts.untitled_slides else "ok",
                           (_fr(lang, "diapositive(s) sans titre : ", "slide(s) without a title: ")
                            + ", ".join(str(n) for n in facts.untitled_slides[:8])) if facts.untitled_slides
                           else _fr(lang, "toutes titrées", "all titled"),
                           _fr(lang, "Donnez un titre à chaque diapositive (le lecteur d'écran s'en sert pour naviguer).",
                               "Give each slide a title (screen readers navigate by them).") if facts.untitled_slides else "",
                           "WCAG 2.4.6"))
        out.append(Finding(_fr(lang, "Ordre de lecture", "Reading order"), "accessibilite", "warn" if facts.reading_order else "ok",
                           "; ".join(_fr(lang, f"diapositive {n} : titre lu après {k} autre(s) zone(s) de texte",
                                         f"slide {n}: title read after {k} other text shape(s)") for n, k in facts.reading_order[:4])
                           or _fr(lang, "le titre est lu en premier sur chaque diapositive", "the title is read first on every slide"),
                           _fr(lang, "Accueil › Organiser › Volet Sélection : placez le titre en premier dans l'ordre de lecture.",
                               "Home › Arrange › Selection Pane: put the title first in the reading order.")
                           if facts.reading_order else "", "WCAG 1.3.2 · 2.4.6"))
        out.append(Finding(_fr(lang, "Taille du texte", "Text size"), "accessibilite", "warn" if facts.small_text else "ok",
                           "; ".join(f"{w} : {fmt_number(pt, lang, 0)} pt" for w, pt in facts.small_text[:4])
                           or _fr(lang, "14 pt ou plus partout", "14 pt or more everywhere"),
                           _fr(lang, "Passez le texte à 14 pt au moins (18 pt conseillés en projection).",
                               "Use 14 pt at least (18 pt advised when projected).") if facts.small_text else "",
                           "WCAG 1.4.4"))
    out.append(Finding(_fr(lang, "Titre du document", "Document title"), "accessibilite", "ok" if facts.title else "warn",
                       f"« {facts.title} »" if facts.title else _fr(lang, "propriété « Titre » vide", "empty “Title” property"),
                       "" if facts.title else _fr(lang, "Renseignez Fichier › Propriétés › Titre.", "Fill in File › Properties › Title."),
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
    name = _fr(lang, "Langue déclarée", "Language declared")
    if none == total:
        return _lang_finding("", expected, "WCAG 3.1.1", lang)
    problems = []
    if none:
        problems.append(_fr(lang, f"{none} texte(s) sur {total} sans langue", f"{none} text run(s) of {total} in no language"))
    if other:
        problems.append(", ".join(_fr(lang, f"{n} texte(s) en {tag}", f"{n} run(s) in {tag}") for tag, n in other)
                        + _fr(lang, f" pour un support en « {expected} »", f" for a “{expected}” support"))
    if problems:
        return Finding(name, "accessibilite", "fail", "; ".join(problems),
                       _fr(lang, f"Sélectionnez tout le texte › Révision › Langue › {expected or 'fr'} (et la langue par défaut du "
                                 "document) : un lecteur d'écran lit chaque texte dans la langue déclarée.",
                           f"Select all the text › Review › Language › {expected or 'fr'} (and the document's default): "
                           "a screen reader reads each text in its declared language."), "WCAG 3.1.1 · 3.1.2")
    tags = ", ".join(tag for tag, _n in facts.run_langs)
    return Finding(name, "accessibilite", "ok", _fr(lang, f"{tags} ({total} texte(s))", f"{tags} ({total} run(s))"), "",
                   "WCAG 3.1.1 · 3.1.2")


# ---------------------------------------------------------------------------------------
# Images


def check_image(facts: ImageFacts, fmt: FormatSpec | None, alt: str | None, suffix: str, lang: str = "fr") -> list[Finding]:
    out: list[Finding] = []
    if fmt is not None and fmt.width and fmt.height:
        ok = (facts.width, facts.height) == (fmt.width, fmt.height)
        same_ratio = abs(facts.width / facts.height - fmt.width / fmt.height) < 0.01
        out.append(Finding(_fr(lang, "Dimensions", "Dimensions"), "message", "ok" if ok else ("warn" if same_ratio else "fail"),
                           f"{facts.width} × {facts.height} px",
                           "" if ok else _fr(lang, f"Attendu : {fmt.width} × {fmt.height} px ({fmt.label(lang)}).",
                                             f"Expected: {fmt.width} × {fmt.height} px ({fmt.label(lang)})."), _fr(lang, "Spécification du format", "Format specification")))
    if fmt is not None and fmt.file_types:
        ok = suffix.lower().lstrip(".") in fmt.file_types
        out.append(Finding(_fr(lang, "Type de fichier", "File type"), "message", "ok" if ok else "fail",
                           suffix or "?", "" if ok else ", ".join(fmt.file_types), _fr(lang, "Spécification du format", "Format specification")))
    has = bool(alt and alt.strip())
    out.append(Finding(_fr(lang, "Texte alternatif", "Alt text"), "accessibilite", "ok" if has else "fail",
                       f"« {alt} »" if has else _fr(lang, "aucun texte alternatif prévu", "no alt text planned"),
                       "" if has else _fr(lang, "Rédigez le texte alternatif saisi à la publication (ce que montre l'image, en une phrase).",
                                          "Write the alt text entered when publishing (what the image shows, in one sentence)."),
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
    out.append(Finding(_fr(lang, "Sous-titres présents", "Captions present"), "accessibilite", "ok" if cues else "fail",
                       _fr(lang, f"{len(cues)} sous-titre(s) ({subs.kind.upper()})", f"{len(cues)} caption(s) ({subs.kind.upper()})"),
                       "" if cues else _fr(lang, "Fournissez un fichier SRT ou VTT complet.", "Supply a complete SRT or VTT file."),
                       "WCAG 1.2.2 · RGAA 4.3"))
    timing: list[str] = list(subs.problems)
    for a in cues:
        if a.end <= a.start:
            timing.append(_fr(lang, f"n° {a.index} (ligne {a.line}) : fin avant le début", f"#{a.index} (line {a.line}): ends before it starts"))
    for a, b in zip(cues, cues[1:], strict=False):
        if b.start < a.end - 1e-6:
            timing.append(_fr(lang, f"n° {b.index} (ligne {b.line}) chevauche le n° {a.index}", f"#{b.index} (line {b.line}) overlaps #{a.index}"))
    if duration is not None:
        beyond = [c for c in cues if c.end > duration + 0.05]
        for c in beyond[:3]:
            timing.append(_fr(lang, f"n° {c.index} (ligne {c.line}) finit à {fmt_number(c.end, lang, 1)} s, après la fin de la vidéo ({fmt_number(duration, lang, 0)} s)",
                              f"#{c.index} (line {c.line}) ends at {c.end:.1f} s, after the video ends ({duration:g} s)"))
        if cues and not beyond and cues[-1].end < 0.8 * duration:
            timing.append(_fr(lang, f"les sous-titres s'arrêtent à {fmt_number(cues[-1].end, lang, 1)} s sur {fmt_number(duration, lang, 0)} s : la fin n'est pas sous-titrée ?",
                              f"captions stop at {cues[-1].end:.1f} s of {duration:g} s: is the end uncaptioned?"))
    out.append(Finding(_fr(lang, "Synchronisation", "Timing"), "accessibilite", "fail" if timing else ("ok" if cues else "manual"),
                       "; ".join(timing) if timing else _fr(lang, "horodatages cohérents avec la durée", "timings consistent with the duration"),
                       _fr(lang, "Recalez les sous-titres sur la vidéo montée (durée définitive).",
                           "Re-time the captions on the final cut.") if timing else "", "WCAG 1.2.2 · RGAA 4.3"))
    fast = [c for c in cues if c.end > c.start and len(c.text) > subtitle_max_chars(c.end - c.start, specs.subtitle_reading) + 0.5]
    out.append(Finding(_fr(lang, "Temps de lecture", "Reading time"), "accessibilite", "warn" if fast else "ok",
                       "; ".join(_fr(lang, f"n° {c.index} : {len(c.text)} caractères en {fmt_number(c.end - c.start, lang, 1)} s",
                                     f"#{c.index}: {len(c.text)} characters in {c.end - c.start:.1f} s") for c in fast[:3])
                       or _fr(lang, "tous lisibles à temps", "all readable in time"),
                       _fr(lang, "Raccourcissez ou allongez ces sous-titres.", "Shorten or lengthen these captions.") if fast else "",
                       "CSA, charte du sous-titrage (2011)"))
    out += duration_for_format(duration, fmt, lang)
    return out


def duration_for_format(duration: float | None, fmt: FormatSpec | None, lang: str = "fr") -> list[Finding]:
    """The video's duration against its format's range (none when either is unknown)."""
    if fmt is None or duration is None or not fmt.duration_s[1]:
        return []
    lo, hi = fmt.duration_s
    ok = (lo or 0) <= duration <= hi
    return [Finding(_fr(lang, "Durée", "Duration"), "message", "ok" if ok else "fail", f"{fmt_number(duration, lang, 0)} s",
                    "" if ok else _fr(lang, f"Attendu : {fmt.summary(lang)}.", f"Expected: {fmt.summary(lang)}."),
                    _fr(lang, "Spécification du format", "Format specification"))]


def check_video(facts: VideoFacts, stated_s: float | None, fmt: FormatSpec | None, lang: str = "fr") -> list[Finding]:
    """What the container says: a picture track, its duration (against the duration the team
    stated) and its size against the format's."""
    out: list[Finding] = []
    video = [t for t in facts.tracks if t.kind == "video"]
    kinds = {"video": _fr(lang, "image", "video"), "audio": _fr(lang, "son", "audio"),
             "subtitle": _fr(lang, "sous-titres", "subtitles"), "other": _fr(lang, "autre", "other")}
    tracks = ", ".join(f"{kinds.get(t.kind, t.kind)} ({t.codec}{', ' + t.lang if t.lang else ''})" for t in facts.tracks) or "—"
    out.append(Finding(_fr(lang, "Pistes de la vidéo", "Tracks of the video"), "message", "ok" if video else "fail",
                       f"{facts.container.upper()} : {tracks}" if lang != "en" else f"{facts.container.upper()}: {tracks}",
                       "" if video else _fr(lang, "Le fichier n'a pas d'image : exportez la vidéo montée.",
                                            "The file has no picture: export the edited video."),
                       _fr(lang, "Conteneur du fichier", "The file's container")))
    if facts.duration_s is None:
        out.append(Finding(_fr(lang, "Durée (fichier)", "Duration (file)"), "message", "warn",
                           _fr(lang, "le conteneur n'indique pas de durée (enregistrement en direct ?)",
                               "the container states no duration (a live recording?)"),
                           _fr(lang, "Réexportez la vidéo depuis le logiciel de montage.", "Export the video again from the editor."),
                           _fr(lang, "Conteneur du fichier", "The file's container")))
    elif stated_s is not None and abs(stated_s - facts.duration_s) > 0.5:
        out.append(Finding(_fr(lang, "Durée (fichier)", "Duration (file)"), "message", "fail",
                           _fr(lang, f"{fmt_number(facts.duration_s, lang, 1)} s dans le fichier, {fmt_number(stated_s, lang, 1)} s déclarées",
                               f"{facts.duration_s:.1f} s in the file, {stated_s:.1f} s stated"),
                           _fr(lang, "Le fichier n'est pas la version décrite : vérifiez que c'est le montage définitif, "
                                     "puis corrigez duration_s.",
                               "The file is not the version described: check it is the final cut, then fix duration_s."),
                           _fr(lang, "Conteneur du fichier", "The file's container")))
    else:
        out.append(Finding(_fr(lang, "Durée (fichier)", "Duration (file)"), "message", "ok",
                           f"{fmt_number(facts.duration_s, lang, 1)} s", "", _fr(lang, "Conteneur du fichier", "The file's container")))
    if fmt is not None and fmt.width and fmt.height and facts.width and facts.height:
        ok = (facts.width, facts.height) == (fmt.width, fmt.height)
        same_ratio = abs(facts.width / facts.height - fmt.width / fmt.height) < 0.01
        out.append(Finding(_fr(lang, "Dimensions", "Dimensions"), "message", "ok" if ok else ("warn" if same_ratio else "fail"),
                           f"{facts.width} × {facts.height} px",
                           "" if ok else _fr(lang, f"Attendu : {fmt.width} × {fmt.height} px ({fmt.label(lang)}).",
                                             f"Expected: {fmt.width} × {fmt.height} px ({fmt.label(lang)})."),
                           _fr(lang, "Spécification du format", "Format specification")))
    return out


def no_captions(facts: VideoFacts, lang: str = "fr") -> Finding:
    """A video with neither a subtitle track nor a subtitles file beside it."""
    return Finding(_fr(lang, "Sous-titres présents", "Captions present"), "accessibilite", "fail",
                   _fr(lang, f"ni piste de sous-titres dans la vidéo ({facts.container.upper()}), ni fichier SRT/VTT",
                       f"no subtitle track in the video ({facts.container.upper()}) and no SRT/VTT file"),
                   _fr(lang, "Fournissez les sous-titres : un fichier SRT ou VTT (déclaré avec le support, ou du même nom "
                             "à côté de la vidéo) ou une piste de sous-titres dans la vidéo.",
                       "Supply the captions: an SRT or VTT file (declared with the support, or of the same name beside the "
                       "video) or a subtitle track in the video."), "WCAG 1.2.2 · RGAA 4.3")


def embedded_captions(facts: VideoFacts, lang: str = "fr") -> list[Finding]:
    """A subtitle track whose cues cannot be read here (WebM, WebVTT in MP4): present, timing by hand."""
    t = facts.subtitle_tracks[0]
    return [Finding(_fr(lang, "Sous-titres présents", "Captions present"), "accessibilite", "ok",
                    _fr(lang, f"piste de sous-titres intégrée ({t.codec}{', ' + t.lang if t.lang else ''})",
                        f"embedded subtitle track ({t.codec}{', ' + t.lang if t.lang else ''})"), "", "WCAG 1.2.2 · RGAA 4.3"),
            Finding(_fr(lang, "Synchronisation", "Timing"), "accessibilite", "manual",
                    _fr(lang, "horodatages de la piste non lus ici", "the track's timings are not read here"),
                    _fr(lang, "Vérifiez à la lecture que les sous-titres suivent la parole jusqu'à la fin.",
                        "Check by playing it that the captions follow the speech to the end."), "WCAG 1.2.2 · RGAA 4.3")]


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
        names = ", ".join(_fr(lang, "promesse", "promise") if r == 0 else f"M{r}" for r in carried)
        status: FindingStatus = "ok" if carried else "warn"
        out.append(Finding(_fr(lang, "Messages portés", "Messages carried"), "message", status,
                           names or _fr(lang, "aucun message de la plateforme reconnu", "no message of the house found"),
                           "" if carried else _fr(lang, "Faites porter au support au moins un message de la plateforme (mots clés : "
                                                       f"{', '.join(house.messages[0].keywords[:3])}).",
                                                  "Make the support carry at least one message of the house (keywords: "
                                                  f"{', '.join(house.messages[0].keywords[:3])})."),
                           _fr(lang, "Plateforme de message", "Message house")))
    if rd.score is not None and rd.words >= 20:
        from pilotage.supports.readability import band

        ok = rd.score >= min_score
        out.append(Finding(_fr(lang, "Lisibilité", "Readability"),
                           "message", "ok" if ok else "warn",
                           _fr(lang, f"indice {rd.score:.0f} ({band(rd.score, lang)}) — {rd.words_per_sentence:.1f} mots par phrase, "
                                     f"{rd.syllables_per_word:.2f} syllabes par mot".replace(".", ","),
                               f"{rd.score:.0f} ({band(rd.score, lang)}) — {rd.words_per_sentence:.1f} words per sentence, "
                               f"{rd.syllables_per_word:.2f} syllables per word"),
                           "" if ok else _fr(lang, f"Visez {min_score:.0f} ou plus : phrases plus courtes, mots plus courants.",
                                             f"Aim for {min_score:.0f} or more: shorter sentences, commoner words."),
                           "Kandel & Moles (1958)"))
    for name, value in (fields or {}).items():
        limit = fmt.max_chars.get(name) if fmt is not None else None
        if limit:
            ok = len(value) <= limit
            label = FIELD_LABELS["en" if lang == "en" else "fr"].get(name, name)
            out.append(Finding(_fr(lang, f"Longueur ({label})", f"Length ({label})"), "message", "ok" if ok else "fail",
                               _fr(lang, f"{len(value)} caractères", f"{len(value)} characters"),
                               "" if ok else _fr(lang, f"Limite du format : {limit}.", f"The format's limit: {limit}."),
                               _fr(lang, "Spécification du format", "Format specification") if fmt is not None else ""))
    if fmt is not None and fmt.max_hashtags:
        n = len(re.findall(r"#\w+", text))
        if n > fmt.max_hashtags:
            out.append(Finding("Hashtags", "message", "fail", str(n), f"≤ {fmt.max_hashtags}", _fr(lang, "Spécification du format", "Format specification")))
    avoid = _find_terms(text, getattr(charter, "avoid", []) or [])
    use = _find_terms(text, getattr(charter, "use", []) or [])
    if getattr(charter, "avoid", None) or getattr(charter, "use", None):
        out.append(Finding(_fr(lang, "Ton de la charte", "Tone of the charter"), "message", "warn" if avoid else "ok",
                           (_fr(lang, "mots à éviter : ", "words to avoid: ") + ", ".join(avoid)) if avoid else
                           (_fr(lang, "mots de la charte : ", "charter words: ") + (", ".join(use) or "—")),
                           _fr(lang, "Remplacez ces mots par le vocabulaire de la charte.", "Replace these words with the charter's vocabulary.")
                           if avoid else "", _fr(lang, "Charte de la marque", "Brand charter")))
    incl = [e for e in specs.inclusive if _find_terms(text, [e["term"]])]
    out.append(Finding(_fr(lang, "Langage inclusif", "Inclusive language"), "message", "warn" if incl else "ok",
                       "; ".join(f"« {e['term']} » → {e['suggestion']}" for e in incl) or _fr(lang, "rien à signaler", "nothing to report"),
                       _fr(lang, "Suggestions, à apprécier selon le contexte.", "Suggestions, to weigh in context.") if incl else "",
                       "; ".join(sorted({e["source"] for e in incl})) or "HCE (2022)"))
    claims = [e for e in specs.green_claims if _find_terms(text, [e["term"]])]
    out.append(Finding(_fr(lang, "Allégations environnementales", "Environmental claims"), "droit", "fail" if claims else "ok",
                       "; ".join(f"« {e['term']} » : {e['why']}" for e in claims) or _fr(lang, "aucune allégation générique",
                                                                                       "no generic claim"),
                       _fr(lang, "Remplacez par un fait chiffré et sourcé (« emballage compostable certifié OK compost, 72 % des envois »).",
                           "Replace with a quantified, sourced fact.") if claims else "",
                       _fr(lang, "C. env. L229-68 ; loi AGEC art. 13 ; C. conso. L121-2", "French environment and consumer codes")))
    for rule in sector_rules:
        out += _sector_findings(text, rule, lang)
    if sponsored:
        has = bool(_find_terms(text, specs.sponsored_words))
        out.append(Finding(_fr(lang, "Mention « Collaboration commerciale »", "“Collaboration commerciale” mention"), "droit",
                           "ok" if has else "fail",
                           _fr(lang, "présente", "present") if has else _fr(lang, "contenu sponsorisé sans mention", "sponsored content without the mention"),
                           "" if has else _fr(lang, "Ajoutez « Collaboration commerciale » en tête de légende (et sur la vidéo).",
                                              "Add “Collaboration commerciale” at the start of the caption (and on the video)."),
                           "Loi n° 2023-451 du 9 juin 2023, art. 5"))
    return out, TextFacts(rd, carried)


def _sector_findings(text: str, rule: dict[str, Any], lang: str) -> list[Finding]:
    """A sector's advertising rule: its mandatory message present (fail when missing); the claims
    that need a person's check (warned)."""
    out: list[Finding] = []
    if rule.get("mention"):
        folded = _fold(" ".join(text.split()))
        has = any(_fold(m) in folded for m in rule["mention"])
        out.append(Finding(_fr(lang, "Mention obligatoire du secteur", "The sector's mandatory statement"), "droit",
                           "ok" if has else "fail",
                           _fr(lang, "présente", "present") if has else _fr(lang, "absente", "missing"),
                           "" if has else _fr(lang, f"Ajoutez {rule.get('mention_fr', '')}", f"Add {rule.get('mention_fr', '')}"),
                           rule["ref"]))
    if rule.get("claims"):
        found = _find_terms(text, rule["claims"])
        out.append(Finding(_fr(lang, "Allégations de santé", "Health claims"), "droit", "warn" if found else "ok",
                           ", ".join(f"« {c} »" for c in found) or _fr(lang, "aucune", "none"),
                           _fr(lang, "Vérifiez que chaque allégation figure au registre de l'Union, ou retirez-la.",
                               "Check each claim is in the EU register, or remove it.") if found else "", rule["ref"]))
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
        problems.append(_fr(lang, "absent(s) du registre : ", "not in the register: ") + names(missing))
    if no_licence:
        problems.append(_fr(lang, "sans licence : ", "no licence: ") + names(no_licence))
    if no_release:
        problems.append(_fr(lang, "personnes sans autorisation : ", "people without release: ") + names(no_release))
    if expired:
        problems.append(_fr(lang, "droits expirant avant la fin de l'action : ", "rights expiring before the action ends: ")
                        + ", ".join(f"{names([a])} ({fmt_date(by_asset[a].expires, lang)})" for a in expired))
    return Finding(_fr(lang, "Droits des éléments (registre)", "Rights of the assets (register)"), "droit",
                   "fail" if problems else "ok",
                   "; ".join(problems) or _fr(lang, f"{len(assets)} élément(s) couverts", f"{len(assets)} asset(s) covered"),
                   _fr(lang, "Complétez le registre des droits : source, licence, autorisation des personnes, échéance.",
                       "Complete the rights register: source, licence, people's release, expiry.") if problems else "",
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
