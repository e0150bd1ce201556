"""The live Google Trends backend: pytrends' real code against recorded-format responses
served on 127.0.0.1 (see trends_server.py); no internet."""

from __future__ import annotations

import datetime as dt
import importlib.util
import socket
import sys
from pathlib import Path

import pandas as pd
import pytest

from toolkit.errors import ComputeError, NetworkError
from veille.trends_live import interest_over_time_backend, plan_batches, rescale_batches

_spec = importlib.util.spec_from_file_location("veille_trends_server", Path(__file__).with_name("trends_server.py"))
server_mod = importlib.util.module_from_spec(_spec)
sys.modules["veille_trends_server"] = server_mod
_spec.loader.exec_module(server_mod)
TrendsServer = server_mod.TrendsServer

SERIES = {
    "café": [10, 20, 30, 40, 50, 60],
    "thé": [5, 5, 5, 5, 5, 5],
    "matcha": [1, 2, 4, 8, 16, 32],
    "chicorée": [3, 3, 2, 2, 1, 1],
    "cold brew": [0, 5, 10, 20, 40, 80],
    "déca": [7, 7, 7, 7, 7, 7],
    "espresso": [50, 60, 70, 80, 90, 120],
}


def test_plan_batches_share_the_anchor_and_hold_five_terms_at_most():
    kws = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    batches = plan_batches(kws, anchor="e")
    assert all(len(b) <= 5 and b[0] == "e" for b in batches)
    assert sorted({k for b in batches for k in b}) == sorted(kws)
    assert plan_batches(["a", "b"]) == [["a", "b"]]
    with pytest.raises(ComputeError):
        plan_batches([" ", ""])


def test_rescale_batches_hand_computed():
    """Batch 2 is on a scale where the anchor reads twice as high: its terms are halved,
    then everything is scaled so the maximum is 100."""
    idx = pd.to_datetime(["2024-01-07", "2024-01-14"])
    b1 = pd.DataFrame({"a": [10, 20], "x": [5, 5]}, index=idx)
    b2 = pd.DataFrame({"a": [20, 40], "y": [100, 50]}, index=idx)
    out = rescale_batches([b1, b2], "a")
    # factor = (10+20)/(20+40) = 0.5 → y = [50, 25]; max = 50 → ×2 → a=[20,40], x=[10,10], y=[100,50]
    assert out["y"].tolist() == [100.0, 50.0]
    assert out["a"].tolist() == [20.0, 40.0]
    assert out["x"].tolist() == [10.0, 10.0]


def test_rescale_refuses_an_anchor_without_interest():
    idx = pd.to_datetime(["2024-01-07"])
    with pytest.raises(ComputeError) as err:
        rescale_batches([pd.DataFrame({"a": [3]}, index=idx), pd.DataFrame({"a": [0], "b": [9]}, index=idx)], "a")
    assert "anchor" in str(err.value)


def test_live_pull_through_real_pytrends_with_anchored_batches():
    sleeps: list[float] = []
    with TrendsServer(SERIES) as srv:
        pull = interest_over_time_backend(list(SERIES), geo="FR", anchor="café", base_url=srv.base_url,
                                          sleep=sleeps.append)
        calls = list(srv.requests)
    assert pull.batches == 2 and pull.anchor == "café"
    assert calls.count("POST /trends/api/explore") == 2
    wide = pull.frame.pivot(index="date", columns="term", values="value")
    assert set(wide.columns) == set(SERIES)
    # each batch came back scaled 0-100 on its own; after rescaling, the ratios between
    # keywords of different batches are those of the true series (up to Google's rounding)
    truth = pd.DataFrame(SERIES, index=wide.index)
    expected = truth * 100 / truth.max().max()
    assert (wide[expected.columns] - expected).abs().max().max() <= 2.0
    assert pull.frame["partial"].sum() == len(SERIES)  # the last week is partial for every term
    assert pull.frame["date"].min() == pd.Timestamp("2022-01-02")
    assert sleeps == [1.0]  # the polite pause between batches, no retry


def test_category_is_sent_to_google():
    with TrendsServer({"café": [1, 2]}) as srv:
        interest_over_time_backend(["café"], category=71, base_url=srv.base_url, sleep=lambda _s: None)
        assert srv.categories == [71]


def test_google_refusals_are_retried_with_backoff_outside_pytrends():
    sleeps: list[float] = []
    small = {k: SERIES[k] for k in ("café", "thé")}
    with TrendsServer(small, script=[200, 429, 429]) as srv:  # cookie ok, then two refusals
        pull = interest_over_time_backend(list(small), base_url=srv.base_url, sleep=sleeps.append, backoff=2.0)
    assert sleeps == [2.0, 4.0]
    assert pull.attempts == 1 + 3
    assert pull.frame["term"].nunique() == 2


def test_persistent_refusal_becomes_one_clear_network_error():
    with TrendsServer(SERIES, script=[200] + [429] * 10) as srv:
        with pytest.raises(NetworkError) as err:
            interest_over_time_backend(["café"], base_url=srv.base_url, sleep=lambda _s: None, retries=2)
    assert "429" in str(err.value) and "3 attempts" in str(err.value)
    assert "import-trends" in err.value.hint


def test_unreachable_google_is_a_network_error():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(NetworkError) as err:
        interest_over_time_backend(["café"], base_url=f"http://127.0.0.1:{port}/trends", sleep=lambda _s: None,
                                   retries=1, timeout=(0.5, 0.5))
    assert "could not be reached" in str(err.value)


def test_url_constants_are_restored_after_the_call():
    import pytrends.request as pr

    before = (pr.BASE_TRENDS_URL, pr.TrendReq.GENERAL_URL)
    with TrendsServer({"café": [1, 2]}) as srv:
        interest_over_time_backend(["café"], base_url=srv.base_url, sleep=lambda _s: None)
    assert (pr.BASE_TRENDS_URL, pr.TrendReq.GENERAL_URL) == before
    assert before[0].startswith("https://trends.google.com")


def test_report_falls_back_to_imported_csv_when_google_refuses(example_case):
    from toolkit.case import load_case
    from veille.commands import load_trends
    from veille.trends_live import interest_over_time_backend as real

    case = load_case(example_case)
    with TrendsServer(SERIES, script=[200] + [429] * 10) as srv:
        def backend(*args, **kw):
            return real(*args, base_url=srv.base_url, sleep=lambda _s: None, retries=1, **kw)

        data = load_trends(case, live=True, backend=backend)
    assert data.warning and "429" in data.warning
    assert set(data.interest["term"]) == {"café de spécialité", "café en grains", "abonnement café"}
    assert set(data.interest["origin"]) == {"csv"}


def test_a_successful_live_pull_is_cached_and_preferred(example_case):
    from toolkit.case import load_case
    from veille.commands import load_trends
    from veille.trends_cache import open_trends_cache
    from veille.trends_live import interest_over_time_backend as real

    case = load_case(example_case)
    series = {"café de spécialité": [40, 50, 60], "café en grains": [70, 70, 70], "abonnement café": [5, 9, 20]}
    with TrendsServer(series, start=dt.date(2027, 6, 6)) as srv:
        def backend(*args, **kw):
            return real(*args, base_url=srv.base_url, sleep=lambda _s: None, **kw)

        data = load_trends(case, live=True, backend=backend)
    assert data.warning is None
    assert set(data.interest["origin"]) == {"pytrends"}
    pulls = open_trends_cache(case).pulls("timeline")
    live = [p for p in pulls if p.origin == "pytrends"]
    assert len(live) == 1 and live[0].params["geo"] == "FR" and live[0].params["timeframe"] == "today 5-y"


def test_rescaling_recovers_true_proportions_for_any_batching():
    """Property: whatever the true series, Google-style per-batch 0–100 scaling followed by
    rescale_batches gives back the true proportions (100 × value / overall max)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    n_dates = 4
    positive = st.lists(st.floats(min_value=1, max_value=1000, allow_nan=False), min_size=n_dates, max_size=n_dates)

    @settings(max_examples=60, deadline=None)
    @given(anchor=positive, others=st.lists(positive, min_size=1, max_size=11))
    def check(anchor, others):
        idx = pd.date_range("2024-01-07", periods=n_dates, freq="W-SUN")
        truth = pd.DataFrame({"anchor": anchor, **{f"k{i}": v for i, v in enumerate(others)}}, index=idx)
        batches = plan_batches(list(truth.columns), anchor="anchor")
        observed = []
        for batch in batches:
            part = truth[batch]
            observed.append(part * 100 / part.max().max())  # each request scaled on its own
        out = rescale_batches(observed, "anchor")
        expected = truth * 100 / truth.max().max()
        assert (out[expected.columns] - expected).abs().max().max() < 1e-6

    check()


def test_missing_pytrends_is_a_clear_error_naming_the_extra(monkeypatch):
    """pytrends is an optional extra: without it the live pull says how to install it."""
    import sys

    from toolkit.errors import ToolkitError
    from veille.trends_live import interest_over_time_backend

    monkeypatch.setitem(sys.modules, "pytrends", None)
    monkeypatch.setitem(sys.modules, "pytrends.request", None)
    with pytest.raises(ToolkitError) as info:
        interest_over_time_backend(["café"], sleep=lambda _s: None)
    assert "marketing-toolkit[trends]" in (info.value.hint or "")
    assert "pytrends" in info.value.message
