"""The whole computation in one call: tables in, :class:`PersonasResult` out (no files, no print).

For a notebook::

    import pandas as pd
    from personas.analysis import analyse

    res = analyse(clients, transactions, salt="mon-sel-secret", k_min=3, k_max=7,
                  objectives=["Porter le nombre d'abonnés à 3 000"])
    [(p.id, p.name, p.size) for p in res.facts]
    res.assignments          # id_pseudonyme → persona (pseudonymised ids only)

The streaming path for very large files is :func:`personas.stream.analyse_file`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from personas.prepare import PreparedData, prepare
from personas.profile import (
    PersonaFacts,
    SegmentStats,
    comment_highlights,
    describe_segments,
    feature_label,
    stats_from_frame,
)
from personas.segment import Segmentation, segment

__all__ = ["PersonasResult", "analyse", "profile_matrix"]


@dataclass(frozen=True)
class PersonasResult:
    """Everything the report and the exports need."""

    prepared: PreparedData | None  # None on the streaming path
    segmentation: Segmentation
    stats: SegmentStats
    facts: tuple[PersonaFacts, ...]
    assignments: pd.DataFrame  # id_pseudonyme, persona, segment (in-memory path)
    streaming: bool = False
    n_customers: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)  # facts worth telling (rows dropped …)


def profile_matrix(stats: SegmentStats, facts: tuple[PersonaFacts, ...] | list[PersonaFacts],
                   lang: str = "fr", max_features: int = 18) -> pd.DataFrame:
    """Personas × most discriminating numeric features, as standardised differences (σ)."""
    z = (stats.means - stats.overall_mean) / stats.overall_std
    z = z.dropna(axis=1, how="all")
    rows = {f.id: z.loc[f.segment] for f in facts}
    mat = pd.DataFrame(rows).T
    keep = mat.abs().max().sort_values(ascending=False).index[:max_features]
    mat = mat[keep]
    labels = [feature_label(c, lang, stats.display, stats.words) for c in mat.columns]
    # two features may read the same ("âge" in the file, "age"): a label names one column only
    mat.columns = [lab if labels.count(lab) == 1 else f"{lab} ({c})" for lab, c in zip(labels, mat.columns,
                                                                                     strict=True)]
    return mat


def screen(prep: PreparedData, column_roles: dict[str, str], *, random_state: int = 0) -> PreparedData:
    """``prep`` with ``set_aside`` filled — features unrelated to every other (see
    :mod:`personas.screen`); those from columns typed in ``personas.column_roles`` are kept — and
    ``redundant``: the groups of features repeating one fact, weighed as one variable."""
    from dataclasses import replace

    from personas.screen import screen_and_group

    cols = list(prep.numeric) + list(prep.categorical)
    keep = {c for c in cols if prep.derived.get(c, c) in column_roles}
    groups = {c: prep.derived.get(c, c) for c in cols}
    aside, redundant = screen_and_group(prep.features, cols, keep=keep, groups=groups, random_state=random_state)
    return replace(prep, set_aside={c: round(v, 3) for c, v in aside.items()}, redundant=redundant)


def analyse(
    customers: pd.DataFrame | None,
    transactions: pd.DataFrame | None = None,
    *,
    salt: str,
    k_min: int = 3,
    k_max: int = 8,
    algorithm: str = "kmeans",
    min_segment_size: int = 10,
    random_state: int = 42,
    id_column: str | None = None,
    column_roles: dict[str, str] | None = None,
    criteria: dict[str, str] | None = None,
    exclude: list[str] | tuple[str, ...] = (),
    objectives: list[str] | tuple[str, ...] = (),
    lang: str = "fr",
    customers_file: str = "customers",
    transactions_file: str = "transactions",
    n_bootstrap: int = 5,
    min_segment_share: float = 0.03,
    labels: dict | None = None,
    currency: str = "EUR",
) -> PersonasResult:
    """Prepare, segment and describe (see :mod:`personas.prepare`, ``segment``, ``profile``).

    ``currency``: ISO code of the amounts (the case's ``brief.constraints.currency``).
    ``labels``: the user's French label of each column (``personas.labels`` in case.yaml, see
    :func:`personas.vocabulary.words_from_labels`), used in persona names and cards."""
    from personas.vocabulary import words_from_labels

    prep = prepare(customers, transactions, salt=salt, id_column=id_column, column_roles=column_roles,
                   criteria=criteria, exclude=exclude, customers_file=customers_file,
                   transactions_file=transactions_file, lang=lang)
    prep = screen(prep, column_roles or {}, random_state=random_state)
    num = [c for c in prep.numeric if c not in prep.set_aside]
    cat = [c for c in prep.categorical if c not in prep.set_aside]
    seg = segment(prep.features, num, cat, k_min=k_min, k_max=k_max, algorithm=algorithm,
                  min_segment_size=min_segment_size, min_segment_share=min_segment_share,
                  random_state=random_state, n_bootstrap=n_bootstrap, weights=prep.weights or None)
    stats = stats_from_frame(prep.features, seg.labels, seg.k, prep.numeric, prep.categorical,
                             describe=prep.describe, value_column=prep.value_columns or None, display=prep.display,
                             words=words_from_labels(labels or {}), purchase_columns=prep.purchase_columns)
    verbatims = (comment_highlights(prep.comments, seg.labels, seg.k, scores=prep.scores, min_count=seg.min_size)
                 if prep.comments is not None else None)
    facts = describe_segments(stats, criteria=prep.criteria, objectives=objectives,
                              min_segment_size=min_segment_size, lang=lang, currency=currency, verbatims=verbatims)
    pid = {f.segment: f.id for f in facts}
    assignments = pd.DataFrame({
        "id_pseudonyme": prep.features.index.to_numpy(),
        "persona": np.array([pid[s] for s in range(seg.k)], dtype=object)[seg.labels],
        "segment": seg.labels.astype(np.int64),
    })
    notes = []
    if prep.tx is not None and prep.tx.dropped:
        for reason, count in prep.tx.dropped.items():
            rows = ", ".join(str(r) for r in prep.tx.dropped_examples.get(reason, ()))
            notes.append(f"{count} transaction rows ignored ({reason}; rows {rows}…)")
    if prep.unmatched_tx_customers:
        notes.append(f"{prep.unmatched_tx_customers} customer ids of the transactions are not in the customer file")
    return PersonasResult(prepared=prep, segmentation=seg, stats=stats, facts=tuple(facts), assignments=assignments,
                          n_customers=prep.n, notes=tuple(notes))
