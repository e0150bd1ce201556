"""Atomic outputs: a failure never leaves a half-written file."""

from __future__ import annotations

import pytest

from toolkit.files import atomic_path, atomic_write_text


def test_atomic_write_replaces(tmp_path):
    target = tmp_path / "out" / "a.txt"
    atomic_write_text(target, "v1")
    atomic_write_text(target, "v2")
    assert target.read_text() == "v2"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


def test_failure_keeps_previous_version_and_no_temp_file(tmp_path):
    target = tmp_path / "a.txt"
    atomic_write_text(target, "previous")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("crash while writing")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_outputs_get_normal_permissions_not_0600(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        target = atomic_write_text(tmp_path / "note.md", "x")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o664)
    atomic_write_text(target, "y")
    assert target.stat().st_mode & 0o777 == 0o664


def test_csv_text_that_looks_like_a_formula_is_neutralised(tmp_path):
    import pandas as pd

    from toolkit.files import atomic_write_csv

    df = pd.DataFrame({"campagne": ["=HYPERLINK(\"http://x\")", "+cmd", "@SUM(A1)", "-", "Normale"],
                       "clics": [1, -2, 3, 4, 5]})
    path = atomic_write_csv(tmp_path / "a.csv", df)
    text = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+cmd" in text and "'@SUM" in text
    assert "\n-,4" in text  # a lone minus is not a formula
    assert "\n+cmd" not in text and ",-2" in text  # numbers stay numbers


def test_write_template_copies_the_packaged_file_and_never_overwrites_an_edit(tmp_path):
    from importlib import resources

    import pytest

    from toolkit.errors import InputError
    from toolkit.files import write_template

    target = tmp_path / "mission.yaml"
    assert write_template(target, "pilotage", "data", "mission_template.yaml") == [target]
    packaged = resources.files("pilotage").joinpath("data", "mission_template.yaml").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == packaged
    target.write_text("# my edits\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        write_template(target, "pilotage", "data", "mission_template.yaml")
    assert err.value.file == str(target) and "never overwritten" in err.value.hint
    assert target.read_text(encoding="utf-8") == "# my edits\n"
