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
import json
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
    good_exit_on_broken: bool = False  # commands that report a bad input and carry on (feeds, `check`)
    numeric: str | None = None  # CSV column where the "wrong-types" variant writes text
    xlsx_edit: tuple[str, str, object] | None = None  # (sheet, cell, value) for "wrong-types" in a workbook
    optional: bool = False  # the command may run without this file (missing or empty: exit 0 allowed)
    absent_means: str | None = None  # a store not built yet: what the message says instead of its name
    written: tuple[str, ...] = ()  # files/folders the command writes and never overwrites (removed before each run)
    variants: tuple[str, ...] | None = None  # None: the whole corpus

    @property
    def command(self) -> tuple[str, ...]:
        """The command's words (``("pilotage", "import")``): what the coverage test matches."""
        words = []
        for w in self.argv(Path("/C"), Path("/C/f")):
            if w.startswith(("/", "-")):
                break
            words.append(w)
        return tuple(words)


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


def _fetched_three_times(case: Path) -> None:
    """Three offline fetches: the history holds the store as it was before each (the first one
    an "absent" marker); the good run of `veille undo` takes the newest back, the broken variants
    break the next one (a real SQLite store)."""
    from veille.commands import fetch

    for _ in range(3):
        fetch(case, offline=True)


def _imported_three_times(case: Path) -> None:
    from pilotage.commands import import_exports
    from toolkit.case import load_case

    _generic_export(case)
    for name in ("google_ads_campagnes_fr.csv", "meta_campagnes_fr.csv", "harness.csv"):
        import_exports(load_case(case), [f"data/exports/{name}"])


def _personas_kept_twice(case: Path) -> None:
    """Two earlier versions of personas.yaml kept the way `personas build` keeps them."""
    from toolkit.history import keep_previous

    yaml = case / "personas.yaml"
    for _ in range(2):
        keep_previous(case / ".toolkit", "personas", yaml, "before-build")


def _intake_folder(case: Path) -> None:
    """A folder of the client's files, as an agency receives it, for `case init --from`."""
    depot = case / "depot"
    depot.mkdir()
    for name in ("google_ads_campagnes_fr.csv", "meta_campagnes_fr.csv"):
        shutil.copyfile(case / "data" / "exports" / name, depot / name)
    shutil.copyfile(case / "data" / "clients.csv", depot / "clients.csv")


def _small_class(case: Path) -> None:
    """A trainer pack of one group (its key in classe/formateur/cles/groupe-01.yaml)."""
    from toolkit.trainer.pack import generate_class

    generate_class(case / "classe", 1, 2027, sector="velo", n_customers=120, formats=("md",))


#: The corpus of the commands added in the second and third passes (#11): the whole corpus —
#: missing, a folder, empty, blank, binary, cut, UTF-16/32 without BOM, Windows-1252, a huge line,
#: wrong types — plus the semantic variants its target names.
COMMAND_VARIANTS = ("missing", "folder", "empty", "blank", "binary", "truncated", "utf16-no-bom", "utf32-no-bom",
                    "cp1252", "huge-line", "wrong-types", "missing-column", "swapped-dates", "negative")
#: A kept version of a store (what `… undo` puts back), broken.
STORE_VARIANTS = ("folder", "empty", "blank", "binary", "truncated")

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
    # the third pass (#11): every other command of `toolkit --help` (the coverage test below fails on one left out)
    Target("veille-undo", lambda c, f: ["veille", "undo", str(c)], ".toolkit/history/veille/*",
           _fetched_three_times, variants=STORE_VARIANTS),
    Target("pilotage-undo", lambda c, f: ["pilotage", "undo", str(c)], ".toolkit/history/actuals/*",
           _imported_three_times, variants=STORE_VARIANTS),
    Target("personas-undo", lambda c, f: ["personas", "undo", str(c)], ".toolkit/history/personas/*",
           _personas_kept_twice, yaml_edits={"types": ("\npersonas:\n", "\npersonas: 3\nold:\n")},
           variants=(*STORE_VARIANTS, "utf16-no-bom", "cp1252", "wrong-types")),
    Target("pilotage-template", lambda c, f: ["pilotage", "template", str(c)], "plan.yaml",
           written=("data/indicateurs-mensuels.csv",),
           yaml_edits={"missing": ("\nobjectives:", "\nobjectivez:"),
                       "dates": ("start: 2027-01-11\n    end: 2027-09-30", "start: 2027-09-30\n    end: 2027-01-11"),
                       "negative": ("unit_cost: 1200,", "unit_cost: -1200,")},
           variants=COMMAND_VARIANTS),
    Target("marche-fetch", lambda c, f: ["marche", "fetch", str(c)], "marche.xlsx",
           xlsx_edit=("donnees_publiques", "B2", "departement=69"), variants=COMMAND_VARIANTS),
    Target("presence-template", lambda c, f: ["presence", "template", str(c)], "case.yaml",
           written=("presence.yaml",), yaml_edits={"types": ("  name: ", "  name: [a, b] #")},
           variants=COMMAND_VARIANTS),
    # without presence.yaml the plan is written from plan.yaml and personas, and says the file is missing
    Target("presence-build", lambda c, f: ["presence", "build", str(c), "--format", "md"], "presence.yaml",
           optional=True,
           yaml_edits={"missing": ("\nchannels:", "\nchannelz:"),
                       "types": ("posts_per_week: 3", "posts_per_week: trois"),
                       "negative": ("posts_per_week: 3", "posts_per_week: -3")},
           variants=COMMAND_VARIANTS),
    Target("presence-build-calendar", lambda c, f: ["presence", "build", str(c), "--format", "md"],
           "data/presence/calendrier-editorial.csv", missing="Date", dates=("Date", "Canal"),
           variants=COMMAND_VARIANTS),
    Target("presence-build-posts", lambda c, f: ["presence", "build", str(c), "--format", "md"],
           "data/presence/instagram-contenu.csv", missing="Publish time", numeric="Reach", negative="Reach",
           variants=COMMAND_VARIANTS),
    Target("presence-build-search", lambda c, f: ["presence", "build", str(c), "--format", "md"],
           "data/presence/search-console/Requêtes.csv", missing="Impressions", numeric="Clics",
           negative="Impressions",
           # one table of the export's folder missing (or a sub-folder): the plan says so in its notes
           variants=tuple(v for v in COMMAND_VARIANTS if v not in ("missing", "folder"))),
    Target("supports-template", lambda c, f: ["supports", "template", str(c)], "case.yaml",
           written=("supports.yaml",), yaml_edits={"types": ("  name: ", "  name: [a, b] #")},
           variants=COMMAND_VARIANTS),
    # the brief is written from plan.yaml and personas.yaml; supports.yaml only adds to it (optional)
    Target("supports-brief", lambda c, f: ["supports", "brief", str(c), "--format", "md"], "supports.yaml",
           optional=True,
           yaml_edits={"missing": ("\nsupports:", "\nsupportz:"), "types": ("    people: true", "    people: beaucoup")},
           variants=COMMAND_VARIANTS),
    # the recette audits supports: one that cannot be read is a failed check of the recette, named on screen
    # (--no-browser: axe-core in Chromium has its own tests, tests/pilotage/supports)
    Target("supports-check", lambda c, f: ["supports", "check", str(c), str(f), "--format", "md", "--no-browser"],
           "supports/landing-origines-rares.html", good_exit_on_broken=True,
           variants=COMMAND_VARIANTS),
    Target("supports-check-pdf", lambda c, f: ["supports", "check", str(c), str(f), "--format", "md", "--no-browser"],
           "supports/flyer-soiree-lancement.pdf", good_exit_on_broken=True,
           variants=("missing", "folder", "empty", "truncated", "binary")),
    Target("supports-build", lambda c, f: ["supports", "build", str(c), "--format", "md", "--no-browser"], "supports.yaml",
           yaml_edits={"types": ("    people: true", "    people: beaucoup"),
                       "dates": ("expires: 2030-02-18", "expires: 2020-02-18")},
           variants=COMMAND_VARIANTS),
    # `check` is the jury's view: an unreadable plan.yaml is named with its line and the view goes on
    Target("check", lambda c, f: ["check", str(c)], "plan.yaml", good_exit_on_broken=True, optional=True,
           yaml_edits={"types": ("unit_cost: 1200,", "unit_cost: beaucoup,")}, variants=COMMAND_VARIANTS),
    Target("case-init-from", lambda c, f: ["case", "init", str(c / "nouveau"), "--from", str(c / "depot")],
           "depot/clients.csv", _intake_folder, written=("nouveau",), good_exit_on_broken=True,
           missing="id_client", dates=("date_naissance", "date_inscription"), negative="budget_mensuel_declare",
           # a file missing from the folder, or an empty sub-folder, is not something to report
           variants=tuple(v for v in COMMAND_VARIANTS if v not in ("missing", "folder"))),
    Target("trainer-grade", lambda c, f: ["trainer", "grade", str(c / "classe"), str(c / "classe" / "groupe-01"),
                                          "--format", "md"],
           "classe/formateur/cles/groupe-01.yaml", _small_class,
           yaml_edits={"missing": ("\nfacts:", "\nfactz:")}, variants=COMMAND_VARIANTS),
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


def _replace(t: Target, data: bytes, a: str, b: str) -> bytes:
    """A YAML edit of the corpus; an edit whose text is no longer in the file fails (never a silent no-op)."""
    text = _text(data)
    assert a in text, f"{t.name}: the harness edit {a!r} no longer applies to {t.input} (update the target)"
    return text.replace(a, b, 1).encode("utf-8")


def _missing(t: Target, data: bytes) -> bytes:
    if t.yaml_edits.get("missing"):
        a, b = t.yaml_edits["missing"]
        return _replace(t, data, a, b)

    def drop(rows: list[list[str]], header: list[str]) -> None:
        i = header.index(t.missing)
        for r in rows:
            if len(r) > i:
                del r[i]
    return _csv_edit(data, drop)


def _swapped(t: Target, data: bytes) -> bytes:
    if t.yaml_edits.get("dates"):
        a, b = t.yaml_edits["dates"]
        return _replace(t, data, a, b)

    def swap(rows: list[list[str]], header: list[str]) -> None:
        i, j = header.index(t.dates[0]), header.index(t.dates[1])  # type: ignore[index]
        for r in rows[1:]:
            if len(r) > max(i, j):
                r[i], r[j] = r[j], r[i]
    return _csv_edit(data, swap)


def _negative(t: Target, data: bytes) -> bytes:
    if t.yaml_edits.get("negative"):
        a, b = t.yaml_edits["negative"]
        return _replace(t, data, a, b)

    def neg(rows: list[list[str]], header: list[str]) -> None:
        i = header.index(t.negative)
        for r in rows[1:]:
            if len(r) > i and r[i].strip():
                r[i] = "-" + r[i].strip()
    return _csv_edit(data, neg)


def _wrong_types(t: Target, data: bytes) -> bytes:
    if t.yaml_edits.get("types"):
        a, b = t.yaml_edits["types"]
        return _replace(t, data, a, b)
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


def _input(t: Target, case: Path) -> Path:
    """The input file in ``case``; a pattern (a store's history) names its newest match."""
    if "*" not in t.input:
        return case / t.input
    found = sorted(case.glob(t.input), reverse=True)
    assert found, f"{t.name}: nothing matches {t.input} after the good run"
    return found[0]


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


# --------------------------------------------------------------------------------------- public data, local


#: Small answers of the shape recherche-entreprises and Eurostat (JSON-stat 2.0) give (see
#: tests/marche/test_marche_public.py for the full ones), served on 127.0.0.1 to `marche fetch`.
COUNT_ANSWER = {"results": [], "total_results": 87, "page": 1, "per_page": 1, "total_pages": 87}
JSONSTAT_ANSWER = {
    "version": "2.0", "class": "dataset", "label": "HICP", "updated": "2026-01-20T11:00:00+0100",
    "id": ["freq", "unit", "coicop", "geo", "time"], "size": [1, 1, 1, 1, 2],
    "dimension": {"freq": {"category": {"index": {"A": 0}}}, "unit": {"category": {"index": {"INX_A_AVG": 0}}},
                  "coicop": {"category": {"index": {"CP01211": 0}}}, "geo": {"category": {"index": {"FR": 0}}},
                  "time": {"category": {"index": {"2023": 0, "2024": 1}}}},
    "value": {"0": 115.0, "1": 121.9},
}


class PublicData:
    """recherche-entreprises (``/search``) and Eurostat (``/eurostat/…``) on one local port.

    ``broken`` (bytes, status) replaces every answer while it is set."""

    def __init__(self) -> None:
        self.broken: tuple[bytes, int, str] | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:
                if server.broken is not None:
                    body, code, ctype = server.broken
                elif self.path.startswith("/search"):
                    body, code, ctype = json.dumps(COUNT_ANSWER).encode(), 200, "application/json"
                else:
                    body, code, ctype = json.dumps(JSONSTAT_ANSWER).encode(), 200, "application/json"
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def public_data() -> Iterator[PublicData]:
    """Every run of this module asks the local server, never the internet (`marche fetch`)."""
    from veille.marche import public

    server = PublicData()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(public, "COMPANY_API", server.base)
        mp.setattr(public, "EUROSTAT_API", server.base + "/eurostat")
        mp.setattr(public, "SDMX_APIS", {agency: f"{server.base}/sdmx" for agency in public.SDMX_APIS})
        yield server
    server.close()


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
    bare = re.sub(r"(?<![^\W\d_])'[^']*'|\"[^\"]*\"|«[^»]*»|`[^`]*`|\S*[/\\]\S*|\w+(?:\.\w+)+", " ", "\n".join(lines))
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


def _remove_written(t: Target, case: Path) -> None:
    for name in t.written:
        p = case / name
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink(missing_ok=True)


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
        _remove_written(t, case)
        code, text = run_cli(t.argv(case, _input(t, case)), capsys)
        assert code == 0, f"the good run of {t.name} failed:\n{text}"
        cache[t.name] = case
    return cache[t.name]


@pytest.mark.parametrize(("target", "variant"), CASES)
def test_broken_input_gives_one_located_message_and_leaves_earlier_work_intact(
    target: Target, variant: str, prepared: dict[str, Path], tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], public_data: PublicData,
) -> None:
    good = _prepared_case(target, prepared, tmp_path_factory, capsys)
    case = tmp_path / "case"
    shutil.copytree(good, case)
    path = _input(target, case)
    broken = VARIANTS[variant](target, path.read_bytes())
    if broken is None:
        path.unlink()
        path.mkdir()
    elif broken is ABSENT:
        path.unlink()
    else:
        path.write_bytes(broken)
    _remove_written(target, case)
    before = _state(case)  # after breaking: a broken store is itself part of what must not change
    code, text = run_cli(target.argv(case, path), capsys)
    assert code in (0, 1, 2), text
    assert "Traceback" not in text
    optional = variant in ("missing", "empty") and target.optional
    if target.good_exit_on_broken:
        assert code == 0, text
        if variant in UNUSABLE and not optional:  # carried on: the unusable input is still named, with what is wrong
            assert path.name in text, f"the output does not name {path.name}:\n{text}"
    elif variant in UNUSABLE and not optional:
        assert code == 1, f"{target.name}: an unusable input ({variant}) was not refused:\n{text}"
    if code == 1:
        named = target.absent_means if variant == "missing" and target.absent_means else path.name
        assert named in text, f"the message does not name {named}:\n{text}"
        assert not _english(text), f"the message is not in French (#15):\n{text}"
        assert _state(case) == before, "a failed run changed earlier outputs or stores"


# --------------------------------------------------------------------------------------- coverage


def _leaf_commands() -> list[tuple[str, ...]]:
    """Every command of `toolkit --help`, read from the CLI itself (groups walked to their leaves)."""
    from typer.main import get_command

    from toolkit.cli import app

    root = get_command(app)
    ctx = root.context_class(root)
    out: list[tuple[str, ...]] = []

    def walk(cmd: object, path: tuple[str, ...]) -> None:
        if hasattr(cmd, "list_commands"):  # a group (typer's own vendored click)
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), (*path, name))  # type: ignore[attr-defined]
        else:
            out.append(path)

    walk(root, ())
    return out


#: Commands whose only input is a folder to write into: their broken-input tests are written out
#: (a file in place of the folder, a real case or class already there) in the named test module.
ELSEWHERE = {
    ("demo",): ("test_robustness_case_argument.py", "test_demo_out_is_a_file"),
    ("case", "init"): ("test_robustness_case_argument.py", "test_case_init_where_a_file_is_in_the_way"),
    ("trainer", "generate"): ("test_robustness_case_argument.py", "test_trainer_generate_out_is_a_file"),
}


def test_every_command_of_the_cli_has_a_corpus_entry() -> None:
    """A new command without its broken inputs in :data:`TARGETS` (or a written-out test) fails here."""
    commands = _leaf_commands()
    assert len(commands) >= 30 and ("pilotage", "import") in commands  # the walk itself works
    covered = {t.command for t in TARGETS}
    here = Path(__file__).parent
    for cmd, (module, test) in ELSEWHERE.items():
        assert f"def {test}(" in (here / module).read_text(encoding="utf-8"), (cmd, module, test)
    left = [" ".join(c) for c in commands if c not in covered and c not in ELSEWHERE]
    assert not left, f"commands with no broken input in the harness: {left}"
    unknown = [t.name for t in TARGETS if t.command not in commands]
    assert not unknown, f"targets naming no command of the CLI: {unknown}"


# --------------------------------------------------------------------------------------- broken answers


#: What a public-data service may answer instead of its JSON (`marche fetch`, through the real code
#: path against the local server): body, HTTP status, content type.
BROKEN_ANSWERS = {
    "empty": (b"", 200, "application/json"),
    "blank": (b"\n  \n", 200, "application/json"),
    "binary": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), 200, "application/json"),
    "truncated": (json.dumps(COUNT_ANSWER).encode()[:30], 200, "application/json"),
    "html-page": (b"<!doctype html><html><body>Maintenance</body></html>", 200, "text/html"),
    "utf16": (json.dumps(COUNT_ANSWER).encode("utf-16"), 200, "application/json"),
    "a-list": (b"[1, 2, 3]", 200, "application/json"),
    "wrong-shape": (b'{"results": "none", "total_results": "beaucoup"}', 200, "application/json"),
    "negative-count": (b'{"results": [], "total_results": -4}', 200, "application/json"),
    "server-error": (b'{"erreur": "interne"}', 500, "application/json"),
    "too-many": (b"", 429, "text/plain"),
}


@pytest.mark.parametrize("answer", list(BROKEN_ANSWERS))
def test_marche_fetch_on_broken_answers_keeps_the_cache_and_says_which_query_failed(
    answer: str, prepared: dict[str, Path], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str], public_data: PublicData,
) -> None:
    target = next(t for t in TARGETS if t.name == "marche-fetch")
    good = _prepared_case(target, prepared, tmp_path_factory, capsys)  # its good run filled the cache
    case = tmp_path / "case"
    shutil.copytree(good, case)
    cache = {p.name: p.read_bytes() for p in (case / ".toolkit" / "marche").glob("*")}
    assert len(cache) == 3
    public_data.broken = BROKEN_ANSWERS[answer]
    try:
        code, text = run_cli(["marche", "fetch", str(case)], capsys)
    finally:
        public_data.broken = None
    assert "Traceback" not in text
    # every query failed: said, one line per query, in French, and the command fails (nothing fetched)
    assert code == 1, text
    assert text.count("✗") == 3 and "IPCH café" in text, text
    assert not _english(text), f"the message is not in French (#15):\n{text}"
    assert {p.name: p.read_bytes() for p in (case / ".toolkit" / "marche").glob("*")} == cache
    code, text = run_cli(["marche", "build", str(case), "--format", "md"], capsys)  # the study reads the cache
    assert code == 0, text


# --------------------------------------------------------------------------------------- --accept-partial


@pytest.mark.parametrize("name", ["personas-build", "pilotage-import"])
def test_a_cut_file_is_refused_by_default_and_read_with_accept_partial_saying_where(
    name: str, prepared: dict[str, Path], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str], public_data: PublicData,
) -> None:
    """The user decides (#11): the default refuses a file that ends inside a row; the global
    `--accept-partial` reads its complete rows and says, on screen, where it was cut."""
    target = next(t for t in TARGETS if t.name == name)
    good = _prepared_case(target, prepared, tmp_path_factory, capsys)
    case = tmp_path / "case"
    shutil.copytree(good, case)
    path = _input(target, case)
    data = path.read_bytes()
    path.write_bytes(data[: data.rfind(b",", 0, int(len(data) * 0.6))])  # cut inside a row
    before = _state(case)
    code, text = run_cli(target.argv(case, path), capsys)
    assert code == 1 and "--accept-partial" in text and path.name in text, text
    assert _state(case) == before
    code, text = run_cli(["--accept-partial", *target.argv(case, path)], capsys)
    assert code == 0, text
    assert re.search(r"(incomplet|incomplete).*(ligne|line)\D{0,3}\d+", text), text  # where it was cut, on screen
    code, text = run_cli(target.argv(case, path), capsys)  # the flag does not outlive its run
    assert code == 1, text
