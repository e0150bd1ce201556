"""`toolkit personas build` end to end, re-runs keeping the user's notes, the streaming path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from sklearn.metrics import adjusted_rand_score

from personas.simulate import brulerie_sauvage, make_mixed_customers

ROOT = Path(__file__).resolve().parents[2]


def _small_case(case: Path, n: int = 220) -> None:
    sim = brulerie_sauvage(n, seed=3)
    sim.customers.to_csv(case / "data" / "clients.csv", sep=";", index=False, encoding="utf-8-sig")
    t = sim.transactions.copy()
    t["date"] = t["date"].dt.strftime("%Y-%m-%d %H:%M")
    t.to_csv(case / "data" / "transactions.csv", index=False)


def test_cli_module_imports_no_heavy_library():
    code = ("import sys, personas, personas.cli; "
            "print(sorted(m for m in ('pandas', 'numpy', 'sklearn', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_build_from_the_cli_then_rerun_keeps_the_users_notes(example_case, capsys):
    from personas.commands import build
    from toolkit.cli import main

    _small_case(example_case)
    with pytest.raises(SystemExit) as exit_info:
        main(["personas", "build", str(example_case), "--format", "md", "--k", "3"])
    assert exit_info.value.code in (0, None)
    out = capsys.readouterr().out
    assert "personas.md" in out and "segments.csv" in out and "personas.yaml" in out
    yaml_path = example_case / "personas.yaml"
    doc = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    assert [p["id"] for p in doc["personas"]] == ["P1", "P2", "P3"]
    sizes = [p["facts"]["size"] for p in doc["personas"]]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == 220
    doc["personas"][0]["quote"] = "Mon café du matin, je le veux ici"
    doc["personas"][0]["goals"] = ["Gagner du temps"]
    yaml_path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(example_case, formats=("md",), k=3)
    again = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    assert again["personas"][0]["quote"] == "Mon café du matin, je le veux ici"
    assert again["personas"][0]["goals"] == ["Gagner du temps"]
    md = (example_case / "out" / "bloc1-personas" / "personas.md").read_text(encoding="utf-8")
    assert "Mon café du matin, je le veux ici" in md and "Gagner du temps" in md
    seg = pd.read_csv(example_case / "out" / "bloc1-personas" / "segments.csv", sep=";", encoding="utf-8-sig")
    assert list(seg.columns) == ["id_pseudonyme", "persona", "nom_persona"]
    assert len(seg) == 220 and seg["id_pseudonyme"].str.fullmatch(r"[0-9a-f]{16}").all()
    salt = (example_case / ".toolkit" / "personas_salt.txt").read_text().strip()
    assert salt and salt not in md


def test_missing_customer_data_is_one_clear_error(example_case, capsys):
    from toolkit.cli import main

    cfg = example_case / "case.yaml"
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("customers: data/clients.csv", "customers: null").replace(
        "transactions: data/transactions.csv", "transactions: null")
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["personas", "build", str(example_case)])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "aucune donnée client" in err and "data.customers" in err and "Traceback" not in err


def test_streaming_path_finds_the_segments_and_exports_pseudonyms(tmp_path):
    from personas.stream import analyse_file

    df, truth = make_mixed_customers(3000, 3, 1)
    df.to_csv(tmp_path / "clients.csv", index=False)
    res = analyse_file(tmp_path / "clients.csv", salt="s", k_min=2, k_max=5, chunksize=700, sample_size=1500,
                       silhouette_sample=800, n_bootstrap=1, assignments_path=tmp_path / "segments.csv")
    assert res.streaming and res.n_customers == 3000 and res.segmentation.k == 3
    seg = pd.read_csv(tmp_path / "segments.csv", sep=";", encoding="utf-8-sig")
    assert len(seg) == 3000 and not seg["id_pseudonyme"].str.startswith("CU").any()
    assert adjusted_rand_score(truth, seg["persona"]) >= 0.9
    assert [f.size for f in res.facts] == seg["persona"].value_counts().sort_index().tolist()
    assert not (tmp_path / "segments.csv.raw").exists()


def test_build_switches_to_the_streaming_path_for_big_files(example_case, monkeypatch):
    import personas.commands as commands

    df, _ = make_mixed_customers(900, 3, 2)
    df.to_csv(example_case / "data" / "clients.csv", index=False)
    cfg = example_case / "case.yaml"
    text = cfg.read_text(encoding="utf-8").replace("transactions: data/transactions.csv", "transactions: null")
    cfg.write_text(text.replace("id_column: id_client", "id_column: customer_id"), encoding="utf-8")
    monkeypatch.setattr(commands, "STREAMING_ABOVE_BYTES", 1000)  # this small file counts as big
    paths = commands.build(example_case, formats=("md", "xlsx"), k=3)
    out = example_case / "out" / "bloc1-personas"
    assert out / "segments.csv" in paths and not (out / "segments.xlsx").exists()
    seg = pd.read_csv(out / "segments.csv", sep=";", encoding="utf-8-sig")
    assert len(seg) == 900 and set(seg["persona"]) == {"P1", "P2", "P3"}
    md = (out / "personas.md").read_text(encoding="utf-8")
    assert "streaming path: 900 customers" in md and "CU1" not in md.split()


def test_segment_export_neutralises_formula_names(tmp_path):
    from openpyxl import load_workbook

    from personas.analysis import PersonasResult
    from personas.commands import _export_segments

    res = PersonasResult.__new__(PersonasResult)
    object.__setattr__(res, "assignments", pd.DataFrame({"id_pseudonyme": ["ab12", "cd34"], "persona": ["P1", "P2"],
                                                         "segment": [0, 1]}))
    paths = _export_segments(res, {"P1": "=HYPERLINK(\"http://x\")", "P2": "Abonnés"}, tmp_path, ("xlsx",))
    csv = pd.read_csv(tmp_path / "segments.csv", sep=";", encoding="utf-8-sig")
    assert csv.loc[0, "nom_persona"] == "'=HYPERLINK(\"http://x\")"
    ws = load_workbook(paths[1]).active
    assert ws["C2"].value.startswith("'=") and ws["C3"].value == "Abonnés"


def test_big_assignments_go_to_csv_only_not_a_huge_workbook(tmp_path, monkeypatch):
    import personas.commands as commands
    from personas.analysis import PersonasResult

    res = PersonasResult.__new__(PersonasResult)
    ids = [f"h{i:05d}" for i in range(120)]
    object.__setattr__(res, "assignments", pd.DataFrame({"id_pseudonyme": ids, "persona": ["P1"] * 120,
                                                         "segment": [0] * 120}))
    monkeypatch.setattr(commands, "XLSX_ASSIGNMENTS_MAX_ROWS", 100)
    paths = commands._export_segments(res, {"P1": "Abonnés"}, tmp_path, ("xlsx",))
    assert [p.name for p in paths] == ["segments.csv"] and not (tmp_path / "segments.xlsx").exists()
    monkeypatch.setattr(commands, "XLSX_ASSIGNMENTS_MAX_ROWS", 200)
    assert [p.name for p in commands._export_segments(res, {"P1": "A"}, tmp_path, ("xlsx",))] == [
        "segments.csv", "segments.xlsx"]


def test_streaming_path_chooses_k_by_the_in_memory_rule_and_sets_noise_aside(tmp_path):
    from personas.simulate import make_segmented_customers
    from personas.stream import analyse_file

    df, truth = make_segmented_customers(3000, 4, 3)
    df.to_csv(tmp_path / "clients.csv", index=False, sep=";")
    res = analyse_file(tmp_path / "clients.csv", salt="s", k_min=2, k_max=6, chunksize=1000, sample_size=2000,
                       silhouette_sample=1000, n_bootstrap=1, assignments_path=tmp_path / "segments.csv")
    seg = res.segmentation
    assert set(seg.votes) == {"silhouette", "calinski_harabasz", "davies_bouldin", "gap"} and seg.k == 4
    assert {"date_inscription_jours", "newsletter"} <= set(res.prepared.set_aside)
    assert "appli_mobile" in seg.binary and seg.min_size == 90  # 3 % of 3,000
    out = pd.read_csv(tmp_path / "segments.csv", sep=";", encoding="utf-8-sig")
    assert adjusted_rand_score(truth, out["persona"]) >= 0.9
