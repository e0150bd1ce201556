"""The SQLite feed store: deduplication rules, history across runs, feed state, scale."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.case import load_case
from veille.alerts import is_google_alerts_url, strip_bold, unwrap_google_url
from veille.sources import Source
from veille.store import Entry, FeedStore, normalise_title, open_store
from veille.urls import canonical_url, is_http_url

UTC = dt.UTC
A = Source(url="https://a.example/rss", name="Source A", axis="concurrentielle", type="presse", reliability=4)
B = Source(url="https://b.example/feed", name="Source B", axis="image", type="blog", reliability=2)


def day(d: int, h: int = 8) -> dt.datetime:
    return dt.datetime(2027, 6, d, h, tzinfo=UTC)


class Clock:
    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def store(tmp_path):
    s = FeedStore(tmp_path / "v.sqlite", clock=Clock(day(20).timestamp()))
    yield s
    s.close()


@pytest.mark.parametrize(("raw", "expected"), [
    ("HTTPS://WWW.Exemple.FR/Article/?utm_source=nl&utm_medium=email&id=3#haut", "https://www.exemple.fr/Article?id=3"),
    ("https://exemple.fr/a?fbclid=IwAR0&gclid=xyz&mc_cid=1&mc_eid=2&xtor=RSS-3", "https://exemple.fr/a"),
    ("http://exemple.fr:80/a/", "http://exemple.fr/a"),
    ("https://exemple.fr:8443/a?b=2&a=1", "https://exemple.fr:8443/a?a=1&b=2"),
    ("https://exemple.fr/", "https://exemple.fr/"),
    ("https://exemple.fr", "https://exemple.fr/"),
    ("mailto:someone@exemple.fr", "mailto:someone@exemple.fr"),
    ("", ""),
])
def test_canonical_url_removes_tracking_and_noise(raw, expected):
    assert canonical_url(raw) == expected


def test_only_http_urls_are_fetchable():
    assert is_http_url("https://a.example/rss") and is_http_url("http://a.example")
    for bad in ("file:///etc/passwd", "ftp://a.example/f", "javascript:alert(1)", "https://", "a.example/rss"):
        assert not is_http_url(bad)
    with pytest.raises(ValueError, match="http"):
        Source(url="file:///etc/passwd")
    with pytest.raises(ValueError, match="axis"):
        Source(url="https://a.example", axis="marketing")
    with pytest.raises(ValueError, match="reliability"):
        Source(url="https://a.example", reliability=6)


def test_google_alerts_helpers():
    link = "https://www.google.com/url?rct=j&sa=t&url=https://www.lsa.example/a%3Fx%3D1&ct=ga&cd=CAI&usg=AFQ"
    assert unwrap_google_url(link) == "https://www.lsa.example/a?x=1"
    assert unwrap_google_url("https://www.google.com/url?url=javascript:alert(1)").startswith("https://www.google.com")
    assert unwrap_google_url("https://other.example/url?url=https://x.example") == "https://other.example/url?url=https://x.example"
    assert strip_bold("Le <b>café</b> de <B>Lyon</B >") == "Le café de Lyon"
    assert is_google_alerts_url("https://www.google.fr/alerts/feeds/0123/4567")
    assert not is_google_alerts_url("https://www.google.fr/search?q=x")


def test_normalised_title_ignores_accents_case_and_punctuation():
    assert normalise_title("Café : l'EUDR entre en vigueur !") == normalise_title("cafe  L EUDR entre en vigueur")


def test_guid_dedup_is_per_feed_and_links_dedup_across_feeds(store):
    e1 = Entry(title="Le prix de l'arabica bondit de 12 %", link="https://news.example/arabica?utm_source=rss",
               guid="g1", published=day(1))
    assert store.add_entries(A, [e1]) == (1, 0)
    # same guid, same feed, even with another link → duplicate
    assert store.add_entries(A, [Entry(title="Autre titre tout à fait différent ici", link="https://news.example/z",
                                       guid="g1", published=day(10))]) == (0, 1)
    # same guid from another feed but another article → new
    assert store.add_entries(B, [Entry(title="Un tout autre sujet sur les emballages", link="https://b.example/1",
                                       guid="g1", published=day(2))]) == (1, 0)
    # the same article through another feed, with tracking and a fragment → duplicate
    assert store.add_entries(B, [Entry(title="Arabica : le prix bondit", link="https://NEWS.example/arabica/?fbclid=1#top",
                                       guid="zz", published=day(15))]) == (0, 1)
    assert len(store) == 2


def test_near_identical_titles_within_three_days_are_duplicates(store):
    t = "EUDR : les torréfacteurs face au règlement déforestation"
    assert store.add_entries(A, [Entry(title=t, link="https://a.example/1", published=day(1))]) == (1, 0)
    same_soon = Entry(title="EUDR – les torréfacteurs face au règlement déforestation !", link="https://b.example/x",
                      published=day(3, 20))
    assert store.add_entries(B, [same_soon]) == (0, 1)
    later = Entry(title=t, link="https://b.example/y", published=day(8))  # 7 days later: a new article
    assert store.add_entries(B, [later]) == (1, 0)
    short = [Entry(title="Édito", link=f"https://a.example/edito-{i}", published=day(1)) for i in range(3)]
    assert store.add_entries(A, short) == (3, 0)  # rubric titles are never compared


def test_duplicates_inside_one_batch_are_caught(store):
    e = Entry(title="Abonnements café : le marché progresse", link="https://a.example/abo", guid="x", published=day(2))
    assert store.add_entries(A, [e, e, Entry(title=e.title, link="https://a.example/abo?utm_campaign=z", guid="y",
                                             published=day(2))]) == (1, 2)


def test_first_seen_history_builds_over_runs(tmp_path):
    clock = Clock(day(1).timestamp())
    s = FeedStore(tmp_path / "h.sqlite", clock=clock)
    s.add_entries(A, [Entry(title="Premier article de la veille café", link="https://a.example/1")])
    clock.t = day(9).timestamp()
    s.add_entries(A, [Entry(title="Premier article de la veille café", link="https://a.example/1"),
                      Entry(title="Deuxième article de la veille café", link="https://a.example/2")])
    s.close()
    s = FeedStore(tmp_path / "h.sqlite")  # reopened: history kept on disk
    df = s.entries_frame()
    assert list(df.first_seen) == [day(1), day(9)]
    assert df.published.isna().all()  # no date in the feed: NaT, filtering uses first_seen
    assert len(s.entries_frame(since=dt.date(2027, 6, 5))) == 1
    assert len(s.entries_frame(until="2027-06-01")) == 1
    s.close()


def test_entries_from_mappings_and_html_cleaning(store):
    new, dup = store.add_entries(B, [{"title": "<b>Reels</b> &amp; TikTok : la vidéo courte s'impose",
                                      "link": "https://b.example/reels", "summary": "<p>Texte&nbsp;<i>riche</i></p>",
                                      "published": "2027-06-03T10:00:00+02:00", "id": "r1"}])
    assert (new, dup) == (1, 0)
    row = store.entries_frame().iloc[0]
    assert row.title == "Reels & TikTok : la vidéo courte s'impose"
    assert row.summary == "Texte riche"
    store.add_entries(B, [Entry(title="Un article avec un script embarqué dedans",
                                link="https://b.example/s", summary="<p>Avant</p><script>alert('x')</script><style>p{}</style>Après")])
    assert store.entries_frame().summary.iloc[-1] == "Avant Après"
    assert row.published == dt.datetime(2027, 6, 3, 8, tzinfo=UTC)
    assert (row.axis, row.type, row.reliability, row.source_name) == ("image", "blog", 2, "Source B")


def test_feed_state_round_trip_and_status_frame(store):
    assert store.feed_state(A.url).etag is None and not store.feed_state(A.url).gone
    store.register_sources([A, B])
    store.save_feed_state(A.url, '"e1"', "Wed, 09 Jun 2027 10:00:00 GMT", "ok", None, "https://a.example/new", False,
                          http_status=200)
    store.save_feed_state(B.url, None, None, "gone", "HTTP 410 Gone", None, True, http_status=410)
    st = store.feed_state(A.url)
    assert (st.etag, st.last_modified, st.last_status, st.redirected_to, st.last_http) == (
        '"e1"', "Wed, 09 Jun 2027 10:00:00 GMT", "ok", "https://a.example/new", 200)
    assert st.last_fetch == day(20)
    assert store.feed_state(B.url).gone
    store.add_entries(A, [Entry(title="Un article sur le café vert", link="https://a.example/v")])
    frame = store.feed_status_frame().set_index("url")
    assert frame.loc[A.url, "items"] == 1 and frame.loc[B.url, "items"] == 0
    assert frame.loc[B.url, "gone"] and frame.loc[A.url, "name"] == "Source A"
    assert {"url", "name", "last_status", "last_error", "items", "last_fetch", "redirected_to", "gone"} <= set(frame.reset_index().columns)


def test_open_store_lives_in_the_case_state_folder_in_wal_mode(example_case):
    case = load_case(example_case)
    with open_store(case) as s:
        assert s.path == case.root / ".toolkit" / "veille.sqlite"
    mode = sqlite3.connect(case.root / ".toolkit" / "veille.sqlite").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_store_holds_50000_entries(tmp_path):
    s = FeedStore(tmp_path / "big.sqlite", clock=Clock(day(20).timestamp()))
    base = dt.datetime(2026, 7, 1, tzinfo=UTC)
    entries = [Entry(title=f"Article {i} sur le café de spécialité numéro {i % 977}",
                     link=f"https://big.example/articles/{i}?utm_source=rss",
                     guid=f"id-{i}", published=base + dt.timedelta(minutes=15 * i)) for i in range(50_000)]
    t0 = time.perf_counter()
    for k in range(0, 50_000, 5_000):
        assert s.add_entries(A, entries[k:k + 5_000]) == (5_000, 0)
    insert_s = time.perf_counter() - t0
    assert s.add_entries(A, entries[:1000]) == (0, 1000)
    t0 = time.perf_counter()
    df = s.entries_frame()
    read_s = time.perf_counter() - t0
    assert len(df) == 50_000 and df.entry_id.is_unique
    assert df.published.is_monotonic_increasing
    assert insert_s < 30 and read_s < 10, (insert_s, read_s)  # generous: the benchmark measures speed
    s.close()


def test_empty_store_gives_empty_frames_with_the_documented_columns(store):
    df = store.entries_frame()
    assert df.empty and "published" in df.columns and str(df.published.dt.tz) == "UTC"
    assert store.feed_status_frame().empty
    assert store.add_entries(A, []) == (0, 0)

_segment = st.text(alphabet="abcXYZ019-_.~%", min_size=0, max_size=8)


@settings(max_examples=200, deadline=None)
@given(host=st.sampled_from(["Exemple.FR", "www.a.example", "b.example:8080", "c.example:443"]),
       path=st.lists(_segment, max_size=4), params=st.lists(st.tuples(
           st.sampled_from(["id", "utm_source", "page", "fbclid", "q", "xtor", "mc_cid"]), _segment), max_size=5),
       frag=st.booleans(), slash=st.booleans())
def test_canonical_url_is_idempotent_and_drops_every_tracking_parameter(host, path, params, frag, slash):
    from urllib.parse import urlencode

    url = "https://" + host + "/" + "/".join(path) + ("/" if slash else "")
    if params:
        url += "?" + urlencode(params)
    if frag:
        url += "#section"
    canon = canonical_url(url)
    assert canonical_url(canon) == canon
    assert "#" not in canon and not any(t in canon for t in ("utm_source=", "fbclid=", "xtor=", "mc_cid="))
    assert canon.startswith("https://" + host.lower().removesuffix(":443"))
