"""Stores keep history (issue #11): the previous version is kept, undo puts it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import InputError
from toolkit.history import KEEP, keep_previous, restore_last, versions


def test_keep_and_restore_go_back_one_step_at_a_time(tmp_path: Path) -> None:
    state, store = tmp_path / ".toolkit", tmp_path / "store.bin"
    keep_previous(state, "s", store, "first")  # the store does not exist yet
    store.write_bytes(b"v1")
    keep_previous(state, "s", store)
    store.write_bytes(b"v2")
    assert len(versions(state, "s")) == 2
    restore_last(state, "s", store)
    assert store.read_bytes() == b"v1"
    _, done = restore_last(state, "s", store)
    assert "removed" in done and not store.exists()
    with pytest.raises(InputError, match="nothing to undo"):
        restore_last(state, "s", store)


def test_only_the_last_versions_are_kept(tmp_path: Path) -> None:
    state, store = tmp_path / ".toolkit", tmp_path / "store.bin"
    for i in range(KEEP + 5):
        store.write_bytes(str(i).encode())
        keep_previous(state, "s", store)
    kept = versions(state, "s")
    assert len(kept) == KEEP and kept[0].read_bytes() == str(KEEP + 4).encode()


def test_veille_undo_restores_the_store_before_the_last_fetch(example_case: Path) -> None:
    import sqlite3

    from toolkit.case import load_case
    from veille.commands import fetch
    from veille.store import undo_fetch

    fetch(example_case, offline=True)
    db = example_case / ".toolkit" / "veille.sqlite"
    before = sqlite3.connect(db).execute("select count(*) from entries").fetchone()[0]
    assert before > 0
    assert "removed" in undo_fetch(load_case(example_case))  # the first fetch created it
    assert not db.exists()
