"""Trainer mode: generated cases are valid, differ by seed, hide facts the toolkit finds, and are graded.

The expensive part — every module run on a generated case — happens once per seed, in a
module-scoped fixture shared by the recovery and grading tests.
"""

from __future__ import annotations

import datetime as _dt
import re
import shutil
from pathlib import Path

import pytest

from toolkit.case import load_case
from toolkit.scaffold import check_case
from toolkit.trainer.generate import generate_case
from toolkit.trainer.grade import deliverable_lines, fold, grade_case, numbers_in
from toolkit.trainer.sectors import SECTORS

#: One module run per (seed, sector, difficulty); together they cover three of the four sector
#: templates (the fourth is checked by the cheaper tests below) and the three difficulty levels.
RUNS = ((101, "velo", "facile"), (202, "cosmetique", "standard"), (303, "association", "expert"))
KINDS = {"segments", "trend_rising", "trend_peak", "emerging_topic", "overspend", "bad_buzz", "market_growth",
         "tracking_gap", "competitor_move"}


def _fact(key: dict, kind: str) -> dict:
    return next(f for f in key["facts"] if f["kind"] == kind)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> list[tuple[dict, Path, object]]:
    """Each seed's class of one group, generated with the model deliverables the key ships
    (``formateur/modeles/groupe-01``: a copy of the case run through every module)."""
    from toolkit.trainer.pack import generate_class

    out = []
    for seed, sector, level in RUNS:
        pack = generate_class(tmp_path_factory.mktemp(f"class-{seed}"), 1, seed, sector=sector, difficulty=level,
                              formats=("md",), model=True)
        out.append((pack.keys[0], pack.models[0].case_dir, pack.models[0]))
    return out


# ---------------------------------------------------------------------------------------
# generation


@pytest.mark.parametrize("sector", sorted(SECTORS))
def test_generated_case_passes_case_check(tmp_path, sector):
    gen = generate_case(tmp_path, 7, 2, sector=sector)
    report = check_case(tmp_path)
    assert report.ok, report.lines
    # every data file named in case.yaml was written, and the key has every kind of fact
    cfg = load_case(tmp_path).config
    for name in (cfg.data.customers, cfg.data.transactions, cfg.data.mentions, *cfg.data.actuals,
                 *cfg.watch.trends.files):
        assert (tmp_path / name).is_file(), name
    assert {f["kind"] for f in gen.key["facts"]} == KINDS
    assert (tmp_path / "marche.xlsx").is_file() and (tmp_path / "besoin.yaml").is_file()


def test_same_seed_same_case_and_two_seeds_differ(tmp_path):
    a = generate_case(tmp_path / "a", 2027, 1)
    b = generate_case(tmp_path / "b", 2027, 1)
    c = generate_case(tmp_path / "c", 2028, 1)
    from openpyxl import load_workbook

    def content(root: Path, files: list[Path]) -> dict:
        # an XLSX stores its save time: compare what it holds, not its bytes
        return {p.relative_to(root): [list(ws.values) for ws in load_workbook(p).worksheets]
                if p.suffix == ".xlsx" else p.read_bytes() for p in files}

    files_a, files_b = content(tmp_path / "a", a.files), content(tmp_path / "b", b.files)
    files_c = content(tmp_path / "c", c.files)
    assert files_a == files_b
    assert a.key == b.key
    assert files_a[Path("data/clients.csv")] != files_c[Path("data/clients.csv")]
    assert [f["statement"] for f in a.key["facts"]] != [f["statement"] for f in c.key["facts"]]


def test_groups_of_one_class_get_different_clients(tmp_path):
    from toolkit.trainer.pack import generate_class, load_keys

    pack = generate_class(tmp_path, 6, 99, sector="velo", formats=("md",), model=False)
    keys = load_keys(tmp_path)
    assert len({k["client"] for k in keys}) == 6  # the key is found by the client's name
    assert [k["group"] for k in keys] == [1, 2, 3, 4, 5, 6]
    assert (pack.pack / "corrige.md").read_text(encoding="utf-8").count("Groupe ") >= 6


def test_customer_file_has_the_quirks_of_a_french_excel_export(tmp_path):
    generate_case(tmp_path, 5, 1, sector="restaurant")
    raw = (tmp_path / "data" / "clients.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert {"nom", "prenom", "email", "telephone"} <= set(header)  # personal data the toolkit must mask
    assert re.search(r";\d\d/\d\d/\d{4};", text)  # dd/mm/yyyy dates
    ads = next((tmp_path / "data" / "exports").glob("google_ads_*.csv"))
    if ads.name.endswith("_fr.csv"):
        assert ads.read_bytes().startswith(b"\xff\xfe")  # Google Ads' default download: UTF-16 LE with BOM
    else:  # the English CSV variant: UTF-8, commas, quoted thousands
        assert ads.read_text(encoding="utf-8").startswith("Campaign report\n")


def test_ad_exports_come_in_both_interface_languages_varied_across_groups(tmp_path):
    langs = []
    for group in range(1, 5):
        gen = generate_case(tmp_path / f"g{group}", 31, group, sector="cosmetique")
        chosen = gen.key["exports_language"]
        assert set(chosen.values()) == {"fr", "en"}, chosen  # every case has both
        names = {p.name for p in (tmp_path / f"g{group}" / "data" / "exports").iterdir()}
        for platform, lang in chosen.items():
            assert any(n.startswith(platform) and n.endswith(f"_{lang}.csv") for n in names), (platform, names)
        langs.append(tuple(sorted(chosen.items())))
    assert len(set(langs)) > 1  # not the same mix for every group
    text = "".join(p.read_bytes().decode("utf-8", "ignore") for p in tmp_path.rglob("*_en.csv"))
    assert "Amount spent (EUR)" in text or "Avg. CPC" in text or "# Start date:" in text


# ---------------------------------------------------------------------------------------
# the planted facts are found by the toolkit's own analyses, on every seed


def test_generated_cases_run_through_every_module(runs):
    for key, root, result in runs:
        assert root.parent.name == "modeles" and (root.parent.parent / "cles" / "groupe-01.yaml").is_file()
        assert "modeles/groupe-01/out/" in (root.parent.parent / "corrige.md").read_text(encoding="utf-8")
        assert not result.failures, (key["client"], result.failures)
        ran = {name for name, paths, _t in result.steps if paths}
        assert {"cadrage", "veille", "marche", "besoin", "personas", "plan", "pilotage", "mission", "presence",
                "supports"} <= ran, (key["client"], ran)


def test_planted_segments_are_found_by_personas(runs):
    import pandas as pd
    from sklearn.metrics import adjusted_rand_score

    from personas.privacy import pseudonymise

    for key, root, _r in runs:
        fact = _fact(key, "segments")
        found = pd.read_csv(root / "out" / "bloc1-personas" / "segments.csv", sep=";", dtype=str)
        truth = pd.Series(fact["truth"])
        planted = pd.DataFrame({"id_pseudonyme": pseudonymise(pd.Series(truth.index), fact["salt"]).to_numpy(),
                                "truth": truth.to_numpy()})
        merged = planted.merge(found, on="id_pseudonyme")
        assert len(merged) == len(planted)
        # four planted segments; the toolkit's choice of k may merge two of them (ARI ≈ 0.65–0.8 then)
        assert adjusted_rand_score(merged["truth"], merged["persona"]) > 0.6, key["client"]


def test_planted_trend_momentum_and_peak_are_found_by_veille(runs):
    from veille.analysis import momentum_ranking
    from veille.commands import load_trends

    for key, root, _r in runs:
        interest = load_trends(load_case(root)).interest
        table, metrics = momentum_ranking(interest)
        rising, peak = _fact(key, "trend_rising"), _fact(key, "trend_peak")
        assert table["term"].iloc[0] == rising["term"], table
        assert metrics[rising["term"]].direction == "up"
        assert metrics[peak["term"]].peak_months[0] == peak["month"], metrics[peak["term"]].seasonal_index


def test_planted_emerging_topic_is_found_by_veille(runs):
    from veille.analysis import emerging_terms
    from veille.store import open_store

    for key, root, _r in runs:
        with open_store(load_case(root)) as store:
            entries = store.entries_frame()
        emerging = emerging_terms(entries)
        assert fold(emerging["term"].iloc[0]) == fold(_fact(key, "emerging_topic")["term"]), emerging.head()


def test_planted_overspend_is_the_one_critical_budget_alert_of_pilotage(runs):
    from pilotage.compute.alerts import evaluate_alerts
    from pilotage.compute.bilan import analyse

    for key, root, _r in runs:
        a = analyse(load_case(root))
        alerts = [x for x in evaluate_alerts(None, a.variance, threshold=0.10)
                  if x.kind == "budget" and x.severity == "critical"]
        fact = _fact(key, "overspend")
        assert [x.subject.rsplit(" (", 1)[0] for x in alerts] == [fact["action"]], [x.subject for x in alerts]
        row = a.variance.exceptions.query("level == 'action'").set_index("action_id").loc[fact["action_id"]]
        assert row["variance"] == pytest.approx(fact["variance"], abs=1.0)


def test_planted_bad_buzz_and_its_cause_are_found_by_ereputation(runs):
    from pilotage.compute.ereputation import analyse_case

    for key, root, _r in runs:
        rep = analyse_case(load_case(root))
        fact = _fact(key, "bad_buzz")
        assert len(rep.crises) == 1, [(c.start, c.end) for c in rep.crises]
        crisis = rep.crises[0]
        assert crisis.start <= _dt.date.fromisoformat(fact["peak"]) <= crisis.end
        assert crisis.themes[0][0] == fact["cause"], crisis.themes


def test_planted_market_growth_is_found_by_the_market_study(runs):
    from veille.marche.commands import study

    for key, root, _r in runs:
        fact = _fact(key, "market_growth")
        series = study(load_case(root)).series
        segments = series[series["segment"] != "Total"].sort_values("cagr", ascending=False)
        assert segments["segment"].iloc[0] == fact["segment"]
        assert segments["cagr"].iloc[0] == pytest.approx(fact["segment_cagr"], abs=1e-4)
        assert segments["cagr"].iloc[0] > segments["cagr"].iloc[1] + 0.05  # clearly the fastest
        total = series[series["segment"] == "Total"]["cagr"].iloc[0]
        assert total == pytest.approx(fact["total_cagr"], abs=1e-4)


def test_planted_tracking_gap_is_found_by_pilotage(runs):
    from pilotage.compute.bilan import analyse
    from pilotage.compute.tracking import tracking_gaps
    from pilotage.store.actuals import load_actuals

    for key, root, _r in runs:
        fact = _fact(key, "tracking_gap")
        gaps = tracking_gaps(load_actuals(load_case(root)))
        assert len(gaps) == 1, gaps  # the half-measured day of the harder levels is not a gap
        gap = gaps.iloc[0]
        assert (gap["start"].isoformat(), gap["end"].isoformat()) == (fact["start"], fact["end"])
        assert gap["clicks"] == fact["clicks"] and gap["sessions"] == 0
        assert 0.75 < gap["usual_ratio"] < 0.95
        assert [f.rule for f in analyse(load_case(root)).findings].count("tracking") == 2  # shortfall + lesson


def test_planted_competitor_move_is_found_by_veille(runs):
    from veille.analysis import mentions
    from veille.store import open_store

    for key, root, _r in runs:
        case = load_case(root)
        fact = _fact(key, "competitor_move")
        with open_store(case) as store:
            entries = store.entries_frame()
        m = mentions(entries, {c.name: list(c.keywords) for c in case.config.competitors})
        moving = m[m["recent"] > 0]
        assert moving["name"].tolist() == [fact["competitor"]], m  # older news of another one is not recent
        row = moving.iloc[0]
        assert row["recent"] == fact["items"]
        assert row["first_recent"].isoformat() == fact["start"] and row["last_seen"].isoformat() == fact["end"]


def test_ad_exports_of_both_languages_are_read_by_pilotage(runs):
    from pilotage.store.actuals import load_actuals

    seen = set()
    for key, root, _r in runs:
        actuals = load_actuals(load_case(root))
        files = {p.name for p in (root / "data" / "exports").iterdir()}
        assert set(actuals["source_file"].map(lambda x: Path(x).name)) == files
        for platform, lang in key["exports_language"].items():
            rows = actuals[actuals["platform"] == platform]
            assert len(rows) > 100 and rows["source_file"].str.endswith(f"_{lang}.csv").all(), (platform, lang)
            seen.add((platform, lang))
        over = _fact(key, "overspend")
        camp = actuals[actuals["campaign"].isin(over["campaigns"])]
        assert camp["spend"].sum() == pytest.approx(over["actual"], abs=0.05)  # figures read right in either language
    assert {lang for _p, lang in seen} == {"fr", "en"}


def test_market_workbook_gives_a_full_study(runs):
    from veille.marche.commands import study

    for key, root, _r in runs:
        st = study(load_case(root))
        assert len(st.pestel) >= 6 and set(st.pestel["dimension"]) >= {"politique", "economique", "socioculturel",
                                                                        "technologique", "environnemental", "legal"}
        assert set(st.forces["force"]) == {"rivalite", "nouveaux_entrants", "substituts", "fournisseurs", "clients"}
        assert st.grid is not None and len(st.grid.table) == 4  # three competitors and the client
        assert len(st.presence) and len(st.practices) >= 1
        study_md = (root / "out" / "bloc1-marche" / "etude-marche-benchmark.md").read_text(encoding="utf-8")
        for title in ("PESTEL", "forces", key["client"]):
            assert title in study_md, title


def test_every_production_command_and_check_run_on_a_generated_case(runs):
    from typer.testing import CliRunner

    from toolkit.check import check_case as grid_check
    from toolkit.cli import app

    key, root, _r = runs[1]
    for folder, stem in (("bloc1-besoin", "besoin-preconisation"), ("bloc1-marche", "etude-marche-benchmark"),
                         ("bloc3-mission", "rapport-de-mission"), ("bloc3-presence", "plan-presence-digitale"),
                         ("bloc3-supports", "cahier-des-charges-creatif")):
        assert (root / "out" / folder / f"{stem}.md").is_file(), (folder, stem)
    chk = grid_check(root)
    assert not chk.errors, chk.errors
    assert {x.criterion.production for x in chk.lines if x.status != "jury"} >= {"veille", "besoin", "plan", "bilan",
                                                                                 "supports", "presence_digitale"}
    assert all(s.state != "absent" for s in chk.deliverables), [s.deliverable.title for s in chk.deliverables
                                                                  if s.state == "absent"]
    res = CliRunner().invoke(app, ["check", str(root)])
    assert res.exit_code == 0, res.output


# ---------------------------------------------------------------------------------------
# difficulty


def _noise_measures(root: Path) -> dict[str, float]:
    """Signal-to-noise of three planted facts, measured by the toolkit's analyses on the case's data."""
    from pilotage.compute.ereputation import analyse_case
    from veille.marche.commands import study

    case = load_case(root)
    crisis = analyse_case(case).crises[0]
    series = study(case).series
    cagr = series[series["segment"] != "Total"]["cagr"].sort_values(ascending=False).tolist()
    return {"buzz": crisis.peak_negative / max(crisis.baseline, 0.5), "market": cagr[0] - cagr[1],
            "ga4_gap_days": float(_fact(yaml_key(root), "tracking_gap")["days"])}


def yaml_key(root: Path) -> dict:
    import yaml

    return yaml.safe_load((root / "key.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_harder_level_is_measurably_noisier(tmp_path, seed):
    import yaml

    measured = {}
    for level in ("facile", "expert"):
        root = tmp_path / level
        gen = generate_case(root, seed, 1, sector="restaurant", difficulty=level)
        (root / "key.yaml").write_text(yaml.safe_dump(gen.key, allow_unicode=True), encoding="utf-8")
        measured[level] = _noise_measures(root)
    easy, hard = measured["facile"], measured["expert"]
    assert hard["buzz"] < easy["buzz"], measured  # a smaller burst over more everyday complaints
    assert hard["market"] < easy["market"], measured  # the fastest segment stands out less
    assert hard["ga4_gap_days"] < easy["ga4_gap_days"]


def test_every_group_of_a_class_gets_the_same_difficulty(tmp_path):
    from toolkit.trainer.pack import generate_class, load_keys

    generate_class(tmp_path, 3, 5, difficulty="expert", formats=("md",), model=False)
    keys = load_keys(tmp_path)
    assert {k["difficulty"] for k in keys} == {"expert"}
    # the same number of planted facts of each kind and the same amount of signal for each
    assert len({tuple(f["kind"] for f in k["facts"]) for k in keys}) == 1
    assert {_fact(k, "tracking_gap")["days"] for k in keys} == {5}
    assert {_fact(k, "competitor_move")["items"] for k in keys} == {2}
    topics = []
    for k in keys:
        topic = fold(_fact(k, "emerging_topic")["term"])
        root = tmp_path / f"groupe-{k['group']:02d}"
        text = fold("".join(p.read_text(encoding="utf-8") for p in (root / "data" / "veille" / "snapshots").glob("*.xml")))
        topics.append(sum(1 for t in re.findall(r"<title>(.*?)</title>", text) if topic in t))
    assert len(set(topics)) == 1 and topics[0] == 6, topics


# ---------------------------------------------------------------------------------------
# grading


def test_grading_the_model_answer_scores_full_marks(runs):
    from collections import Counter

    from toolkit.check import check_case as grid_check

    for key, root, _r in runs:
        grade = grade_case(key, root)
        assert grade.score == 1.0, [(r.kind, r.evidence) for r in grade.results if not r.found]
        assert grade.results[0].figure > 0.6  # the ARI of the segments
        # beside the facts, the honest grid statuses of toolkit check, the jury's criteria kept apart
        statuses = Counter(x.status for x in grid_check(root).lines)
        assert not grade.grid.error
        assert {s: grade.grid.total(s) for s in statuses} == dict(statuses)
        assert len(grade.grid.jury) == statuses["jury"] > 0
        assert grade.grid.measurable == sum(statuses.values()) - statuses["jury"]
        assert len(grade.grid.gaps) == statuses["partial"] + statuses["missing"] + statuses["todo"]


def _remove_facts(key: dict, src: Path, dst: Path) -> None:
    """A copy of the case whose deliverables say nothing of the planted facts (Markdown only)."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".toolkit"))
    terms = [fold(_fact(key, k)["term"]) for k in ("trend_rising", "trend_peak", "emerging_topic", "market_growth")]
    over = _fact(key, "overspend")
    terms += [fold(over["action"]), *(fold(c) for c in over["campaigns"]), fold(_fact(key, "competitor_move")["competitor"])]
    window = set()
    for kind in ("bad_buzz", "tracking_gap"):
        start = _dt.date.fromisoformat(_fact(key, kind)["start"])
        window |= {start + _dt.timedelta(days=i) for i in range(-3, 12)}
    dates = [d.strftime("%d/%m/%Y") for d in window] + [d.isoformat() for d in window]
    for path in (dst / "out").rglob("*"):
        if path.name == "segments.csv" or path.suffix in (".html", ".docx"):
            path.unlink()
        elif path.suffix == ".md":
            kept = [x for x in path.read_text(encoding="utf-8").splitlines()
                    if not any(t in fold(x) for t in terms) and not any(d in x for d in dates)]
            path.write_text("\n".join(kept), encoding="utf-8")


def test_grading_with_planted_facts_removed_scores_them_missed(runs, tmp_path):
    key, root, _r = runs[0]
    _remove_facts(key, root, tmp_path / "case")
    assert deliverable_lines(tmp_path / "case")  # the rest of the deliverables is still there
    grade = grade_case(key, tmp_path / "case")
    assert [r.found for r in grade.results] == [False] * len(key["facts"]), \
        [(r.kind, r.evidence) for r in grade.results if r.found]


def test_overspend_needs_the_right_figure_not_just_the_name(runs, tmp_path):
    key, root, _r = runs[1]
    over = _fact(key, "overspend")
    case = tmp_path / "case"
    (case / "out").mkdir(parents=True)
    wrong = over["variance"] * 2
    (case / "out" / "bilan.md").write_text(f"- Dépassement : {over['action']} — écart {wrong:,.2f} €\n", encoding="utf-8")
    assert not grade_case(key, case).results[4].found
    (case / "out" / "bilan.md").write_text(
        f"- Dépassement : {over['action']} — écart {over['variance']:,.2f} €\n".replace(",", " ").replace(".", ","),
        encoding="utf-8")
    assert grade_case(key, case).results[4].found


def test_numbers_in_reads_french_and_english_figures():
    assert numbers_in("écart 1 234,56 € (+44,7 %)") == [1234.56, 44.7]
    assert numbers_in("variance €1,234.56 (44.7%)") == [1234.56, 44.7]
    assert numbers_in("écart −732,79 €") == [-732.79]


def test_cli_generate_and_grade(runs, tmp_path):
    from typer.testing import CliRunner

    from toolkit.cli import app
    from toolkit.trainer.pack import KEYS_DIR, PACK_DIR, _write_key

    cli = CliRunner()
    res = cli.invoke(app, ["trainer", "generate", str(tmp_path / "classe"), "--groups", "2", "--seed", "4",
                           "--difficulty", "facile", "--no-model"])
    assert res.exit_code == 0, res.output
    assert "difficulty: facile" in (tmp_path / "classe" / PACK_DIR / KEYS_DIR / "groupe-02.yaml").read_text(encoding="utf-8")
    res = cli.invoke(app, ["trainer", "generate", str(tmp_path / "autre"), "--difficulty", "extreme", "--no-model"])
    assert res.exit_code == 1 and "unknown difficulty 'extreme'" in str(res.exception)
    assert "facile, standard, expert" in str(res.exception)
    assert (tmp_path / "classe" / "groupe-02" / "case.yaml").is_file()
    assert (tmp_path / "classe" / PACK_DIR / KEYS_DIR / "groupe-01.yaml").is_file()
    # grade the runs of the fixture against a pack holding their keys
    pack = tmp_path / "pack"
    for i, (key, _root, _r) in enumerate(runs, start=1):
        _write_key(pack / KEYS_DIR / f"groupe-{i:02d}.yaml", {**key, "group": i})
    res = cli.invoke(app, ["trainer", "grade", str(pack), *(str(root) for _k, root, _r in runs),
                           "--out", str(tmp_path / "notes")])
    assert res.exit_code == 0, res.output
    assert res.output.count(f"{len(KINDS)}/{len(KINDS)}") == len(runs), res.output
    from openpyxl import load_workbook

    rows = [r for ws in load_workbook(tmp_path / "notes" / "synthese-classe.xlsx").worksheets
            for r in ws.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if "Score" in r)
    col = rows[header].index("Score")
    assert [r[col] for r in rows[header + 1: header + 1 + len(runs)]] == [1.0] * len(runs)  # number cells
    feedback = (tmp_path / "notes" / "retour-groupe-01.md").read_text(encoding="utf-8")
    assert "Ce que vous avez trouvé" in feedback
    assert "## Grille du référentiel" in feedback and "Non évaluables par l'outil" in feedback
    assert "Critères du référentiel que seul un jury peut apprécier" in feedback
    wb = load_workbook(tmp_path / "notes" / "synthese-classe.xlsx")
    grid = [r for ws in wb.worksheets if ws.title.startswith("Grille") for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(grid) if r and "Atteints" in r)
    body = [r for r in grid[head + 1: head + 1 + len(runs)]]
    jury_col = grid[head].index("Non évaluables par l'outil")
    assert all(isinstance(r[jury_col], int) and r[jury_col] > 0 for r in body), body  # number cells


def test_cli_grade_refuses_a_case_without_key(tmp_path):
    from typer.testing import CliRunner

    from toolkit.cli import app
    from toolkit.trainer.pack import generate_class

    generate_class(tmp_path / "a", 1, 1, formats=("md",), model=False)
    other = tmp_path / "b"
    gen = generate_case(other, 2, 9, sector="velo")
    yaml_file = other / "case.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(gen.key["client"], "Client Inconnu"),
                         encoding="utf-8")
    res = CliRunner().invoke(app, ["trainer", "grade", str(tmp_path / "a"), str(other)])
    assert res.exit_code == 1
    assert "no answer key" in str(res.exception) or "no answer key" in res.output
