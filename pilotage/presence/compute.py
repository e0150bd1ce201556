"""The computations of the presence plan (pure: values and DataFrames in, frames and frozen results out).

* :func:`channel_ids` — free channel names ("YouTube et Reels", "E-mail", plan channel
  ``social`` on platform ``meta``) → the channels of :data:`CHANNELS`;
* :func:`channel_matrix` — channel × persona × objective, from the personas' stated and observed
  channels and the plan's actions, with gaps and overlaps;
* :func:`rank_keywords` — one keyword table from Trends related queries, Search Console and
  Keyword Planner, clustered by theme, ranked by volume × momentum × relevance and split
  between SEO and SEA with the reason;
* :func:`cadence_check` and :func:`calendar_issues` — the editorial calendar against the
  charter's cadence per channel;
* :func:`audience_kpis` — followers, reach, engagement rate per channel from the organic
  exports, and brand search from Search Console, against their targets.

Worked example of the keyword score (``tests/pilotage/presence/test_presence_keywords.py``)::

    volume 1 000 searches/month, largest volume 10 000  → volume score log10(1 001)/log10(10 001) = 0.750
    change over 3 months +40 %                           → momentum 1 + 0.40 = 1.40 (bounded to 0.5–2)
    2 of its 3 words are words of the offer               → relevance 0.2 + 0.8 × 2/3 = 0.733
    score = 0.750 × 1.40 × 0.733 = 0.770
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pilotage.compute.audience import audience_kpis
from pilotage.compute.channels import CHANNELS, ONLINE, _fold, channel_ids, channel_label
from toolkit.i18n import tr
from veille.text import stop_words, tokenize

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CHANNELS", "MOMENTUM_BOUNDS", "ONLINE", "PresenceResults", "action_channels", "audience_kpis",
           "cadence_check", "calendar_issues", "channel_ids", "channel_label", "channel_matrix", "keyword_candidates",
           "keyword_score", "matrix_grid", "overlaps", "rank_keywords", "relevance"]

def action_channels(action: Any) -> tuple[str, ...]:
    """Channels of a plan action, from its ``channel`` and ``platform``, else its name."""
    found = channel_ids(f"{action.channel} {action.platform if action.platform != 'autre' else ''}")
    named = channel_ids(action.name)
    if "social" in _fold(action.channel) and any(c in named for c in ("instagram", "facebook", "linkedin", "youtube",
                                                                       "tiktok", "pinterest")):
        found = tuple(c for c in CHANNELS if c in named and c not in ("site", "search"))
    return found or named


def channel_matrix(personas: Sequence[Any], actions: Sequence[Any], lang: str = "fr") -> pd.DataFrame:
    """One row per (channel, persona): ``stated`` (the persona names it, ``preferred_channels``),
    ``observed`` (the segmentation measured it, ``channels``), ``actions`` (plan actions on that
    channel for that persona), ``objectives``, and ``status``:

    * ``covered`` — the persona is there and the plan acts there for it;
    * ``gap`` — the persona is there but no action of the plan reaches it there;
    * ``push`` — the plan acts there for the persona, who was not seen there (a bet to justify);
    * ``offline`` — the persona is reached off line (shop, word of mouth, sales calls) and the
      plan does not act there: the context the online presence must fit, not a gap.
    """
    import pandas as pd

    rows: dict[tuple[str, str], dict[str, Any]] = {}

    def row(cid: str, pid: str) -> dict[str, Any]:
        return rows.setdefault((cid, pid), {"channel": cid, "persona": pid, "stated": False, "observed": False,
                                            "actions": [], "objectives": []})

    names = {p.id: p.name for p in personas}
    for p in personas:
        for ch in p.preferred_channels:
            for cid in channel_ids(ch):
                row(cid, p.id)["stated"] = True
        for ch in p.channels:
            # observed channels read "boutique (93 %)" or "canal acquisition : bouche-à-oreille (34 %)"
            for cid in channel_ids(ch.split(":")[-1]):
                row(cid, p.id)["observed"] = True
    for a in actions:
        for cid in action_channels(a):
            for pid in (a.personas or ["—"]):
                r = row(cid, pid)
                r["actions"].append(a.id)
                r["objectives"].extend(o for o in a.objectives if o not in r["objectives"])
    out = []
    for (cid, pid), r in rows.items():
        present = r["stated"] or r["observed"]
        status = "covered" if present and r["actions"] else (
            ("gap" if cid in ONLINE else "offline") if present else "push")
        out.append({**r, "persona_name": names.get(pid, pid), "label": channel_label(cid, lang),
                    "online": cid in ONLINE, "status": status,
                    "actions": ", ".join(r["actions"]), "objectives": ", ".join(r["objectives"])})
    cols = ["channel", "label", "online", "persona", "persona_name", "stated", "observed", "actions", "objectives",
            "status"]
    frame = pd.DataFrame(out, columns=cols)
    order = {c: i for i, c in enumerate(CHANNELS)}
    frame["_o"] = frame["channel"].map(order).fillna(len(order))
    return frame.sort_values(["_o", "persona"], kind="stable").drop(columns="_o").reset_index(drop=True)


def matrix_grid(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix pivoted: one row per channel (in :data:`CHANNELS` order), one column per persona
    (``—`` for actions aimed at no persona) holding ``(status, actions)`` or None, and
    ``objectives``: the plan's objectives served on that channel."""
    import pandas as pd

    personas = list(dict.fromkeys(p for p in matrix["persona"] if p != "—")) + (["—"] if (matrix["persona"] == "—").any() else [])
    rows = []
    for cid, part in matrix.groupby("channel", sort=False):
        cells = {p: None for p in personas}
        for r in part.itertuples(index=False):
            cells[r.persona] = (r.status, r.actions)
        found = {o.strip() for x in part["objectives"] for o in x.split(",") if o.strip()}
        objectives = ", ".join(sorted(found, key=lambda o: (len(o), o)))
        rows.append({"channel": cid, "label": part["label"].iloc[0], **cells, "objectives": objectives})
    return pd.DataFrame(rows, columns=["channel", "label", *personas, "objectives"])


def overlaps(matrix: pd.DataFrame) -> pd.DataFrame:
    """Channels where two or more plan actions address the same persona (coordinate them)."""
    m = matrix[matrix["actions"].str.count(",") >= 1]
    return m[["channel", "label", "persona", "persona_name", "actions"]].reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# Keywords

MOMENTUM_BOUNDS = (0.5, 2.0)
_QUESTION = re.compile(r"^(comment|pourquoi|quel|quelle|quels|quelles|que|quoi|combien|ou|how|what|why|which|where|when)\b")


def relevance(keyword: str, vocabulary: set[str], brand: set[str]) -> float:
    """0.2 + 0.8 × the share of the keyword's words (stop words removed) found in the offer's
    vocabulary; 1.0 for a brand query. A keyword of stop words only scores 0.2."""
    words = tokenize(keyword, stop_words())
    if not words:
        return 0.2
    if any(w in brand for w in words) and brand:
        return 1.0
    hit = sum(1 for w in words if w in vocabulary or _stem(w) in vocabulary)
    return 0.2 + 0.8 * hit / len(words)


def _stem(word: str) -> str:
    """A crude plural fold (cafés → cafe, grains → grain) so that vocabulary and queries meet."""
    return word[:-1] if len(word) > 3 and word.endswith(("s", "x")) else word


def keyword_score(volume_score: float, momentum: float, relevance_: float) -> float:
    """volume score (0–1) × momentum (0.5–2) × relevance (0.2–1)."""
    return volume_score * momentum * relevance_


def _momentum(change: float | None, breakout: bool = False) -> float:
    lo, hi = MOMENTUM_BOUNDS
    if breakout or (change is not None and math.isinf(change) and change > 0):
        return hi
    if change is None or math.isnan(change):
        return 1.0
    return min(hi, max(lo, 1.0 + change))


def keyword_candidates(*, related: pd.DataFrame | None = None, search_console: Any = None,
                       planner: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per keyword (normalised spelling merged) with what each source says:
    ``volume`` (Keyword Planner monthly searches), ``impressions_month`` and ``position`` (Search
    Console), ``trends_value`` (Trends TOP, 0–100), ``change`` (KP three-month change, else Trends
    rising growth as a fraction), ``breakout``, ``competition``, ``sources``."""
    import pandas as pd

    recs: dict[str, dict[str, Any]] = {}

    def rec(kw: str) -> dict[str, Any]:
        key = " ".join(_fold(kw).split())
        return recs.setdefault(key, {"keyword": " ".join(str(kw).split()), "volume": None, "impressions_month": None,
                                     "clicks_month": None, "position": None, "trends_value": None, "change": None,
                                     "breakout": False, "competition": "unknown", "bid_high": None, "sources": []})

    if planner is not None:
        for r in planner.itertuples(index=False):
            d = rec(r.keyword)
            d["volume"] = None if pd.isna(r.volume) else int(r.volume)
            d["change"] = r.change_3m if r.change_3m is not None and not pd.isna(r.change_3m) else d["change"]
            d["competition"] = r.competition
            d["bid_high"] = None if r.bid_high is None or pd.isna(r.bid_high) else float(r.bid_high)
            d["sources"].append("Keyword Planner")
    if search_console is not None and search_console.queries is not None:
        months = search_console.months or 3.0
        for r in search_console.queries.itertuples(index=False):
            d = rec(r.query)
            d["impressions_month"] = (r.impressions / months) if not pd.isna(r.impressions) else None
            d["clicks_month"] = (r.clicks / months) if not pd.isna(r.clicks) else None
            d["position"] = None if pd.isna(r.position) else float(r.position)
            d["sources"].append("Search Console")
    if related is not None and len(related):
        for r in related.itertuples(index=False):
            d = rec(r.item)
            if r.block == "top":
                d["trends_value"] = float(r.value)
            elif r.block == "rising":
                if bool(r.breakout):
                    d["breakout"] = True
                elif d["change"] is None and not pd.isna(r.value):
                    d["change"] = float(r.value) / 100.0
            if "Google Trends" not in d["sources"]:
                d["sources"].append("Google Trends")
    frame = pd.DataFrame(list(recs.values()))
    if frame.empty:
        return frame
    frame["sources"] = frame["sources"].map(lambda s: ", ".join(dict.fromkeys(s)))
    return frame


def _volume_scores(c: pd.DataFrame) -> tuple[list[float], list[str]]:
    """log-scaled monthly volume against the largest one, from the best source each keyword has:
    Keyword Planner searches, else Search Console impressions (a floor of the searches), else
    the Trends index /100 (relative only, said so)."""
    known = [v for v in (*c["volume"].dropna(), *c["impressions_month"].dropna()) if v is not None]
    top = max(known) if known else 0
    scores, basis = [], []
    for r in c.itertuples(index=False):
        v = r.volume if r.volume is not None and not _nan(r.volume) else (
            r.impressions_month if r.impressions_month is not None and not _nan(r.impressions_month) else None)
        if v is not None and top > 0:
            scores.append(math.log10(1 + v) / math.log10(1 + top))
            basis.append("kp" if r.volume is not None and not _nan(r.volume) else "gsc")
        elif r.trends_value is not None and not _nan(r.trends_value):
            scores.append(float(r.trends_value) / 100.0)
            basis.append("trends")
        else:
            scores.append(0.0)
            basis.append("none")
    return scores, basis


def _nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)


def _lever(r: Any, brand: bool, competitor: bool, lang: str) -> tuple[str, str]:
    from toolkit.fmt import fmt_number

    pos = fmt_number(r.position, "en" if lang == "en" else "fr", 1) if r.position is not None and not _nan(r.position) else ""
    if competitor:
        return "SEA", tr(lang, "requête d'un concurrent : conquête en SEA seulement (pas de contenu sur sa marque)")
    if brand:
        if r.position is not None and not _nan(r.position) and r.position > 3:
            return "SEA", tr(lang, "marque en position {pos} : annonce de marque pour garder la première place", pos=pos)
        return "SEO", tr(lang, "requête de marque déjà en tête : la protéger par le site")
    if r.position is not None and not _nan(r.position):
        if r.position <= 3:
            return "SEO", tr(lang, "déjà en position {pos} : entretenir la page", pos=pos)
        if r.position <= 20:
            return "SEO", tr(lang, "position {pos} (pages 1–2) : gain rapide en optimisant la page", pos=pos)
    if r.breakout or (r.change is not None and not _nan(r.change) and r.change >= 1.0):
        return "SEA", tr(lang, "demande en envolée : le SEA capte tout de suite, le SEO suivra trop tard")
    if r.competition == "high":
        return "SEA", tr(lang, "concurrence forte en SEO comme en SEA : n'acheter que si la marge le permet")
    if _QUESTION.match(_fold(r.keyword)):
        return "SEO", tr(lang, "question informative : une page conseil y répond mieux qu'une annonce")
    return "SEO", tr(lang, "concurrence faible ou inconnue : contenu de fond à positionner")


def rank_keywords(candidates: pd.DataFrame, *, vocabulary: Iterable[str], brand_terms: Iterable[str],
                  competitor_terms: Iterable[str] = (), lang: str = "fr", limit: int | None = None) -> pd.DataFrame:
    """Rank the candidates: ``score = volume score × momentum × relevance`` (see the module
    docstring), ``lever`` SEO/SEA and ``reason``, and ``theme``: the keyword's word shared by the
    most keywords, leaving out the generic words (in more than a third of the keywords, e.g.
    "café" in a coffee roaster's list) unless it has no other.

    ``vocabulary``: texts of the offer (words taken from them); ``brand_terms`` and
    ``competitor_terms``: names whose words mark a brand or a competitor's query.
    """
    import pandas as pd

    cols = ["keyword", "theme", "score", "volume_score", "volume_basis", "momentum", "relevance", "lever", "reason",
            "brand", "volume", "impressions_month", "position", "trends_value", "change", "competition", "sources"]
    if candidates is None or candidates.empty:
        return pd.DataFrame(columns=cols)
    stops = stop_words()
    vocab = {w for t in vocabulary for w in tokenize(t, stops)} | {_stem(w) for t in vocabulary for w in tokenize(t, stops)}
    brand = {w for t in brand_terms for w in tokenize(t, stops)}
    rivals = {w for t in competitor_terms for w in tokenize(t, stops)} - vocab - brand
    c = candidates.reset_index(drop=True).copy()
    scores, basis = _volume_scores(c)
    c["volume_score"] = scores
    c["volume_basis"] = basis
    c["momentum"] = [_momentum(None if ch is None or _nan(ch) else float(ch), bool(b))
                     for ch, b in zip(c["change"], c["breakout"], strict=True)]
    c["relevance"] = [relevance(k, vocab, brand) for k in c["keyword"]]
    c["score"] = [keyword_score(v, m, r) for v, m, r in zip(c["volume_score"], c["momentum"], c["relevance"], strict=True)]
    words = [[w for w in tokenize(k, stops)] for k in c["keyword"]]
    df = Counter(w for ws in words for w in {_stem(x) for x in ws if x not in brand})
    generic = {w for w, n in df.items() if n > max(2, len(words) / 3)}
    themes = []
    for ws in words:
        cands = [_stem(w) for w in ws if w not in brand]
        specific = [w for w in cands if w not in generic] or cands
        themes.append(min(specific, key=lambda w: (-df[w], w)) if specific else (tr(lang, "marque")))
    c["theme"] = themes
    c["brand"] = [bool(set(ws) & brand) for ws in words]
    levers = [_lever(r, b, bool(set(ws) & rivals) and not b, lang)
              for r, b, ws in zip(c.itertuples(index=False), c["brand"], words, strict=True)]
    c["lever"] = [lv for lv, _ in levers]
    c["reason"] = [why for _, why in levers]
    c = c.sort_values(["score", "keyword"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if limit:
        c = c.head(limit)
    return c[cols]


# ---------------------------------------------------------------------------------------
# Editorial calendar


def _weeks(start: _dt.date, end: _dt.date) -> float:
    return ((end - start).days + 1) / 7.0


def cadence_check(calendar: pd.DataFrame, targets: Mapping[str, tuple[float | None, float]], *,
                  start: _dt.date | None = None, end: _dt.date | None = None) -> pd.DataFrame:
    """Posts per week planned on each channel against the charter's target.

    ``targets``: channel id → (posts per week or None, tolerance as a fraction). The period is
    ``start``–``end`` (default: from the Monday of the first publication to the Sunday of the
    last). Status: ``ok`` within target × (1 ± tolerance), ``below``, ``above``, ``no_target``,
    ``missing`` (a target but nothing planned).
    """
    import pandas as pd

    cols = ["channel", "posts", "weeks", "per_week", "target", "tolerance", "low", "high", "status"]
    cal = calendar.copy()
    cal["cid"] = [(channel_ids(ch) or (_fold(ch),))[0] for ch in cal["channel"]]
    if start is None:
        first = min(cal["date"]) if len(cal) else _dt.date.today()
        start = first - _dt.timedelta(days=first.weekday())
    if end is None:
        last = max(cal["date"]) if len(cal) else start
        end = last + _dt.timedelta(days=6 - last.weekday())
    cal = cal[(cal["date"] >= start) & (cal["date"] <= end)]
    weeks = _weeks(start, end)
    counts = cal.groupby("cid").size()
    rows = []
    for cid in dict.fromkeys([*targets, *counts.index]):
        n = int(counts.get(cid, 0))
        target, tol = targets.get(cid, (None, 0.25))
        per_week = n / weeks if weeks > 0 else 0.0
        if target is None:
            status, lo, hi = "no_target", None, None
        else:
            lo, hi = target * (1 - tol), target * (1 + tol)
            status = "missing" if n == 0 and target > 0 else (
                "below" if per_week < lo - 1e-9 else "above" if per_week > hi + 1e-9 else "ok")
        rows.append((cid, n, weeks, per_week, target, tol, lo, hi, status))
    return pd.DataFrame(rows, columns=cols)


def calendar_issues(calendar: pd.DataFrame, *, personas: Iterable[str] = (), start: _dt.date | None = None,
                    end: _dt.date | None = None, lang: str = "fr") -> list[tuple[int, str]]:
    """Problems of the calendar, each with its file row: unknown channel, publication outside
    the plan's period, no owner, a persona the case does not have, the same channel twice the same
    day with the same theme (a duplicate)."""
    ids = {p.lower() for p in personas}
    names = {p for p in personas}
    out: list[tuple[int, str]] = []
    seen: set[tuple] = set()
    for r in calendar.itertuples(index=False):
        row = int(getattr(r, "row", 0))
        if not channel_ids(r.channel):
            out.append((row, tr(lang, "canal inconnu « {channel} »", channel=r.channel)))
        if start and r.date < start or end and r.date > end:
            out.append((row, tr(lang, "publication du {date} hors de la période du plan", date=r.date)))
        if not r.owner:
            out.append((row, tr(lang, "pas de responsable")))
        if r.persona and ids and r.persona.lower() not in ids and r.persona not in names:
            out.append((row, tr(lang, "persona « {persona} » inconnu", persona=r.persona)))
        key = (r.date, (channel_ids(r.channel) or (r.channel,))[0], _fold(r.theme))
        if key in seen:
            out.append((row, tr(lang, "doublon : même canal, même jour, même thème")))
        seen.add(key)
    return out


# ---------------------------------------------------------------------------------------
# Audience measures


@dataclass(frozen=True)
class PresenceResults:
    """Everything the presence plan shows, computed (frames may be empty, never None except
    the optional inputs)."""

    matrix: Any
    keywords: Any
    cadence: Any | None
    calendar: Any | None
    calendar_problems: tuple[tuple[int, str], ...]
    audience: Any
    search_console: Any | None
    audit: Any | None
    reputation: Any | None
    online_channels: tuple[str, ...]
    action_types: tuple[str, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()
    measures_evidence: Mapping[str, Any] = field(default_factory=dict)
    """The dashboard's evidence for the A.6 measure criteria (``presence_digitale.<id>`` →
    Evidence), computed over the dashboard's data with these audience indicators."""
