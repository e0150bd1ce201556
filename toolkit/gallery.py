"""The gallery: two rendered pages of each deliverable of the demo, as PNG, for the README and
the documentation — made by the docs build, never pasted by hand.

``python -m toolkit.gallery`` (or ``TOOLKIT_GALLERY=1 mkdocs build``, through the docs hook
``docs/hooks/gallery.py``) runs the demo, converts its DOCX and its workbooks (XLSX: the budget,
the KPI tracking) to PDF with LibreOffice in one batch, finds each chosen page by the heading it
shows, and writes:

* ``docs/img/gallery/<name>.png`` — the page at 60 dpi; its PNG text chunks say which program
  made it (``Software``) and from which page of which deliverable (``Source``);
* ``docs/img/gallery/gallery.json`` — the manifest: file, source, page, heading, alt text and
  the SHA-256 of each image;
* the gallery block of ``README.md`` and of ``docs/gallery.md`` (between the
  ``<!-- gallery:start -->`` and ``<!-- gallery:end -->`` markers), written from the manifest.

A plain ``mkdocs build`` checks the images against the manifest and both blocks against what
the generator writes (:func:`check_gallery`): an image edited by hand, or a block edited by
hand, fails the build. Needs LibreOffice and poppler-utils (``pdftoppm``) to generate.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["GALLERY_DIR", "MANIFEST", "SHOTS", "SOFTWARE", "Shot", "build_gallery", "check_gallery", "gallery_block",
           "page_png"]

ROOT = Path(__file__).resolve().parents[1]
GALLERY_DIR = Path("docs/img/gallery")
MANIFEST = GALLERY_DIR / "gallery.json"
SOFTWARE = "marketing-toolkit gallery (python -m toolkit.gallery)"
START, END = "<!-- gallery:start -->", "<!-- gallery:end -->"
DPI = 60


@dataclass(frozen=True)
class Shot:
    """One page to show: the deliverable (path under the demo's ``out/``), the heading that
    identifies its page (a regular expression matched against a whole line), the image's name
    and its alt text (what the page shows, for a reader who cannot see it)."""

    deliverable: str
    source: str
    heading: str
    name: str
    alt: str


SHOTS: tuple[Shot, ...] = (
    Shot("Note de cadrage", "bloc1-cadrage/note-de-cadrage.docx", r"Le client", "cadrage-client",
         "Page « Le client » de la note de cadrage : activité, valeurs, engagements RSE et offre du client."),
    Shot("Note de cadrage", "bloc1-cadrage/note-de-cadrage.docx", r"Contraintes", "cadrage-contraintes",
         "Page « Contraintes » de la note de cadrage : budget, calendrier, ressources et environnement concurrentiel."),
    Shot("Note de veille", "bloc1-veille/note-de-veille.docx", r"Synthèse", "veille-synthese",
         "Page « Synthèse » de la note de veille : chiffres clés, signaux à retenir et axes en mouvement."),
    Shot("Note de veille", "bloc1-veille/note-de-veille.docx", r"Intérêt de recherche \(Google Trends\)",
         "veille-trends", "Page de la note de veille sur l'intérêt de recherche Google Trends : courbes des requêtes "
         "et requêtes en hausse."),
    Shot("Étude de marché et benchmark", "bloc1-marche/etude-marche-benchmark.docx", r"Cinq forces de Porter",
         "marche-porter", "Page de l'étude de marché : PESTEL et cinq forces de Porter, chaque force notée "
         "avec sa justification."),
    Shot("Étude de marché et benchmark", "bloc1-marche/etude-marche-benchmark.docx", r"Carte de positionnement",
         "marche-positionnement", "Page « Carte de positionnement » du benchmark : concurrents placés sur deux "
         "axes, puis leur présence par canal."),
    Shot("Analyse du besoin et préconisation", "bloc1-besoin/besoin-preconisation.docx", r"SWOT", "besoin-swot",
         "Page « SWOT » de l'analyse du besoin : forces, faiblesses, opportunités et menaces, puis le croisement TOWS."),
    Shot("Analyse du besoin et préconisation", "bloc1-besoin/besoin-preconisation.docx",
         r"Matrice de décision et sensibilité", "besoin-matrice",
         "Page « Matrice de décision » : les trois scénarios notés critère par critère, et la sensibilité aux poids."),
    Shot("Personas", "bloc1-personas/personas.docx", r"P1 — .+", "personas-fiche",
         "Fiche du premier persona : portrait, citation, chiffres clés, objectifs, freins, canaux et valeurs."),
    Shot("Personas", "bloc1-personas/personas.docx", r"Comparaison des personas", "personas-comparaison",
         "Page « Comparaison des personas » : taille, valeur et rang de chaque segment, côte à côte."),
    Shot("Recommandation « plan marketing »", "bloc2-plan/recommandation-plan.docx", r"Planning et suivi",
         "plan-planning", "Page « Planning et suivi » de la recommandation : diagramme de Gantt des actions avec "
         "jalons, puis tableau du calendrier et des marges (chemin critique)."),
    Shot("Recommandation « plan marketing »", "bloc2-plan/recommandation-plan.docx", r"Budget prévisionnel",
         "plan-budget", "Page « Budget prévisionnel » : coûts, réserve, total engagé face à l'enveloppe, budget "
         "par canal et budget par mois cumulé."),
    Shot("Tableau de bord KPI", "bloc3-pilotage/tableau-de-bord.docx", r"Synthèse", "tableau-de-bord-synthese",
         "Page « Synthèse » du tableau de bord : tuiles des indicateurs clés (dépenses, conversions, CPA, ROAS) "
         "et alertes."),
    Shot("Tableau de bord KPI", "bloc3-pilotage/tableau-de-bord.docx", r"Alertes et actions correctives",
         "tableau-de-bord-alertes", "Page « Alertes et actions correctives » du tableau de bord : chaque alerte avec "
         "ses chiffres, sa règle et les actions correctives proposées."),
    Shot("Bilan des actions", "bloc3-pilotage/bilan-des-actions.docx", r"Synthèse", "bilan-synthese",
         "Page « Synthèse » du bilan des actions : chiffres clés de la campagne face aux objectifs du plan."),
    Shot("Bilan des actions", "bloc3-pilotage/bilan-des-actions.docx", r"Résultats financiers", "bilan-financier",
         "Page « Résultats financiers » du bilan : écarts budgétaires par action et valeur acquise (CPI, prévision "
         "à terminaison)."),
    Shot("Rapport de mission", "bloc3-mission/rapport-de-mission.docx", r"L'équipe projet", "mission-equipe",
         "Page « L'équipe projet » du rapport de mission : rôles, compétences et matrice RACI des livrables."),
    Shot("Rapport de mission", "bloc3-mission/rapport-de-mission.docx", r"Planification et suivi",
         "mission-planning", "Page « Planification et suivi » du rapport de mission : planning prévu et réel, "
         "jalons et écarts."),
    Shot("Cahier des charges créatif, recette des supports", "bloc3-supports/cahier-des-charges-creatif.docx",
         r"Plateforme de message", "supports-brief",
         "Page « Plateforme de message » du cahier des charges créatif : promesse, preuves et ton, tirés du "
         "concept du plan et des mots des personas."),
    Shot("Cahier des charges créatif, recette des supports", "bloc3-supports/recette-des-supports.docx",
         r"Ce qui est prêt, ce qui doit changer", "supports-recette",
         "Page de synthèse de la recette des supports : ce qui est prêt, ce qui doit changer (accessibilité, "
         "mentions légales) avant validation."),
    Shot("Plan de présence digitale", "bloc3-presence/plan-presence-digitale.docx", r"Canaux et contenus",
         "presence-canaux", "Page « Canaux et contenus » du plan de présence digitale : matrice canaux × personas "
         "× objectifs et cadence de publication."),
    Shot("Plan de présence digitale", "bloc3-presence/plan-presence-digitale.docx",
         r"Référencement : mots-clés, SEO et SEA", "presence-mots-cles",
         "Page « Référencement » du plan de présence : mots-clés classés par volume, tendance et pertinence, "
         "chacun en SEO ou en SEA avec sa raison."),
    # the workbooks the team edits, printed as LibreOffice prints them (A4, one page wide)
    Shot("Budget prévisionnel", "bloc2-plan/budget-previsionnel.xlsx", r"Paramètres", "budget-synthese",
         "Feuille « Synthèse » du classeur budgétaire : réserve pour aléas, total engagé face à l'enveloppe, budget "
         "par action et par canal, tout en formules."),
    Shot("Budget prévisionnel", "bloc2-plan/budget-previsionnel.xlsx", r"Total du mois", "budget-mensuel",
         "Feuille « Mensuel » du classeur budgétaire : chaque poste réparti sur les mois de son action, total du mois "
         "et cumul."),
    Shot("Suivi des KPI (classeur)", "bloc3-pilotage/suivi-kpi.xlsx", r"% consommé", "suivi-budget",
         "Feuille « Budget » du classeur de suivi : budget, budget à date, réel, écart et part consommée de chaque "
         "action, calculés sur les données importées."),
    Shot("Suivi des KPI (classeur)", "bloc3-pilotage/suivi-kpi.xlsx", r"Sens", "suivi-objectifs",
         "Feuille « Objectifs » du classeur de suivi : cible, réel, écart et statut de chaque indicateur, mois par "
         "mois."),
)


# ---------------------------------------------------------------- pages and images

def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def find_page(pages: list[str], heading: str, first: int = 3) -> int:
    """1-based number of the first page from ``first`` (after a document's title and contents
    pages; 1 for a workbook) where a line matches ``heading`` whole; ``ValueError`` when none does."""
    pattern = re.compile(heading)
    for n, text in enumerate(pages, 1):
        if n >= first and any(pattern.fullmatch(_squash(line)) for line in text.splitlines()):
            return n
    raise ValueError(f"no page shows the heading {heading!r}")


def page_png(pdf: Path, page: int, target: Path, source: str) -> str:
    """Page ``page`` of ``pdf`` as a PNG at ``target`` (60 dpi), its text chunks naming this
    program (``Software``) and the page (``Source``); returns the image's SHA-256."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    with tempfile.TemporaryDirectory(prefix="toolkit-gallery-") as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(Path(tmp) / "p")], check=True, capture_output=True)
        with Image.open(Path(tmp) / "p.png") as im:
            info = PngInfo()
            info.add_text("Software", SOFTWARE)
            info.add_text("Source", f"{source} p.{page}")
            target.parent.mkdir(parents=True, exist_ok=True)
            im.convert("RGB").save(target, pnginfo=info, optimize=True)
    return hashlib.sha256(target.read_bytes()).hexdigest()


# ---------------------------------------------------------------- the blocks of README and docs

def gallery_block(manifest: dict, prefix: str) -> str:
    """The Markdown/HTML block showing the manifest's images, two per deliverable (``prefix``: the
    images' folder as seen from the page, ``docs/img/gallery`` or ``img/gallery``)."""
    rows: dict[str, list[dict]] = {}
    for img in manifest["images"]:
        rows.setdefault(img["deliverable"], []).append(img)
    lines = [START, "", "| Livrable | Deux pages rendues (DOCX ou XLSX → PDF par LibreOffice) |", "|---|---|"]
    for deliverable, imgs in rows.items():
        cells = " ".join(f'<img src="{prefix}/{i["file"]}" width="240" alt="{i["alt"]}">' for i in imgs)
        lines.append(f"| {deliverable} | {cells} |")
    lines += ["", "*Pages générées par `python -m toolkit.gallery` à partir de la démo, jamais retouchées "
              "(empreintes dans `docs/img/gallery/gallery.json`).*", "", END]
    return "\n".join(lines)


def _replace_block(text: str, block: str) -> str:
    if START not in text or END not in text:
        raise ValueError(f"the gallery markers {START} … {END} are missing")
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    return head + block + tail


def _blocks(root: Path) -> dict[Path, str]:
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    return {root / "README.md": gallery_block(manifest, GALLERY_DIR.as_posix()),
            root / "docs" / "gallery.md": gallery_block(manifest, "img/gallery")}


def check_gallery(root: Path = ROOT) -> list[str]:
    """What differs from what the generator made: an image missing or not the one recorded
    (hash), a README or docs block not the one the manifest gives. Empty when all is in order."""
    problems = []
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    for img in manifest["images"]:
        path = root / GALLERY_DIR / img["file"]
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != img["sha256"]:
            problems.append(f"{path}: not the image the generator made (run python -m toolkit.gallery)")
    for page, block in _blocks(root).items():
        text = page.read_text(encoding="utf-8")
        if START not in text or block not in text:
            problems.append(f"{page}: the gallery block differs from the manifest (run python -m toolkit.gallery)")
    return problems


# ---------------------------------------------------------------- the generator

def build_gallery(root: Path = ROOT, work: Path | None = None, progress=print) -> dict:
    """Run the demo, render the chosen pages and write the images, the manifest and both blocks."""
    import os

    from toolkit.demo import run_demo
    from toolkit.render.pdf import convert_to_pdf

    own = work is None
    work = Path(tempfile.mkdtemp(prefix="toolkit-gallery-")) if work is None else work
    try:
        out = work / "demo" / "out"
        if not out.is_dir():
            progress("▶ démo (DOCX, XLSX)")
            os.environ.setdefault("TOOLKIT_TOC_PAGES", "1")
            result = run_demo(work / "demo", formats=("docx", "xlsx"), lang="fr")
            if result.failures:
                raise RuntimeError(f"the demo failed: {result.failures}")
        sources = sorted({s.source for s in SHOTS})
        staged = []
        for src in sources:  # one LibreOffice batch: each file under a unique name
            copy = work / "staged" / src.replace("/", "__")
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / src, copy)
            staged.append(copy)
        progress("▶ LibreOffice → PDF")
        pdfs = dict(zip(sources, convert_to_pdf(staged, work / "pdf", "fr-FR"), strict=True))
        texts = {src: subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                     check=True).stdout.split("\f") for src, pdf in pdfs.items()}
        folder = root / GALLERY_DIR
        for old in folder.glob("*.png"):
            old.unlink()
        images = []
        for shot in SHOTS:
            page = find_page(texts[shot.source], shot.heading, 1 if shot.source.endswith(".xlsx") else 3)
            sha = page_png(pdfs[shot.source], page, folder / f"{shot.name}.png", shot.source)
            entry = asdict(shot) | {"file": f"{shot.name}.png", "page": page, "sha256": sha}
            images.append(entry)
            progress(f"  {entry['file']} ← {shot.source} p.{page}")
        manifest = {"generator": "toolkit.gallery", "software": SOFTWARE, "images": images}
        (root / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for page_file, block in _blocks(root).items():
            page_file.write_text(_replace_block(page_file.read_text(encoding="utf-8"), block), encoding="utf-8")
        return manifest
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover - the docs build's generator
    import sys

    build_gallery(work=Path(sys.argv[1]) if len(sys.argv) > 1 else None)
