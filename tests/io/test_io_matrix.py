"""Fixture matrix: encodings × separators × decimal styles, written on the fly in tmp_path.

Every combination must give the same typed frame and report what it detected.
"""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from toolkit.io import (
    ColumnSpec,
    TableSchema,
    detect_encoding,
    iter_table,
    read_table,
    sniff_separator,
)

SCHEMA = TableSchema(
    "ventes",
    (
        ColumnSpec("date", "date", aliases=("Jour", "Day")),
        ColumnSpec("campaign", "text", aliases=("Campagne",)),
        ColumnSpec("cost", "currency", aliases=("Coût (EUR)", "Cost")),
        ColumnSpec("clicks", "integer", aliases=("Clics", "Clicks")),
        ColumnSpec("ctr", "percent", aliases=("Taux de clics", "CTR")),
    ),
)

ROWS = [
    (dt.date(2024, 9, 1), "Rentrée, offre « café »", 1234.56, 1200, 0.125),
    (dt.date(2024, 9, 2), "Noël", 0.5, 3, 0.0325),
    (dt.date(2024, 9, 13), "Marque", 98765.4, 45000, 1.0),
]

ENCODINGS = {
    "utf-8": ("utf-8", b""),
    "utf-8-bom": ("utf-8", codecs.BOM_UTF8),
    "utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE),
    "cp1252": ("cp1252", b""),
}
EXPECTED_ENCODING = {
    "utf-8": ("utf-8", False),
    "utf-8-bom": ("utf-8", True),
    "utf-16-le-bom": ("utf-16-le", True),
    "utf-16-be-bom": ("utf-16-be", True),
    "cp1252": ("cp1252", False),
}
# decimal style: (thousands, decimal, date format)
STYLES = {
    "fr_space": (" ", ",", "%d/%m/%Y"),
    "fr_nbsp": ("\u00a0", ",", "%d/%m/%Y"),
    "fr_nnbsp": ("\u202f", ",", "%d-%m-%Y"),
    "en": (",", ".", "%Y-%m-%d"),
    "de": (".", ",", "%d.%m.%Y"),
    "plain": ("", ".", "%Y%m%d"),
}


def _num(x: float, thousands: str, decimal: str, decimals: int = 2) -> str:
    text = f"{x:,.{decimals}f}".replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)
    return text


def _quote(cell: str, sep: str) -> str:
    return f'"{cell}"' if (sep in cell or '"' in cell) else cell


def write_table(path, encoding: str, sep: str, style: str, preamble: bool) -> None:
    codec, bom = ENCODINGS[encoding]
    thousands, decimal, date_fmt = STYLES[style]
    lines = []
    if preamble:
        lines += ["Rapport des campagnes", "1 septembre 2024 - 30 septembre 2024", ""]
    lines.append(sep.join(["Jour", "Campagne", "Coût (EUR)", "Clics", "Taux de clics"]))
    for day, camp, cost, clicks, ctr in ROWS:
        cells = [
            day.strftime(date_fmt),
            camp,
            _num(cost, thousands, decimal) + (" €" if style.startswith("fr") else ""),
            _num(clicks, thousands, decimal, 0),
            _num(ctr * 100, thousands, decimal, 2) + ("\u00a0%" if style.startswith("fr") else "%"),
        ]
        lines.append(sep.join(_quote(c, sep) for c in cells))
    total = ["Total", "", _num(sum(r[2] for r in ROWS), thousands, decimal), "", " --"]
    lines.append(sep.join(_quote(c, sep) for c in total))
    text = "\r\n".join(lines) + "\r\n"
    if codec == "cp1252":
        text = text.replace("\u202f", "\u00a0")  # cp1252 has no narrow no-break space
    path.write_bytes(bom + text.encode(codec))


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_matrix_reads_the_same_table(tmp_path, encoding, sep, style):
    path = tmp_path / "export.csv"
    preamble = style in ("fr_space", "en")
    write_table(path, encoding, sep, style, preamble)
    result = read_table(path, SCHEMA)
    frame, report = result.frame, result.report

    assert (report.encoding, report.bom) == EXPECTED_ENCODING[encoding]
    assert report.separator == sep
    assert report.decimal == STYLES[style][1]
    assert report.header_line == (4 if preamble else 1)
    assert report.preamble == (["Rapport des campagnes", "1 septembre 2024 - 30 septembre 2024"] if preamble else [])
    assert report.rows_read == 4 and report.rows_kept == 3
    assert report.dropped == ((report.header_line + 4, "ligne de total"),)
    assert report.bad_value_count == 0, report.bad_values
    assert list(frame.columns) == ["date", "campaign", "cost", "clicks", "ctr"]
    assert [d.date() for d in frame["date"]] == [r[0] for r in ROWS]
    assert frame["campaign"].tolist() == [r[1] for r in ROWS]
    assert frame["cost"].tolist() == pytest.approx([r[2] for r in ROWS])
    assert frame["clicks"].tolist() == [r[3] for r in ROWS]
    assert frame["ctr"].tolist() == pytest.approx([r[4] for r in ROWS])
    assert "lignes lues" in report.summary()


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_detect_encoding_from_bom_or_sample(tmp_path, encoding):
    path = tmp_path / "x.csv"
    write_table(path, encoding, ";", "fr_space", False)
    assert detect_encoding(path) == EXPECTED_ENCODING[encoding]


def test_sniff_separator_ignores_preamble_and_quoted_commas():
    sample = 'Rapport, septembre\n\nA;B;C\n"1,5";"x, y";3\n2,5;z;4\n'
    assert sniff_separator(sample) == ";"
    sample = 'Campaign report\n27 January 2026 - 23 February 2026\na,b,c\n"31,193",1.5,x\n"9,392",2,y\n'
    assert sniff_separator(sample) == ","


def test_iter_table_gives_the_same_rows_in_chunks(tmp_path):
    path = tmp_path / "big.csv"
    lines = ["Jour;Campagne;Coût (EUR);Clics;Taux de clics"]
    for i in range(2500):
        lines.append(f"{(i % 28) + 1:02d}/02/2024;C{i % 7};{i},5;{i};{i % 100},5 %")
    lines.insert(1200, "15/02/2024;C1;abc;3;2 %")  # a bad cost on line 1201
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = read_table(path, SCHEMA)
    it = iter_table(path, SCHEMA, chunksize=700)
    chunks = list(it)
    assert [len(c) for c in chunks] == [700, 700, 700, 401]
    import pandas as pd

    joined = pd.concat(chunks, ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole.frame)
    assert it.report.rows_read == whole.report.rows_read == 2501
    assert it.report.bad_values == whole.report.bad_values == ((1201, "Coût (EUR)", "abc"),)


def test_iter_table_row_numbers_with_bad_lines_in_several_chunks(tmp_path):
    import warnings

    path = tmp_path / "x.csv"
    lines = ["a;b"] + [f"{i};{i},5" for i in range(1000)]
    for at in (950, 420, 10):  # lines 11, 421, 951 of the file get a third field
        lines.insert(at, "9;9;9")
    lines.insert(700, "")  # a blank line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = read_table(path)
    it = iter_table(path, chunksize=300)
    with warnings.catch_warnings(record=True) as mine:
        warnings.simplefilter("always")
        frames = []
        for chunk in it:
            frames.append(chunk)
            warnings.warn("caller warning", UserWarning, stacklevel=1)
    assert len([w for w in mine if "caller warning" in str(w.message)]) == len(frames)
    assert it.report.dropped == whole.report.dropped
    assert (11, "nombre de champs incorrect") in whole.report.dropped
    assert (701, "ligne vide") in whole.report.dropped
    assert sum(len(f) for f in frames) == len(whole.frame) == 1000


def test_utf16_without_bom_is_detected_from_nul_bytes(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_bytes("Campagne\tCoût\nÉté\t12,5\n".encode("utf-16-le"))
    t = read_table(path)
    assert (t.report.encoding, t.report.bom, t.report.separator) == ("utf-16-le", False, "\t")
    assert t.frame["Coût"].tolist() == [12.5] and t.frame["Campagne"].tolist() == ["Été"]


def test_latin1_when_bytes_undefined_in_cp1252_appear(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("nom;code\nA\x81;1\n".encode("latin-1"))
    assert detect_encoding(path) == ("latin-1", False)
    assert read_table(path).frame["code"].tolist() == [1]


def test_forced_encoding_and_separator(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("a|b\n1|Orl\xe9ans\n".encode("latin-1"))
    t = read_table(path, encoding="latin-1", separator="|")
    assert t.frame["b"].tolist() == ["Orléans"] and t.report.separator == "|"
