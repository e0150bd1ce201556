"""``toolkit demo``: every module on the bundled example case, offline.

The example case (``examples/brulerie-sauvage``) is copied to the output folder first, so the
bundled files are never modified and the user gets a case folder to explore and edit.

Each domain package takes part by exposing ``<package>.commands.demo(case, out, formats,
lang, progress) -> list[Path]``; a package without it is simply not run yet. The first step,
the note de cadrage, is the ``brief`` hook of the module that writes it (see :mod:`toolkit.modules`).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.case import load_case
from toolkit.errors import ToolkitError
from toolkit.modules import hook, hooks

__all__ = ["DemoResult", "example_case_dir", "run_case", "run_demo"]

EXAMPLE = "brulerie-sauvage"


def example_case_dir() -> Path:
    """The bundled example case folder (source checkout or editable install)."""
    import sysconfig

    here = Path(__file__).resolve().parent
    installed = Path(sysconfig.get_path("data")) / "share" / "marketing-toolkit" / "examples"
    for candidate in (here.parent / "examples" / EXAMPLE, installed / EXAMPLE):
        if (candidate / "case.yaml").exists():
            return candidate
    raise ToolkitError(
        "the bundled example case was not found",
        hint="reinstall the toolkit (`pip install marketing-toolkit` or `pip install -e .` from its source folder)",
    )


@dataclass
class DemoResult:
    case_dir: Path
    steps: list[tuple[str, list[Path], float]] = field(default_factory=list)
    failures: list[tuple[str, ToolkitError]] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [p for _, paths, _ in self.steps for p in paths]

    def table(self) -> str:
        from toolkit.i18n import _

        rows = [tuple(_("cli.demo.table_header").split("|"))]
        for name, paths, _t in self.steps:
            for p in paths:
                try:
                    shown = str(p.relative_to(self.case_dir))
                except ValueError:
                    shown = str(p)
                size = p.stat().st_size if p.exists() else 0
                rows.append((name, shown, f"{size / 1024:,.1f} Ko".replace(",", " ")))
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = []
        for j, r in enumerate(rows):
            lines.append("  ".join(c.ljust(widths[i]) if i < 2 else c.rjust(widths[i]) for i, c in enumerate(r)))
            if j == 0:
                lines.append("  ".join("─" * w for w in widths))
        seconds = f"{sum(t for *_rest, t in self.steps):.1f}"
        lines.append(_("cli.demo.table_total", count=len(rows) - 1, seconds=seconds))
        return "\n".join(lines)

    def start_here(self) -> str:
        """One file to open first per module: its report as DOCX (else HTML, else the first file)."""
        from toolkit.i18n import _

        lines = [_("cli.demo.start_here")]
        for name, paths, _t in self.steps:
            if not paths:
                continue
            by_suffix = {p.suffix: p for p in reversed(paths)}
            first = by_suffix.get(".docx") or by_suffix.get(".html") or paths[0]
            try:
                shown = first.relative_to(self.case_dir)
            except ValueError:
                shown = first
            lines.append(f"  {name:<10} {shown}")
        return "\n".join(lines)


#: Written in a demo folder: a later ``toolkit demo --out`` may copy over it, never over a real case.
DEMO_MARKER = ".toolkit/demo-case"


def _copy_case(src: Path, dst: Path) -> None:
    """Copy the example case's inputs into ``dst`` (keeps ``.toolkit`` caches and ``out``).

    ``dst`` must be a new folder or an earlier demo: the copy would overwrite the case.yaml and
    plan.yaml of a real case given by mistake.
    """
    from toolkit.errors import OutputError

    blocked = next((p for p in (dst, *dst.parents) if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise OutputError("a file is in the way: the demo needs a folder there", file=blocked,
                          hint="give --out a new folder name")
    if (dst / "case.yaml").exists() and not (dst / DEMO_MARKER).exists():
        raise OutputError("this folder already holds a case that is not the demo's: it was left untouched",
                          file=dst / "case.yaml", hint="give --out a new folder (the demo copies the example case there)")
    dst.mkdir(parents=True, exist_ok=True)
    (dst / DEMO_MARKER).parent.mkdir(exist_ok=True)
    (dst / DEMO_MARKER).write_text("toolkit demo\n", encoding="utf-8")
    for item in src.iterdir():
        if item.name in ("out", ".toolkit") or item.name.startswith("."):
            continue
        target = dst / item.name
        if item.is_dir():
            shutil.copytree(item, target, dirs_exist_ok=True)
        else:
            shutil.copy2(item, target)


def run_demo(
    out: Path | None = None,
    formats: Iterable[str] = ("md", "html", "docx", "pptx", "xlsx"),
    lang: str = "fr",
    progress: Callable[[str], None] = lambda _msg: None,
) -> DemoResult:
    """Copy the example case to ``out`` (default ``./toolkit-demo``) and run every module on it."""
    case_dir = Path(out) if out is not None else Path.cwd() / "toolkit-demo"
    _copy_case(example_case_dir(), case_dir)
    return run_case(case_dir, formats, lang, progress)


def run_case(
    case_dir: Path,
    formats: Iterable[str] = ("md", "html", "docx", "pptx", "xlsx"),
    lang: str = "fr",
    progress: Callable[[str], None] = lambda _msg: None,
) -> DemoResult:
    """Run every module's ``demo`` step on the case folder ``case_dir`` (in place, offline).

    The note de cadrage first, then each module in the order of :data:`toolkit.modules.MODULES`;
    one module's expected error is recorded in ``failures`` and does not stop the others.
    Used by ``toolkit demo`` and by the trainer mode (the model answer of a generated case).
    """
    case = load_case(case_dir, lang=lang)
    formats = tuple(formats)
    result = DemoResult(case_dir=case.root)

    brief = hook("brief")
    if brief is not None:
        t0 = time.perf_counter()
        progress("▶ cadrage : note de cadrage du cas (exemple de livrable, 5 formats)")
        paths = brief(case, None, formats, lang)
        result.steps.append(("cadrage", paths, time.perf_counter() - t0))

    for module, step in hooks("demo"):
        name = module.rsplit(".", 1)[-1]  # pilotage.mission → mission
        progress(f"▶ {name}")
        t0 = time.perf_counter()
        try:
            paths = step(case, None, formats, lang, lambda msg: progress("  " + str(msg).strip()))
        except ToolkitError as exc:  # one module's expected error must not hide the others' output
            progress(f"  ✗ {name} : {exc}")
            result.failures.append((name, exc))
            continue
        result.steps.append((name, list(paths), time.perf_counter() - t0))
    return result
