"""case.yaml: schema, located errors (all at once), did-you-mean, init and check."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from toolkit.case import load_case
from toolkit.errors import CaseError
from toolkit.scaffold import check_case, init_case


def write_case(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "case.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_example_case_is_valid(example_case):
    case = load_case(example_case)
    assert case.config.client.name == "Brûlerie Sauvage"
    assert len(case.config.competitors) >= 3
    assert case.config.client.raison_detre
    assert case.config.client.rse_commitments


def test_all_errors_reported_with_line_numbers_and_hints(tmp_path):
    root = write_case(tmp_path / "c", """\
        version: 1
        client:
          nam: Café X
          valeus: [a]
        brief:
          constraints:
            budget: beaucoup
            digital_maturity: moyen
        output:
          formats: [md, odt]
        """)
    with pytest.raises(CaseError) as info:
        load_case(root)
    issues = info.value.issues
    by_field = {i.field: i for i in issues}
    assert by_field["client.nam"].line == 3
    assert "did you mean 'name'" in by_field["client.nam"].hint
    assert by_field["client.valeus"].line == 4
    assert "did you mean 'values'" in by_field["client.valeus"].hint
    assert by_field["client.name"].message == "this field is required"
    assert by_field["brief.constraints.budget"].line == 7
    assert by_field["brief.constraints.digital_maturity"].line == 8
    assert "did you mean 'moyenne'" in by_field["brief.constraints.digital_maturity"].hint
    assert by_field["output.formats.1"].line == 10
    text = str(info.value)
    assert "case.yaml:3: client.nam: unknown key 'nam'" in text
    assert len(issues) == 6


def test_yaml_syntax_error_is_located(tmp_path):
    root = write_case(tmp_path / "c", "client:\n  name: [unclosed\n")
    with pytest.raises(CaseError) as info:
        load_case(root)
    assert info.value.line is not None
    assert "not valid YAML" in str(info.value)


def test_duplicate_keys_are_refused(tmp_path):
    root = write_case(tmp_path / "c", "client:\n  name: A\n  name: B\n")
    with pytest.raises(CaseError) as info:
        load_case(root)
    assert info.value.issues[0].line == 3


def test_feed_url_must_be_http(tmp_path):
    root = write_case(tmp_path / "c", """\
        client: {name: A}
        watch:
          feeds:
            - url: file:///etc/passwd
        """)
    with pytest.raises(CaseError) as info:
        load_case(root)
    assert info.value.issues[0].field == "watch.feeds.0.url"
    assert info.value.issues[0].line == 4


def test_missing_case_folder(tmp_path):
    with pytest.raises(CaseError, match="does not exist"):
        load_case(tmp_path / "nope")


def test_lang_override(example_case):
    assert load_case(example_case, lang="en").lang == "en"


def test_init_then_check(tmp_path):
    written = init_case(tmp_path / "mon-client", client="Café Test")
    assert (tmp_path / "mon-client" / "case.yaml") in written
    assert (tmp_path / "mon-client" / "data").is_dir()
    report = check_case(tmp_path / "mon-client")
    assert report.ok, report.lines
    assert load_case(tmp_path / "mon-client").config.client.name == "Café Test"


def test_init_refuses_to_overwrite(tmp_path):
    init_case(tmp_path / "c")
    before = (tmp_path / "c" / "case.yaml").read_bytes()
    with pytest.raises(CaseError, match="already exists"):
        init_case(tmp_path / "c")
    assert (tmp_path / "c" / "case.yaml").read_bytes() == before


def test_check_reports_missing_data_file(tmp_path):
    root = write_case(tmp_path / "c", """\
        client: {name: A}
        data:
          customers: data/clients.csv
        """)
    report = check_case(root)
    assert not report.ok
    assert any("data.customers" in p and "fichier introuvable" in p for p in report.problems)


def test_check_collects_schema_problems(tmp_path):
    root = write_case(tmp_path / "c", "client: {nme: A}\n")
    report = check_case(root)
    assert len(report.problems) == 2  # unknown key + missing name


def test_check_reads_exports_with_the_platform_readers_and_validates_the_plan(example_case):
    report = check_case(example_case)
    assert report.ok, report.problems
    text = "\n".join(report.lines)
    assert "google_ads (fr)" in text and "meta (fr)" in text and "ga4 (fr)" in text
    assert "plan : " in text

    plan = example_case / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("objectives:", "objectifs:", 1), encoding="utf-8")
    report = check_case(example_case)
    assert not report.ok
    assert any("plan.yaml:" in p and "objectifs" in p for p in report.problems), report.problems


def test_check_calls_unused_only_the_files_nothing_names(example_case):
    """The files presence.yaml and mission.yaml name, the saved feeds (watch.snapshots) and the KPI input file are
    read by the modules: `case check` must not call them unused (it did, 50 lines on the example). A file that
    nothing names is still reported, one that presence.yaml stops naming becomes unused, and a script is not data."""
    def unused(report) -> list[str]:
        return [ln for ln in report.lines if "nommé nulle part" in ln]

    assert unused(check_case(example_case)) == []
    (example_case / "data" / "presence" / "oublie.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (example_case / "data" / "presence" / "outil.py").write_text("print(1)\n", encoding="utf-8")
    assert [ln.split(" : ")[0] for ln in unused(check_case(example_case))] == ["· data/presence/oublie.csv"]
    presence = example_case / "presence.yaml"
    presence.write_text(presence.read_text(encoding="utf-8").replace(
        "calendar: data/presence/calendrier-editorial.csv\n", ""), encoding="utf-8")
    assert "· data/presence/calendrier-editorial.csv" in [ln.split(" : ")[0] for ln in unused(check_case(example_case))]
    (example_case / "mission.yaml").unlink()
    assert "· data/mission/board.json" in [ln.split(" : ")[0] for ln in unused(check_case(example_case))]
