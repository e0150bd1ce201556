"""A class of generated cases: one case folder per group and the trainer pack (answer keys).

``toolkit trainer generate OUT --groups 12 --seed 2027`` writes::

    OUT/
      groupe-01/ … groupe-12/     one case folder per group (hand these out)
      formateur/                  the trainer pack (keep it)
        cles/groupe-01.yaml …     the answer key of each group: every planted fact, with its figures
        corrige.md / .html        the same keys, readable side by side
        modeles/groupe-01/ …      the model answer: a copy of each case with every deliverable the
                                  toolkit makes on it (``out/``); ``--no-model`` skips it
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import InputError

__all__ = ["KEYS_DIR", "PACK_DIR", "ClassPack", "generate_class", "group_dir_name", "load_keys", "make_model_answer"]

PACK_DIR = "formateur"
KEYS_DIR = "cles"


def group_dir_name(group: int) -> str:
    return f"groupe-{group:02d}"


@dataclass
class ClassPack:
    root: Path
    cases: list[Path] = field(default_factory=list)
    keys: list[dict[str, Any]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    models: list[Any] = field(default_factory=list)  # toolkit.demo.DemoResult of each model answer

    @property
    def pack(self) -> Path:
        return self.root / PACK_DIR


def _write_key(path: Path, key: dict[str, Any]) -> Path:
    import yaml

    from toolkit.files import atomic_write_text

    path.parent.mkdir(parents=True, exist_ok=True)
    head = ("# Corrigé du cas — à garder par le formateur (ne pas distribuer).\n"
            "# Les faits « facts » sont vérifiés par `toolkit trainer grade` ; « jury » reste à l'appréciation du jury.\n")
    return atomic_write_text(path, head + yaml.safe_dump(key, allow_unicode=True, sort_keys=False, width=110))


def load_keys(pack: str | Path) -> list[dict[str, Any]]:
    """The answer keys of a trainer pack (``PACK/cles/*.yaml``), in group order."""
    from toolkit.case import read_yaml

    pack = Path(pack)
    folder = pack / KEYS_DIR if (pack / KEYS_DIR).is_dir() else pack / PACK_DIR / KEYS_DIR
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise InputError("no answer key found in the trainer pack", file=pack,
                         hint=f"give the folder written by `toolkit trainer generate` (its {PACK_DIR}/ folder "
                              f"holds {KEYS_DIR}/groupe-01.yaml …)")
    keys = []
    for f in files:
        if not f.is_file():
            raise InputError("an answer key is a folder, not a file", file=f,
                             hint="regenerate the pack with `toolkit trainer generate`")
        data = read_yaml(f, str(f)).data
        if not isinstance(data, dict) or not isinstance(data.get("facts"), list) \
                or not isinstance(data.get("client"), str):
            raise InputError("this file is not an answer key (no 'client' or 'facts')", file=f,
                             hint="regenerate the pack with `toolkit trainer generate`")
        keys.append({**data, "_file": str(f)})  # where the key was read: named if it turns out damaged
    return keys


def _key_document(keys: list[dict[str, Any]], seed: int, models: bool = False):
    from toolkit.document import BulletList, Document, Section, Table

    overview = Table(("Groupe", "Client", "Secteur"), tuple((k["group"], k["client"], k["sector"]) for k in keys),
                     ("integer", "text", "text"), caption="Les cas de la classe")
    sections = [Section("Vue d'ensemble", (overview,))]
    for k in keys:
        blocks = ["Faits plantés (vérifiés par toolkit trainer grade) :",
                  BulletList([f["statement"] for f in k["facts"]]),
                  "À apprécier par le jury :",
                  BulletList([j["statement"] for j in k.get("jury", [])])]
        if models:
            blocks.append(f"Livrables modèles, faits par la toolkit sur ce cas : modeles/{group_dir_name(k['group'])}/out/")
        sections.append(Section(f"Groupe {k['group']} — {k['client']}", tuple(blocks)))
    level = keys[0].get("difficulty", "standard") if keys else "standard"
    return Document(title="Corrigé des cas générés", subtitle=f"Graine {seed} — {len(keys)} groupes — niveau {level}",
                    sections=tuple(sections), kind="trainer")


def make_model_answer(case_dir: Path, target: Path, formats: tuple[str, ...] = ("md",), lang: str = "fr",
                      progress: Callable[[str], None] = lambda _m: None):
    """Copy ``case_dir`` to ``target`` and run every module on the copy: the model deliverables.

    Returns the :class:`toolkit.demo.DemoResult` (its ``files`` are the deliverables written)."""
    from toolkit.demo import run_case
    from toolkit.errors import ToolkitError

    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(case_dir, target, ignore=shutil.ignore_patterns("out", ".toolkit"))
    result = run_case(target, formats, lang, progress)
    if result.failures:
        name, exc = result.failures[0]
        raise ToolkitError(f"the model answer failed in {name}: {exc.message}", file=target)
    return result


def generate_class(out: str | Path, groups: int, seed: int, *, sector: str | None = None, n_customers: int = 320,
                   difficulty: str = "standard", model: bool = False, formats: tuple[str, ...] = ("md", "html"),
                   model_formats: tuple[str, ...] = ("md",),
                   progress: Callable[[str], None] = lambda _m: None) -> ClassPack:
    """Write ``groups`` case folders and the trainer pack in ``out`` (see the module docstring).

    ``model``: also write the model deliverables of each case (``toolkit trainer generate`` does it
    unless ``--no-model``; 20 to 60 s per group)."""
    from toolkit.errors import ToolkitError
    from toolkit.render import render
    from toolkit.trainer.generate import generate_case
    from toolkit.trainer.levels import LEVELS
    from toolkit.trainer.sectors import SECTORS

    if groups < 1:
        raise ToolkitError("the number of groups must be at least 1", option="--groups")
    if sector is not None and sector not in SECTORS:
        raise ToolkitError(f"unknown sector '{sector}'", option="--sector", hint=f"use one of {', '.join(SECTORS)}")
    if difficulty not in LEVELS:
        raise ToolkitError(f"unknown difficulty '{difficulty}'", option="--difficulty",
                           hint=f"use one of {', '.join(LEVELS)}")
    out = Path(out)
    blocked = next((p for p in (out, *out.parents) if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise InputError("a file is in the way: the class folder cannot be created there", file=blocked,
                         hint="choose a folder name that is not an existing file")
    there = [out / group_dir_name(g) for g in range(1, groups + 1)] + [out / PACK_DIR]
    taken = [d for d in there if d.exists() and (not d.is_dir() or any(d.iterdir()))]
    if taken:
        raise InputError("a class is already generated here: the groups' work would be overwritten; nothing "
                         f"was written ({', '.join(d.name for d in taken)} already there)", file=out,
                         hint="choose another folder, or delete this one first if nobody has worked in it")
    result = ClassPack(out)
    for g in range(1, groups + 1):
        case_dir = out / group_dir_name(g)
        progress(f"▶ {case_dir.name}")
        gen = generate_case(case_dir, seed, g, sector=sector, n_customers=n_customers,
                            taken={k['client'] for k in result.keys}, difficulty=difficulty)
        result.cases.append(case_dir)
        result.keys.append(gen.key)
        result.files.append(_write_key(out / PACK_DIR / KEYS_DIR / f"{case_dir.name}.yaml", gen.key))
        if model:
            progress(f"  corrigé modèle de {case_dir.name}")
            done = make_model_answer(case_dir, out / PACK_DIR / "modeles" / case_dir.name, model_formats,
                                     progress=lambda m: progress("  " + m))
            result.models.append(done)
            result.files += done.files
    result.files += render(_key_document(result.keys, seed, model), out / PACK_DIR, "corrige", formats)
    return result
