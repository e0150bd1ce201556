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
