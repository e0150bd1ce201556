"""The bundled example case: its sources (case.yaml + OPML) and feed snapshots load offline."""

from __future__ import annotations

from toolkit.case import AXES, load_case
from veille.feeds import load_snapshots
from veille.store import open_store
from veille.watchlist import load_sources


def test_example_case_sources_and_snapshots(example_case):
    case = load_case(example_case)
    sources = load_sources(case)
    assert 12 <= len(sources) <= 16
    assert {s.axis for s in sources} == set(AXES)  # every axis of the certification is watched
    assert {"presse", "blog", "institution", "concurrent", "google_alerts"} <= {s.type for s in sources}
    assert {s.origin for s in sources} == {"case.yaml", "opml"}
    with open_store(case) as store:
        report = load_snapshots(case.path(case.config.watch.snapshots), sources, store)
        assert [r.status for r in report.results] == ["ok"] * len(sources), report.failures()
        assert all(15 <= r.entries <= 40 for r in report.results)
        assert report.duplicates > 0  # alerts and republished articles
        assert [r.source.name for r in report.warnings()] == ["Forum Barista & Co"]  # one malformed feed
        df = store.entries_frame()
        assert len(df) == report.new
        assert df.published.notna().all()
        assert df.published.min().year == 2026 and df.published.max() < df.published.max().replace(year=2027, month=6, day=30, hour=23)
        alerts = df[df.type == "google_alerts"]
        assert len(alerts) > 0 and not alerts.link.str.contains("google.com/url").any()
        assert not df.title.str.contains("<b>").any()
        for theme in ("EUDR", "IA générative", "TikTok", "compostable", "abonnement", "Café Lumen"):
            assert df.title.str.contains(theme, case=False).any(), theme
        # a second load adds nothing: the history is deduplicated
        again = load_snapshots(case.path(case.config.watch.snapshots), sources, store)
        assert again.new == 0 and len(store) == len(df)
