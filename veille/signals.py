"""Signals a marketer can act on: what is moving in the watch, with its evidence.

A **signal** is a subject (a key phrase such as « IA générative » or « EUDR ») that the recent
articles carry more than before, in several sources, about the client's brief. Pure functions:
the entries of :meth:`veille.store.FeedStore.entries_frame` and the corpus of
:func:`veille.analysis.build_corpus` in, frozen dataclasses out.

Method (:func:`find_signals`):

1. **Window**: the articles of the last ``window_days`` (default 56) against a baseline of the
   ``baseline_days`` (default 180) before them.
2. **Candidates**: every word and two-word phrase of the corpus found in the *titles* of at
   least ``min_articles`` window articles (default 2). A *single* word may name a signal only
   when it is rare in the whole watch (in at most 5 % of the titles) and written as a name, with
   a capital inside a title (« EUDR », « TikTok », « Shopify »); a common word (« avis »,
   « marques », « IA ») can only be part of a phrase (« IA générative »), which then names it.
3. **Score** = novelty × momentum × source reliability × relevance to the brief, each a
   plain factor:

   * *novelty* = 0.2 + 0.8 × (1 − 2^−e), with ``e`` the emergence score of
     :func:`veille.analysis.emergence_score` (smoothed log2 of the window share over the baseline
     share, floored at 0): a subject as frequent as before keeps 0.2, one twice as frequent 0.6;
   * *momentum* = log2(1 + articles of the window) × acceleration, the acceleration being
     √((articles of the window's second half + 1) / (first half + 1)) bounded to 0.7–1.5, times
     (1 + the Google Trends momentum of a matching search query, bounded to ±50 %): how much
     is being published, and whether it speeds up;
   * *reliability* = mean reliability of the articles' sources (1–5) / 5 × (1 − ½^s), with
     ``s`` distinct sources: a subject carried by three sources counts more than one source's
     series;
   * *relevance* = 0.3 + 0.7 × the share of its articles that use a word of the brief (tracked
     keywords, sector, offer, client and competitor names).
4. **One subject, one signal**: candidates are taken best first; a candidate whose articles are
   at least half those of a signal already taken joins it (its phrase becomes one of the
   signal's key phrases) instead of making another signal. The signal is named by the phrase
   covering most of its articles (not one holding a headline's verb, then the one the watch
   uses most), and its articles — its evidence — are those whose titles carry that name.
5. **Stories**: within a signal, articles whose titles share at least half their words
   (Jaccard ≥ 0.5) within 7 days are the same news: one story with all its sources (the same
   news from five feeds is one story with five sources).

:func:`axis_view` says, per watch axis, whether it is quiet or moving: the weekly rate of
articles in the window against the baseline, and the signals it carries.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veille.analysis import Corpus, emergence_score, entry_dates
from veille.text import normalize, stop_words, tokenize

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from veille.analysis import TrendMetrics, VeilleAnalysis

__all__ = ["AxisStatus", "Signal", "Story", "add_signals", "axis_view", "brief_words", "find_signals", "group_stories"]

RARE_WORD_SHARE = 0.05
#: Verbs of news headlines (normalised: no accents, lower case). A phrase holding one
#: (« arabica termine », from « l'arabica termine 06/2027 à 4,58 $ ») says what a headline did,
#: not what the subject is: it names a signal only when no other phrase covers as many articles.
HEADLINE_VERBS = frozenset({
    "termine", "terminent", "lance", "lancent", "annonce", "annoncent", "devoile", "devoilent", "ouvre", "ouvrent",
    "ferme", "ferment", "recule", "reculent", "progresse", "progressent", "grimpe", "grimpent", "chute", "chutent",
    "atteint", "atteignent", "signe", "signent", "rachete", "rachetent", "leve", "levent", "publie", "publient",
    "devient", "deviennent", "passe", "passent", "baisse", "baissent", "augmente", "augmentent", "double", "doublent",
    "envole", "envolent", "depasse", "depassent", "mise", "misent", "revient", "reviennent", "relance", "presente",
    "launches", "launch", "announces", "unveils", "hits", "rises", "falls", "opens", "closes", "buys", "raises",
    "reaches", "becomes", "says", "plans", "cuts", "tops",
})
_CASED_TOKEN = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)*")
STORY_JACCARD = 0.5
STORY_DAYS = 7


@dataclass(frozen=True)
class Story:
    """One piece of news: its first title and link, its date, every source that carried it."""

    title: str
    link: str
    date: _dt.date | None
    sources: tuple[str, ...]
    articles: int


@dataclass(frozen=True)
class Signal:
    """A ranked signal and its evidence (see the module docstring for the factors)."""

    label: str
    phrases: tuple[str, ...]  # key phrases of the subject, the label first
    axis: str  # the axis most of its articles come from
    articles: int
    sources: tuple[str, ...]
    first: _dt.date | None
    last: _dt.date | None
    baseline_articles: int  # articles with the label in the baseline period
    score: float
    novelty: float
    momentum: float
    reliability: float
    relevance: float
    stories: tuple[Story, ...] = ()
    trend_term: str | None = None  # matching Google Trends query
    trend_direction: str | None = None
    trend_momentum: float | None = None
    brief_hits: tuple[str, ...] = field(default=())  # brief words found in its articles


@dataclass(frozen=True)
class AxisStatus:
    """Is an axis moving? ``change`` = weekly rate in the window / baseline rate − 1."""

    axis: str
    window: int
    baseline: int
    change: float | None
    status: str  # "moving" | "quiet" | "receding" | "silent"
    signals: tuple[str, ...]


def brief_words(*texts: str) -> frozenset[str]:
    """Normalised words of the brief (keywords, sector, offer, names), stop words removed."""
    stops = stop_words(("fr", "en"))
    return frozenset(w for t in texts if t for w in tokenize(t, stops) if len(w) >= 3)


def _title_words(title: str) -> frozenset[str]:
    return frozenset(tokenize(title, stop_words(("fr", "en"))))


def group_stories(titles: list[str], dates: list[_dt.date | None], sources: list[str], links: list[str],
                  *, threshold: float = STORY_JACCARD, max_days: int = STORY_DAYS) -> list[Story]:
    """Merge near-duplicate articles (title words' Jaccard ≥ ``threshold``, dates at most
    ``max_days`` apart) into stories; newest story first, the earliest title and link kept."""
    n = len(titles)
    words = [_title_words(t) for t in titles]
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if not words[i] or not words[j]:
                continue
            if dates[i] is not None and dates[j] is not None and abs((dates[i] - dates[j]).days) > max_days:
                continue
            jac = len(words[i] & words[j]) / len(words[i] | words[j])
            if jac >= threshold:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        members.sort(key=lambda i: (dates[i] or _dt.date.max))
        first = members[0]
        srcs = tuple(dict.fromkeys(sources[i] for i in members if sources[i]))
        out.append(Story(titles[first], links[first], dates[first], srcs, len(members)))
    out.sort(key=lambda s: (s.date or _dt.date.min, len(s.sources)), reverse=True)
    return out


def _trend_match(label_phrases: tuple[str, ...], texts: list[str],
                 trends: dict[str, TrendMetrics]) -> tuple[str, TrendMetrics] | None:
    """A tracked query whose words all appear in the signal's phrases or in most of its articles."""
    for term, m in trends.items():
        key = normalize(term)
        words = key.split()
        if not words:
            continue
        if any(key in p or p in key for p in (normalize(x) for x in label_phrases)):
            return term, m
        hits = sum(all(w in t.split() for w in words) for t in texts)
        if texts and hits / len(texts) >= 0.5:
            return term, m
    return None


def _cased_forms(titles: list[str]) -> dict[str, str]:
    """Most frequent spelling, case kept, of each normalised word of the titles — except the
    first word of a title, whose capital says nothing (« IA », « EUDR », « Shopify »)."""
    from collections import Counter

    from veille.text import strip_accents

    counts: dict[str, Counter[str]] = {}
    for title in titles:
        for k, word in enumerate(_CASED_TOKEN.findall(title)):
            if k == 0 and not word.isupper():
                continue
            counts.setdefault(strip_accents(word.lower()), Counter())[word] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def _as_name(words, capitalised: frozenset[str]) -> str:
    """A phrase as written; when a later word is a name (« torréfacteurs Réunis ») and the first
    word is also written with a capital inside some title, the phrase is a name (« Torréfacteurs
    Réunis »): the small letter came from the word's other uses (« les torréfacteurs »)."""
    from veille.text import strip_accents

    words = list(words)
    if (len(words) > 1 and words[0][:1].islower() and any(w[:1].isupper() for w in words[1:])
            and strip_accents(words[0].lower()) in capitalised):
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _capitalised_words(titles: list[str]) -> frozenset[str]:
    """Normalised words written with a capital inside a title (not as its first word)."""
    from veille.text import strip_accents

    return frozenset(strip_accents(w.lower()) for t in titles for k, w in enumerate(_CASED_TOKEN.findall(t))
                     if k and w[:1].isupper())


def _title_matrix(entries: pd.DataFrame, corpus: Corpus):
    """Which corpus terms each *title* holds (binary, entries × vocabulary): a signal is what
    headlines say, not a word of a summary's third sentence."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    from veille.analysis import phrase_analyzer
    from veille.text import normalize_many

    vec = CountVectorizer(analyzer=phrase_analyzer(True), vocabulary={t: i for i, t in enumerate(corpus.vocab)},
                          binary=True, dtype=np.float32)
    return vec.transform(normalize_many(entries["title"].fillna("").astype(str).tolist())).tocsr()


def find_signals(entries: pd.DataFrame, corpus: Corpus | None, *, now: _dt.datetime | None = None,
                 window_days: int = 56, baseline_days: int = 180, min_articles: int = 2, top_n: int = 6,
                 brief: frozenset[str] = frozenset(), trends: dict[str, TrendMetrics] | None = None) -> tuple[Signal, ...]:
    """The ``top_n`` signals of the window, best first (see the module docstring)."""
    import numpy as np
    import pandas as pd

    if corpus is None or len(entries) == 0:
        return ()
    entries = entries.reset_index(drop=True)
    dates = corpus.dates.reset_index(drop=True)
    if dates.notna().sum() == 0:
        return ()
    end = pd.Timestamp(now) if now is not None else dates.max()
    if end.tzinfo is not None:
        end = end.tz_convert(None)
    start_w = end - pd.Timedelta(days=window_days)
    mid = end - pd.Timedelta(days=window_days / 2)
    start_b = start_w - pd.Timedelta(days=baseline_days)
    in_w = ((dates > start_w) & (dates <= end)).to_numpy()
    in_b = ((dates > start_b) & (dates <= start_w)).to_numpy()
    w_rows = np.flatnonzero(in_w)
    n_w, n_b = int(w_rows.size), int(in_b.sum())
    if n_w < min_articles:
        return ()
    B = _title_matrix(entries, corpus)
    Bw = B[w_rows]
    k_w = np.asarray(Bw.sum(axis=0)).ravel()
    k_b = np.asarray(B[np.flatnonzero(in_b)].sum(axis=0)).ravel() if n_b else np.zeros_like(k_w)
    k_all = np.asarray(B.sum(axis=0)).ravel()
    cand = np.flatnonzero(k_w >= min_articles)
    if cand.size == 0:
        return ()
    vocab = corpus.vocab
    second = (dates.to_numpy()[w_rows] > np.datetime64(mid)).astype(np.float32)
    k2 = Bw.T @ second
    k1 = k_w - k2
    rel = pd.to_numeric(entries.get("reliability", pd.Series(3, index=entries.index)), errors="coerce").fillna(3)
    rel_w = rel.to_numpy(dtype=np.float32)[w_rows]
    rel_mean = (Bw.T @ rel_w) / np.maximum(k_w, 1)
    src = entries.get("source_name", pd.Series("", index=entries.index)).fillna("").astype(str).to_numpy()[w_rows]
    src_codes, src_names = pd.factorize(pd.Series(src))
    from scipy.sparse import csr_matrix

    S = csr_matrix((np.ones(len(src_codes), dtype=np.float32), (np.arange(len(src_codes)), src_codes)),
                   shape=(len(src_codes), max(len(src_names), 1)))
    n_src = np.asarray(((Bw.T @ S) > 0).sum(axis=1)).ravel()
    norm_w = corpus.norm.reset_index(drop=True).iloc[w_rows].tolist()
    hit = np.array([bool(brief) and bool(brief & set(t.split())) for t in norm_w], dtype=np.float32)
    relevance = 0.3 + 0.7 * ((Bw.T @ hit) / np.maximum(k_w, 1)) if brief else np.full(k_w.shape, 1.0)
    emer = np.maximum(emergence_score(k_w, n_w, k_b, n_b), 0.0)
    novelty = 0.2 + 0.8 * (1 - np.power(2.0, -emer))
    momentum = np.log2(1 + k_w) * np.clip(np.sqrt((k2 + 1) / (k1 + 1)), 0.7, 1.5)
    reliability = rel_mean / 5 * (1 - np.power(0.5, n_src))
    score = novelty * momentum * reliability * relevance
    n_all = len(entries)
    single = np.array([" " not in vocab[i] for i in range(len(vocab))])
    # a single word names a signal only when it is rare and written as a name (« EUDR », « Shopify »)
    cased = _cased_forms(entries["title"].fillna("").astype(str).tolist())
    named = np.array([single[i] and len(vocab[i]) >= 3 and any(ch.isupper() for ch in cased.get(vocab[i], ""))
                      for i in range(len(vocab))])
    common = single & ~(named & (k_all <= max(3, RARE_WORD_SHARE * n_all)))
    order = cand[np.argsort(-score[cand], kind="stable")]
    Bw_csc = Bw.tocsc()
    members = {int(i): frozenset(w_rows[Bw_csc.indices[Bw_csc.indptr[i]:Bw_csc.indptr[i + 1]]].tolist()) for i in order}

    titles = entries["title"].fillna("").astype(str).tolist()
    capital = _capitalised_words(titles)
    links = entries["link"].fillna("").astype(str).tolist() if "link" in entries else [""] * n_all
    srcs_all = entries.get("source_name", pd.Series("", index=entries.index)).fillna("").astype(str).tolist()
    axes_all = entries.get("axis", pd.Series("", index=entries.index)).fillna("").astype(str).tolist()
    norm_all = corpus.norm.reset_index(drop=True)
    chosen: list[tuple[int, frozenset[int], list[int]]] = []  # (lead term, articles, joined terms)
    for i in order:
        arts = members[int(i)]
        joined = False
        for _lead, a_set, terms in chosen:
            if len(arts & a_set) >= 0.5 * len(arts):
                terms.append(int(i))
                joined = True
                break
        if not joined and len(chosen) < top_n * 3:
            chosen.append((int(i), arts, [int(i)]))
    out: list[Signal] = []
    for lead, arts, terms in chosen:
        # the name: the phrase covering most of the articles (a common single word never names one)
        names = sorted((t for t in terms if not common[t]),
                       key=lambda t: (-len(members[t] & arts), bool(HEADLINE_VERBS & set(vocab[t].split())),
                                      single[t], -k_all[t], -score[t]))
        names = [t for t in names if not single[t] or len(members[t] & arts) == len(arts)] or \
            [t for t in names if not single[t]]
        if not names:
            continue
        label_t = names[0]
        if len(members[label_t] & arts) < 0.5 * len(arts):
            continue
        # the evidence is what the name says: the articles whose titles carry it (a signal led by
        # « torréfacteurs » and named « Torréfacteurs Réunis » cites no article on other roasters)
        arts = members[label_t] & arts
        phrases = tuple(dict.fromkeys(_as_name((cased.get(w, corpus.forms.word(w)) for w in vocab[t].split()), capital)
                                      for t in [label_t, *names[1:]]))[:4]
        rows = sorted(arts)
        d = [None if pd.isna(dates.iloc[r]) else dates.iloc[r].date() for r in rows]
        stories = group_stories([titles[r] for r in rows], d, [srcs_all[r] for r in rows], [links[r] for r in rows])
        axis_counts = pd.Series([axes_all[r] for r in rows]).value_counts()
        texts = [norm_all.iloc[r] for r in rows]
        match = _trend_match(phrases, texts, trends or {})
        mom = float(momentum[lead])
        t_term = t_dir = None
        t_mom = None
        if match is not None:
            t_term, m = match
            t_dir, t_mom = m.direction, m.momentum
            if t_mom is not None and t_mom == t_mom:
                mom *= 1 + max(-0.5, min(0.5, t_mom))
        sc = float(novelty[lead] * mom * reliability[lead] * relevance[lead])
        hits = tuple(sorted({w for t in texts for w in brief & set(t.split())}))[:6]
        out.append(Signal(
            label=phrases[0], phrases=phrases, axis=str(axis_counts.index[0]) if len(axis_counts) else "",
            articles=len(rows), sources=tuple(dict.fromkeys(srcs_all[r] for r in rows if srcs_all[r])),
            first=min((x for x in d if x), default=None), last=max((x for x in d if x), default=None),
            baseline_articles=int(k_b[label_t]), score=sc, novelty=float(novelty[lead]), momentum=mom,
            reliability=float(reliability[lead]), relevance=float(relevance[lead]), stories=tuple(stories),
            trend_term=t_term, trend_direction=t_dir, trend_momentum=t_mom, brief_hits=hits))
    out.sort(key=lambda s: -s.score)
    return tuple(out[:top_n])


def axis_view(entries: pd.DataFrame, signals: tuple[Signal, ...], axes: tuple[str, ...], *,
              now: _dt.datetime | None = None, window_days: int = 56, baseline_days: int = 180,
              moving: float = 0.5, receding: float = -0.33) -> tuple[AxisStatus, ...]:
    """Per axis: articles in the window and the baseline, change of the weekly rate, status.

    ``moving`` when the rate rose by at least 50 %, or a signal lives on the axis and the rate
    did not fall by a third; ``receding`` when it fell by a third or more; ``silent`` when the
    window has no article; else ``quiet``.
    """
    import pandas as pd

    dates = entry_dates(entries)
    end = pd.Timestamp(now) if now is not None else dates.max()
    if end is not None and getattr(end, "tzinfo", None) is not None:
        end = end.tz_convert(None)
    start_w = end - pd.Timedelta(days=window_days)
    start_b = start_w - pd.Timedelta(days=baseline_days)
    axis_col = entries["axis"].astype(str) if "axis" in entries else pd.Series("", index=entries.index)
    out = []
    for axis in axes:
        mask = axis_col == axis
        w = int((mask & (dates > start_w) & (dates <= end)).sum())
        b = int((mask & (dates > start_b) & (dates <= start_w)).sum())
        change = (w / window_days) / (b / baseline_days) - 1 if b else None
        sig = tuple(s.label for s in signals if s.axis == axis)
        if w == 0:
            status = "silent"
        elif (change is not None and change >= moving) or (change is None and w >= 3) or \
                (sig and (change is None or change > receding)):
            status = "moving"
        elif change is not None and change <= receding:
            status = "receding"
        else:
            status = "quiet"
        out.append(AxisStatus(axis, w, b, None if change is None or math.isnan(change) else float(change), status, sig))
    return tuple(out)


def add_signals(analysis: VeilleAnalysis, entries: pd.DataFrame, *, now: _dt.datetime | None = None,
                brief: frozenset[str] = frozenset(), axes: tuple[str, ...] = ()) -> VeilleAnalysis:
    """The analysis with its signals (:func:`find_signals`, weighed against ``brief``) and its
    axis view (:func:`axis_view` over ``axes``, default: the axes of the entries)."""
    from dataclasses import replace

    entries = entries.reset_index(drop=True)
    signals = find_signals(entries, analysis.corpus, now=now, brief=brief, trends=analysis.trend_metrics) \
        if analysis.corpus is not None else ()
    axes = tuple(axes) or (tuple(sorted(set(entries["axis"].astype(str)))) if "axis" in entries else ())
    view = axis_view(entries, signals, axes, now=now) if len(entries) and axes else ()
    return replace(analysis, signals=signals, axes=view)
