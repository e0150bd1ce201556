"""Stores that keep history: the previous version of a store is kept before every write.

The actuals table, the feed store and ``personas.yaml`` are rewritten by the commands. Before
each rewrite the current file is copied to ``CASE/.toolkit/history/<name>/`` (the last
:data:`KEEP` versions are kept), so that a bad import can be undone::

    toolkit pilotage undo CASE      # the actuals as they were before the last import
    toolkit veille undo CASE        # the feed store as it was before the last fetch

When the store did not exist yet, an empty marker ``…-absent`` is kept instead: undoing the
first import removes the store. :func:`restore_last` takes the newest version back and
removes it from the history, so a second undo goes one step further back.
"""

from __future__ import annotations

import datetime as _dt
import shutil
from collections.abc import Callable
from pathlib import Path

from toolkit.errors import InputError
from toolkit.files import atomic_path

__all__ = ["KEEP", "history_dir", "keep_previous", "restore_last", "said_undo", "versions"]

#: Versions kept per store.
KEEP = 10
_ABSENT = "absent"


def history_dir(state_dir: Path, name: str) -> Path:
    """``CASE/.toolkit/history/<name>/``."""
    return Path(state_dir) / "history" / name


def versions(state_dir: Path, name: str) -> list[Path]:
    """Kept versions of store ``name``, newest first."""
    d = history_dir(state_dir, name)
    if not d.is_dir():
        return []
    return sorted((p for p in d.iterdir() if p.is_file() and not p.name.startswith(".")), reverse=True)


def keep_previous(state_dir: Path, name: str, target: Path, label: str = "",
                  copy: Callable[[Path, Path], None] | None = None) -> Path:
    """Copy ``target`` as it is now into the history of ``name`` (before it is rewritten).

    ``copy(src, dst)`` copies a store that needs care (a SQLite database: its backup API);
    plain files are copied byte for byte. Returns the version written.
    """
    d = history_dir(state_dir, name)
    d.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    tag = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in label)[:40]
    target = Path(target)
    if not target.exists():
        version = d / f"{stamp}-{_ABSENT}"
        version.write_bytes(b"")
    else:
        version = d / f"{stamp}-{tag or 'version'}{target.suffix}"
        with atomic_path(version) as tmp:
            (copy or shutil.copyfile)(target, tmp)
    for old in versions(state_dir, name)[KEEP:]:
        old.unlink(missing_ok=True)
    return version


def restore_last(state_dir: Path, name: str, target: Path,
                 copy: Callable[[Path, Path], None] | None = None,
                 check: Callable[[Path], object] | None = None) -> tuple[Path, str]:
    """Put the newest kept version of ``name`` back in place of ``target``.

    ``check(version)`` reads the version the way the store is read and raises a
    :class:`~toolkit.errors.ToolkitError` when it cannot be used: a damaged version is refused
    and everything stays as it is (the store and the history), instead of replacing a good store
    by a broken one. Returns ``(version used, what was done)``; the version leaves the history.
    Raises :class:`InputError` when there is nothing to undo.
    """
    d = history_dir(state_dir, name)
    kept = versions(state_dir, name)
    msg = "a folder, not a kept version"
    if not kept:
        folders = sorted(p for p in d.iterdir() if p.is_dir()) if d.is_dir() else []
        if folders:  # only something that is not a kept version: say what is there
            _refuse(folders[-1], name, msg)
        raise InputError(f"nothing to undo: no earlier version of the {name} store is kept",
                         file=d,
                         hint=f"a version is kept before each import or fetch (the last {KEEP}); each undo uses one")
    folders = [p for p in d.iterdir() if p.is_dir()]
    if folders and max(folders).name > kept[0].name:  # the newest entry is a folder: not usable
        _refuse(max(folders), name, msg)
    version = kept[0]
    target = Path(target)
    if not version.name.endswith(_ABSENT) and check is not None:
        from toolkit.errors import ToolkitError

        try:
            check(version)
        except ToolkitError as exc:
            _refuse(version, name, exc.message)
    if version.name.endswith(_ABSENT):
        target.unlink(missing_ok=True)
        done = "removed (it did not exist before)"
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            (copy or shutil.copyfile)(version, tmp)
        done = f"restored from {version.name}"
    version.unlink()
    return version, done


def _refuse(version: Path, name: str, why: str) -> None:
    raise InputError(f"the kept version cannot be put back, it is damaged ({why}); nothing was changed",
                     file=version,
                     hint=f"move this version out of .toolkit/history/{name}/ and run undo again to go one step "
                          "further back")


def said_undo(line: str) -> str:
    """The line an undo returns (``PATH: restored from VERSION`` / ``PATH: removed …``, English as
    the library speaks) in the CLI's language."""
    from toolkit.i18n import _

    path, _sep, done = line.rpartition(": ")
    if done.startswith("restored from "):
        return f"{path} : " + _("cli.undo.restored", version=done.removeprefix("restored from "))
    if done.startswith("removed"):
        return f"{path} : " + _("cli.undo.removed")
    return line
