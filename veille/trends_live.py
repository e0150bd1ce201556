"""Live Google Trends pulls through pytrends — best effort, with retries, batches and a cache.

pytrends is unmaintained and Google refuses automated requests often (HTTP 429). The toolkit
therefore treats a live pull as a bonus: CSV exports (:mod:`veille.trends`) always work, and
every successful pull is kept in the case cache (:mod:`veille.trends_cache`) so that a later
refusal still leaves data to report on.

What this module adds around pytrends:

* **Retries outside pytrends.** ``TrendReq`` is built with ``retries=0, backoff_factor=0``
  (its own retry code passes ``method_whitelist`` to urllib3, which urllib3 2 rejects). A
  connection error, a :class:`pytrends.exceptions.ResponseError` or a
  ``TooManyRequestsError`` is retried ``retries`` times, waiting ``backoff × 2^(attempt-1)``
  seconds (2 s, 4 s, 8 s by default), then becomes one clear :class:`NetworkError`.
* **More than five keywords.** Google compares at most five terms per request, each request
  scaled 0–100 on its own. Keywords are sent in batches of at most five that all contain the
  same *anchor* keyword; each batch is then multiplied by
  ``sum(anchor in batch 1) / sum(anchor in batch k)`` so that the anchor matches the first
  batch, and the whole table is rescaled so its highest point is 100, as Google does.
  Pick an anchor with steady, non-zero interest (``watch.trends.anchor``).

Tests run pytrends' real code against recorded Google responses served on 127.0.0.1: pass
``base_url`` to :func:`interest_over_time_backend` (it points pytrends' URL constants there
for the duration of the call).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from toolkit.errors import ComputeError, NetworkError, ToolkitError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "LivePull",
    "interest_over_time_backend",
    "plan_batches",
    "rescale_batches",
    "with_retries",
]

T = TypeVar("T")
MAX_TERMS = 5


@dataclass(frozen=True)
class LivePull:
    """Result of a live pull: a long frame (date, term, geo, value, below_one, partial)."""

    frame: pd.DataFrame = field(repr=False)
    keywords: tuple[str, ...] = ()
    geo: str = ""
    timeframe: str = ""
    anchor: str | None = None
    batches: int = 1
    attempts: int = 1
    fetched_at: _dt.datetime = field(default_factory=lambda: _dt.datetime.now(_dt.UTC).replace(microsecond=0))

    @property
    def params(self) -> dict[str, Any]:
        return {"keywords": list(self.keywords), "geo": self.geo, "timeframe": self.timeframe,
                "anchor": self.anchor, "batches": self.batches}


def plan_batches(keywords: list[str], anchor: str | None = None, size: int = MAX_TERMS) -> list[list[str]]:
    """Split ``keywords`` into requests of at most ``size`` terms sharing ``anchor``.

    ``["a", "b", "c", "d", "e", "f", "g"]`` with anchor ``a`` → ``[[a, b, c, d, e], [a, f, g]]``.
    With five keywords or fewer there is one batch and no anchor is needed.
    """
    kws = list(dict.fromkeys(k.strip() for k in keywords if k.strip()))
    if not kws:
        raise ComputeError("no Google Trends keyword to pull", hint="list them in watch.trends.keywords")
    if len(kws) <= size:
        return [kws]
    anchor = (anchor or kws[0]).strip()
    others = [k for k in kws if k.casefold() != anchor.casefold()]
    step = size - 1
    return [[anchor, *others[i:i + step]] for i in range(0, len(others), step)]


def rescale_batches(batches: list[pd.DataFrame], anchor: str) -> pd.DataFrame:
    """Join wide batch frames (index = date, one column per term) onto the first batch's scale.

    Each batch ``k`` is multiplied by ``sum(anchor₁) / sum(anchorₖ)`` (sums over the dates both
    share), then the table is scaled so its maximum is 100. Raises :class:`ComputeError` when
    the anchor has no interest in a batch (nothing to align on).
    """
    import pandas as pd

    if not batches:
        raise ComputeError("no batch to rescale")
    base = batches[0]
    if anchor not in base:
        raise ComputeError(f"the anchor keyword '{anchor}' is missing from the first batch")
    out = base.astype("float64").copy()
    for k, batch in enumerate(batches[1:], start=2):
        if anchor not in batch:
            raise ComputeError(f"the anchor keyword '{anchor}' is missing from batch {k}")
        common = base.index.intersection(batch.index)
        ref = float(base.loc[common, anchor].sum())
        here = float(batch.loc[common, anchor].sum())
        if here <= 0 or ref <= 0:
            raise ComputeError(
                f"the anchor keyword '{anchor}' has no search interest in batch {k}: batches cannot be aligned",
                hint="choose a more popular anchor in watch.trends.anchor",
            )
        factor = ref / here
        extra = batch.drop(columns=[anchor]).astype("float64") * factor
        out = out.join(extra, how="outer")
    peak = float(out.max().max()) if not out.empty else 0.0
    if peak > 0:
        out = out * (100.0 / peak)
    return pd.DataFrame(out)


def with_retries(call: Callable[[], T], *, what: str, retries: int = 3, backoff: float = 2.0,
                 sleep: Callable[[float], None] = time.sleep,
                 on_retry: Callable[[int, Exception], None] | None = None) -> tuple[T, int]:
    """Run ``call``; on a connection error or a Google refusal wait and try again.

    Returns ``(result, attempts)``. After ``retries`` retries the last error becomes a
    :class:`NetworkError` whose message says whether Google refused (429) or was unreachable.
    """
    import requests
    from pytrends.exceptions import ResponseError, TooManyRequestsError

    attempt = 0
    while True:
        attempt += 1
        try:
            return call(), attempt
        except (requests.exceptions.RequestException, ResponseError) as exc:
            if attempt > retries:
                raise _network_error(exc, what, attempt) from exc
            if on_retry:
                on_retry(attempt, exc)
            wait = backoff * (2 ** (attempt - 1))
            if isinstance(exc, TooManyRequestsError):
                retry_after = _retry_after(exc)
                wait = max(wait, retry_after) if retry_after is not None else wait
            sleep(wait)


def _retry_after(exc: Exception) -> float | None:
    resp = getattr(exc, "response", None)
    value = resp.headers.get("Retry-After") if resp is not None else None
    try:
        return min(float(value), 120.0) if value else None
    except ValueError:
        return None


def _network_error(exc: Exception, what: str, attempts: int) -> NetworkError:
    from pytrends.exceptions import ResponseError, TooManyRequestsError

    if isinstance(exc, TooManyRequestsError):
        msg = f"Google Trends refused {what}: too many requests (HTTP 429), {attempts} attempts"
    elif isinstance(exc, ResponseError):
        code = getattr(getattr(exc, "response", None), "status_code", "?")
        msg = f"Google Trends refused {what} (HTTP {code}), {attempts} attempts"
    else:
        msg = f"Google Trends could not be reached for {what} ({type(exc).__name__}), {attempts} attempts"
    return NetworkError(msg, hint="the report uses the cache and the imported CSV exports instead; "
                                  "export the charts from trends.google.com and run `toolkit veille import-trends`")


@contextlib.contextmanager
def _pointed_at(base_url: str | None) -> Iterator[None]:
    """Point pytrends' URL constants at ``base_url`` (tests: a local server) for a while."""
    if not base_url:
        yield
        return
    import pytrends.request as pr

    base = base_url.rstrip("/")
    names = [n for n in dir(pr.TrendReq) if n.endswith("_URL") and isinstance(getattr(pr.TrendReq, n), str)]
    saved = {n: getattr(pr.TrendReq, n) for n in names}
    saved_base = pr.BASE_TRENDS_URL
    try:
        pr.BASE_TRENDS_URL = base
        for n, url in saved.items():
            setattr(pr.TrendReq, n, url.replace(saved_base, base))
        yield
    finally:
        pr.BASE_TRENDS_URL = saved_base
        for n, url in saved.items():
            setattr(pr.TrendReq, n, url)


def require_pytrends():
    """pytrends' ``TrendReq``, or a clear error naming the optional extra that installs it.

    pytrends is archived upstream, so it is an optional extra (``marketing-toolkit[trends]``):
    without it, live pulls are off and the report uses the imported CSV exports.
    """
    try:
        from pytrends.request import TrendReq
    except ImportError:
        raise ToolkitError(
            "live Google Trends pulls need the optional package pytrends, which is not installed",
            hint="install it with `pip install 'marketing-toolkit[trends]'`, or export the charts from "
                 "trends.google.com and run `toolkit veille import-trends`",
        ) from None
    return TrendReq


def interest_over_time_backend(
    keywords: list[str],
    *,
    geo: str = "FR",
    timeframe: str = "today 5-y",
    anchor: str | None = None,
    category: int = 0,
    hl: str = "fr-FR",
    tz: int = -60,
    retries: int = 3,
    backoff: float = 2.0,
    timeout: tuple[float, float] = (5.0, 20.0),
    sleep: Callable[[float], None] = time.sleep,
    pause: float = 1.0,
    base_url: str | None = None,
    on_retry: Callable[[int, Exception], None] | None = None,
) -> LivePull:
    """Pull "interest over time" for ``keywords`` from Google (network; may be refused).

    ``category`` is a Google Trends category id (0 = all). ``pause`` seconds separate two
    batches (politeness). Raises :class:`NetworkError` when
    Google refuses or cannot be reached after the retries.
    """
    import pandas as pd

    TrendReq = require_pytrends()
    batches = plan_batches(keywords, anchor)
    used_anchor = batches[0][0] if len(batches) > 1 else None
    wide: list[pd.DataFrame] = []
    attempts = 0
    with _pointed_at(base_url):
        client, n = with_retries(lambda: TrendReq(hl=hl, tz=tz, timeout=timeout, retries=0, backoff_factor=0),
                                 what="the session cookie", retries=retries, backoff=backoff, sleep=sleep,
                                 on_retry=on_retry)
        attempts += n
        for i, batch in enumerate(batches):
            if i and pause:
                sleep(pause)

            def pull(batch: list[str] = batch) -> pd.DataFrame:
                client.build_payload(batch, cat=category, timeframe=timeframe, geo=geo)
                return client.interest_over_time()

            frame, n = with_retries(pull, what=f"the keywords {', '.join(batch)}", retries=retries,
                                    backoff=backoff, sleep=sleep, on_retry=on_retry)
            attempts += n
            if frame.empty:
                raise NetworkError(f"Google Trends returned no data for {', '.join(batch)}",
                                   hint="the keywords may be too rare; try broader ones or another period")
            wide.append(frame)
    partial = pd.concat([f["isPartial"] for f in wide if "isPartial" in f], axis=1).any(axis=1) \
        if any("isPartial" in f for f in wide) else None
    values = [f.drop(columns=["isPartial"], errors="ignore") for f in wide]
    table = rescale_batches(values, used_anchor) if used_anchor else values[0].astype("float64")
    table.index.name = "date"
    long = table.reset_index().melt(id_vars="date", var_name="term", value_name="value")
    long["geo"] = geo
    long["below_one"] = False
    long["partial"] = long["date"].map(partial).fillna(False).astype(bool) if partial is not None else False
    long = long[["date", "term", "geo", "value", "below_one", "partial"]]
    ordered = list(dict.fromkeys(k for b in batches for k in b))
    return LivePull(long.reset_index(drop=True), tuple(ordered), geo, timeframe, used_anchor, len(batches), attempts)
