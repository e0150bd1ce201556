"""What the watch says: volumes, keywords, emerging terms, topics, search-interest trends.

Pure functions: DataFrames in (the feed entries of :meth:`veille.store.FeedStore.entries_frame`
and the Google Trends interest of :mod:`veille.trends_cache`), DataFrames and frozen
dataclasses out. No file, no network, no printing — a notebook can call each one.

Methods (and why):

* **Volume** per axis, source and week (:func:`volume`): an entry is dated by its
  ``published`` date, or by ``first_seen`` when the feed gives none.
* **Keywords** (:func:`keywords`): TF-IDF (scikit-learn ``TfidfVectorizer``, sublinear tf) on
  title + summary, words and two-word phrases, French and English stop words removed,
  accents and elisions handled (:mod:`veille.text`); score = mean TF-IDF weight over entries.
* **Emerging terms** (:func:`emerging_terms`): share of entries mentioning a term in the
  recent window (default 28 days) vs the baseline before it (default 180 days). Score =
  smoothed log-ratio ``log2(((kᵣ + ½)/(Nᵣ + 1)) / ((k_b + ½)/(N_b + 1)))`` where ``k`` counts
  entries containing the term and ``N`` all entries of the window; the ½ smoothing (Jeffreys)
  keeps a term absent from the baseline finite. A term needs ``min_support`` recent entries
  (default 3) so one headline cannot make a trend, and a score of at least ``min_score``
  (default 0.5, i.e. 1.4 times as frequent as before). Score 1 = twice as frequent as before.
* **Topics** (:func:`topic_clusters`): k-means (seeded) on the TF-IDF vectors; each topic is
  labelled by its key phrases — class-based TF-IDF (:func:`class_tfidf`, Grootendorst 2022)
  over its articles, two-word phrases first — and shows the headlines nearest its centroid.
* **Signals** (:mod:`veille.signals`): subjects ranked by novelty × momentum × source
  reliability × relevance to the brief, near-duplicate stories merged, and the axis view
  (which axes are quiet, which are moving).
* **Trends series** (:func:`trend_metrics`), on monthly means of the 0–100 index:
  direction by the Mann-Kendall test (Mann 1945, Kendall 1975; ``S = Σ sign(xⱼ − xᵢ)``,
  variance with the ties correction, |z| > 1.96 → significant at 5 %), strength = Kendall's
  τ = S / (n(n−1)/2) in [−1, 1]; slope by least squares, given as a share of the mean per year;
  year-over-year change = mean of the last 12 months / mean of the 12 before − 1; momentum =
  mean of the last 3 months / mean of the 12 months before them − 1; seasonal index of a month
  = its mean / the mean of its year, averaged over the full years; peak months have an
  index ≥ 1.10 (10 % above the year's average).
* **Cross-reading** (:func:`cross_reading`): which searched terms (tracked keywords, related
  queries) also appear in the feeds, and how often recently — a signal seen both in what is
  published and in what people search is worth more than either alone.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.errors import ComputeError
from veille.text import DisplayForms, normalize, normalize_many, stop_words

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "TOKEN_PATTERN",
    "TrendMetrics",
    "Topic",
    "VeilleAnalysis",
    "Corpus",
    "Coverage",
    "analyse",
    "build_corpus",
    "class_tfidf",
    "collapse_terms",
    "coverage",
    "cross_reading",
    "emergence_score",
    "emerging_terms",
    "entry_dates",
    "key_phrases",
    "keywords",
    "mann_kendall",
    "mentions",
    "momentum_ranking",
    "phrase_analyzer",
    "share_by",
    "topic_clusters",
    "trend_metrics",
    "volume",
]

#: Words (letters only, no digits), inner hyphens allowed ("cold-brew", "e-commerce");
#: one-letter words are stop words (:func:`veille.text.stop_words`).
TOKEN_PATTERN = r"(?u)\b[^\W\d_]+(?:-[^\W\d_]+)*"
SEASONAL_PEAK = 1.10
SUMMARY_CHARS = 240  # the lead of a summary says what it is about; the rest mostly repeats


def _texts(entries: pd.DataFrame) -> pd.Series:
    title = entries["title"].fillna("").astype(str)
    if "summary" in entries:
        summary = entries["summary"].fillna("").astype(str).str.slice(0, SUMMARY_CHARS)
        return title + " . " + summary
    return title


def entry_dates(entries: pd.DataFrame) -> pd.Series:
    """Date of each entry (UTC, tz-naive): ``published``, else ``first_seen``."""
    import pandas as pd

    def conv(col: str) -> pd.Series:
        if col not in entries:
            return pd.Series(pd.NaT, index=entries.index, dtype="datetime64[ns]")
        s = pd.to_datetime(entries[col], errors="coerce", utc=True)
        return s.dt.tz_convert(None)

    return conv("published").fillna(conv("first_seen"))


def volume(entries: pd.DataFrame, by: str = "axis", freq: str = "W") -> pd.DataFrame:
    """Entries per period (rows: period start, weeks start on Monday) and ``by`` value (columns)."""
    import pandas as pd

    dates = entry_dates(entries)
    frame = pd.DataFrame({"date": dates, "key": entries[by].fillna("?").astype(str)}).dropna(subset=["date"])
    if frame.empty:
        return pd.DataFrame()
    period = frame["date"].dt.to_period(freq).dt.start_time
    table = frame.assign(period=period).pivot_table(index="period", columns="key", values="date",
                                                    aggfunc="count", fill_value=0)
    table.columns.name = by
    return table.astype("int64")


def share_by(entries: pd.DataFrame, by: str, *, since: _dt.date | None = None) -> pd.DataFrame:
    """Items, share of all items and date of the latest item, per value of ``by``."""
    import pandas as pd

    dates = entry_dates(entries)
    frame = pd.DataFrame({by: entries[by].fillna("?").astype(str), "date": dates})
    if since is not None:
        frame = frame[frame["date"] >= pd.Timestamp(since)]
    out = frame.groupby(by).agg(items=("date", "size"), last=("date", "max")).reset_index()
    total = out["items"].sum()
    out["share"] = out["items"] / total if total else 0.0
    return out.sort_values("items", ascending=False, ignore_index=True)


_WORD_OR_BREAK = re.compile(TOKEN_PATTERN + r"|[^\w\s'’-]|\d+")


def phrase_analyzer(bigrams: bool = True):
    """Words and two-word phrases of a normalised text, for ``TfidfVectorizer(analyzer=…)``.

    As with scikit-learn's ``ngram_range=(1, 2)``, stop words are skipped ("prix du café" →
    "prix café", "pénurie d'arabica" → "pénurie arabica"); unlike it, a number or a
    punctuation mark breaks a phrase, so that words of different clauses are not paired
    ("l'arabica termine *à 4,58 $* la livre" gives no "termine livre").
    """
    stops = stop_words(("fr", "en"))

    def analyze(doc: str) -> list[str]:
        out: list[str] = []
        prev: str | None = None
        for tok in _WORD_OR_BREAK.findall(doc):
            if not tok[0].isalpha():
                prev = None
                continue
            if tok in stops:
                continue
            out.append(tok)
            if bigrams and prev is not None:
                out.append(prev + " " + tok)
            prev = tok
        return out

    return analyze


@dataclass(frozen=True)
class Corpus:
    """Entries vectorised once (TF-IDF of words and two-word phrases), shared by the analyses."""

    X: object = field(repr=False)  # scipy CSR matrix, one row per entry
    vocab: object = field(repr=False)  # numpy array of normalised terms
    forms: DisplayForms = field(repr=False)
    dates: pd.Series = field(repr=False)
    norm: pd.Series = field(repr=False)  # normalised title + summary of each entry


def build_corpus(entries: pd.DataFrame, *, ngram_range: tuple[int, int] = (1, 2), min_df: int = 2,
                 max_df: float = 0.5, max_features: int | None = 50000) -> Corpus | None:
    """Vectorise title + summary of every entry; ``None`` when no word survives."""
    import numpy as np
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer

    raw = _texts(entries)
    norm = pd.Series(normalize_many(raw.tolist()), index=raw.index, dtype=object)
    n = len(norm)
    vec = TfidfVectorizer(analyzer=phrase_analyzer(ngram_range[1] >= 2),
                          min_df=min_df if n >= min_df * 2 else 1, max_df=max_df if n > 20 else 1.0,
                          max_features=max_features, sublinear_tf=True, dtype=np.float32)
    try:
        X = vec.fit_transform(norm)
    except ValueError:  # empty vocabulary
        return None
    # spellings are learnt from every title and the summaries of the first 20,000 entries
    # (the summaries mostly repeat the titles' words: all of them would double the time)
    learn = entries["title"].fillna("").astype(str).tolist()
    if "summary" in entries:
        learn += entries["summary"].head(20000).fillna("").astype(str).str.slice(0, SUMMARY_CHARS).tolist()
    forms = DisplayForms.from_texts(learn)
    return Corpus(X.tocsr(), vec.get_feature_names_out(), forms, entry_dates(entries), norm)


def keywords(entries: pd.DataFrame, *, top_n: int = 30, corpus: Corpus | None = None,
             rows=None) -> pd.DataFrame:
    """Top terms by mean TF-IDF weight. Columns: term, key, score, documents (entries with it).

    ``rows`` (positions) restricts the ranking to some entries of ``corpus`` (one axis).
    """
    import numpy as np
    import pandas as pd

    cols = ["term", "key", "score", "documents"]
    corpus = corpus or build_corpus(entries)
    if corpus is None or len(entries) == 0:
        return pd.DataFrame(columns=cols)
    X = corpus.X if rows is None else corpus.X[rows]
    if X.shape[0] == 0:
        return pd.DataFrame(columns=cols)
    scores = np.asarray(X.mean(axis=0)).ravel().astype("float64")
    docs = np.diff((X > 0).tocsc().indptr)
    order = np.argsort(-scores, kind="stable")[:top_n]
    order = order[scores[order] > 0]
    return pd.DataFrame({"term": [corpus.forms.term(corpus.vocab[i]) for i in order],
                         "key": corpus.vocab[order], "score": scores[order],
                         "documents": docs[order].astype("int64")}, columns=cols)


def emerging_terms(entries: pd.DataFrame, *, now: _dt.datetime | None = None, recent_days: int = 28,
                   baseline_days: int = 180, min_support: int = 3, min_score: float = 0.5,
                   top_n: int = 20, corpus: Corpus | None = None) -> pd.DataFrame:
    """Terms much more frequent in the recent window than in the baseline before it.

    Columns: term, key, recent (entries), baseline (entries), recent_share, baseline_share,
    score (smoothed log2 ratio, see the module docstring). ``now`` defaults to the latest
    entry date. The recent window is ``(now − recent_days, now]``, the baseline the
    ``baseline_days`` before it.
    """
    import numpy as np
    import pandas as pd

    cols = ["term", "key", "recent", "baseline", "recent_share", "baseline_share", "score"]
    corpus = corpus or build_corpus(entries, min_df=1, max_df=1.0)
    if corpus is None:
        return pd.DataFrame(columns=cols)
    dates = corpus.dates
    if dates.notna().sum() == 0:
        return pd.DataFrame(columns=cols)
    end = pd.Timestamp(now) if now is not None else dates.max()
    if end.tzinfo is not None:
        end = end.tz_convert(None)
    start_recent = end - pd.Timedelta(days=recent_days)
    start_base = start_recent - pd.Timedelta(days=baseline_days)
    recent_mask = ((dates > start_recent) & (dates <= end)).to_numpy()
    base_mask = ((dates > start_base) & (dates <= start_recent)).to_numpy()
    n_r, n_b = int(recent_mask.sum()), int(base_mask.sum())
    if n_r == 0:
        return pd.DataFrame(columns=cols)
    B = corpus.X > 0
    k_r = np.asarray(B[np.flatnonzero(recent_mask)].sum(axis=0)).ravel()
    k_b = np.asarray(B[np.flatnonzero(base_mask)].sum(axis=0)).ravel() if n_b else np.zeros_like(k_r)
    keep = k_r >= min_support
    if not keep.any():
        return pd.DataFrame(columns=cols)
    score = emergence_score(k_r, n_r, k_b, n_b)
    frame = pd.DataFrame({"key": corpus.vocab, "recent": k_r.astype("int64"), "baseline": k_b.astype("int64"),
                          "recent_share": k_r / n_r, "baseline_share": (k_b / n_b) if n_b else 0.0,
                          "score": score})[keep]
    frame = frame[frame["score"] >= min_score]
    frame = frame.sort_values(["score", "recent"], ascending=[False, False], kind="stable")
    # a two-word phrase makes its words redundant when they are not more frequent alone,
    # and a phrase made of two emerging words adds nothing when it is rarer than both
    counts = dict(zip(frame["key"], frame["recent"], strict=True))
    phrases = [k for k in frame["key"] if " " in k]
    redundant = {w for p in phrases for w in p.split() if counts.get(w, 0) <= counts[p]}
    frame = frame[~frame["key"].isin(redundant)].head(top_n)
    frame.insert(0, "term", [corpus.forms.term(k) for k in frame["key"]])
    return frame.reset_index(drop=True)[cols]


def emergence_score(k_recent, n_recent: int, k_base, n_base: int):
    """Smoothed log2 ratio of the recent share to the baseline share (works on arrays)."""
    import numpy as np

    k_recent = np.asarray(k_recent, dtype="float64")
    k_base = np.asarray(k_base, dtype="float64")
    return np.log2(((k_recent + 0.5) / (n_recent + 1)) / ((k_base + 0.5) / (n_base + 1)))


def collapse_terms(terms: list[str] | tuple[str, ...]) -> list[str]:
    """Drop words already said by a phrase of the list, keeping the order of first mention.

    ``["torréfacteurs", "torréfacteurs réunis", "réunis", "réseau"]`` →
    ``["torréfacteurs réunis", "réseau"]`` (the phrase takes the place of its first word).
    """
    out: list[str] = []
    for term in terms:
        words = term.split()
        if len(words) == 1:
            if any(term in t.split() for t in out if " " in t) or term in out:
                continue
            out.append(term)
            continue
        if term in out:
            continue
        positions = [i for i, t in enumerate(out) if " " not in t and t in words]
        if positions:
            out[positions[0]] = term
            out = [t for i, t in enumerate(out) if i == positions[0] or i not in positions[1:]]
        else:
            out.append(term)
    return out


@dataclass(frozen=True)
class Topic:
    """A cluster of entries: its heaviest terms, size, main axis and nearest headlines."""

    label: str
    terms: tuple[str, ...]
    size: int
    share: float
    axis: str
    headlines: tuple[tuple[str, str, _dt.date | None], ...]  # (title, link, date)


def topic_clusters(entries: pd.DataFrame, *, k: int | None = None, random_state: int = 42,
                   n_terms: int = 6, n_headlines: int = 3, corpus: Corpus | None = None) -> list[Topic]:
    """Group entries into ``k`` topics (default: about one per 40 entries, 2 to 8).

    k-means (scikit-learn, ``random_state`` fixed: the same entries give the same topics;
    above 20,000 entries, mini-batch k-means fitted on a seeded sample of 10,000 then applied
    to all) on the L2-normalised TF-IDF rows, i.e. on cosine similarity.
    """
    import numpy as np
    from sklearn.cluster import KMeans, MiniBatchKMeans

    n = len(entries)
    if n < 6:
        return []
    corpus = corpus or build_corpus(entries)
    if corpus is None:
        return []
    k = k or max(2, min(8, n // 40))
    k = min(k, n // 2)
    X = corpus.X
    if n > 20000:  # fit on a seeded sample of 10,000, then assign every entry (a fifth of the time)
        model = MiniBatchKMeans(n_clusters=k, random_state=random_state, n_init=3, batch_size=1024)
        sample = np.random.default_rng(random_state).choice(n, 10000, replace=False)
        model.fit(X[np.sort(sample)])
        labels = model.predict(X)
    else:
        model = KMeans(n_clusters=k, random_state=random_state, n_init=3)
        labels = model.fit_predict(X)
    centers = model.cluster_centers_
    weights = class_tfidf(corpus.X, labels, k)
    dates = corpus.dates
    titles = entries["title"].astype(str).to_numpy()
    links = entries["link"].fillna("").astype(str).to_numpy() if "link" in entries else np.full(n, "")
    axes = entries["axis"].astype(str).to_numpy() if "axis" in entries else np.full(n, "")
    topics = []
    for c in range(k):
        idx = np.flatnonzero(labels == c)
        if idx.size == 0:
            continue
        top = np.argsort(-weights[c])[:n_terms * 3]
        terms = tuple(key_phrases([corpus.forms.term(corpus.vocab[i]) for i in top if weights[c][i] > 0])[:n_terms])
        sims = np.asarray(X[idx] @ centers[c]).ravel()
        near = idx[np.argsort(-sims, kind="stable")[:n_headlines]]
        heads = tuple((titles[i], links[i], _date_or_none(dates.iloc[i]))
                      for i in near)
        values, counts = np.unique(axes[idx], return_counts=True)
        topics.append(Topic(" · ".join(terms[:2]), terms, int(idx.size), idx.size / n,
                            str(values[np.argmax(counts)]), heads))
    topics.sort(key=lambda t: -t.size)
    return topics


def class_tfidf(X, labels, k: int):
    """Class-based TF-IDF (Grootendorst 2022, the topic representation of BERTopic): the
    weight of term t in topic c is tf(t, c) × log(1 + A / f(t)), with tf(t, c) the share of
    topic c's term occurrences that are t, A the mean number of occurrences per topic and
    f(t) the occurrences of t in all topics. A term frequent in one topic and rare elsewhere
    weighs most: it is what sets the topic apart. Returns a dense (k × terms) array."""
    import numpy as np
    from scipy.sparse import csr_matrix

    B = (X > 0).astype(np.float64)
    labels = np.asarray(labels)
    M = csr_matrix((np.ones(labels.size), (labels, np.arange(labels.size))), shape=(k, labels.size))
    counts = np.asarray((M @ B).todense())
    totals = counts.sum(axis=1, keepdims=True)
    tf = counts / np.where(totals > 0, totals, 1)
    f = counts.sum(axis=0)
    A = counts.sum() / max(k, 1)
    return tf * np.log1p(A / np.where(f > 0, f, 1))


def key_phrases(terms: list[str]) -> list[str]:
    """Terms ranked best first → the same with phrases before single words and words already
    said by a phrase dropped: a topic reads « pénurie d'arabica · prix café », not « arabica »."""
    collapsed = collapse_terms(terms)
    phrases = [t for t in collapsed if " " in t]
    words = [t for t in collapsed if " " not in t]
    return phrases[:3] + words + phrases[3:]


def _date_or_none(value) -> _dt.date | None:
    import pandas as pd

    return None if pd.isna(value) else pd.Timestamp(value).date()


# ---------------------------------------------------------------------------------------
# Google Trends series


@dataclass(frozen=True)
class TrendMetrics:
    """Metrics of one search-interest series (monthly means of the 0–100 index).

    ``direction``: ``up`` / ``down`` / ``flat`` (Mann-Kendall at 5 %); ``strength``: Kendall's
    τ; ``slope``: least-squares slope as a fraction of the mean per year (+0.2 = +20 % of the
    average level per year); ``yoy`` and ``momentum`` are fractions (``None`` when the series
    is too short: 24 and 15 months); ``seasonal_index``: month (1–12) → index (1 = average).
    """

    term: str
    months: int
    mean: float
    last: float
    peak_date: _dt.date | None
    direction: str
    strength: float
    z: float
    slope: float
    yoy: float | None
    momentum: float | None
    peak_months: tuple[int, ...]
    seasonal_index: dict[int, float] = field(default_factory=dict)


def mann_kendall(values) -> tuple[float, float, float]:
    """``(S, tau, z)`` of the Mann-Kendall trend test, with the ties correction of the variance."""
    import numpy as np

    x = np.asarray(values, dtype="float64")
    x = x[~np.isnan(x)]
    n = x.size
    if n < 3:
        return 0.0, 0.0, 0.0
    diff = np.sign(x[None, :] - x[:, None])
    s = float(np.triu(diff, k=1).sum())
    _, counts = np.unique(x, return_counts=True)
    ties = float(np.sum(counts * (counts - 1) * (2 * counts + 5)))
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    tau = s / (n * (n - 1) / 2)
    if var <= 0 or s == 0:
        return s, tau, 0.0
    z = (s - 1) / math.sqrt(var) if s > 0 else (s + 1) / math.sqrt(var)
    return s, tau, z


def _ratio(a: float, b: float) -> float | None:
    if b is None or a is None or not (b > 0) or math.isnan(a) or math.isnan(b):
        return None
    return a / b - 1.0


def trend_metrics(series: pd.Series, term: str = "") -> TrendMetrics:
    """Metrics of one series indexed by date (weekly, daily or monthly values, NaN allowed)."""
    import numpy as np
    import pandas as pd

    s = pd.Series(series, dtype="float64")
    s.index = pd.DatetimeIndex(s.index)
    s = s.sort_index()
    monthly = s.resample("MS").mean().dropna()
    n = int(monthly.size)
    if n == 0:
        raise ComputeError(f"the Google Trends series '{term}' has no value")
    _, tau, z = mann_kendall(monthly.to_numpy())
    direction = "up" if z > 1.96 else "down" if z < -1.96 else "flat"
    mean = float(monthly.mean())
    if n >= 2 and mean > 0:
        years = (monthly.index - monthly.index[0]).days.to_numpy() / 365.25
        slope = float(np.polyfit(years, monthly.to_numpy(), 1)[0]) / mean
    else:
        slope = 0.0
    values = monthly.to_numpy()
    yoy = _ratio(values[-12:].mean(), values[-24:-12].mean()) if n >= 24 else None
    momentum = _ratio(values[-3:].mean(), values[-15:-3].mean()) if n >= 15 else None
    seasonal: dict[int, float] = {}
    peaks: tuple[int, ...] = ()
    if n >= 24:
        frame = pd.DataFrame({"v": monthly.to_numpy(), "y": monthly.index.year, "m": monthly.index.month})
        full = frame.groupby("y")["m"].transform("size") == 12
        frame = frame[full]
        if not frame.empty:
            year_mean = frame.groupby("y")["v"].transform("mean")
            frame = frame.assign(idx=np.where(year_mean > 0, frame["v"] / year_mean.where(year_mean > 0, 1), np.nan))
            by_month = frame.groupby("m")["idx"].mean().dropna()
            seasonal = {int(m): float(v) for m, v in by_month.items()}
            peaks = tuple(int(m) for m, v in sorted(seasonal.items(), key=lambda kv: -kv[1]) if v >= SEASONAL_PEAK)[:3]
    peak_date = s.idxmax().date() if s.notna().any() else None
    return TrendMetrics(term, n, mean, float(s.dropna().iloc[-1]), peak_date, direction, float(tau), float(z),
                        slope, yoy, momentum, peaks, seasonal)


def momentum_ranking(interest: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, TrendMetrics]]:
    """One row per keyword of a long interest frame (date, term, value), best momentum first.

    Columns: term, direction, strength, slope, yoy, momentum, peak_months, last, mean, months.
    """
    import pandas as pd

    metrics: dict[str, TrendMetrics] = {}
    for term, part in interest.groupby("term", sort=False):
        series = part.set_index("date")["value"]
        if series.notna().sum() == 0:
            continue
        metrics[str(term)] = trend_metrics(series, str(term))
    rows = [{"term": m.term, "direction": m.direction, "strength": m.strength, "slope": m.slope, "yoy": m.yoy,
             "momentum": m.momentum, "peak_months": m.peak_months, "last": m.last, "mean": m.mean,
             "months": m.months} for m in metrics.values()]
    table = pd.DataFrame(rows, columns=["term", "direction", "strength", "slope", "yoy", "momentum",
                                        "peak_months", "last", "mean", "months"])
    if not table.empty:
        table["_m"] = table["momentum"].astype("float64").fillna(table["slope"].astype("float64"))
        table = table.sort_values("_m", ascending=False, kind="stable").drop(columns="_m").reset_index(drop=True)
    return table, metrics


def cross_reading(entries: pd.DataFrame, searched: pd.DataFrame, *, now: _dt.datetime | None = None,
                  recent_days: int = 90, corpus: Corpus | None = None) -> pd.DataFrame:
    """Searched terms that also appear in the feeds.

    ``searched`` has columns ``term`` and ``origin`` (e.g. "mot-clé suivi", "requête en
    hausse") and optionally ``momentum``. Output columns: term, origin, momentum, entries
    (feed entries mentioning it), recent (of which in the last ``recent_days``), last_seen.
    Matching is on whole words, accents and case ignored.
    """
    import re

    import pandas as pd

    cols = ["term", "origin", "momentum", "entries", "recent", "last_seen"]
    if searched.empty or entries.empty:
        return pd.DataFrame(columns=cols)
    norm = corpus.norm if corpus is not None else pd.Series(normalize_many(_texts(entries).tolist()),
                                                            index=entries.index, dtype=object)
    dates = corpus.dates if corpus is not None else entry_dates(entries)
    end = pd.Timestamp(now) if now is not None else dates.max()
    recent = dates > end - pd.Timedelta(days=recent_days)
    rows = []
    seen: set[str] = set()
    for rec in searched.itertuples(index=False):
        key = " ".join(normalize(str(rec.term)).split())
        if not key or key in seen:
            continue
        seen.add(key)
        pattern = re.compile(r"\b" + re.escape(key).replace(r"\ ", r"\s+") + r"\b")
        # a plain substring test first (fast), the word-boundary regex only on the candidates
        longest = max(key.split(), key=len)
        candidates = norm.map(lambda text, w=longest: w in text)
        hits = candidates.copy()
        if candidates.any():
            hits[candidates] = norm[candidates].map(lambda text, p=pattern: p.search(text) is not None)
        count = int(hits.sum())
        if count == 0:
            continue
        last = dates[hits].max()
        rows.append((str(rec.term), str(rec.origin), getattr(rec, "momentum", None), count,
                     int((hits & recent).sum()), None if pd.isna(last) else last.date()))
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["recent", "entries"], ascending=False, ignore_index=True)


# ---------------------------------------------------------------------------------------
# Everything at once (what the report uses)


@dataclass(frozen=True)
class VeilleAnalysis:
    """All the results the note de synthèse needs."""

    n_entries: int
    start: _dt.date | None
    end: _dt.date | None
    by_axis: pd.DataFrame = field(repr=False)
    by_source: pd.DataFrame = field(repr=False)
    by_type: pd.DataFrame = field(repr=False)
    weekly: pd.DataFrame = field(repr=False)
    keywords: pd.DataFrame = field(repr=False)
    keywords_by_axis: dict[str, pd.DataFrame] = field(repr=False)
    emerging: pd.DataFrame = field(repr=False)
    topics: tuple[Topic, ...] = ()
    trends: pd.DataFrame = field(default=None, repr=False)  # type: ignore[assignment]
    trend_metrics: dict[str, TrendMetrics] = field(default_factory=dict, repr=False)
    interest: pd.DataFrame = field(default=None, repr=False)  # type: ignore[assignment]
    cross: pd.DataFrame = field(default=None, repr=False)  # type: ignore[assignment]
    signals: tuple = ()  # veille.signals.Signal, best first (veille.signals.add_signals)
    axes: tuple = ()  # veille.signals.AxisStatus, one per watch axis (veille.signals.add_signals)
    corpus: Corpus | None = field(default=None, repr=False)  # the vectorised entries, for later analyses


def analyse(entries: pd.DataFrame, interest: pd.DataFrame | None = None, *,
            related: pd.DataFrame | None = None, now: _dt.datetime | None = None,
            recent_days: int = 28, baseline_days: int = 180, min_support: int = 3,
            random_state: int = 42, topics: int | None = None) -> VeilleAnalysis:
    """Run every analysis. ``related`` (optional) has columns term, origin for cross-reading.
    The signals and the axis view are added by :func:`veille.signals.add_signals`."""

    import numpy as np
    import pandas as pd

    entries = entries.reset_index(drop=True)
    dates = entry_dates(entries)
    corpus = build_corpus(entries) if len(entries) else None
    kw = keywords(entries, corpus=corpus)
    by_axis_kw: dict[str, pd.DataFrame] = {}
    if "axis" in entries and corpus is not None:
        axes = entries["axis"].astype(str).to_numpy()
        for axis in sorted(set(axes)):
            by_axis_kw[axis] = keywords(entries, top_n=8, corpus=corpus, rows=np.flatnonzero(axes == axis))
    emerging = emerging_terms(entries, now=now, recent_days=recent_days, baseline_days=baseline_days,
                              min_support=min_support, corpus=corpus) if corpus is not None else \
        emerging_terms(entries.iloc[:0])
    clusters = tuple(topic_clusters(entries, k=topics, random_state=random_state, corpus=corpus))
    interest = interest if interest is not None else pd.DataFrame(columns=["date", "term", "value"])
    ranking, metrics = momentum_ranking(interest) if not interest.empty else (pd.DataFrame(), {})
    searched = [pd.DataFrame({"term": list(metrics), "origin": "keyword",
                              "momentum": [m.momentum for m in metrics.values()]})]
    if related is not None and not related.empty:
        searched.append(related[["term", "origin"]].assign(momentum=None))
    searched_frame = pd.concat(searched, ignore_index=True)
    cross = cross_reading(entries, searched_frame, now=now, corpus=corpus)
    return VeilleAnalysis(
        n_entries=len(entries),
        start=None if dates.isna().all() else dates.min().date(),
        end=None if dates.isna().all() else dates.max().date(),
        by_axis=share_by(entries, "axis") if "axis" in entries else pd.DataFrame(),
        by_source=share_by(entries, "source_name") if "source_name" in entries else pd.DataFrame(),
        by_type=share_by(entries, "type") if "type" in entries else pd.DataFrame(),
        weekly=volume(entries, "axis") if "axis" in entries else pd.DataFrame(),
        keywords=kw,
        keywords_by_axis=by_axis_kw,
        emerging=emerging,
        topics=clusters,
        trends=ranking,
        trend_metrics=metrics,
        interest=interest,
        cross=cross,
        corpus=corpus,
    )


# ---------------------------------------------------------------------------------------
# Coverage of the watch (evidence for the self-evaluation grid)


@dataclass(frozen=True)
class Coverage:
    """How wide and reliable the watch is. ``mean_reliability`` on the 1–5 scale."""

    sources: int
    active: int  # sources with at least one item stored
    axes: tuple[str, ...]  # axes with at least one source
    types: tuple[str, ...]
    mean_reliability: float | None
    reliable_share: float | None  # share of sources rated 4 or 5
    axes_without_reliable: tuple[str, ...]  # covered axes with no source rated 4–5
    failing: int  # sources whose last fetch failed or that are gone


def coverage(sources: pd.DataFrame, all_axes: tuple[str, ...]) -> Coverage:
    """From a sources table with columns axis, type, reliability, items, last_status, gone."""
    if sources.empty:
        return Coverage(0, 0, (), (), None, None, (), 0)
    rel = sources["reliability"].astype("float64")
    axes = tuple(a for a in all_axes if a in set(sources["axis"]))
    reliable_axes = set(sources.loc[rel >= 4, "axis"])
    status = sources["last_status"].fillna("") if "last_status" in sources else None
    failing = 0
    if status is not None:
        failing = int(status.isin(["error", "gone", "skipped"]).sum())
    if "gone" in sources:
        failing = max(failing, int(sources["gone"].fillna(False).astype(bool).sum()))
    return Coverage(
        sources=len(sources),
        active=int((sources["items"] > 0).sum()) if "items" in sources else 0,
        axes=axes,
        types=tuple(sorted(set(sources["type"].astype(str)))),
        mean_reliability=float(rel.mean()),
        reliable_share=float((rel >= 4).mean()),
        axes_without_reliable=tuple(a for a in axes if a not in reliable_axes),
        failing=failing,
    )


def mentions(entries: pd.DataFrame, names: dict[str, list[str]], *, now: _dt.datetime | None = None,
             recent_days: int = 90) -> pd.DataFrame:
    """Entries mentioning each competitor (any of its keywords; whole words, accents ignored).

    Columns: name, entries, recent, last_seen, share (of all entries), first_recent (date of the
    first mention in the recent window, None without one) and last_title (title of the latest
    mention, "" without one): a competitor's move shows as recent mentions, dated.
    """
    import pandas as pd

    rows = []
    dates = entry_dates(entries)
    end = pd.Timestamp(now) if now is not None else dates.max()
    titles = entries["title"].fillna("").astype(str) if "title" in entries else pd.Series("", index=entries.index)
    for name, words in names.items():
        terms = [w for w in [name, *words] if w and w.strip()]
        # several keywords may hit the same entry: count entries once
        mask = _mention_mask(entries, terms)
        in_recent = mask & (dates > end - pd.Timedelta(days=recent_days))
        last = dates[mask].max()
        first_recent = dates[in_recent].min()
        title = str(titles[mask & (dates == last)].iloc[0]) if not pd.isna(last) else ""
        rows.append((name, int(mask.sum()), int(in_recent.sum()), None if pd.isna(last) else last.date(),
                     None if pd.isna(first_recent) else first_recent.date(), title))
    out = pd.DataFrame(rows, columns=["name", "entries", "recent", "last_seen", "first_recent", "last_title"])
    out["share"] = out["entries"] / len(entries) if len(entries) else 0.0
    return out.sort_values("entries", ascending=False, ignore_index=True)


def _mention_mask(entries: pd.DataFrame, terms: list[str]) -> pd.Series:
    import re

    import pandas as pd

    norm = pd.Series(normalize_many(_texts(entries).tolist()), index=entries.index, dtype=object)
    keys = [" ".join(normalize(t).split()) for t in terms]
    pattern = "|".join(r"\b" + re.escape(k).replace(r"\ ", r"\s+") + r"\b" for k in keys if k)
    return norm.str.contains(pattern, regex=True) if pattern else norm.map(lambda _x: False)
