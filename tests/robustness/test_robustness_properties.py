"""Property-based tests on the readers (issue #11): whatever the bytes, a table or one InputError.

Hypothesis generates files (arbitrary bytes, and tables written the ways users' tools write
them); the readers must either read them or raise :class:`~toolkit.errors.InputError` —
never another exception — and must read back the numbers a French or English tool wrote.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.fmt import fmt_number
from toolkit.io import parse_number, read_table

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _write(data: bytes, suffix: str = ".csv") -> Path:
    folder = Path(tempfile.mkdtemp(prefix="toolkit-prop-"))
    path = folder / f"file{suffix}"
    path.write_bytes(data)
    return path


@SETTINGS
@given(st.binary(max_size=2000))
def test_read_table_on_any_bytes_reads_or_says_why(data: bytes) -> None:
    try:
        read_table(_write(data))
    except InputError as err:
        assert "file.csv" in str(err)


@SETTINGS
@given(st.binary(max_size=2000))
def test_platform_readers_on_any_bytes_read_or_say_why(data: bytes) -> None:
    from pilotage.readers import read_export

    try:
        read_export(_write(data))
    except InputError as err:
        assert "file.csv" in str(err)


_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@SETTINGS
@given(st.lists(st.lists(_CELL, min_size=1, max_size=5), min_size=1, max_size=12),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-32"]))
def test_any_text_table_in_any_encoding_reads_or_says_why(rows: list[list[str]], sep: str, encoding: str) -> None:
    text = "\n".join(sep.join(r) for r in rows) + "\n"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    try:
        read_table(_write(data))
    except InputError:
        pass


@SETTINGS
@given(st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), min_size=3, max_size=30),
       st.sampled_from(["fr", "en"]))
def test_numbers_written_by_a_french_or_english_tool_read_back(values: list[float], lang: str) -> None:
    sep = ";" if lang == "fr" else ","
    cells = [fmt_number(v, lang, 2) for v in values]
    text = f"jour{sep}montant\n" + "".join(f"2027-01-{i % 28 + 1:02d}{sep}\"{c}\"\n" for i, c in enumerate(cells))
    frame = read_table(_write(text.encode("utf-8"))).frame
    got = frame["montant"].astype(float).tolist()
    assert got == pytest.approx(values, abs=0.0051)  # written with 2 decimals, half away from zero


@SETTINGS
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.sampled_from(["fr", "en"]))
def test_scalar_parse_reads_what_fmt_writes(value: float, lang: str) -> None:
    text = fmt_number(value, lang, 2)
    decimal = "," if lang == "fr" else "."
    assert parse_number(text, decimal) == pytest.approx(value, abs=0.0051)


# ---------------------------------------------------------------------------------------------------
# Every reader of a user's file: whatever the bytes, a result or one ToolkitError naming the file.


def _readers() -> dict[str, tuple[str, object]]:
    """name → (file name to write the bytes to, the reader called on its path)."""
    from personas.model import read_personas_file
    from pilotage.mission.boards import read_board
    from pilotage.presence.exports import read_calendar, read_meta_posts, read_search_console
    from pilotage.presence.model import load_presence
    from pilotage.readers.kpi_input import read_kpi_input
    from pilotage.supports.readers import read_html, read_pdf, read_subtitles
    from toolkit.case import read_yaml
    from veille.marche.inputs import read_market_file
    from veille.opml import read_opml
    from veille.trends import read_trends_csv

    return {
        "trends": ("multiTimeline.csv", read_trends_csv),
        "opml": ("feeds.opml", read_opml),
        "kpi-input": ("indicateurs-mensuels.csv", read_kpi_input),
        "market-workbook": ("marche.xlsx", read_market_file),
        "yaml": ("case.yaml", lambda p: read_yaml(p, p.name)),
        "personas-yaml": ("personas.yaml", read_personas_file),
        "presence-yaml": ("presence.yaml", load_presence),
        "calendar": ("calendrier.csv", read_calendar),
        "meta-posts": ("instagram-contenu.csv", read_meta_posts),
        "search-console": ("Requêtes.csv", read_search_console),
        "board": ("board.json", read_board),
        "support-html": ("page.html", read_html),
        "support-pdf": ("flyer.pdf", read_pdf),
        "subtitles": ("reel.vtt", read_subtitles),
    }


READERS = list(_readers())
#: Bytes users' files turn into: anything, and text starting like the real thing then going wrong.
_PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"PK\x03\x04", b"%PDF-1.7\n", b"<?xml version='1.0'?>\n<opml>",
             b"WEBVTT\n\n00:00:01.000 --> ", b"Date;Canal;Th\xe8me\n", b"personas:\n- id: ", b"{\"cards\": [",
             b"Semaine,caf\xc3\xa9\n"]


@pytest.mark.parametrize("reader", READERS)
@SETTINGS
@given(prefix=st.sampled_from(_PREFIXES), data=st.binary(max_size=600))
def test_every_reader_on_any_bytes_reads_or_names_the_file(reader: str, prefix: bytes, data: bytes) -> None:
    from toolkit.errors import ToolkitError

    name, read = _readers()[reader]
    path = _write(prefix + data, suffix="")
    path = path.rename(path.with_name(name))
    try:
        read(path)  # type: ignore[operator]
    except ToolkitError as err:
        assert name in str(err), str(err)
