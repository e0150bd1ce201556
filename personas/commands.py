"""Library functions behind ``toolkit personas …`` (same names, same options).

``build(case)`` reads ``data.customers`` (and ``data.transactions``) named in ``case.yaml``,
segments the customers, merges ``CASE/personas.yaml`` and writes, in ``CASE/out/bloc1-personas``
(or ``out``):

* ``personas.{md,html,docx,pptx,xlsx}`` — the deliverable;
* ``segments.csv`` / ``segments.xlsx`` — pseudonymised id → persona, for an emailing/ads tool;

and returns the paths written (``personas.yaml`` included). Above
``STREAMING_ABOVE_BYTES`` (customer file without transactions) the streaming path is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from toolkit.i18n import tr

__all__ = ["STREAMING_ABOVE_BYTES", "XLSX_ASSIGNMENTS_MAX_ROWS", "build", "demo"]

#: Per-customer assignments go to ``segments.xlsx`` (beside ``segments.csv``) up to this many rows
#: only: a 50,000-row workbook opens in a second, the 1,000,000-row one weighed 23 MB and took a
#: minute to write. Beyond, ``segments.csv`` alone (what e-mailing and ads tools import anyway).
XLSX_ASSIGNMENTS_MAX_ROWS = 50_000
EXCEL_MAX_ROWS = XLSX_ASSIGNMENTS_MAX_ROWS  # former name
#: Customer files larger than this (bytes) are processed in chunks (``personas.stream``).
STREAMING_ABOVE_BYTES = 400 * 1024 * 1024


def _read(path: Path, display: str):
    from toolkit.errors import InputError
    from toolkit.io import read_table

    if not path.exists():
        raise InputError("file not found", file=display,
                         hint="check the path in case.yaml (data.customers / data.transactions)")
    return read_table(path)


def _export_segments(res, names: dict[str, str], out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """segments.csv (always) and segments.xlsx (when xlsx is asked): pseudonymised ids only."""
    import io

    from toolkit.files import atomic_path, atomic_write_bytes
    from toolkit.render.xlsx import safe_cell_value

    df = res.assignments[["id_pseudonyme", "persona"]].copy()
    # persona names are typed by the user in personas.yaml: neutralise "=…" formulas in the CSV too
    df["nom_persona"] = df["persona"].map({k: safe_cell_value(v) for k, v in names.items()})
    written = []
    buf = io.StringIO()
    df.to_csv(buf, index=False, sep=";", lineterminator="\n")
    written.append(atomic_write_bytes(out_dir / "segments.csv", buf.getvalue().encode("utf-8-sig")))
    if "xlsx" in formats and len(df) <= XLSX_ASSIGNMENTS_MAX_ROWS:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("segments")
        ws.append(list(df.columns))
        for row in df.itertuples(index=False, name=None):
            ws.append([safe_cell_value(v) for v in row])
        target = out_dir / "segments.xlsx"
        with atomic_path(target) as tmp:
            wb.save(tmp)
        written.append(target)
    return written


def _entries(facts) -> list[dict[str, Any]]:
    out = []
    for f in facts:
        out.append({
            "id": f.id, "name": f.name, "description": f.description,
            "facts": {
                "size": f.size, "share": round(f.share, 4), "value_tier": f.value_tier,
                "revenue_share": None if f.revenue_share is None else round(f.revenue_share, 4),
                "mean_value_eur": None if f.mean_value is None else round(f.mean_value, 2),
                "traits": list(f.trait_texts[:10]), "channels": list(f.channels),
                "criteria": {k: list(v[:5]) for k, v in f.by_criterion.items()},
                "target_score": round(f.score, 1), "target_rank": f.rank, "target_why": f.why,
                "draft": {k: (list(v) if isinstance(v, list | tuple) else v) for k, v in (f.draft or {}).items()},
                "matched_objectives": list(f.matched_objectives),
                "signature": list(f.signature), "auto_name": f.name, "auto_description": f.description,
            },
        })
    return out


def build(
    case: Any,
    out: Path | None = None,
    formats: Iterable[str] | None = None,
    lang: str | None = None,
    *,
    k: int | None = None,
    algorithm: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Segment the case's customers into personas and write the deliverable (see module doc)."""
    from toolkit.case import Case, load_case
    from toolkit.errors import ToolkitError

    say = progress or (lambda _m: None)
    if not isinstance(case, Case):
        case = load_case(case, lang=lang)
    elif lang and lang != case.lang:
        case = load_case(case.root, lang=lang)
    lang = case.lang
    cfg = case.config
    st = cfg.personas
    formats = tuple(formats or cfg.output.formats)
    if not cfg.data.customers and not cfg.data.transactions:
        raise ToolkitError("no customer data in the case", file=case.root / "case.yaml",
                           hint="set data.customers (a CSV/XLSX export of your CRM) and, if you have them, "
                                "data.transactions")
    k_min, k_max = (k, k) if k else (st.k_min, st.k_max)
    algo = algorithm or st.algorithm
    if algo not in ("kmeans", "gmm", "minibatch"):
        raise ToolkitError(f"unknown algorithm '{algo}'", option="--algorithm", hint="use kmeans, gmm or minibatch")
    from personas.privacy import SALT_FILE, load_or_create_salt

    salt = load_or_create_salt(case.state_dir(), st.salt)
    salt_source = "case.yaml (personas.salt)" if st.salt else f".toolkit/{SALT_FILE}"
    cust_path = case.path(cfg.data.customers) if cfg.data.customers else None
    tx_path = case.path(cfg.data.transactions) if cfg.data.transactions else None
    warnings: list[str] = []
    if cust_path is not None and tx_path is None and cust_path.exists() and \
            cust_path.stat().st_size > STREAMING_ABOVE_BYTES:
        from personas.stream import analyse_file

        say(tr(lang, "Fichier volumineux : traitement par blocs ({name})", name=cust_path.name))
        stream_out = case.out_dir("personas", out)
        stream_out.mkdir(parents=True, exist_ok=True)
        res = analyse_file(cust_path, salt=salt, assignments_path=stream_out / "segments.csv", k_min=k_min, k_max=k_max,
                           min_segment_size=st.min_segment_size, min_segment_share=st.min_segment_share,
                           random_state=st.random_state, id_column=st.id_column, column_roles=st.column_roles,
                           criteria=st.criteria, exclude=st.exclude_columns, objectives=cfg.brief.objectives,
                           lang=lang, labels=st.labels, currency=cfg.brief.constraints.currency)
    else:
        from personas.analysis import analyse

        customers = transactions = None
        if cust_path is not None:
            say(tr(lang, "Lecture de {customers}", customers=cfg.data.customers))
            r = _read(cust_path, cfg.data.customers)
            customers = r.frame
            warnings += [f"{cfg.data.customers}: {w}" for w in r.report.warnings]
            for w in r.report.warnings:  # rows left out or cut (--accept-partial): said on screen too, not only in the document
                say(f"⚠ {cfg.data.customers} : {w}")
            unknown = [c for c in st.labels if c not in {str(x) for x in customers.columns}]
            if unknown:  # a typo in a label's column: said, not silently ignored
                say(tr(lang, "⚠ personas.labels : colonne(s) absente(s) de {customers}, libellé ignoré : ", customers=cfg.data.customers)
                    + ", ".join(unknown))
        if tx_path is not None:
            say(tr(lang, "Lecture de {transactions}", transactions=cfg.data.transactions))
            r = _read(tx_path, cfg.data.transactions)
            transactions = r.frame
            warnings += [f"{cfg.data.transactions}: {w}" for w in r.report.warnings]
            for w in r.report.warnings:
                say(f"⚠ {cfg.data.transactions} : {w}")
        say(tr(lang, "Segmentation des clients"))
        res = analyse(customers, transactions, salt=salt, k_min=k_min, k_max=k_max, algorithm=algo,
                      min_segment_size=st.min_segment_size, min_segment_share=st.min_segment_share,
                      random_state=st.random_state, id_column=st.id_column,
                      column_roles=st.column_roles, criteria=st.criteria, exclude=st.exclude_columns,
                      objectives=cfg.brief.objectives, lang=lang, labels=st.labels,
                      currency=cfg.brief.constraints.currency, customers_file=cfg.data.customers or "customers",
                      transactions_file=cfg.data.transactions or "transactions")
    warnings += list(res.notes)
    # personas.yaml: merge with what the user wrote
    from personas.model import (
        PERSONAS_FILE,
        Persona,
        merge_personas,
        read_personas_file,
        render_personas_yaml,
    )
    from toolkit.files import atomic_write_text

    yaml_path = case.root / PERSONAS_FILE
    doc, merge_warnings = merge_personas(_entries(res.facts), read_personas_file(yaml_path))
    warnings += merge_warnings
    for w in merge_warnings:
        say(f"⚠ {w}")
    from toolkit.history import keep_previous

    keep_previous(case.state_dir(), "personas", yaml_path, "before-build")  # `toolkit personas undo`
    atomic_write_text(yaml_path, render_personas_yaml(doc, lang))
    personas = [Persona.from_entry(e) for e in doc["personas"]]
    say(tr(lang, "Rédaction du livrable"))
    figures = _figures(res, personas, lang)
    from personas.report import ReportContext, build_document
    from toolkit.render import case_brand, render

    out_dir = case.out_dir("personas", out)
    ctx = ReportContext(
        client=cfg.client.name, author=cfg.output.author, objectives=tuple(cfg.brief.objectives),
        customers_file=cfg.data.customers, transactions_file=cfg.data.transactions,
        min_segment_size=st.min_segment_size, k_range=(k_min, k_max),
        export_files=("segments.csv",) + (("segments.xlsx",) if "xlsx" in formats and not res.streaming
                                          and len(res.assignments) <= XLSX_ASSIGNMENTS_MAX_ROWS else ()),
        salt_source=salt_source, warnings=tuple(warnings),
    )
    document = build_document(res, personas, ctx, figures, lang)
    paths = render(document, out_dir, "personas", formats, brand=case_brand(case))
    names = {p.id: p.name for p in personas}
    if res.streaming:
        paths.append(out_dir / "segments.csv")  # written chunk by chunk by the streaming path
    else:
        paths += _export_segments(res, names, out_dir, formats)
    from toolkit.check import record_inputs

    record_inputs(case.root, out_dir, "personas", _inputs(case))
    return [*paths, yaml_path]


def _figures(res, personas, lang: str) -> dict:
    from personas.analysis import profile_matrix
    from personas.charts import heatmap_chart, k_selection_chart, pca_chart, sizes_chart
    from toolkit.document import Figure
    from toolkit.fmt import fmt_number, fmt_percent

    facts = res.facts
    names = {p.id: p.name for p in personas}
    ids = [f.id for f in facts]
    seg = res.segmentation
    big = facts[0]
    figs = {
        "sizes": Figure.from_matplotlib(
            sizes_chart(ids, [names.get(i, i) for i in ids], [f.size for f in facts], lang),
            tr(lang, "Taille des segments"),
            alt=tr(lang, "{facts} segments ; le plus grand, {id}, regroupe {share} des clients, le plus petit {share_2}.", facts=len(facts), id=big.id, share=fmt_percent(big.share, lang, 0), share_2=fmt_percent(facts[-1].share, lang, 0)), name="tailles-segments"),
    }
    mat = profile_matrix(res.stats, facts, lang)
    if mat.shape[1]:
        col = mat.abs().max().idxmax()
        who = mat[col].abs().idxmax()
        figs["heatmap"] = Figure.from_matplotlib(
            heatmap_chart(mat, lang), tr(lang, "Profils standardisés des personas"),
            alt=tr(lang, "Écart de chaque persona à la moyenne, en écarts-types ; l'écart le plus marqué est « {col} » pour {who} ({at} σ).", col=col, who=who, at=fmt_number(mat.at[who, col], lang, 1)), name="profils-standardises")
    figs["pca"] = Figure.from_matplotlib(
        pca_chart(seg.pca_xy, ids, seg.pca_variance, lang),
        tr(lang, "Projection des clients sur deux axes (ACP, échantillon)"),
        alt=tr(lang, "Nuage de {pca_xy} clients colorés par persona sur les deux premiers axes de l'ACP, qui résument {pca_variance} de la variance.", pca_xy=len(seg.pca_xy), pca_variance=fmt_percent(sum(seg.pca_variance), lang, 0)), name="projection-acp")
    chosen = next((s for s in seg.scores if s.k == seg.k_found), seg.scores[0])
    votes = ", ".join(f"{c.replace('_', '-')} {k}" for c, k in (seg.votes or {}).items())
    figs["k_selection"] = Figure.from_matplotlib(
        k_selection_chart(seg.scores, seg.k_found, lang),
        tr(lang, "Choix du nombre de segments : les critères selon k"),
        alt=(tr(lang, "Critères de qualité pour chaque k de {first} à {last} ; k = {k} retenu (silhouette {silhouette}",
                first=seg.scores[0].k, last=seg.scores[-1].k, k=seg.k_found,
                silhouette=fmt_number(chosen.silhouette, lang, 2))
             + (tr(lang, " ; votes : {votes}", votes=votes) if votes else "") + ")."),
        name="choix-k")
    return figs


def demo(case: Any, out: Path | None, formats: Iterable[str] | None, lang: str | None,
         progress: Callable[[str], None] | None = None) -> list[Path]:
    """``toolkit demo`` step: build the example case's personas."""
    return build(case, out, formats, lang, progress=progress)


# ---------------------------------------------------------------------------------------
# hooks of ``toolkit check`` (see :mod:`toolkit.check`)


def _inputs(case: Any) -> list[Path]:
    from personas.model import PERSONAS_FILE

    cfg = case.config
    files = [case.root / "case.yaml", case.root / PERSONAS_FILE]
    files += [case.path(f) for f in (cfg.data.customers, cfg.data.transactions) if f]
    return files


def evidence(case: Any, lang: str = "fr") -> dict:
    """What personas.yaml shows for the target audience (``besoin.public_cible``)."""
    from personas.evidence import personas_evidence
    from personas.model import load_personas

    return personas_evidence(load_personas(case), None, lang)


def deliverables(case: Any) -> list:
    from toolkit.check import Deliverable

    if not (case.config.data.customers or case.config.data.transactions):
        return []
    return [Deliverable("Personas", "personas", case.out_dir("personas"), "personas",
                        tuple(_inputs(case)), f"toolkit personas build {case.root}")]


def classify_file(path: Path) -> Any:
    """``toolkit case init --from`` hook: a customer file or a transactions file (None otherwise).

    A table with a customer-id column is a **transactions** file when ids repeat and it has a
    date and an amount (one row per order), a **customers** file when each id appears once.
    The description names the columns that give value, frequency, recency and demographics
    (:func:`personas.columns.customer_signals`).
    """
    from personas.columns import customer_signals, id_like
    from toolkit.errors import InputError
    from toolkit.intake import FileGuess
    from toolkit.io import read_table

    try:
        t = read_table(path)
    except InputError:
        return None
    frame = t.frame
    if len(frame) < 2 or len(frame.columns) < 3:
        return None
    ids = [c for c in frame.columns if id_like(str(c)) and frame[c].notna().all()]
    if not ids:
        return None
    id_col = next((c for c in ids if "customer" in str(c).lower() or "client" in str(c).lower()), ids[0])
    signals = customer_signals([str(c) for c in frame.columns])
    dated = any(str(frame[c].dtype).startswith("datetime") or "date" in str(c).lower() for c in frame.columns)
    if frame[id_col].duplicated().any():
        if not (dated and signals.get("value")):
            return None
        n = int(frame[id_col].nunique())
        return FileGuess("transactions", f"transactions : {len(frame)} lignes, {n} clients (colonne '{id_col}')",
                         confidence=1)
    parts = [f"{label} : {', '.join(cols[:4])}" for label, cols in (
        ("valeur", signals.get("value", [])), ("fréquence", signals.get("frequency", [])),
        ("récence", signals.get("recency", [])), ("profil", signals.get("demographics", []))) if cols]
    detail = f" — {' ; '.join(parts)}" if parts else ""
    from personas.privacy import detect_pii
    from personas.vocabulary import proposed_label

    private = {p.column for p in detect_pii(frame)} | {str(c) for c in ids}
    labels = {str(c): proposed_label(str(c)) for c in frame.columns if str(c) not in private}
    return FileGuess("customers", f"fichier clients : {len(frame)} clients, {len(frame.columns)} colonnes{detail}",
                     confidence=1, labels=labels)
