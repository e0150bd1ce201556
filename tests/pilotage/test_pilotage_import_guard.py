"""The import never counts twice, never takes an impossible value silently, never loses data.

Issue #10 ("double counting on import") and issue #11 (the import defects): each test is
named after what broke.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilotage.commands import import_exports, undo_import
from pilotage.readers import read_export
from pilotage.store.actuals import actuals_path, load_actuals
from toolkit.case import load_case
from toolkit.errors import InputError

META = ("Début des rapports,Fin des rapports,Nom de la campagne,Impressions,Montant dépensé (EUR),"
        "Clics sur un lien\n")


def meta_rows(days: int = 30, spend: str = "10.50") -> str:
    return "".join(f"2027-04-{d:02d},2027-04-{d:02d},Retargeting,1000,{spend},20\n" for d in range(1, days + 1))


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture()
def case(example_case: Path):
    return load_case(example_case)


# --------------------------------------------------------------------------- double counting


def test_same_export_and_its_excel_resave_in_one_batch_are_counted_once(case, tmp_path: Path) -> None:
    a = write(tmp_path / "a.csv", META + meta_rows())
    # the same export re-saved by a French Excel: ';', cp1252, decimal comma, CRLF
    resaved = (META + meta_rows()).replace(",", ";").replace("10.50", "10,50").replace("\n", "\r\n")
    b = write(tmp_path / "a-resaved-by-excel.csv", resaved, "cp1252")
    s = import_exports(case, [str(a), str(b)])
    stored = load_actuals(case)
    assert len(stored) == 30
    assert stored["spend"].sum() == pytest.approx(30 * 10.5)  # not 630
    assert any("a.csv" in w and "a-resaved-by-excel.csv" in w and "dropped" in w for w in s.warnings)


def test_monthly_rows_over_stored_daily_rows_replace_them(case, tmp_path: Path) -> None:
    import_exports(case, [str(write(tmp_path / "daily.csv", META + meta_rows()))])
    monthly = write(tmp_path / "monthly.csv", META + "2027-04-01,2027-04-30,Retargeting,30000,315.00,600\n")
    s = import_exports(case, [str(monthly)])
    stored = load_actuals(case)
    assert len(stored) == 1 and stored["spend"].sum() == pytest.approx(315.0)
    assert s.replaced == 30 and any("daily.csv" in w for w in s.warnings)


def test_daily_and_monthly_of_one_campaign_in_one_batch_keep_the_later_file(case, tmp_path: Path) -> None:
    daily = write(tmp_path / "daily.csv", META + meta_rows())
    monthly = write(tmp_path / "monthly.csv", META + "2027-04-01,2027-04-30,Retargeting,30000,315.00,600\n")
    s = import_exports(case, [str(daily), str(monthly)])
    assert load_actuals(case)["spend"].sum() == pytest.approx(315.0)
    assert any("daily.csv: 30 of 30 rows dropped" in w and "monthly.csv" in w for w in s.warnings)


def test_reimport_without_the_spend_column_keeps_the_stored_spend(case, tmp_path: Path) -> None:
    import_exports(case, [str(write(tmp_path / "full.csv", META + meta_rows()))])
    no_spend = "Début des rapports,Fin des rapports,Nom de la campagne,Impressions,Clics sur un lien\n" + "".join(
        f"2027-04-{d:02d},2027-04-{d:02d},Retargeting,1200,25\n" for d in range(1, 31))
    s = import_exports(case, [str(write(tmp_path / "nospend.csv", no_spend))])
    stored = load_actuals(case)
    assert stored["spend"].sum() == pytest.approx(315.0)  # earlier data not lost
    assert stored["impressions"].sum() == 30 * 1200  # the new values are taken
    assert any("'spend': 30 stored value(s) kept" in w for w in s.warnings)


# --------------------------------------------------------------------------- plausibility


def test_negative_spend_is_refused_and_the_store_is_untouched(case, tmp_path: Path) -> None:
    import_exports(case, [str(write(tmp_path / "good.csv", META + meta_rows()))])
    before = actuals_path(case).read_bytes()
    bad = write(tmp_path / "bad.csv", META + meta_rows(3) + "2027-04-04,2027-04-04,Retargeting,1000,-10.50,20\n")
    with pytest.raises(InputError) as err:
        import_exports(case, [str(bad)])
    text = str(err.value)
    assert "bad.csv:5" in text and "negative" in text and "Montant dépensé (EUR)" in text
    assert actuals_path(case).read_bytes() == before


def test_meta_reporting_start_after_end_is_refused(tmp_path: Path) -> None:
    f = write(tmp_path / "swapped.csv", META + "2027-04-30,2027-04-01,Retargeting,30000,315.00,600\n")
    with pytest.raises(InputError, match=r"start after they end \(line 2\).*2027-04-30 → 2027-04-01"):
        read_export(f)


def test_meta_export_with_an_empty_date_column_is_refused(tmp_path: Path) -> None:
    text = META + "".join(",,Retargeting,1000,10.50,20\n" for _ in range(152))
    with pytest.raises(InputError, match="empty on every row \\(152 rows\\)"):
        read_export(write(tmp_path / "nodates.csv", text))


def test_negative_conversion_value_is_imported_with_a_warning(tmp_path: Path) -> None:
    text = "date,campaign,spend,conversion_value\n2027-04-01,A,10,50\n2027-04-02,A,10,-20\n"
    r = read_export(write(tmp_path / "refund.csv", text))
    assert r.frame["conversion_value"].tolist() == [50, -20]
    assert any("negative" in w and "line 3" in w for w in r.warnings)


# --------------------------------------------------------------------------- partial files


def test_truncated_export_names_the_unclosed_quote_line(tmp_path: Path) -> None:
    text = META.replace(",", '","').replace('\n', '"\n')
    text = '"' + text + "".join(f'"2027-04-{d:02d}","2027-04-{d:02d}","Retargeting","1000","10.50","20"\n'
                                for d in range(1, 11))
    cut = write(tmp_path / "cut.csv", text + '"2027-04-11","2027-04-11","Retarg')
    with pytest.raises(InputError) as err:
        read_export(cut)
    msg = str(err.value)
    assert "cut.csv:12" in msg and "incomplete" in msg and "quoted field" in msg
    assert "more fields" not in msg and "C error" not in msg and "--accept-partial" in msg
    r = read_export(cut, accept_partial=True)
    assert r.rows == 10 and any("incomplete file" in w for w in r.warnings)


def test_export_cut_in_the_middle_of_a_row_is_refused_by_default(tmp_path: Path) -> None:
    cut = write(tmp_path / "cut.csv", META + meta_rows(10) + "2027-04-11,2027-04-11,Retarg")
    with pytest.raises(InputError, match=r"cut.csv:12.*in the middle of the row"):
        read_export(cut)
    assert read_export(cut, accept_partial=True).rows == 10


def test_a_line_with_too_many_fields_is_located_without_parser_jargon(tmp_path: Path) -> None:
    f = write(tmp_path / "extra.csv", META + meta_rows(3) + "2027-04-04,2027-04-04,Retargeting,1000,10,50,20\n")
    with pytest.raises(InputError) as err:
        read_export(f)
    assert "extra.csv:5" in str(err.value) and "7 fields" in str(err.value) and "C error" not in str(err.value)


# --------------------------------------------------------------------------- history and undo


def test_undo_restores_the_store_before_the_last_import(case, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nothing to undo"):
        undo_import(case)
    import_exports(case, [str(write(tmp_path / "one.csv", META + meta_rows()))])
    first = load_actuals(case)
    import_exports(case, [str(write(tmp_path / "two.csv", META + meta_rows(spend="99")))])
    assert load_actuals(case)["spend"].sum() == pytest.approx(30 * 99)
    assert "restored" in undo_import(case)
    pd.testing.assert_frame_equal(load_actuals(case), first)
    assert "removed" in undo_import(case)  # before the first import there was no store
    assert not actuals_path(case).exists()


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-16-le"])
def test_utf32_and_bomless_meta_exports_are_read_with_their_real_columns(tmp_path: Path, encoding: str) -> None:
    # issue #11: a UTF-32 Meta export was refused with NUL-spaced garbage column names
    r = read_export(write(tmp_path / "meta.csv", META + meta_rows(5), encoding))
    assert (r.platform, r.rows) == ("meta", 5)
    assert r.frame["spend"].sum() == pytest.approx(52.5)
