"""``toolkit trainer …``: generated cases for a class, and their grading.

    toolkit trainer generate OUT --groups 12 --seed 2027 [--sector velo] [--difficulty expert] [--no-model]
    toolkit trainer grade PACK CASES… [--out DIR] [--format md,html,xlsx]
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli_common import FormatOpt, OutOpt, Steps, parse_formats, print_outputs

app = typer.Typer(
    help="Mode formateur : un cas généré différent par groupe, son corrigé, et la correction des rendus.",
    no_args_is_help=True,
)


@app.command("generate")
def generate_cmd(
    out: Annotated[Path, typer.Argument(help="Folder to write the cases and the trainer pack into.")],
    groups: Annotated[int, typer.Option("--groups", min=1, max=60, help="Number of groups (one case each).")] = 1,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the class: the same seed writes the same cases.")] = 2027,
    sector: Annotated[str | None, typer.Option("--sector", help="Same sector for every group: velo, cosmetique, "
                                               "restaurant or association [default: drawn per group].")] = None,
    difficulty: Annotated[str, typer.Option("--difficulty", help="Level of the whole class: facile, standard or "
                                            "expert (signal-to-noise and distractors of every planted fact).")
                          ] = "standard",
    customers: Annotated[int, typer.Option("--customers", min=100, max=100_000,
                                           help="Customers in each case's customer file.")] = 320,
    model: Annotated[bool, typer.Option("--model/--no-model", help="Run the toolkit on each case: the model "
                                        "deliverables of the key (formateur/modeles/; 20 to 60 s per group).")] = True,
    format: FormatOpt = None,
) -> None:
    """Write one case folder per group (groupe-01 …) and the trainer pack (formateur/: keys, corrigé, model deliverables)."""
    from toolkit.trainer.pack import generate_class

    fmts = parse_formats(format) if format else ("md", "html")
    pack = generate_class(out, groups, seed, sector=sector, n_customers=customers, difficulty=difficulty, model=model,
                          formats=fmts, progress=Steps())
    typer.echo("")
    models = {m.case_dir.name: m.case_dir / "out" for m in pack.models}
    for case_dir, key in zip(pack.cases, pack.keys, strict=True):
        model_out = models.get(case_dir.name)
        typer.echo(f"  {case_dir.name}  {key['client']} ({key['sector']}, {key['difficulty']})"
                   + (f"  → {model_out}" if model_out else ""))
    print_outputs([*(c / "case.yaml" for c in pack.cases),
                   *(f for f in pack.files if f.is_relative_to(pack.pack) and "modeles" not in f.parts)])
    from toolkit.i18n import _

    typer.echo(_("cli.trainer.distribute", pack=pack.pack))


@app.command("grade")
def grade_cmd(
    pack: Annotated[Path, typer.Argument(help="The folder written by `toolkit trainer generate` (or its formateur/).")],
    cases: Annotated[list[Path], typer.Argument(help="The groups' case folders, with their deliverables in out/.")],
    out: OutOpt = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="Formats of the sheets (md,html,xlsx,docx).")] = None,
) -> None:
    """Compare each group's deliverables with its key: per-group feedback and a class summary."""
    from toolkit.i18n import _
    from toolkit.render import render
    from toolkit.trainer.grade import grade_case, match_cases
    from toolkit.trainer.pack import load_keys
    from toolkit.trainer.report import class_document, feedback_document

    fmts = parse_formats(format) if format else ("md", "html", "xlsx")
    grades = [grade_case(key, case_dir) for key, case_dir in match_cases(load_keys(pack), list(cases))]
    grades.sort(key=lambda g: g.group)
    target = Path(out) if out is not None else Path(pack) / "corrections"
    written = []
    for g in grades:
        typer.echo(f"  {_('cli.trainer.group')} {g.group:>2}  {g.client:<32} {g.found}/{len(g.results)}  "
                   + "  ".join(f"{r.kind}:{'✓' if r.found else '✗'}" for r in g.results))
        written += render(feedback_document(g), target, f"retour-groupe-{g.group:02d}",
                          [f for f in fmts if f != "xlsx"] or ["md"])
    written += render(class_document(grades), target, "synthese-classe", fmts)
    print_outputs(written)
