# %% [markdown]
# # The toolkit in a notebook
#
# This script is a notebook in the *py:percent* format: open it in Jupyter (with jupytext) or
# VS Code and run it cell by cell, or run it whole with `python examples/notebook.py`.
# CI runs it, so every line here works on the installed toolkit.
#
# It works on a copy of the bundled example case (a fictional Lyon coffee roaster): inputs in,
# computed results out as DataFrames and dataclasses, one deliverable rendered.

# %%
import shutil
import tempfile
from pathlib import Path

import toolkit
from toolkit.demo import example_case_dir

work = Path(tempfile.mkdtemp(prefix="toolkit-notebook-"))
case_dir = work / "case"
shutil.copytree(example_case_dir(), case_dir, ignore=shutil.ignore_patterns("out", ".toolkit"))
case = toolkit.load_case(case_dir)
print(case.root, case.lang)

# %% [markdown]
# ## The marketing plan: compute, inspect, render
# `plan.compute` reads `plan.yaml` and returns frozen results: budget, funnel forecasts,
# Monte Carlo ranges, the schedule and the KPI targets.

# %%
import plan

results = plan.compute(case, draws=2_000, seed=1)
print(f"Budget engagé : {results.budget.committed:,.0f} €")
print(results.montecarlo.summary)

# %% [markdown]
# The same results become a format-neutral document, written in any format.

# %%
doc = plan.build_document(case, results, "fr", figures=False)
paths = toolkit.render(doc, work / "out", "recommandation-plan", ["md", "docx"])
print([p.name for p in paths])

# %% [markdown]
# ## Personas from an in-memory DataFrame
# The segmentation takes a DataFrame, not only a case folder: here the example's customer file,
# read with the toolkit's own reader (encodings, separators and French numbers detected).

# %%
import personas

customers = toolkit.read_table(case_dir / "data" / "clients.csv").frame
res = personas.analyse(customers, salt="notebook", id_column="id_client")
print(f"{res.n_customers} clients, {len(res.facts)} segments")
print(res.assignments["persona"].value_counts())  # pseudonymised ids only: no personal data

# %% [markdown]
# ## What each package offers
# Every package lists its notebook entry points in `__all__`; they are imported on first use.

# %%
import pilotage
import veille

for package in (plan, personas, veille, pilotage):
    print(package.__name__, package.__all__)
