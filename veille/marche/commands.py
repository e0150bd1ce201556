"""The ``toolkit marche`` commands as library functions (the CLI calls these; so can a notebook).

=============================================  =============================================
``template(case)``                             write ``CASE/marche.xlsx`` to fill (kept if
                                               it exists); returns its path
``fetch(case, session=None, …)``               run the ``donnees_publiques`` queries, cache
                                               the answers in ``CASE/.toolkit/marche/``
``study(case)``                                read the workbook + cache → ``MarketStudy``
``build(case, out, formats, lang)``            the study, all formats; returns the paths
``demo(case, out, formats, lang, progress)``   ``toolkit demo`` step (offline)
=============================================  =============================================
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.case import Case, load_case
from toolkit.errors import InputError, NetworkError, ToolkitError
from toolkit.i18n import per_lang, tr

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from veille.marche.analysis import MarketStudy
    from veille.marche.public import PublicQuery

__all__ = ["FetchOutcome", "build", "deliverables", "demo", "external_factors", "fetch", "market_file", "market_findings",
           "study", "study_evidence", "study_figures", "template"]

STEM = per_lang("etude-marche-benchmark")
OUT_MODULE = "bloc1-marche"


def _load(case: Case | str | Path, lang: str | None = None) -> Case:
    if isinstance(case, Case):
        return load_case(case.root, lang=lang) if lang and lang != case.lang else case
    return load_case(case, lang=lang)


def market_file(case: Case) -> Path:
    from veille.marche.inputs import MARKET_FILE

    return case.root / MARKET_FILE


def cache_dir(case: Case) -> Path:
    from veille.marche.public import CACHE_DIR

    d = case.state_dir() / CACHE_DIR
    d.mkdir(exist_ok=True)
    return d


def template(case: Case | str | Path) -> Path:
    """Write the workbook to fill; an existing one is never overwritten (it is the user's work)."""
    from veille.marche.inputs import write_template

    case = _load(case)
    path = market_file(case)
    if path.exists():
        raise InputError("the market workbook already exists; it is kept as it is", file=path,
                         hint="fill it in, or move it away to get a fresh template")
    return write_template(path)


def _queries(inputs: Any) -> list[PublicQuery]:
    from veille.marche.inputs import SHEETS
    from veille.marche.public import parse_query

    out = []
    col = next(c for c in SHEETS["donnees_publiques"] if c.name == "query")
    for r in inputs["donnees_publiques"].itertuples(index=False):
        try:
            out.append(parse_query(r.kind, r.query, r.label or ""))
        except InputError as exc:
            raise InputError(exc.message, file=f"{inputs.path} (sheet 'donnees_publiques')", row=int(r.row),
                             column=col.header, hint=exc.hint) from None
    return out


@dataclass(frozen=True)
class FetchOutcome:
    """What ``fetch`` did: answers cached, and the queries that failed (with why)."""

    fetched: tuple[tuple[str, Path], ...]
    failed: tuple[tuple[str, str], ...]


def fetch(case: Case | str | Path, *, session: Any = None, company_api: str | None = None,
          eurostat_api: str | None = None, sdmx_apis: dict[str, str] | None = None,
          now: _dt.datetime | None = None) -> FetchOutcome:
    """Run every query of the ``donnees_publiques`` sheet and cache the answers.

    A query that fails keeps its previous cached answer and is listed in ``failed``;
    the others go on. ``company_api``/``eurostat_api``/``sdmx_apis`` (agency → address) replace
    the services' addresses (tests use a local server).
    """
    import requests

    from veille.marche import public as P
    from veille.marche.inputs import read_market_file

    case = _load(case)
    inputs = read_market_file(market_file(case), display=str(market_file(case)))
    queries = _queries(inputs)
    if not queries:
        raise ToolkitError("no public-data query in the workbook (sheet 'donnees_publiques')",
                           file=market_file(case), hint="add rows: entreprise / denombrement / eurostat / insee / sdmx")
    own = session is None
    session = session or requests.Session()
    fetched, failed = [], []
    try:
        for q in queries:
            try:
                P.fetch_query(q, cache_dir(case), session=session, company_api=company_api or P.COMPANY_API,
                              eurostat_api=eurostat_api or P.EUROSTAT_API, sdmx_apis=sdmx_apis, now=now)
                fetched.append((q.label, cache_dir(case) / q.key))
            except (NetworkError, InputError) as exc:
                failed.append((q.label, exc.message))
    finally:
        if own:
            session.close()
    return FetchOutcome(tuple(fetched), tuple(failed))


def _demand(case: Case) -> pd.DataFrame | None:
    """Google Trends signals of the case's keywords, from the veille module's cache/imports."""
    import pandas as pd

    from toolkit.fmt import month_name
    from veille.analysis import momentum_ranking
    from veille.commands import load_trends

    if not case.config.watch.trends.keywords and not case.config.watch.trends.files:
        return None
    try:
        trends = load_trends(case, lang=case.lang)
    except ToolkitError:
        return None
    if trends.interest.empty:
        return None
    table, _ = momentum_ranking(trends.interest)
    words = per_lang({"up": "hausse", "down": "baisse", "flat": "stable"})[case.lang]
    return pd.DataFrame({
        "term": table["term"], "direction": table["direction"].map(lambda d: words.get(d, d)),
        "momentum": table["momentum"],
        "peaks": table["peak_months"].map(lambda ms: ", ".join(month_name(m, case.lang) for m in ms) or "—"),
    })


def _mentions(case: Case, client: str) -> pd.DataFrame | None:
    """Mentions of the client and its competitors in the veille store (``name, entries …``)."""
    from veille.analysis import mentions
    from veille.store import open_store

    store_file = case.root / ".toolkit"
    if not store_file.exists():
        return None
    names = {c.name: list(c.keywords) for c in case.config.competitors}
    if client:
        names = {client: [], **names}
    if not names:
        return None
    with open_store(case) as store:
        entries = store.entries_frame()
    if entries.empty:
        return None
    return mentions(entries, names)


def _voice(m: pd.DataFrame | None) -> pd.DataFrame | None:
    """Share of voice: each name's share of the mentions of all the names watched."""
    import pandas as pd

    if m is None or int(m["entries"].sum()) == 0:
        return None
    return pd.DataFrame({"competitor": m["name"], "mentions": m["entries"], "share": m["entries"] / m["entries"].sum()})


def study(case: Case | str | Path, lang: str | None = None) -> MarketStudy:
    """Read the workbook and the cached public data → the computed :class:`MarketStudy`."""
    return _study(_load(case, lang))[0]


def _study(case: Case) -> tuple[MarketStudy, pd.DataFrame | None]:
    from veille.marche.analysis import analyse_market, parse_public
    from veille.marche.inputs import read_market_file
    from veille.marche.public import load_cache

    inputs = read_market_file(market_file(case), display=str(market_file(case)))
    queries = _queries(inputs)
    public = parse_public(load_cache(case.root / ".toolkit" / "marche", queries), queries)
    client = inputs.settings.get("client") or case.config.client.name
    ment = _mentions(case, client)
    st = analyse_market(inputs, client=client, public=public, demand=_demand(case), voice=_voice(ment))
    return st, ment


def study_evidence(case: Case, st: MarketStudy, mentions: pd.DataFrame | None = None) -> dict:
    """The grid evidence of the study (``acteurs_marche`` reads case.yaml's competitors)."""
    from veille.marche.evidence import marche_evidence

    comps = case.config.competitors
    return marche_evidence(st, tuple((c.name, c.positioning) for c in comps),
                           {c.name: c.notes for c in comps if c.notes}, mentions, case.lang)


def external_factors(case: Case) -> list[tuple[str, str, str]]:
    """Hook for the needs analysis (``veille.besoin``): the market study's strongest PESTEL facts
    and five forces as ``(text, kind, source)`` — read from marche.xlsx at each call, not copied.
    Empty when the case has no market workbook."""
    if not market_file(case).exists():
        return []
    st = study(case)
    src = tr(case.lang, "Étude de marché")
    out = []
    for r in st.pestel.head(4).itertuples(index=False):
        out.append((f"{r.fact} ({int(r.score)}/25)", "opportunite" if r.direction == "opportunité" else "menace",
                    f"{src}, PESTEL"))
    strong = st.forces[st.forces["level"] == "forte"]
    if len(strong):
        from veille.marche.report import FORCE

        names = ", ".join(FORCE[case.lang][f].lower() for f in strong["force"])
        out.append((tr(case.lang, "Forces concurrentielles fortes : {names}", names=names),
                    "contrainte", f"{src}, {tr(case.lang, 'cinq forces')}"))
    return out


def market_findings(case: Case, lang: str) -> list[tuple[str, str, str]]:
    """Hook for the watch note (``veille``): the study's key findings as ``(axis, lead, text)`` —
    ``strategique`` (market, segments, environment) or ``concurrentielle`` (concentration,
    position, practices) — computed from marche.xlsx at each call, not copied. Empty when the
    case has no market workbook; a broken workbook raises (the caller says so)."""
    from veille.marche.report import keyed_findings

    if not market_file(case).exists():
        return []
    return keyed_findings(study(case, lang), lang)  # type: ignore[arg-type]


def study_figures(st: MarketStudy, lang: str = "fr") -> dict[str, Any]:
    """The charts of the study as document figures, each with an alt text stating the finding."""
    from toolkit.document import Figure
    from toolkit.fmt import fmt_change, fmt_percent
    from veille.marche import charts

    figs: dict[str, Any] = {}
    seg_total = st.inputs.settings["segment_total"]
    market = st.inputs["marche"]
    value = market[market["indicator"] == "valeur"]
    total_rows = value[value["segment"] == seg_total]
    stacked = value[(value["segment"] != seg_total) & value["unit"].isin(set(total_rows["unit"]))]
    # a chart says more than the table only with segments to stack or a total over three years or more
    if st.total is not None and st.total.get("cagr") is not None and (len(stacked) or len(total_rows) >= 3):
        t = st.total
        alt = tr(lang, "Marché en valeur par segment de {first_year} à {last_year} : {cagr} par an en moyenne ; les segments empilés montrent leur poids, les barres hachurées sont des estimations.", first_year=t['first_year'], last_year=t['last_year'], cagr=fmt_change(t['cagr'], lang))
        figs["market"] = Figure.from_matplotlib(charts.market_chart(market, seg_total, lang),  # type: ignore[arg-type]
                                                tr(lang, "Taille du marché par segment"),
                                                alt, name="marche-segments")
    if len(st.shares):
        top = st.shares.iloc[0]
        alt = tr(lang, "Parts de marché {share_year} : {player} en tête avec {share}.", share_year=st.share_year, player=top['player'], share=fmt_percent(top['share'], lang, 0))
        figs["shares"] = Figure.from_matplotlib(charts.shares_chart(st.shares, lang),  # type: ignore[arg-type]
                                                tr(lang, "Parts de marché"), alt, name="parts")
    if st.positioning is not None:
        pm = st.positioning
        right = pm.coords["x"].idxmax()
        top = pm.coords["y"].idxmax()
        alt = tr(lang, "Carte de positionnement ({x_label} en abscisse, {y_label} en ordonnée) : {right} le plus à droite, {top} le plus haut ; {client} en surbrillance.", x_label=pm.x_label, y_label=pm.y_label, right=right, top=top, client=st.client)
        figs["positioning"] = Figure.from_matplotlib(charts.positioning_chart(pm, st.client, lang),  # type: ignore[arg-type]
                                                     tr(lang, "Carte de positionnement"),
                                                     alt, name="positionnement", )
    if st.stability is not None:
        s = st.stability
        best = max(s.first, key=s.first.get)
        alt = tr(lang, "Rang de chaque concurrent sous {draws} pondérations aléatoires : {best} premier dans {first} des tirages.", draws=s.draws, best=best, first=fmt_percent(s.first[best], lang, 0))
        from veille.scoring_charts import stability_chart

        figs["stability"] = Figure.from_matplotlib(stability_chart(s, lang),  # type: ignore[arg-type]
                                                   tr(lang, "Stabilité du classement (poids perturbés)"), alt, name="stabilite")
    return figs


def build(case: Case | str | Path, out: Path | None = None, formats: Sequence[str] | None = None,
          lang: str | None = None, *, date: _dt.date | None = None) -> list[Path]:
    """Write the study (``etude-marche-benchmark.*``) in every requested format."""
    from toolkit.render import FORMATS, case_brand, render
    from veille.marche.report import build_report

    case = _load(case, lang)
    st, ment = _study(case)
    doc = build_report(st, case.lang, figures=study_figures(st, case.lang), evidence=study_evidence(case, st, ment),
                       author=case.config.output.author, date=date)
    out_dir = (Path(out) if out is not None else case.root / "out") / OUT_MODULE
    wanted = [f for f in (formats or case.config.output.formats) if f in FORMATS]
    stem = STEM.get(case.lang, STEM["fr"])
    paths = render(doc, out_dir, stem, wanted, brand=case_brand(case))
    from toolkit.check import record_inputs

    record_inputs(case.root, out_dir, stem, _inputs(case))
    return paths


def _inputs(case: Case) -> list[Path]:
    """What the study is built from: case.yaml (competitors, client), marche.xlsx, the mentions."""
    files = [case.root / "case.yaml", market_file(case)]
    if case.config.data.mentions:
        files.append(case.path(case.config.data.mentions))
    return files


def deliverables(case: Case) -> list[Any]:
    """``toolkit check`` hook: the market study, once the case has its marche.xlsx to build it from."""
    if not market_file(case).exists():
        return []
    from toolkit.check import Deliverable

    fr = case.lang != "en"
    return [Deliverable(tr(case.lang, "Étude de marché et benchmark"), "veille",
                        case.root / "out" / OUT_MODULE, STEM["fr" if fr else "en"], tuple(_inputs(case)),
                        f"toolkit marche build {case.root}")]


def demo(case: Case, out: Path | None, formats: Sequence[str], lang: str,
         progress: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """``toolkit demo`` step: the example's filled workbook → the study (offline)."""
    case = _load(case, lang)
    if not market_file(case).exists():
        return []
    st = study(case)  # read once here to say what the study rests on
    progress(tr(lang, "  {marche} chiffres de marché, {sources} sources, {table} concurrents notés", marche=len(st.inputs['marche']), sources=len(st.inputs['sources']), table=len(st.grid.table) if st.grid is not None else 0))
    return build(case, out, formats, lang)


def market_workbook(path: Path, rows: dict[str, list[dict[str, Any]]]) -> Path:
    """Hook of the trainer mode (``toolkit trainer generate``): write ``rows`` (sheet → records, keys =
    the internal column names of :data:`veille.marche.inputs.SHEETS`) as a market workbook at
    ``path``, replacing a previous generated one."""
    from veille.marche.inputs import write_workbook

    return write_workbook(Path(path), rows, overwrite=True)
