"""The e-reputation section of a :class:`~toolkit.document.Document` (reused by the dashboard
and the bilan): mentions, share of voice, sentiment and its measured reliability, NPS,
themes, bad-buzz episodes with their crisis response. Takes an
:class:`~pilotage.compute.ereputation.EReputationResult` (:func:`pilotage.compute.ereputation.analyse_mentions`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from pilotage.compute.ereputation import Crisis, EReputationResult, theme_label
from pilotage.compute.sentiment import (
    ADAPT_MIN_SURE,
    ADAPT_MIN_TEXTS,
    ADAPT_SURE,
    measured_accuracy,
)
from toolkit.document import (
    BulletList,
    Callout,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Span,
    Table,
)
from toolkit.fmt import Lang, fmt_date, fmt_integer, fmt_number, fmt_percent, fmt_quote, month_name
from toolkit.i18n import doc_text, per_lang

__all__ = ["ereputation_section"]

_L = per_lang({
        "title": "E-réputation", "mentions": "Mentions de la marque", "issues": "Lignes mises de côté à l'import", "net": "Sentiment net",
        "sov": "Part de voix", "nps": "NPS", "negshare": "Mentions négatives",
        "intro": "{n} mentions analysées du {start} au {end} ({own} sur {brand}, {authors} auteurs distincts, pseudonymisés à l'import ; aucun nom ni contact ne figure dans ce document).",
        "vol_cap": "Mentions de {brand} par semaine et par tonalité",
        "vol_alt": "Barres empilées des mentions hebdomadaires de {brand} : positives, neutres, négatives ; pic de {peak} mentions la semaine du {week}.",
        "sov_title": "Part de voix face aux concurrents", "sov_cap": "Part de voix et tonalité par marque",
        "sov_month_cap": "Part de voix par mois (part des mentions de chaque marque)",
        "brand": "Marque", "n": "Mentions", "share": "Part de voix", "pos": "Positives", "neg": "Négatives", "netc": "Sentiment net",
        "method_title": "Tonalité : méthode et fiabilité",
        "method": "Tonalité calculée par un lexique français et anglais (mots entiers et leurs flexions, expressions comme « à la hauteur » ou « ne fonctionne pas »), avec gestion de la négation, des intensifs, des points d'exclamation, des émojis et des articulations comme « mais », « par contre » ou « sauf que » (méthode inspirée de VADER, Hutto et Gilbert, 2014) : chaque mot ou expression porteur d'opinion compte de −3 à +3, la négation inverse le mot qu'elle porte. Score > 0,5 : positif ; < −0,5 : négatif ; une mention qui mêle nettement éloge et critique est « mitigée » et comptée neutre ({mixed} des mentions de la marque). En anglais, un modèle appris sur des avis notés du domaine public (vêtements et épicerie fine vendus en ligne, licence CC0 ; régression logistique sur les mots et paires de mots) complète le lexique : il décide entre positif, neutre et négatif avec le score du lexique.",
        "adapt_yes": "Le fichier compte au moins {min} textes dans une langue : la tonalité s'y est adaptée. Les mentions dont le lexique est sûr (score d'au moins {sure} en valeur absolue) ont appris à lire les mots et paires de mots du fichier lui-même : chacun reçoit le rapport de ses fréquences entre éloges et critiques sûrs (bayésien naïf), et ces rapports ont relu les mentions incertaines ({adapted} des mentions de la marque) ; rien n'est appris d'autres données (méthode de Tan, Wang et Cheng, 2008).",
        "adapt_no": "Tonalité lue sans adaptation au fichier : l'adaptation aux mots du fichier demande au moins {min} textes dans une langue, dont {sure_min} éloges et {sure_min} critiques dont le lexique est sûr.",
        "real": "Fiabilité mesurée sur des avis réels notés, jamais utilisés pour régler le lexique ({corpora}) : {parts}. Ce sont les chiffres à retenir ; ceux du fichier, ci-dessous, ne valent que pour ce fichier.",
        "real_part": "en {lang}, {n} avis : exactitude {acc} (réponse « toujours positif » : {base}), F1 macro {f1} (toujours positif : {basef1}), positif contre négatif {bin}",
        "domains": "Pour un autre secteur, les chiffres à attendre sont ceux des secteurs qui n'ont servi à régler aucun mot du lexique (tableau suivant).",
        "dom_cap": "Fiabilité de la tonalité sur des secteurs jamais utilisés pour régler le lexique",
        "dom_corpus": "Avis réels notés", "dom_lang": "Langue", "dom_n": "Avis", "dom_bin": "Positif contre négatif",
        "dom_base": "Toujours «\u00a0positif\u00a0»", "dom_f1": "F1\u00a0macro", "dom_sheet": "Fiabilité",
        "dom_lex": "Lexique seul", "dom_note": "Chiffres de la méthode du document, adaptée à chaque fichier mesuré ; « Lexique seul » : positif contre négatif par le lexique seul, sans cette adaptation ni, en anglais, le modèle (ce qu'obtient un fichier français de moins de {min} textes).",
        "acc": "Fiabilité mesurée sur les {n} avis notés du fichier (4–5 ★ = positif, 3 = neutre, 1–2 = négatif) : exactitude {acc}, F1 macro {f1} ; positif contre négatif seulement : {polar} d'accord sur {np} avis. Les parts de tonalité sont à lire avec cette marge.",
        "noacc": "Aucun avis noté dans le fichier : la fiabilité de la tonalité n'a pas pu être mesurée.",
        "conf_cap": "Matrice de confusion (lignes : note, colonnes : tonalité calculée)",
        "ref": "Référence", "negative": "Négatif", "neutral": "Neutre", "positive": "Positif",
        "nps_title": "Net Promoter Score (NPS)",
        "nps_text": "NPS = % promoteurs (9–10) − % détracteurs (0–6) sur {n} réponses de 0 à 10 (source : {src}) ; méthode de Reichheld (2003, Harvard Business Review).",
        "promoters": "Promoteurs", "passives": "Passifs", "detractors": "Détracteurs", "month": "Mois", "answers": "Réponses",
        "nps_cap": "NPS par mois",
        "themes_title": "Thèmes des mentions négatives", "theme": "Thème", "themes_cap": "Thèmes des mentions négatives de {brand}",
        "negshare_col": "Part des mentions négatives",
        "themes_note": "Part des mentions négatives = mentions négatives qui évoquent le thème ÷ toutes les mentions négatives de la marque ({n}). Une mention peut évoquer plusieurs thèmes ou aucun : les parts ne s'additionnent pas à 100 % ({none} mentions négatives sans thème reconnu).",
        "plat_title": "Plateformes", "plat_cap": "Mentions de {brand} par plateforme : note moyenne et réponses",
        "platform": "Plateforme", "rating_mean": "Note moyenne (★)", "rated": "Avis notés", "response_rate": "Taux de réponse",
        "response_days": "Délai de réponse médian (jours)",
        "plat_note": "Taux et délai de réponse : calculés quand l'export contient la réponse de la marque (colonne « réponse ») et sa date ; « — » quand il ne les contient pas.",
        "terms": "Mots les plus fréquents des mentions négatives : {terms}.",
        "buzz_title": "Détection de bad buzz",
        "buzz_method": "Un jour est un pic quand le nombre de mentions négatives dépasse nettement la ligne de base (moyenne des 28 jours précédents, pics exclus) : probabilité de Poisson P(X ≥ n) < 0,001 et au moins 5 mentions négatives.",
        "no_buzz": "Aucun pic de mentions négatives détecté sur la période.",
        "crisis_title": "Réponse à la crise du {start} au {end}",
        "crisis_callout": "Bad buzz détecté",
        "crisis_text": "{total} mentions négatives du {start} au {end}, pic le {peak} avec {n} mentions négatives pour une ligne de base de {base} par jour (probabilité {p}).",
        "timeline_cap": "Chronologie de la crise (mentions par jour)", "date": "Date", "total": "Toutes", "baseline": "Ligne de base", "spike": "Pic",
        "yes": "oui", "no": "non",
        "causes": "Causes relevées dans les mentions", "cause_themes": "Thèmes : {t}.", "cause_terms": "Mots sur-représentés pendant le pic : {t}.",
        "cause_platforms": "Plateformes : {t}.", "examples": "Exemples (textes pseudonymisés) :",
        "response": "Éléments de réponse proposés",
        "playbook": "Niveaux de gravité, escalade, déclarations d'attente et retour d'expérience : voir le guide de "
                    "crise du plan de présence digitale (section « Gestion de crise »).",
    })


def _real_accuracy_text(lang: Lang) -> str:
    """The sentence stating the accuracy measured on held-out real reviews (benchmark data)."""
    m = measured_accuracy()
    L = _L[lang]
    names = per_lang({"fr": "français", "en": "anglais"})[lang]
    parts = []
    for code in ("fr", "en"):
        r = m.get(code)
        if not r:
            continue
        b = r["baseline"]
        parts.append(L["real_part"].format(lang=names[code], n=fmt_integer(r["n"], lang), acc=fmt_percent(r["accuracy"], lang),
                                           base=fmt_percent(b["accuracy"], lang), f1=fmt_number(r["macro_f1"], lang, 2),
                                           basef1=fmt_number(b["macro_f1"], lang, 2),
                                           bin=fmt_percent(r["binary_accuracy"], lang)))
    if not parts:
        return ""
    sep = doc_text("doc.dashboard.list_sep", lang)
    corpora = sep.join(doc_text("doc.ereputation.corpus", lang, lang_name=names[k], corpus=v.get(lang, ""))
                       for k, v in m.get("corpora", {}).items())
    text = L["real"].format(corpora=corpora, parts=sep.join(parts))
    if _domains_table(lang) is not None:
        text += " " + L["domains"]
    return text


def _domains_table(lang: Lang) -> Table | None:
    """Accuracy on each domain that tuned no word of the lexicon (bank, web shops…), with the
    always-positive baseline: what a user of another sector should expect."""
    L = _L[lang]
    names = per_lang({"fr": "français", "en": "anglais"})[lang]
    rows = tuple((d["label"].get(lang, ""), names[d["lang"]], d["n"], d["binary_accuracy"],
                  d.get("lexicon", {}).get("binary_accuracy", d["binary_accuracy"]),
                  d["baseline"]["binary_accuracy"], round(d["macro_f1"], 2))
                 for d in measured_accuracy().get("domains", ()) if d.get("lang") in names)
    if not rows:
        return None
    return Table((L["dom_corpus"], L["dom_lang"], L["dom_n"], L["dom_bin"], L["dom_lex"], L["dom_base"], L["dom_f1"]),
                 rows, ("text", "text", "integer", "percent", "percent", "percent", "number"), caption=L["dom_cap"],
                 name=L["dom_sheet"])


def _volume_figure(result: EReputationResult, lang: Lang) -> Figure:
    from toolkit.charts import STATUS_COLORS, format_axis, new_figure

    L = _L[lang]
    v = result.volume
    fig, ax = new_figure(7.5, 3.6)
    bottom = None
    for key, color in (("positive", STATUS_COLORS["good"]), ("neutral", "#999999"), ("negative", STATUS_COLORS["bad"])):
        ax.bar(v["week"], v[key], width=5, bottom=bottom, color=color, label=L[key])
        bottom = v[key] if bottom is None else bottom + v[key]
    ax.legend(loc="upper left")
    format_axis(ax, "y", "integer", lang)
    ax.set_ylabel(L["n"])
    peak = v.loc[v["total"].idxmax()]
    return Figure.from_matplotlib(
        fig, L["vol_cap"].format(brand=result.brand),
        L["vol_alt"].format(brand=result.brand, peak=fmt_integer(peak["total"], lang), week=fmt_date(peak["week"], lang)),
        name="ereputation-volume")


def _summary_blocks(result: EReputationResult, lang: Lang, figures: bool) -> list[Any]:
    """Opening of the section: what was analysed, key figures, import issues, weekly volume."""
    L = _L[lang]
    s = result.sentiment
    own_sov = result.share_of_voice.loc[result.share_of_voice["brand"] == result.brand, "share"]
    tiles = [
        KeyFigure(L["mentions"], s["n"], "integer"),
        KeyFigure(L["net"], s["net"], "percent", status="good" if s["net"] > 0.2 else ("warning" if s["net"] > 0 else "bad")),
        KeyFigure(L["negshare"], s["negative_share"], "percent"),
        KeyFigure(L["sov"], float(own_sov.iloc[0]) if len(own_sov) else None, "percent"),
    ]
    if result.nps is not None:
        tiles.append(KeyFigure(L["nps"], result.nps.nps, "integer", unit="pts",
                               status="good" if result.nps.nps >= 30 else ("warning" if result.nps.nps >= 0 else "bad")))
    blocks: list[Any] = [
        Paragraph(L["intro"].format(n=fmt_integer(len(result.mentions), lang), start=fmt_date(result.start, lang),
                                    end=fmt_date(result.end, lang), own=fmt_integer(s["n"], lang), brand=result.brand,
                                    authors=fmt_integer(result.authors, lang))),
        KeyFigures(tiles),
    ]
    if result.issues:
        blocks.append(Callout("warning", L["issues"], tuple(result.issues)))
    if figures and len(result.volume):
        blocks.append(_volume_figure(result, lang))
    return blocks


def _share_of_voice_section(result: EReputationResult, lang: Lang) -> Section:
    """Share of voice and sentiment per brand, and per month when the period spans several."""
    L = _L[lang]
    sov = result.share_of_voice.rename(columns={"brand": L["brand"], "mentions": L["n"], "share": L["share"],
                                                "positive": L["pos"], "negative": L["neg"], "net_sentiment": L["netc"]})
    blocks: list[Any] = [Table.from_frame(
        sov, {L["n"]: "integer", L["share"]: "percent", L["pos"]: "percent", L["neg"]: "percent", L["netc"]: "percent"},
        caption=L["sov_cap"], name=doc_text("doc.ereputation.sheet.sov", lang))]
    if result.sov_by_month is not None and len(result.sov_by_month) > 1:
        sm = result.sov_by_month.copy()
        sm["month"] = [f"{month_name(m.month, lang)} {m.year}" for m in pd.to_datetime(sm["month"])]
        sm = sm.rename(columns={"month": L["month"]})
        blocks.append(Table.from_frame(
            sm, {c: "percent" for c in sm.columns if c != L["month"]} | {L["month"]: "text"},
            caption=L["sov_month_cap"], name=doc_text("doc.ereputation.sheet.sov_month", lang)))
    return Section(L["sov_title"], blocks)


def _sentiment_method_section(result: EReputationResult, lang: Lang) -> Section:
    """How sentiment is scored, and its accuracy measured against the file's star ratings."""
    L = _L[lang]
    s = result.sentiment
    acc_blocks: list[Any] = [Paragraph(L["method"].format(mixed=fmt_percent(s.get("mixed_share", 0.0), lang)))]
    if s.get("file_adapted"):
        acc_blocks.append(Paragraph(L["adapt_yes"].format(min=fmt_integer(ADAPT_MIN_TEXTS, lang),
                                                          sure=fmt_number(ADAPT_SURE, lang, 1),
                                                          adapted=fmt_percent(s["adapted_share"], lang))))
    else:
        acc_blocks.append(Paragraph(L["adapt_no"].format(min=fmt_integer(ADAPT_MIN_TEXTS, lang),
                                                         sure_min=fmt_integer(ADAPT_MIN_SURE, lang))))
    real = _real_accuracy_text(lang)
    if real:
        acc_blocks.append(Paragraph(real))
        domains = _domains_table(lang)
        if domains is not None:
            acc_blocks.append(domains)
            acc_blocks.append(Paragraph(L["dom_note"].format(min=fmt_integer(ADAPT_MIN_TEXTS, lang))))
    a = result.accuracy
    if a is not None and a.n:
        acc_blocks.append(Paragraph(L["acc"].format(n=fmt_integer(a.n, lang), acc=fmt_percent(a.accuracy, lang),
                                                    f1=fmt_number(a.macro_f1, lang, 2), polar=fmt_percent(a.polar_accuracy, lang),
                                                    np=fmt_integer(a.n_polar, lang))))
        rows = tuple((L[lab], *a.confusion[i]) for i, lab in enumerate(("negative", "neutral", "positive")))
        acc_blocks.append(Table((L["ref"], L["negative"], L["neutral"], L["positive"]), rows,
                                ("text", "integer", "integer", "integer"), caption=L["conf_cap"], name="Confusion"))
    else:
        acc_blocks.append(Paragraph(L["noacc"]))
    return Section(L["method_title"], acc_blocks)


def _nps_section(result: EReputationResult, lang: Lang) -> Section | None:
    """Net Promoter Score, overall and per month (None without 0–10 answers)."""
    if result.nps is None:
        return None
    L = _L[lang]
    r = result.nps
    bm = r.by_month.copy()
    bm["month"] = [f"{month_name(m.month, lang)} {m.year}" for m in pd.to_datetime(bm["month"])]
    bm = bm.rename(columns={"month": L["month"], "n": L["answers"], "promoters": L["promoters"],
                            "passives": L["passives"], "detractors": L["detractors"], "nps": L["nps"]})
    return Section(L["nps_title"], (
        Paragraph(L["nps_text"].format(n=fmt_integer(r.n, lang), src=r.source or "—")),
        KeyFigures((KeyFigure(L["nps"], r.nps, "integer", unit="pts"),
                    KeyFigure(L["promoters"], r.promoter_share, "percent"),
                    KeyFigure(L["detractors"], r.detractor_share, "percent"))),
        Table.from_frame(bm, {L["answers"]: "integer", L["promoters"]: "integer", L["passives"]: "integer",
                              L["detractors"]: "integer", L["nps"]: "integer", L["month"]: "text"},
                         caption=L["nps_cap"], name="NPS"),
    ))


def _themes_section(result: EReputationResult, lang: Lang) -> Section:
    """Themes of the client's negative mentions, and their over-represented terms."""
    L = _L[lang]
    s = result.sentiment
    th = result.themes[["label", "negative_mentions", "share_of_negative"]].rename(
        columns={"label": L["theme"], "negative_mentions": L["neg"], "share_of_negative": L["negshare_col"]})
    theme_blocks: list[Any] = [Table.from_frame(th, {L["neg"]: "integer", L["negshare_col"]: "percent"},
                                                caption=L["themes_cap"].format(brand=result.brand), name=doc_text("doc.ereputation.sheet.themes", lang)),
                               Paragraph(L["themes_note"].format(n=fmt_integer(s["negative"], lang),
                                                                 none=fmt_integer(result.negative_without_theme, lang)),
                                         style="small")]
    if result.top_terms:
        theme_blocks.append(Paragraph(L["terms"].format(terms=", ".join(f"{w} ({c})" for w, c in result.top_terms[:10]))))
    return Section(L["themes_title"], theme_blocks)


def _platforms_section(result: EReputationResult, lang: Lang) -> Section | None:
    """Mentions, average rating and response rate per platform (None when not measured)."""
    if result.platforms is None or not len(result.platforms):
        return None
    L = _L[lang]
    pf = result.platforms.rename(columns={"platform": L["platform"], "mentions": L["n"], "rating_mean": L["rating_mean"],
                                          "rated": L["rated"], "response_rate": L["response_rate"],
                                          "response_days": L["response_days"]})
    return Section(L["plat_title"], (
        Table.from_frame(pf, {L["n"]: "integer", L["rating_mean"]: "number", L["rated"]: "integer",
                              L["response_rate"]: "percent", L["response_days"]: "number"},
                         caption=L["plat_cap"].format(brand=result.brand), name=doc_text("doc.dashboard.sheet.platforms", lang)),
        Paragraph(L["plat_note"], style="small")))


def _crisis_section(c: Crisis, lang: Lang) -> Section:
    """One bad-buzz episode: the alert, its timeline, causes found, examples, response elements."""
    L = _L[lang]
    tl = c.timeline.copy()
    tl["date"] = pd.to_datetime(tl["date"]).dt.date
    tl["spike"] = tl["spike"].map(lambda b: L["yes"] if b else L["no"])
    tl = tl[["date", "total", "negative", "baseline", "spike"]].rename(columns={
        "date": L["date"], "total": L["total"], "negative": L["neg"], "baseline": L["baseline"], "spike": L["spike"]})
    causes = []
    if c.themes:
        causes.append(L["cause_themes"].format(t=", ".join(f"{theme_label(t, lang)} ({n})" for t, n in c.themes)))
    if c.top_terms:
        causes.append(L["cause_terms"].format(t=", ".join(f"{w} ({n})" for w, n in c.top_terms)))
    causes.append(L["cause_platforms"].format(t=", ".join(f"{p} ({n})" for p, n in c.platforms)))
    p_txt = "< 0,000 001" if lang == "fr" and c.p_value < 1e-6 else ("< 0.000001" if c.p_value < 1e-6 else fmt_number(c.p_value, lang, 6))
    return Section(L["crisis_title"].format(start=fmt_date(c.start, lang), end=fmt_date(c.end, lang)), (
        Callout("danger", L["crisis_callout"], L["crisis_text"].format(
            total=fmt_integer(c.total_negative, lang), start=fmt_date(c.start, lang), end=fmt_date(c.end, lang),
            peak=fmt_date(c.peak_date, lang), n=fmt_integer(c.peak_negative, lang),
            base=fmt_number(c.baseline, lang, 1), p=p_txt)),
        Table.from_frame(tl, {L["date"]: "date", L["total"]: "integer", L["neg"]: "integer", L["baseline"]: "number"},
                         caption=L["timeline_cap"], name=doc_text("doc.ereputation.sheet.crisis", lang)),
        Paragraph(Span(L["causes"], bold=True)),
        BulletList(causes),
        Paragraph(L["examples"], style="small"),
        BulletList([fmt_quote(e, lang) for e in c.examples]),
        Paragraph(Span(L["response"], bold=True)),
        BulletList(c.response, ordered=True),
    ))


def _bad_buzz_section(result: EReputationResult, lang: Lang) -> Section:
    """The detection method, then one subsection per bad-buzz episode (or a success callout)."""
    L = _L[lang]
    buzz: list[Any] = [Paragraph(L["buzz_method"]), Paragraph(L["playbook"], style="small")]
    if not result.crises:
        buzz.append(Callout("success", L["no_buzz"]))
    buzz += [_crisis_section(c, lang) for c in result.crises]
    return Section(L["buzz_title"], buzz)


def ereputation_section(result: EReputationResult, lang: Lang | None = None, *, figures: bool = True) -> Section:
    """The e-reputation part of a deliverable (dashboard, bilan): key figures, volume,
    share of voice, sentiment method and measured accuracy, NPS, negative themes, platforms,
    bad buzz — one builder per subsection."""
    lang = lang or result.lang
    subs = [_share_of_voice_section(result, lang), _sentiment_method_section(result, lang), _nps_section(result, lang),
            _themes_section(result, lang), _platforms_section(result, lang), _bad_buzz_section(result, lang)]
    return Section(_L[lang]["title"], (*_summary_blocks(result, lang, figures), *(x for x in subs if x is not None)))
