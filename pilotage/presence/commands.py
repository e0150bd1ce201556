"""Library functions behind ``toolkit presence …`` (same names as the commands).

::

    from pilotage.presence.commands import compute, build
    results, presence = compute("toolkit-demo")   # matrix, keywords, cadence, audience, audit…
    paths = build("toolkit-demo", formats=("docx", "pptx"))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from toolkit.case import Case
from toolkit.errors import ToolkitError
from toolkit.i18n import per_lang, tr

__all__ = ["PRESENCE_FILE", "audience", "build", "calendar_frame", "compute", "deliverables", "demo", "evidence", "named_files",
           "measures_evidence", "organic_inputs", "template"]

PRESENCE_FILE = "presence.yaml"
STEM = per_lang("plan-presence-digitale")


def _case(case: Case | str | Path, lang: str | None = None) -> Case:
    from toolkit.case import load_case

    return case if isinstance(case, Case) else load_case(case, lang=lang)


def calendar_frame(c: Case, presence: Any) -> Any:
    """The editorial calendar as a frame (from the file named in presence.yaml, or its entries)."""
    import pandas as pd

    from pilotage.presence.exports import read_calendar

    cal = presence.calendar
    if isinstance(cal, str):
        return read_calendar(c.path(cal))
    if not cal:
        return None
    frame = pd.DataFrame([e.model_dump() for e in cal])
    frame["row"] = range(1, len(frame) + 1)
    return frame


def organic_inputs(c: Case, presence: Any) -> tuple[Any, Any, list[str]]:
    """Posts and daily series of every export named under ``channels[].exports``.

    Posts: the content exports (Meta Business Suite, LinkedIn ``All posts``), ``platform`` = the
    channel the user filed them under, ``source`` the platform that wrote the export (file names
    are listed in ``sources``). Series: ``date, channel, kpi, value, source, note`` from
    Meta page series and LinkedIn's Metrics / New followers / Visitor metrics sheets (plus the
    estimated LinkedIn follower count, ``note`` = ``estimate``, on the last day).
    """
    import pandas as pd

    from pilotage.presence.exports import read_linkedin, read_meta_daily, read_meta_posts
    from toolkit.errors import MissingColumnError
    from toolkit.io import sheet_names

    posts, series, sources = [], [], []
    start = c.config.brief.constraints.start
    for ch in presence.channels:
        year = ch.exports_year or (start.year if start else None)
        for name in ch.exports:
            path = c.path(name)
            shown = Path(name).name
            if path.suffix.lower() in (".xls", ".xlsx") and path.exists() and \
                    any(s.lower() in ("metrics", "new followers", "visitor metrics") for s in sheet_names(path)):
                li = read_linkedin(path)
                if li.posts is not None:
                    p = li.posts.copy()
                    p["platform"], p["source"] = ch.id, "LinkedIn"
                    posts.append(p)
                d = li.series.assign(channel=ch.id, source="LinkedIn", note="")
                series.append(d)
                if li.followers_estimate is not None and len(li.series):
                    series.append(pd.DataFrame([{"date": li.series["date"].max(), "kpi": "followers", "channel": ch.id,
                                                 "value": float(li.followers_estimate), "source": "LinkedIn",
                                                 "note": "estimate"}]))
            else:
                try:
                    p = read_meta_posts(path)
                    p["platform"], p["source"] = ch.id, "Meta Business Suite"  # the channel filed under wins
                    posts.append(p)
                except MissingColumnError:
                    d = read_meta_daily(path, year=year)
                    series.append(d.drop(columns=["metric"]).assign(channel=ch.id, source="Meta Business Suite", note=""))
            sources.append(shown)
    return (pd.concat(posts, ignore_index=True) if posts else None,
            pd.concat(series, ignore_index=True) if series else None, sources)


def audience(c: Case, presence: Any = None, *, reputation: Any = None, lang: str | None = None) -> Any:
    """The audience indicators of the case (C.6.4; :func:`pilotage.presence.compute.audience_kpis`),
    or None without presence.yaml. What the dashboard shows in its audience part."""
    from pilotage.presence import compute as pc
    from pilotage.presence.model import load_presence

    if presence is None:
        path = c.root / PRESENCE_FILE
        if not path.exists():
            return None
        presence = load_presence(path)
    from pilotage.presence.exports import read_search_console

    sc = read_search_console([c.path(p) for p in presence.search.search_console]) \
        if presence.search.search_console else None
    posts, series, _sources = organic_inputs(c, presence)
    return pc.audience_kpis(posts, series, sc, {ch.id: ch for ch in presence.channels},
                            brand_terms=presence.search.brand_terms or [c.config.client.name], reputation=reputation,
                            share_of_voice_target=presence.share_of_voice_target, lang=lang or c.lang)


def _vocabulary(c: Case, presence: Any, plan: Any) -> list[str]:
    cl = c.config.client
    words = [cl.sector, cl.positioning, *cl.offer, *presence.search.themes, *c.config.watch.trends.keywords]
    if plan is not None and plan.concept is not None:
        words += [plan.concept.big_idea, plan.concept.promise]
    return [w for w in words if w]


def compute(case: Case | str | Path, lang: str | None = None, *, crawl_session: Any = None) -> tuple[Any, Any]:
    """Read presence.yaml, the plan, the personas and the exports; compute everything (no file written).

    ``crawl_session``: the HTTP session of the site audit (tests give one bound to a local server).
    """
    from personas.model import load_personas
    from pilotage.presence import compute as pc
    from pilotage.presence.exports import read_keyword_planner, read_search_console
    from pilotage.presence.model import PresenceFile, load_presence
    from plan.api import load_plan

    c = _case(case, lang)
    lang = lang or c.lang
    path = c.root / PRESENCE_FILE
    presence = load_presence(path) if path.exists() else PresenceFile()
    plan = load_plan(c)
    personas = load_personas(c)
    notes: list[str] = []
    sources: list[str] = []
    if not path.exists():
        # printed in the plan itself: said in words (the docs say which file and command, #12)
        notes.append(tr(lang, "Charte de présence pas encore rédigée : rôle, cadence et cibles d'audience de chaque canal, ton, calendrier éditorial et gestion de crise sont à compléter."))
    actions = plan.actions if plan is not None else []
    matrix = pc.channel_matrix(personas, actions, lang)
    online = tuple(sorted({cid for a in actions for cid in pc.action_channels(a) if cid in pc.ONLINE}))
    types = tuple(sorted({a.type for a in actions}))

    sc = read_search_console([c.path(p) for p in presence.search.search_console]) \
        if presence.search.search_console else None
    if sc is not None:
        sources.append("Search Console")
        notes.extend(sc.notes)
    planner = None
    for name in presence.search.keyword_planner:
        import pandas as pd

        kp = read_keyword_planner(c.path(name))
        planner = kp if planner is None else pd.concat([planner, kp], ignore_index=True)
    if planner is not None:
        sources.append("Keyword Planner")
    calendar = calendar_frame(c, presence)  # the plan's own files first: a broken one stops before any cache is written
    posts, series, organic_sources = organic_inputs(c, presence)
    related = None
    if c.config.watch.trends.files:
        from veille.commands import load_trends

        related = load_trends(c, lang=lang).related
        related = related[related["origin"].isin(["top", "rising"])] if "origin" in related else related
        sources.insert(0, "Google Trends")
    brand_terms = presence.search.brand_terms or [c.config.client.name]
    competitor_terms = [t for comp in c.config.competitors for t in (comp.name, *comp.keywords)]
    candidates = pc.keyword_candidates(related=related, search_console=sc, planner=planner)
    keywords = pc.rank_keywords(candidates, vocabulary=_vocabulary(c, presence, plan), brand_terms=brand_terms,
                                competitor_terms=competitor_terms, lang=lang, limit=presence.search.max_keywords)

    cadence, problems = None, []
    if calendar is not None:
        targets = {ch.id: (ch.posts_per_week, ch.tolerance) for ch in presence.channels}
        cadence = pc.cadence_check(calendar, targets)
        k = c.config.brief.constraints
        problems = pc.calendar_issues(calendar, personas=[p.id for p in personas] + [p.name for p in personas],
                                      start=k.start, end=k.deadline, lang=lang)
        sources.append(Path(presence.calendar).name if isinstance(presence.calendar, str) else PRESENCE_FILE)

    reputation = None
    try:
        from pilotage.compute.ereputation import analyse_case

        reputation = analyse_case(c, lang)  # type: ignore[arg-type]
    except ToolkitError as exc:
        notes.append(tr(lang, "e-réputation non lue : {message}", message=exc.message))

    sources.extend(organic_sources)
    audience = pc.audience_kpis(posts, series, sc, {ch.id: ch for ch in presence.channels}, brand_terms=brand_terms,
                                reputation=reputation, share_of_voice_target=presence.share_of_voice_target, lang=lang)

    audit = None
    if presence.site is not None:
        from pilotage.presence.crawl import audit_site

        audit = audit_site(presence.site, root=c.root, session=crawl_session)
        sources.append(audit.source)

    measures = measures_evidence(c, lang, audience=audience, reputation=reputation)
    return pc.PresenceResults(
        matrix=matrix, keywords=keywords, cadence=cadence, calendar=calendar, calendar_problems=tuple(problems),
        audience=audience, search_console=sc, audit=audit, reputation=reputation, online_channels=online,
        action_types=types, sources=tuple(dict.fromkeys(sources)), notes=tuple(notes),
        measures_evidence=measures), presence


def measures_evidence(c: Case, lang: str, *, audience: Any, reputation: Any) -> dict:
    """The dashboard's evidence for the A.6 measure criteria (:func:`pilotage.compute.evidence.dashboard_evidence`)
    over the case's dashboard data and ``audience``; empty when there is nothing to measure yet."""
    from pilotage.compute.case_dashboard import case_dashboard_data
    from pilotage.compute.evidence import dashboard_evidence

    try:
        data = case_dashboard_data(c, lang, audience=audience, ereputation=reputation)
    except ToolkitError:  # no campaign data, no mentions, no organic export: the criteria stay to do
        return {}
    return dashboard_evidence(data, lang)


def evidence(case: Case, lang: str = "fr") -> dict:
    """``toolkit check`` hook: the A.6 grid. The four measure criteria by the dashboard's rules
    (its data with the audience indicators when presence.yaml exists); the others from the plan,
    when the case has a presence.yaml (else they stay to do, with their next step)."""
    from pilotage.compute.ereputation import analyse_case
    from pilotage.presence.report import presence_evidence

    c = _case(case, lang)
    if (c.root / PRESENCE_FILE).exists():
        results, presence = compute(c, lang)
        return {f"presence_digitale.{k}": v for k, v in presence_evidence(results, presence, lang).items()}
    return measures_evidence(c, lang, audience=None, reputation=analyse_case(c, lang))


def named_files(case: Case) -> list[Path]:
    """``toolkit case check`` hook: the files and folders presence.yaml names (channel exports, calendar,
    Search Console and Keyword Planner exports, the saved site); nothing when it is absent or unreadable
    (``toolkit presence build`` says why)."""
    path = case.root / PRESENCE_FILE
    if not path.exists():
        return []
    from pilotage.presence.model import load_presence

    try:
        p = load_presence(path)
    except ToolkitError:
        return []
    named = [*(e for ch in p.channels for e in ch.exports), *p.search.search_console, *p.search.keyword_planner]
    if isinstance(p.calendar, str):
        named.append(p.calendar)
    if p.site is not None and p.site.folder:
        named.append(p.site.folder)
    return [case.path(n) for n in named]


def deliverables(case: Case) -> list:
    """``toolkit check`` hook: the plan of presence, from presence.yaml, plan.yaml, personas.yaml and its exports."""
    from toolkit.check import Deliverable

    fr = case.lang != "en"
    inputs = [case.root / n for n in (PRESENCE_FILE, "plan.yaml", "personas.yaml", "case.yaml")]
    inputs += [f for f in named_files(case) if f.is_file()]
    return [Deliverable(tr(case.lang, "Plan de présence digitale"), "presence_digitale",
                        case.out_dir("presence"), STEM["fr" if fr else "en"], tuple(inputs),
                        f"toolkit presence build {case.root}")]


def build(case: Case | str | Path, out: Path | None = None, formats: Iterable[str] | None = None,
          lang: str | None = None, progress: Callable[[str], None] = lambda _m: None, *,
          crawl_session: Any = None) -> list[Path]:
    """The "Plan de présence digitale" in every format asked, plus the editorial calendar
    (``calendrier-editorial.xlsx`` to edit, ``.ics`` for the team's calendar)."""
    from pilotage.presence.calendar import calendar_ics, calendar_workbook
    from pilotage.presence.report import presence_document
    from toolkit.files import atomic_write_bytes
    from toolkit.render import render

    c = _case(case, lang)
    lang = lang or c.lang
    progress("présence : canaux, mots-clés, calendrier, mesures")
    results, presence = compute(c, lang, crawl_session=crawl_session)
    progress("présence : rédaction du plan")
    doc = presence_document(c, results, presence, lang)
    fmts = tuple(formats) if formats else tuple(c.config.output.formats)
    out_dir = c.out_dir("presence", out)
    stem = STEM.get(lang, STEM["fr"])
    paths = render(doc, out_dir, stem, fmts)
    from toolkit.check import record_inputs

    record_inputs(c.root, out_dir, stem, deliverables(c)[0].inputs)  # `toolkit check` tells when it is stale
    if results.calendar is not None and len(results.calendar):
        stem = tr(lang, "calendrier-editorial")
        paths.append(atomic_write_bytes(out_dir / f"{stem}.xlsx", calendar_workbook(results.calendar, results.cadence, lang)))
        paths.append(atomic_write_bytes(out_dir / f"{stem}.ics", calendar_ics(results.calendar, client=c.config.client.name)))
    return paths


def template(case: Case | str | Path) -> list[Path]:
    """Write a commented ``presence.yaml`` to fill (never over an existing one)."""
    from toolkit.files import write_template

    return write_template(_case(case).root / PRESENCE_FILE, "pilotage", "data", "presence_template.yaml")


def demo(case: Case, out: Path | None, formats: Iterable[str], lang: str | None,
         progress: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """``toolkit demo`` step: the presence plan of the example case (the site audit reads its saved pages)."""
    return build(case, out, formats, lang, progress)
