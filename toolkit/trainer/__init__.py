"""Trainer mode: a different, realistic generated case per group, its answer key, and grading.

* :func:`toolkit.trainer.pack.generate_class` — ``toolkit trainer generate``: the case folders
  and the trainer pack (answer keys, corrigé, optional model answers);
* :func:`toolkit.trainer.generate.generate_case` — one group's case and its key;
* :func:`toolkit.trainer.grade.grade_case` — ``toolkit trainer grade``: one group's deliverables
  against its key.

The trainer calls the domain modules only through :mod:`toolkit.modules` (the core never imports
them): the model answer is :func:`toolkit.demo.run_case` on the generated case.
"""

from toolkit._lazy import attach as _attach

_EXPORTS = {
    "generate_case": "toolkit.trainer.generate:generate_case",
    "generate_class": "toolkit.trainer.pack:generate_class",
    "load_keys": "toolkit.trainer.pack:load_keys",
    "make_model_answer": "toolkit.trainer.pack:make_model_answer",
    "grade_case": "toolkit.trainer.grade:grade_case",
    "GroupGrade": "toolkit.trainer.grade:GroupGrade",
    "SECTORS": "toolkit.trainer.sectors:SECTORS",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = _attach(__name__, _EXPORTS)
