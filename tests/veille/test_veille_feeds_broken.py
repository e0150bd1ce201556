"""Feeds as they really come (issue #11): French textual dates, malformed items."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

from veille.feeds import parse_feed_bytes, parse_feed_date

UTC = dt.UTC

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Le Journal du café</title>
{first}
<item><title>Second article lisible</title><link>https://ex.fr/b</link>
<pubDate>mer., 04 févr. 2026 11:00:00 +0100</pubDate><description>Texte deux</description></item>
</channel></rss>"""


@pytest.mark.parametrize(("text", "expected"), [
    ("mar., 03 févr. 2026 10:00:00 +0100", dt.datetime(2026, 2, 3, 9, 0, tzinfo=UTC)),
    ("lun., 2 mars 2026 08:30:00 GMT", dt.datetime(2026, 3, 2, 8, 30, tzinfo=UTC)),
    ("3 février 2026 à 10h00", dt.datetime(2026, 2, 3, 10, 0, tzinfo=UTC)),
    ("Tue, 3 Feb 2026 10:00 CET", dt.datetime(2026, 2, 3, 9, 0, tzinfo=UTC)),
    ("jeu., 31 déc. 2026 23:59:59 -0500", dt.datetime(2027, 1, 1, 4, 59, 59, tzinfo=UTC)),
])
def test_french_and_english_textual_feed_dates(text: str, expected: dt.datetime) -> None:
    assert parse_feed_date(text) == expected


@pytest.mark.parametrize("text", ["", "bientôt", "32 févr. 2026", "3 brumaire 2026", "xyz., 3 févr. 2026"])
def test_unreadable_feed_dates_stay_empty(text: str) -> None:
    assert parse_feed_date(text) is None


def test_french_pubdate_is_stored_as_a_date() -> None:
    feed = RSS.format(first="<item><title>Premier</title><link>https://ex.fr/a</link>"
                            "<pubDate>mar., 03 févr. 2026 10:00:00 +0100</pubDate></item>")
    entries = parse_feed_bytes(feed.encode(), "https://ex.fr/feed").entries
    assert [e.published for e in entries] == [dt.datetime(2026, 2, 3, 9, tzinfo=UTC),
                                              dt.datetime(2026, 2, 4, 10, tzinfo=UTC)]


@pytest.mark.parametrize("first", [
    "<item><title>Premier<link>https://ex.fr/a</link></item>",  # a title left open
    "<item></item>",  # an empty item
    "<item>&&&<<<>>></item>",  # garbage
])
def test_malformed_feed_stores_no_blank_entry_and_keeps_the_readable_item(first: str) -> None:
    parsed = parse_feed_bytes(RSS.format(first=first).encode(), "https://ex.fr/feed")
    assert all(e.title or e.link or e.summary for e in parsed.entries)
    assert ("Second article lisible", "https://ex.fr/b") in [(e.title, e.link) for e in parsed.entries]
    assert parsed.warning


def test_an_item_left_open_does_not_swallow_the_next_one() -> None:
    first = "<item><title>Premier</title><link>https://ex.fr/a</link><description>texte"
    parsed = parse_feed_bytes(RSS.format(first=first).encode(), "https://ex.fr/feed")
    assert [(e.title, e.link) for e in parsed.entries] == [("Premier", "https://ex.fr/a"),
                                                            ("Second article lisible", "https://ex.fr/b")]
    assert parsed.entries[1].summary == "Texte deux"


def test_dates_with_nanoseconds_format_without_a_warning() -> None:
    from toolkit.fmt import fmt_date

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fmt_date(pd.Timestamp(1_770_000_000_123_456_789)) == "02/02/2026"
