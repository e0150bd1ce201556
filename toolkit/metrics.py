"""The metrics glossary: one definition per figure, one name per language, one scope.

Every figure the toolkit prints is defined once in ``toolkit/data/metrics.yaml``: its formula,
its **scope** (where the number comes from), its source and the name it carries in every
deliverable. The glossary annex of the plan, the dashboard and the bilan, the tracking
workbook's ``Glossaire`` sheet and the documentation page ``docs/metrics.md`` are generated from it — so "ROAS média" means the
same thing everywhere.

Scopes (figures of different scopes are never added together):

- ``media``: what each ad platform or the e-mailing tool reports for its own campaigns
  (its own attribution; two platforms may claim the same sale);
- ``site``: web analytics (GA4) — all the site's sales, overlapping the platforms';
- ``back_office``: the business's own figures (orders, subscribers…), entered by the user;
- ``cost``: media spend and non-media invoices; ``plan``: the plan's forecast.

Example::

    from toolkit.metrics import metric, glossary_section
    metric("roas").name["fr"]            # 'ROAS média'
    metric("roas_global").formula["en"]  # 'Attributed revenue ÷ total cost of the actions …'
    glossary_section(["roas", "roas_global", "cpa"], "fr")   # a Section for an annex

Regenerate the documentation page after editing the YAML::

    python -m toolkit.metrics docs/metrics.md
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.i18n import per_lang, tr

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.document import KeyFigure, Section

__all__ = ["MEASURED_KPIS", "NOT_MEASURED", "SCOPES", "Metric", "glossary_rows", "glossary_section", "is_missing", "kpi_id", "kpi_label",
           "metric", "metric_label", "metric_tile", "metrics", "metrics_markdown", "scope_text"]

SCOPES = ("media", "site", "back_office", "cost", "plan")
_KINDS = ("integer", "number", "currency", "percent")
DELIVERABLES = ("plan", "dashboard", "bilan", "tracking")


@dataclass(frozen=True)
class Metric:
    """One glossary entry (texts are ``{"fr": …, "en": …}``)."""

    id: str
    kind: str
    scope: str
    name: dict[str, str]
    formula: dict[str, str]
    source: dict[str, str]
    used_in: tuple[str, ...]

    def label(self, lang: str = "fr") -> str:
        return self.name.get(lang) or self.name["fr"]


@functools.cache
def _data() -> dict:
    import yaml

    text = resources.files("toolkit").joinpath("data/metrics.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@functools.cache
def metrics() -> dict[str, Metric]:
    """Every metric of the glossary by id, in the file's order (checked when first loaded)."""
    out: dict[str, Metric] = {}
    for i, m in enumerate(_data()["metrics"]):
        where = f"toolkit/data/metrics.yaml: metrics[{i}] ({m.get('id')})"
        if m["scope"] not in SCOPES:
            raise ValueError(f"{where}: unknown scope {m['scope']!r}; use one of {SCOPES}")
        if m["kind"] not in _KINDS:
            raise ValueError(f"{where}: unknown kind {m['kind']!r}; use one of {_KINDS}")
        for key in ("name", "formula", "source"):
            if set(m[key]) != {"fr", "en"}:
                raise ValueError(f"{where}: '{key}' needs exactly fr and en")
        bad = set(m.get("used_in", ())) - set(DELIVERABLES)
        if bad:
            raise ValueError(f"{where}: unknown deliverable(s) {sorted(bad)}; use {DELIVERABLES}")
        if m["id"] in out:
            raise ValueError(f"{where}: id used twice")
        out[m["id"]] = Metric(m["id"], m["kind"], m["scope"], dict(m["name"]), dict(m["formula"]),
                              dict(m["source"]), tuple(m.get("used_in", ())))
    return out


def metric(metric_id: str) -> Metric:
    """The glossary entry of ``metric_id`` (KeyError with the known ids otherwise)."""
    try:
        return metrics()[metric_id]
    except KeyError:
        raise KeyError(f"'{metric_id}' is not in the metrics glossary (toolkit/data/metrics.yaml); "
                       f"known: {', '.join(metrics())}") from None


def metric_label(metric_id: str, lang: str = "fr") -> str:
    """The name ``metric_id`` carries in every deliverable (``roas`` → ``ROAS média``)."""
    return metric(metric_id).label(lang)


def kpi_label(kpi: str, lang: str = "fr") -> str:
    """The name a KPI code carries in a document: the glossary's name when the code is in it
    (``subscribers`` → « Abonnés actifs »), else the code in words (``visites_boutique`` →
    « visites boutique »). A document never shows the code itself."""
    m = metrics().get(kpi)
    return m.label(lang) if m else str(kpi).replace("_", " ")


def scope_text(scope: str, lang: str = "fr") -> str:
    """The definition of a scope (``media``, ``site``, ``back_office``, ``cost``, ``plan``)."""
    return _data()["scopes"][scope][lang]


_SCOPE_NAMES = per_lang({"media": "Régies", "site": "Site (GA4)", "back_office": "Back-office", "cost": "Coûts", "plan": "Plan"})


NOT_MEASURED = per_lang("non mesuré")


def is_missing(value: object) -> bool:
    """None or NaN: a figure nobody measured (never to be shown as 0)."""
    try:
        return value is None or value != value  # NaN != NaN
    except (TypeError, ValueError):  # pragma: no cover - exotic objects
        return False


def metric_tile(metric_id: str, value: float | None, lang: str = "fr", *, reason: str = "", note: str = "",
                **kw: object) -> KeyFigure:
    """A KPI tile named and typed by the glossary; a missing value reads « non mesuré » with
    ``reason`` as its note (never ``0,00``)."""
    from toolkit.document import KeyFigure

    m = metric(metric_id)
    if is_missing(value):
        return KeyFigure(m.label(lang), NOT_MEASURED["fr" if lang == "fr" else "en"], "text",
                         note=reason or note)  # type: ignore[arg-type]
    return KeyFigure(m.label(lang), value, m.kind, note=note, **kw)  # type: ignore[arg-type]


def glossary_rows(ids: Iterable[str], lang: str = "fr") -> list[tuple[str, str, str, str]]:
    """(name, formula, scope, source) of each of ``ids``, in glossary order: the rows of every
    glossary annex (documents) and of the tracking workbook's glossary sheet."""
    wanted = set(ids)
    names = _SCOPE_NAMES["en" if lang == "en" else "fr"]
    return [(m.label(lang), m.formula[lang], names[m.scope], m.source[lang]) for m in metrics().values()
            if m.id in wanted]


def glossary_section(ids: Iterable[str], lang: str = "fr", *, title: str | None = None) -> Section:
    """An appendix section defining ``ids`` (in glossary order) and the scopes they belong to."""
    from toolkit.document import BulletList, Paragraph, Section, Table

    fr = lang == "fr"
    wanted = set(ids)
    unknown = wanted - set(metrics())
    if unknown:
        raise KeyError(f"not in the metrics glossary: {', '.join(sorted(unknown))}")
    chosen = [m for m in metrics().values() if m.id in wanted]
    names = _SCOPE_NAMES["fr" if fr else "en"]
    rows = glossary_rows(wanted, lang)
    table = Table((tr(lang, "Indicateur", context="metric"), tr(lang, "Formule"), tr(lang, "Périmètre"), "Source"),
                  rows, ("text", "text", "text", "text"),
                  caption=tr(lang, "Définition des indicateurs"))
    scopes = [s for s in SCOPES if any(m.scope == s for m in chosen)]
    return Section(title or (tr(lang, "Glossaire des indicateurs")), [
        Paragraph(tr(lang, "Chaque indicateur porte le même nom et la même formule dans tous les livrables de la mission. Les chiffres de périmètres différents ne s'additionnent jamais.")),
        BulletList([f"{names[s]} : {scope_text(s, lang).split(' — ', 1)[-1]}" if fr
                    else f"{names[s]}: {scope_text(s, lang).split(' — ', 1)[-1]}" for s in scopes]),
        table,
    ], appendix=True, slide=False)  # a reference table: in the document, not in the oral deck


def metrics_markdown() -> str:
    """The documentation page ``docs/metrics.md`` (generated: do not edit it by hand)."""
    lines = [
        "# Metrics glossary / Glossaire des indicateurs",
        "",
        "<!-- Generated from toolkit/data/metrics.yaml by `python -m toolkit.metrics docs/metrics.md`; "
        "do not edit by hand (a test checks the page is in sync). -->",
        "",
        "Every figure the toolkit prints is defined once, in `toolkit/data/metrics.yaml`: its formula, "
        "its **scope** (where the number comes from), its source, and the name it carries in every "
        "deliverable (French / English). The glossary annex of the plan, the KPI dashboard and the "
        "bilan, and the `Glossaire` sheet of the tracking workbook, are generated from the same file.",
        "",
        "## Scopes / Périmètres",
        "",
        "Figures of different scopes are **never added together**: GA4 site revenue and the "
        "platforms' conversion value measure overlapping sales.",
        "",
    ]
    for s in SCOPES:
        lines.append(f"- **{_SCOPE_NAMES['en'][s]} / {_SCOPE_NAMES['fr'][s]}** (`{s}`): "
                     f"{scope_text(s, 'en').split(' — ', 1)[-1]}")
    lines += ["", "## ROAS and CPA: two definitions, two names", "",
              "- **Media ROAS / ROAS média** = conversion value reported by the platforms ÷ media spend "
              "(the platforms' own definition). This is the ROAS the dashboard and the bilan show as a headline, "
              "per platform and over all platforms.",
              "- **Overall ROAS / ROAS global** = revenue ÷ the *total* cost of the actions (media + creative + "
              "technical + logistics + fees). The plan forecasts both; the bilan compares each with its "
              "forecast of the same definition.",
              "- Likewise **Media CPA / CPA média** (media spend ÷ conversions) and **Overall CPA / CPA global** "
              "(total cost ÷ conversions).",
              "- An objective is measured on the scope and the actions it names: an objective about one product "
              "range is measured on the campaigns of the actions serving it, never on the whole site.",
              "- Missing is not zero: a ratio with no data is shown as « non mesuré » with the reason, never 0,00.",
              ""]
    for s in SCOPES:
        chosen = [m for m in metrics().values() if m.scope == s]
        if not chosen:
            continue
        lines += [f"## {_SCOPE_NAMES['en'][s]} / {_SCOPE_NAMES['fr'][s]}", "",
                  "| Id | Name (fr) | Name (en) | Formula | Source | Shown in |",
                  "|---|---|---|---|---|---|"]
        for m in chosen:
            cells = [f"`{m.id}`", m.name["fr"], m.name["en"], m.formula["en"], m.source["en"],
                     ", ".join(m.used_in)]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


# ── The KPIs the exports measure, and the names a plan gives them ─────────────────────────

#: The KPIs of the actuals table (ad platforms, e-mailing, web analytics), by id, in display
#: order: ratios first, then volumes. ``pilotage`` computes each of them
#: (``pilotage.compute.kpis.KPI_DEFS`` lists exactly these: a test checks it); the plan asks
#: :func:`kpi_id` whether an objective's KPI is one of them — here, in the core, so that
#: neither module reaches into the other.
MEASURED_KPIS: tuple[str, ...] = (
    "ctr", "cpc", "cpm", "cpa", "roas", "conversion_rate", "engagement_rate", "frequency", "ga4_engagement_rate",
    "spend", "media_spend", "impressions", "reach", "clicks", "conversions", "conversion_value", "engagements",
    "video_views", "sessions", "users", "engaged_sessions", "key_events", "site_revenue", "site_conversions",
)

#: Names a plan may use for a measured KPI (compared without accents, case or punctuation).
_KPI_ALIASES: dict[str, str] = {
    "ctr": "ctr", "taux de clic": "ctr", "taux de clics": "ctr", "click through rate": "ctr",
    "clickthrough rate": "ctr",
    "cpc": "cpc", "cout par clic": "cpc", "cpc moyen": "cpc", "cost per click": "cpc",
    "cpm": "cpm", "cout pour mille": "cpm", "cout par mille": "cpm", "cost per mille": "cpm",
    "cpa": "cpa", "cout par acquisition": "cpa", "cout par conversion": "cpa", "cost per acquisition": "cpa",
    "cost per conversion": "cpa", "cac": "cpa",
    "roas": "roas", "retour sur depenses publicitaires": "roas", "return on ad spend": "roas",
    "taux de conversion": "conversion_rate", "conversion rate": "conversion_rate", "tx de conversion": "conversion_rate",
    "taux d engagement": "engagement_rate", "engagement rate": "engagement_rate",
    "frequence": "frequency", "frequency": "frequency", "repetition": "frequency",
    "taux d engagement ga4": "ga4_engagement_rate", "ga4 engagement rate": "ga4_engagement_rate",
    "engagement rate ga4": "ga4_engagement_rate",
    "depenses": "spend", "depense": "spend", "spend": "spend", "budget depense": "spend", "cout": "spend",
    "impressions": "impressions", "impr": "impressions",
    "couverture": "reach", "portee": "reach", "reach": "reach",
    "clics": "clicks", "clicks": "clicks",
    "conversions": "conversions", "conversion": "conversions",
    "valeur des conversions": "conversion_value", "conversion value": "conversion_value",
    "chiffre d affaires": "conversion_value", "revenue": "conversion_value", "ventes": "conversion_value",
    "engagements": "engagements", "vues de video": "video_views", "video views": "video_views",
    "sessions": "sessions", "visites": "sessions", "utilisateurs": "users", "users": "users",
    "sessions engagees": "engaged_sessions", "engaged sessions": "engaged_sessions",
    "evenements cles": "key_events", "key events": "key_events",
}


def kpi_id(name: str) -> str | None:
    """The measured KPI a plan's KPI name refers to (``"Taux de clic (CTR)"`` → ``"ctr"``), or None
    when no export measures it (``"Abonnés actifs"``: a back-office figure)."""
    import re

    from toolkit.io import normalize_header

    if str(name) in MEASURED_KPIS:
        return str(name)
    n = normalize_header(name)
    if n in _KPI_ALIASES:
        return _KPI_ALIASES[n]
    # "Taux de clic (CTR)" → try the bracketed acronym, then the part before it
    m = re.search(r"\(([^)]*)\)", str(name))
    if m and normalize_header(m.group(1)) in _KPI_ALIASES:
        return _KPI_ALIASES[normalize_header(m.group(1))]
    return _KPI_ALIASES.get(normalize_header(re.sub(r"\(.*?\)", "", str(name))))


def _main(argv: list[str]) -> int:
    from toolkit.files import atomic_write_text

    if len(argv) != 1:
        print("usage: python -m toolkit.metrics docs/metrics.md", file=sys.stderr)
        return 2
    atomic_write_text(Path(argv[0]), metrics_markdown())
    print(argv[0])
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main(sys.argv[1:]))
