"""The broken-input harness (issue #11): every command × a corpus of broken inputs.

For each command of :data:`TARGETS` a case is prepared and the command is run once on good
input (so that earlier outputs and stores exist); then, for each variant of :data:`VARIANTS`,
a copy of that case gets its input broken and the command runs again, in process, through the
real CLI entry point (``toolkit.cli.main``). The guarantee checked on every run:

* the exit code is 0 (the input was still usable, e.g. UTF-16 without BOM), 1 (bad input) or
  2 (usage) — any other exception escapes ``main`` and fails the test with its traceback;
* on exit 1, one message naming the file (its name appears in the message) and no traceback;
* on a failure, the earlier outputs (``out/``) and stores (``.toolkit/``, ``personas.yaml``)
  are byte for byte what they were.

**New modules add their inputs here**: one :class:`Target` in :data:`TARGETS` (the command
line, the input file to break, how to prepare the case, and the columns for the semantic
variants). The corpus: empty (0 bytes), blank, binary, truncated, UTF-16 and UTF-32 without
BOM, Windows-1252, a folder in place of the file, a huge line, a missing column, swapped
dates, negative values, the file missing, a value of the wrong type (text in a number column, a
list where YAML wants a number, an unreadable workbook cell).

Where the input cannot be used at all (missing, a folder, empty, blank, binary, wrong types),
the command must refuse it: exit 1, not a silent 0 (``Target.optional`` names a file the
command may do without, e.g. ``besoin.yaml`` which ``besoin build`` creates when absent).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "brulerie-sauvage"


# --------------------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """A command and the input file the harness breaks.

    ``argv(case, input)`` builds the command line; ``input`` is relative to the case;
    ``prepare(case)`` writes what the command needs (then the harness runs it once on good
    input); ``missing``/``dates``/``negative`` name the columns (or YAML texts) for the
    semantic variants — a variant a target does not support is skipped by construction
    (not collected), never silently passed.
    """

    name: str
    argv: Callable[[Path, Path], list[str]]
    input: str
    prepare: Callable[[Path], None] = lambda case: None
    missing: str | None = None
    dates: tuple[str, str] | None = None
    negative: str | None = None
    yaml_edits: dict[str, tuple[str, str]] = field(default_factory=dict)
    good_exit_on_broken: bool = False  # commands that report a bad input and carry on (feeds)
    numeric: str | None = None  # CSV column where the "wrong-types" variant writes text
    xlsx_edit: tuple[str, str, object] | None = None  # (sheet, cell, value) for "wrong-types" in a workbook
    optional: bool = False  # the command may run without this file (missing or empty: exit 0 allowed)
    absent_means: str | None = None  # a store not built yet: what the message says instead of its name
    written: tuple[str, ...] = ()  # files the command writes and never overwrites (removed before each run)
    variants: tuple[str, ...] | None = None  # None: the whole corpus


def _generic_export(case: Path) -> None:
    rows = ["date,period_end,campaign,spend,impressions,clicks"]
    for d in range(1, 29):
        rows.append(f"2027-02-{d:02d},2027-02-{min(d + 6, 28):02d},Harness_{d % 3},{10 + d}.50,{1000 + d},{20 + d}")
    (case / "data" / "exports" / "harness.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _small_customers(case: Path) -> None:
    lines = (case / "data" / "clients.csv").read_text(encoding="utf-8-sig").splitlines()
    (case / "data" / "clients.csv").write_text("\n".join(lines[:241]) + "\n", encoding="utf-8")
    yaml = (case / "case.yaml").read_text(encoding="utf-8")
    yaml = re.sub(r"(?m)^(\s*transactions:).*$", r"\1 null", yaml)
    (case / "case.yaml").write_text(yaml, encoding="utf-8")


def _imported(case: Path) -> None:
    from pilotage.commands import import_exports
    from toolkit.case import load_case

    _generic_export(case)
    import_exports(load_case(case), ["data/exports/harness.csv"])


#: The corpus of the commands added in the second pass (#11): each input gets the hostile
#: cases users meet — missing, a folder, empty, cut, a wrong encoding, wrong types — plus the
#: semantic variants its target names (the readers of the first round get the whole corpus).
COMMAND_VARIANTS = ("missing", "folder", "empty", "truncated", "utf16-no-bom", "cp1252", "wrong-types",
                    "missing-column", "swapped-dates", "negative")

TARGETS = [
    Target("pilotage-import", lambda c, f: ["pilotage", "import", str(c), str(f)], "data/exports/harness.csv",
           _generic_export, missing="date", dates=("date", "period_end"), negative="spend"),
    Target("personas-build", lambda c, f: ["personas", "build", str(c), "--format", "md"], "data/clients.csv",
           _small_customers, missing="id_client", dates=("date_naissance", "date_inscription"),
           negative="budget_mensuel_declare"),
    Target("plan-build", lambda c, f: ["plan", "build", str(c), "--format", "md"], "plan.yaml",
           yaml_edits={"missing": ("\nactions:", "\nactionz:"),
                       "dates": ("start: 2027-01-11\n    end: 2027-09-30", "start: 2027-09-30\n    end: 2027-01-11"),
                       "negative": ("unit_cost: 1200,", "unit_cost: -1200,")}),
    Target("veille-import-trends", lambda c, f: ["veille", "import-trends", str(c), str(f)],
           "data/trends/multiTimeline.csv"),
    Target("case-check", lambda c, f: ["case", "check", str(c)], "case.yaml",
           yaml_edits={"missing": ("\nclient:", "\nclients:"),
                       "negative": ("budget: ", "budget: -")}),
    Target("pilotage-bilan-store", lambda c, f: ["pilotage", "bilan", str(c), "--format", "md"],
           ".toolkit/pilotage/actuals.npz", _imported, absent_means="toolkit pilotage import"),
    Target("veille-fetch-offline", lambda c, f: ["veille", "fetch", str(c), "--offline"],
           "data/veille/snapshots/cafe-lumen-le-journal.xml", good_exit_on_broken=True),
    # the commands added to the harness in the second pass (issue #11)
    Target("pilotage-dashboard", lambda c, f: ["pilotage", "dashboard", str(c), "--format", "md"],
           "data/indicateurs-mensuels.csv", _imported, missing="indicateur", numeric="valeur",
           negative="valeur", variants=COMMAND_VARIANTS),
    # plan template reads nothing: what it meets is a plan.xlsx already there (any bytes, a folder): kept, refused
    Target("plan-template", lambda c, f: ["plan", "template", str(c)], "plan.xlsx", optional=True,
           variants=("missing", "folder", "empty", "truncated", "binary")),
    Target("veille-report", lambda c, f: ["veille", "report", str(c), "--format", "md"],
           "data/trends/multiTimeline.csv", variants=COMMAND_VARIANTS),
    Target("case-brief", lambda c, f: ["case", "brief", str(c), "--format", "md"], "case.yaml",
           yaml_edits={"missing": ("\nbrief:", "\nbriefing:"), "types": ("  name: ", "  name: {a: 1} #")},
           variants=COMMAND_VARIANTS),
    Target("marche-template", lambda c, f: ["marche", "template", str(c)], "case.yaml", written=("marche.xlsx",),
           yaml_edits={"types": ("  name: ", "  name: [a, b] #")}, variants=COMMAND_VARIANTS),
    Target("marche-build", lambda c, f: ["marche", "build", str(c), "--format", "md"], "marche.xlsx",
           xlsx_edit=("marche", "D2", "beaucoup"), variants=COMMAND_VARIANTS),
    Target("besoin-build", lambda c, f: ["besoin", "build", str(c), "--format", "md"], "besoin.yaml",
           optional=True, yaml_edits={"types": ("team_capacity_days: 120", "team_capacity_days: beaucoup"),
                                      "negative": ("team_capacity_days: 120", "team_capacity_days: -120")},
           variants=COMMAND_VARIANTS),
    Target("mission-template", lambda c, f: ["mission", "template", str(c)], "case.yaml", written=("mission.yaml",),
           yaml_edits={"types": ("  name: ", "  name: [a, b] #")}, variants=COMMAND_VARIANTS),
    Target("mission-build", lambda c, f: ["mission", "build", str(c), "--format", "md"], "mission.yaml",
           optional=True, yaml_edits={"types": ("days_per_week: 2.5", "days_per_week: deux"),
                                      "negative": ("days_per_week: 2.5", "days_per_week: -2.5"),
                                      "dates": ("{start: 2027-05-24, end: 2027-05-28",
                                                "{start: 2027-05-28, end: 2027-05-24")},
           variants=COMMAND_VARIANTS),
    Target("mission-build-board", lambda c, f: ["mission", "build", str(c), "--format", "md"],
           "data/mission/board.json", variants=COMMAND_VARIANTS),
]


# --------------------------------------------------------------------------------------- corpus


def _text(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _csv_edit(data: bytes, edit: Callable[[list[list[str]], list[str]], None]) -> bytes:
    text = _text(data)
    sep = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    edit(rows, rows[0])
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _missing(t: Target, data: bytes) -> bytes:
    if t.yaml_edits.get("missing"):
        a, b = t.yaml_edits["missing"]
        return _text(data).replace(a, b, 1).encode("utf-8")

    def drop(rows: list[list[str]], header: list[str]) -> None:
        i = header.index(t.missing)
        for r in rows:
            if len(r) > i:
                del r[i]
    return _csv_edit(data, drop)


def _swapped(t: Target, data: bytes) -> bytes:
    if t.yaml_edits.get("dates"):
        a, b = t.yaml_edits["dates"]
        return _text(data).replace(a, b, 1).encode("utf-8")

    def swap(rows: list[list[str]], header: list[str]) -> None:
        i, j = header.index(t.dates[0]), header.index(t.dates[1])  # type: ignore[index]
        for r in rows[1:]:
            if len(r) > max(i, j):
                r[i], r[j] = r[j], r[i]
    return _csv_edit(data, swap)


def _negative(t: Target, data: bytes) -> bytes:
    if t.yaml_edits.get("negative"):
        a, b = t.yaml_edits["negative"]
        return _text(data).replace(a, b, 1).encode("utf-8")

    def neg(rows: list[list[str]], header: list[str]) -> None:
        i = header.index(t.negative)
        for r in rows[1:]:
            if len(r) > i and r[i].strip():
                r[i] = "-" + r[i].strip()
    return _csv_edit(data, neg)


def _wrong_types(t: Target, data: bytes) -> bytes:
    if t.yaml_edits.get("types"):
        a, b = t.yaml_edits["types"]
        return _text(data).replace(a, b, 1).encode("utf-8")
    if t.xlsx_edit:
        import openpyxl

        sheet, cell, value = t.xlsx_edit
        wb = openpyxl.load_workbook(io.BytesIO(data))
        wb[sheet][cell] = value
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    if t.input.endswith((".yaml", ".yml")):
        return b"- a list\n- where a mapping is expected\n"

    def text(rows: list[list[str]], header: list[str]) -> None:
        i = header.index(t.numeric)
        for r in rows[1:3]:
            if len(r) > i:
                r[i] = "beaucoup"
    return _csv_edit(data, text)


#: name → (bytes of the good file → bytes of the broken one); ``None`` means "a folder",
#: :data:`ABSENT` "no file at all".
ABSENT = b"<absent>"
VARIANTS: dict[str, Callable[[Target, bytes], bytes | None]] = {
    "empty": lambda t, d: b"",
    "blank": lambda t, d: b"\n  \n\t\n\n",
    "binary": lambda t, d: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "truncated": lambda t, d: d[: int(len(d) * 0.6)],
    "utf16-no-bom": lambda t, d: _text(d).encode("utf-16-le"),
    "utf32-no-bom": lambda t, d: _text(d).encode("utf-32-le"),
    "cp1252": lambda t, d: _text(d).encode("cp1252", errors="replace"),
    "folder": lambda t, d: None,
    "huge-line": lambda t, d: d + b"x" * 3_000_000 + b"\n",
    "missing-column": _missing,
    "swapped-dates": _swapped,
    "negative": _negative,
    "missing": lambda t, d: ABSENT,
    "wrong-types": _wrong_types,
}
_SEMANTIC = {"missing-column": "missing", "swapped-dates": "dates", "negative": "negative"}
#: Variants after which nothing usable is left: the command must refuse (exit 1).
UNUSABLE = {"missing", "folder", "empty", "blank", "binary", "wrong-types"}


def _applies(t: Target, variant: str) -> bool:
    if t.variants is not None and variant not in t.variants:
        return False
    if variant == "wrong-types":
        return bool(t.numeric or t.xlsx_edit or t.yaml_edits.get("types") or t.input.endswith((".yaml", ".yml")))
    if variant not in _SEMANTIC:
        return True
    attr = _SEMANTIC[variant]
    return bool(getattr(t, attr) or t.yaml_edits.get(attr))


#: Known gaps the harness found and that are not fixed yet: each fails strictly once fixed.
KNOWN_GAPS: dict[tuple[str, str], str] = {}

CASES = [pytest.param(t, v, id=f"{t.name}-{v}",
                      marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[(t.name, v)])]
                      if (t.name, v) in KNOWN_GAPS else [])
         for t in TARGETS for v in VARIANTS if _applies(t, v)]


# --------------------------------------------------------------------------------------- running


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from toolkit.cli import main

    capsys.readouterr()
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out + captured.err


_ENGLISH = re.compile(r"\b(the|is|are|not|found|cannot|missing|expected|check|again|file|column|row|line|has|no)\b")


def _english(text: str) -> list[str]:
    """English words left in the error lines of a French run — outside quotes, paths and
    parentheses (where a third-party library's own technical words are shown as they are)."""
    lines = [x for x in text.splitlines() if x.startswith(("Erreur", "  "))]
    bare = re.sub(r"(?<![^\W\d_])'[^']*'|\"[^\"]*\"|«[^»]*»|`[^`]*`|\S*[/\\]\S*", " ", "\n".join(lines))
    while re.search(r"\([^()]*\)", bare):  # innermost first: "(ValueError : … (object) …)"
        bare = re.sub(r"\([^()]*\)", " ", bare)
    return _ENGLISH.findall(bare)


def _state(case: Path) -> dict[str, str]:
    """Hash of every earlier output and store (history versions excluded: a run may add one)."""
    out: dict[str, str] = {}
    for root in (case / "out", case / ".toolkit"):
        for p in sorted(root.rglob("*")) if root.exists() else []:
            if p.is_file() and "history" not in p.relative_to(case).parts and not p.name.endswith(("-wal", "-shm")):
                out[str(p.relative_to(case))] = hashlib.sha256(p.read_bytes()).hexdigest()
    personas = case / "personas.yaml"
    if personas.is_file():
        out["personas.yaml"] = hashlib.sha256(personas.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One case per target, after a first good run of its command."""
    cases: dict[str, Path] = {}
    return cases


def _prepared_case(t: Target, cache: dict[str, Path], factory: pytest.TempPathFactory,
                   capsys: pytest.CaptureFixture[str]) -> Path:
    if t.name not in cache:
        case = factory.mktemp(t.name) / "case"
        shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
        t.prepare(case)
        for name in t.written:
            (case / name).unlink(missing_ok=True)
        code, text = run_cli(t.argv(case, case / t.input), capsys)
        assert code == 0, f"the good run of {t.name} failed:\n{text}"
        cache[t.name] = case
    return cache[t.name]


@pytest.mark.parametrize(("target", "variant"), CASES)
def test_broken_input_gives_one_located_message_and_leaves_earlier_work_intact(
    target: Target, variant: str, prepared: dict[str, Path], tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str],
) -> None:
    good = _prepared_case(target, prepared, tmp_path_factory, capsys)
    case = tmp_path / "case"
    shutil.copytree(good, case)
    path = case / target.input
    broken = VARIANTS[variant](target, path.read_bytes())
    if broken is None:
        path.unlink()
        path.mkdir()
    elif broken is ABSENT:
        path.unlink()
    else:
        path.write_bytes(broken)
    for name in target.written:
        (case / name).unlink(missing_ok=True)
    before = _state(case)  # after breaking: a broken store is itself part of what must not change
    code, text = run_cli(target.argv(case, path), capsys)
    assert code in (0, 1, 2), text
    assert "Traceback" not in text
    if target.good_exit_on_broken:
        assert code == 0, text
    elif variant in UNUSABLE and not (variant in ("missing", "empty") and target.optional):
        assert code == 1, f"{target.name}: an unusable input ({variant}) was not refused:\n{text}"
    if code == 1:
        named = target.absent_means if variant == "missing" and target.absent_means else path.name
        assert named in text, f"the message does not name {named}:\n{text}"
        assert not _english(text), f"the message is not in French (#15):\n{text}"
        assert _state(case) == before, "a failed run changed earlier outputs or stores"
