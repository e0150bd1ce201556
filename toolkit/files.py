"""Atomic output: a crash or an error never leaves a half-written deliverable.

Write to a temporary file in the same folder, then ``os.replace`` it onto the target,
which is atomic on POSIX and Windows. A deliverable open in Word/Excel on Windows makes the
replace fail: that becomes an :class:`~toolkit.errors.OutputError` that says so.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from toolkit.errors import InputError, OutputError

__all__ = [
    "atomic_path", "atomic_write_bytes", "atomic_write_csv", "atomic_write_text", "neutralise_formula", "write_template",
]


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    For libraries that want a path to save to (``Document.save(path)``)::

        with atomic_path(out / "plan.docx") as tmp:
            doc.save(tmp)
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror}", file=target.parent) from exc
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        # mkstemp creates 0600 files: give the deliverable the mode a normal file would have
        # (the previous version's mode when replacing one).
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise OutputError(
                "cannot replace the file (is it open in another program?)",
                file=target,
                hint="close it and run the command again; the previous version is intact",
            ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and return the target path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def atomic_write_text(target: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically (UTF-8, ``\\n`` newlines) and return the path."""
    return atomic_write_bytes(target, text.encode(encoding))


def write_template(target: Path, package: str, *resource: str) -> list[Path]:
    """Copy a packaged template (``package``'s data file ``resource``) to ``target``, atomically,
    and never over an existing file: the user's edits are kept (one located error instead)."""
    from importlib import resources

    if target.exists():
        raise InputError(f"{target.name} already exists", file=str(target), hint="edit it; it is never overwritten")
    atomic_write_text(target, resources.files(package).joinpath(*resource).read_text(encoding="utf-8"))
    return [target]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_formula(value: object) -> object:
    """Text that a spreadsheet would run as a formula (``= + - @``, tab, CR, LF first) gets a
    leading ``'``; anything else is returned unchanged. A lone ``-`` or ``+`` is kept.

    The one rule for every CSV and XLSX the toolkit writes (see ``safe_cell_value``)."""
    if isinstance(value, str) and len(value) > 1 and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def atomic_write_csv(target: str | Path, frame, *, sep: str = ",", encoding: str = "utf-8-sig",
                     **to_csv: object) -> Path:
    """Write a DataFrame as CSV atomically, text cells neutralised against formula injection.

    ``utf-8-sig`` (with BOM) by default so that Excel opens accents correctly; other keyword
    arguments go to ``DataFrame.to_csv`` (``date_format``, ``float_format`` …).
    """
    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object or str(safe[col].dtype) in ("string", "str"):
            safe[col] = safe[col].map(neutralise_formula)
    text = safe.to_csv(index=False, sep=sep, lineterminator="\n", **to_csv)
    return atomic_write_bytes(target, text.encode(encoding))
