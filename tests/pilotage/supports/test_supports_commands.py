"""``toolkit supports brief|check|build`` on the example case and on small cases: the deliberate
faults of the example's supports are found, the documents are written and read back, bad input
is one clear message, outside text stays text in HTML, the A.5 grid is honest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pilotage.supports.commands import audit, build_brief, check, evidence
from toolkit.cli import app

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "brulerie-sauvage"
runner = CliRunner()


def _by_id(results):
    return {a.id: {f.check: f for f in a.findings} for a in results.audits}


@pytest.fixture(scope="module")
def example_results():
    return audit(EXAMPLE)


def test_the_audit_finds_every_deliberate_fault_of_the_example(example_results):
    f = _by_id(example_results)
    # S1 the launch email: image without alt, "Cliquez ici", pale footer, no unsubscribe link
    assert f["S1"]["Textes alternatifs des images"].status == "fail"
    assert f["S1"]["Intitulés des liens"].status == "fail"
    assert f["S1"]["Contraste du texte"].status == "fail"
    assert f["S1"]["Lien de désinscription"].status == "fail"
    # S2 the landing page: no lang, h1 → h3, "neutre en carbone", no legal notice, photo not in the register
    assert f["S2"]["Langue déclarée"].status == "fail"
    assert f["S2"]["Hiérarchie des titres"].status == "fail"
    assert f["S2"]["Allégations environnementales"].status == "fail"
    assert f["S2"]["Mentions légales"].status == "fail"
    assert "torrefaction.jpg" in f["S2"]["Droits des éléments (registre)"].evidence
    # S3 the flyer: untagged PDF without language; photo rights end before the launch evening ends
    assert f["S3"]["PDF balisé"].status == "fail" and f["S3"]["Langue déclarée"].status == "fail"
    assert f["S3"]["Droits des éléments (registre)"].status == "fail"
    # S4 the Instagram post: 4:5 instead of 1:1, no alt text
    assert f["S4"]["Dimensions"].status == "fail" and f["S4"]["Texte alternatif"].status == "fail"
    # S6 the Reel (a real MP4, its 30 s read from the file): last caption past the end, one caption too fast to read
    assert f["S6"]["Durée (fichier)"].evidence == "30,0 s" and f["S6"]["Pistes de la vidéo"].status == "ok"
    assert f["S6"]["Synchronisation"].status == "fail" and "après la fin de la vidéo (30 s)" in f["S6"]["Synchronisation"].evidence
    assert f["S6"]["Temps de lecture"].status == "warn"
    # S7 the creator's post: sponsored without the mention, a word the charter avoids
    assert f["S7"]["Mention « Collaboration commerciale »"].status == "fail"
    assert f["S7"]["Ton de la charte"].status == "warn"


def test_the_clean_support_of_the_example_has_no_failure(example_results):
    s5 = next(a for a in example_results.audits if a.id == "S5")
    assert s5.count("fail") == 0
    assert s5.status in ("ready", "review")


def test_the_message_house_comes_from_the_plan_and_every_message_is_placed(example_results):
    house = example_results.house
    assert house.source == "plan"
    assert house.promise.startswith("Un café d'exception")
    assert 3 <= len(house.messages) <= 5
    carried = {r for a in example_results.audits for r in a.carried}
    assert set(example_results.uncovered) == {m.rank for m in house.all_messages()} - carried


def test_only_the_files_named_are_audited_and_an_unknown_file_gets_its_kind_from_its_suffix(tmp_path):
    page = tmp_path / "newsletter.html"
    page.write_text("<html><body><p>Bonjour</p></body></html>", encoding="utf-8")
    r = audit(EXAMPLE, [EXAMPLE / "supports" / "landing-origines-rares.html", page])
    assert [a.id for a in r.audits] == ["S2", "F2"]
    f = {x.check: x for x in r.audits[1].findings}
    assert r.audits[1].kind == "email" and f["Lien de désinscription"].status == "fail"


def test_documents_are_written_and_read_back(tmp_path):
    import docx
    import openpyxl

    paths = build_brief(EXAMPLE, tmp_path, ("md", "docx"))
    paths += check(EXAMPLE, (), tmp_path, ("md", "docx", "xlsx"))
    names = {p.name for p in paths}
    assert {"cahier-des-charges-creatif.md", "cahier-des-charges-creatif.docx", "recette-des-supports.md",
            "recette-des-supports.docx", "recette-des-supports.xlsx"} <= names
    brief = (tmp_path / "bloc3-supports" / "cahier-des-charges-creatif.md").read_text(encoding="utf-8")
    brief = brief.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2011", "-")
    for part in ("Plateforme de message", "Les cibles et leurs codes", "Les supports par action", "Exigences d'accessibilité",
                 "Check-list juridique", "Loi n° 2023-451", "WCAG",
                 "Décision attendue", "Valider le cahier des charges et lancer la production"):  # the deck's closing slide
        assert part in brief, part
    text = "\n".join(p.text for p in docx.Document(tmp_path / "bloc3-supports" / "recette-des-supports.docx").paragraphs)
    assert "Tableau de validation" in text and "Grille d'évaluation" in text
    wb = openpyxl.load_workbook(tmp_path / "bloc3-supports" / "recette-des-supports.xlsx")
    assert {"S1", "S2", "S7"} <= set(wb.sheetnames)  # one sheet per support


def test_the_grid_is_honest(example_results):
    from pilotage.supports.report import supports_evidence
    from toolkit.grid import grid_checklist

    items = {i.criterion: i for i in grid_checklist("supports", supports_evidence(example_results)).items}
    acc = next(i for c, i in items.items() if c.startswith("Les solutions identifiées"))
    assert acc.status == "partial"  # some supports pass the automatic checks, not all
    creative = next(i for c, i in items.items() if "créatifs" in c)
    assert creative.status == "jury"
    assert all(i.status == "jury" for c, i in items.items() if i is not acc)


def test_evidence_hook_for_toolkit_check(tmp_path):
    from toolkit.case import load_case

    ev = evidence(load_case(EXAMPLE))
    assert ev["supports.accessibilite"].status == "partial"
    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    (case / "supports.yaml").unlink()
    assert evidence(load_case(case)) == {}


def test_hostile_text_in_a_support_stays_text_in_html(tmp_path):
    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    hostile = "<img src=x onerror=alert(1)>"
    (case / "supports" / "bad.html").write_text(f"<html><body><a href='/x'>{hostile}</a><h1>{hostile}</h1></body></html>",
                                                encoding="utf-8")
    data = yaml.safe_load((case / "supports.yaml").read_text(encoding="utf-8"))
    data["supports"] = [{"id": "X1", "name": hostile, "file": "supports/bad.html", "kind": "landing"}]
    (case / "supports.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    paths = check(case, (), None, ("html",))
    html = paths[0].read_text(encoding="utf-8")
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror" in html


def test_cli_check_and_brief(tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(app, ["supports", "check", str(EXAMPLE), "--out", str(out), "--format", "md"])
    assert res.exit_code == 0, res.output
    assert (out / "bloc3-supports" / "recette-des-supports.md").exists()
    res = runner.invoke(app, ["supports", "brief", str(EXAMPLE), "--out", str(out), "--format", "md", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert (out / "bloc3-supports" / "creative-brief.md").exists()


def test_a_missing_file_is_one_message_exit_1(tmp_path, capsys):
    from toolkit.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["supports", "check", str(EXAMPLE), str(tmp_path / "absent.html"), "--out", str(tmp_path), "--format", "md"])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "absent.html" in err and "fichier introuvable" in err and "Traceback" not in err


def test_a_typo_in_supports_yaml_is_located(tmp_path, capsys):
    from toolkit.cli import main

    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    text = (case / "supports.yaml").read_text(encoding="utf-8").replace("    sponsored: true", "    sponsorised: true")
    (case / "supports.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["supports", "check", str(case), "--format", "md"])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "supports.yaml" in err and "sponsorised" in err and "Traceback" not in err


def test_a_missing_support_file_is_a_failed_check_not_a_crash(tmp_path):
    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    (case / "supports" / "flyer-soiree-lancement.pdf").unlink()
    s3 = next(a for a in audit(case).audits if a.id == "S3")
    assert s3.status == "fix"
    assert any("fichier introuvable" in f.evidence for f in s3.findings)


def test_template_is_written_once(tmp_path):
    from pilotage.supports.commands import template
    from toolkit.errors import ToolkitError

    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    (case / "supports.yaml").unlink()
    (path,) = template(case)
    from pilotage.supports.model import load_supports

    assert load_supports(path).supports == []
    with pytest.raises(ToolkitError):
        template(case)


def test_no_support_at_all_is_a_clear_error(tmp_path):
    from toolkit.errors import CaseError

    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    (case / "supports.yaml").unlink()
    with pytest.raises(CaseError, match="no support to audit"):
        audit(case)


def test_demo_step_writes_the_brief_only_when_no_support_is_listed(tmp_path):
    from pilotage.supports.commands import demo
    from toolkit.case import load_case

    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    (case / "supports.yaml").unlink()
    paths = demo(load_case(case), None, ("md",), "fr")
    assert [p.name for p in paths] == ["cahier-des-charges-creatif.md"]


def test_the_validation_pack_deck_is_an_oral_with_the_detail_in_the_annex(example_results):
    """One slide per support in the main deck (≤ 18 slides, closing slide asking for the sign-off);
    every support's check table only in the annex."""
    from pilotage.supports.report import audit_document
    from toolkit.case import load_case
    from toolkit.render.pptx import MAX_MAIN_SLIDES, plan_deck

    doc = audit_document(load_case(EXAMPLE), example_results, "fr")
    deck = plan_deck(doc)
    main_titles = [s.title for s in deck.main]
    n_main = 1 + 1 + len(deck.main) + 1  # title, agenda, content, closing
    assert n_main <= MAX_MAIN_SLIDES
    for a in example_results.audits:
        own = [t for t in main_titles if t.startswith(f"{a.id} — ")]
        assert len(own) == 1, (a.id, main_titles)  # one message per support
        assert own[0].endswith("à corriger" if a.status == "fix" else ("prêt" if a.status == "ready" else "à revoir"))
    assert not any(t.startswith("Fiche détaillée") for t in main_titles)
    annex = [s.title for s in deck.annex]
    assert all(any(t.startswith(f"Fiche détaillée de {a.id}") for t in annex) for a in example_results.audits)
    assert deck.closing is not None and deck.closing.decision
    assert deck.closing.title == "Faire corriger 6 support(s) avant de les signer ; signer S5 dès maintenant"


def test_the_sectors_advertising_rules_reach_the_brief_and_the_audit(tmp_path):
    """A wine shop: the brief lists the loi Évin; a post without the health message fails, its twin passes."""
    from pilotage.supports.brief import creative_brief_data
    from pilotage.supports.specs import specs

    coffee = creative_brief_data(None, [], None, None, specs(), "Torréfaction artisanale de café de spécialité")
    assert "allegations_sante" in {item["id"] for item in coffee.legal}
    case = tmp_path / "cave"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    cfg = (case / "case.yaml").read_text(encoding="utf-8")
    (case / "case.yaml").write_text(cfg.replace("sector: Torréfaction artisanale de café de spécialité (B2C et B2B)",
                                                "sector: Cave à vins et bières", 1), encoding="utf-8")
    post = case / "supports" / "post-cave.txt"
    post.write_text("Nouveau : le Saint-Joseph 2024, 18 € la bouteille, à découvrir en cave.", encoding="utf-8")
    (f,) = [x for x in audit(case, [post], browser=False).audits[0].findings if x.check == "Mention obligatoire du secteur"]
    assert f.status == "fail" and "à consommer avec modération" in f.fix
    post.write_text(post.read_text(encoding="utf-8") + " L'abus d'alcool est dangereux pour la santé, à consommer avec "
                    "modération.", encoding="utf-8")
    (f,) = [x for x in audit(case, [post], browser=False).audits[0].findings if x.check == "Mention obligatoire du secteur"]
    assert f.status == "ok"
    paths = build_brief(case, tmp_path / "out", ("md",))
    brief = paths[0].read_text(encoding="utf-8").replace("\u00a0", " ").replace("\u202f", " ")
    assert "loi Évin" in brief and "L3323-2" in brief
