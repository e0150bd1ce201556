"""``toolkit case init DIR --from FOLDER``: a case proposed from the files a client sent.

An agency starts from a folder of whatever the client sent: CRM extracts, ad-platform and
analytics exports, Google Trends downloads, reviews, a logo. :func:`scan_folder` asks every
domain module what each file is (their ``classify_file`` hook, see :mod:`toolkit.modules`:
the platform readers of ``pilotage``, the Trends reader of ``veille``, the customer-file
reader of ``personas``) and keeps the most specific answer; :func:`propose_case` then writes
a filled, commented ``case.yaml`` for the user to confirm — the files copied into ``data/``
(the originals are never modified), each named where its module reads it, the currency and
the exchange rates, the mission period and what falls outside it, the files that overlap,
and the files the toolkit cannot use, with why::

    from toolkit.intake import propose_case
    proposal = propose_case("cave-du-sommelier", "~/Téléchargements/client", start=date(2026, 1, 1),
                            end=date(2026, 6, 30), rates={"GBP": 1.17})
    print(proposal.text())        # one line per file: what it is and what it will be used for

``toolkit case check`` then says, for every file, what it will be used for.
"""

from __future__ import annotations

import datetime as _dt
import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from toolkit.case import CASE_FILE
from toolkit.errors import CaseError, InputError
from toolkit.files import atomic_write_text

__all__ = ["USES", "FileGuess", "Proposal", "propose_case", "scan_folder"]

#: What a file can be used for, and the words ``case init`` and ``case check`` use for it.
USES = {
    "actuals": "pilotage : tableau de bord et bilan (toolkit pilotage import)",
    "customers": "personas : segments et fiches persona (toolkit personas build)",
    "transactions": "personas : récence, fréquence, montant par client (RFM)",
    "trends": "veille : tendances de recherche (Google Trends) dans la note de veille",
    "mentions": "pilotage : e-réputation (avis et mentions)",
    "orders": "pilotage : chiffre d'affaires (back-office) et nouveaux clients, tableau de bord et bilan",
    "ignore": "non utilisé",
}

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls")


@dataclass(frozen=True)
class FileGuess:
    """What a module recognised in one file (returned by the ``classify_file`` hooks).

    ``confidence``: 3 = recognised by a dedicated reader (platform export, Trends), 2 = read
    with a proposed column mapping, 1 = a plausible table of that kind. ``mapping`` is the
    proposed case.yaml ``data.files`` entry when the file needs one.
    """

    use: str
    what: str
    confidence: int = 1
    platform: str = ""
    period: tuple[_dt.date, _dt.date] | None = None
    currency: str = ""
    language: str = ""
    site: str = ""
    mapping: Mapping[str, Any] | None = None
    notes: tuple[str, ...] = ()
    labels: Mapping[str, str] | None = None
    """Customer files: the French label proposed for each column (``personas.labels``)."""
    path: str = ""
    """Path relative to the case folder (set by :func:`scan_folder`)."""


@dataclass
class Proposal:
    """What ``case init --from`` found and wrote."""

    root: Path
    files: list[FileGuess]
    currency: str
    rates: dict[str, Any]
    start: _dt.date | None
    end: _dt.date | None
    overlaps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def text(self) -> str:
        """One line per file (what it is → what it will be used for), then the warnings."""
        lines = []
        for g in self.files:
            mark = "·" if g.use == "ignore" else "✓"
            lines.append(f"{mark} {g.path} : {g.what} → {USES[g.use]}")
            lines += [f"    ⚠ {n}" for n in g.notes]
        lines += [f"⚠ {w}" for w in self.overlaps + self.warnings]
        return "\n".join(lines)


def _classify(path: Path) -> FileGuess:
    from toolkit.modules import hooks

    if path.suffix.lower() not in TABLE_SUFFIXES:
        kind = path.suffix.lower().lstrip(".") or "sans extension"
        return FileGuess("ignore", f"pas un tableau ({kind}) : le toolkit ne lit que CSV, TSV et XLSX")
    best: FileGuess | None = None
    for _module, classify in hooks("classify_file"):
        try:
            guess = classify(path)
        except InputError:
            continue
        if guess is not None and (best is None or guess.confidence > best.confidence):
            best = guess
    if best is not None:
        return best
    try:
        from toolkit.io import read_table

        t = read_table(path)
        cols = ", ".join(str(c) for c in list(t.frame.columns)[:8])
        return FileGuess("ignore", f"tableau de {len(t.frame)} lignes non reconnu (colonnes : {cols}) — "
                                   "décrivez-le dans data.files (use, platform, columns) s'il est utile")
    except InputError as exc:
        return FileGuess("ignore", f"illisible : {exc.message}")


def scan_folder(folder: str | Path) -> list[FileGuess]:
    """Classify every file of ``folder`` (sub-folders included, hidden files skipped), sorted by path."""
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise CaseError(f"{root} is not a folder", hint="name the folder that holds the client's files")
    found = []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if not p.is_file() or any(part.startswith((".", "~$")) for part in rel.parts):
            continue
        found.append(replace(_classify(p), path=rel.as_posix()))
    return found


def _overlaps(files: list[FileGuess]) -> list[str]:
    """Exports of the same platform whose periods overlap (two downloads of one account)."""
    out = []
    acts = [g for g in files if g.use == "actuals" and g.period]
    for i, a in enumerate(acts):
        for b in acts[i + 1:]:
            if a.platform != b.platform or not a.period or not b.period:
                continue
            lo, hi = max(a.period[0], b.period[0]), min(a.period[1], b.period[1])
            if lo <= hi:
                out.append(f"{a.path} et {b.path} : deux exports {a.platform} qui couvrent tous deux "
                           f"{lo.isoformat()} → {hi.isoformat()} — à l'import, chaque jour et campagne est compté "
                           "une fois (le fichier nommé en dernier l'emporte) ; gardez-les tous deux seulement s'il "
                           "s'agit du même compte")
    return out


def _period_notes(g: FileGuess, start: _dt.date | None, end: _dt.date | None) -> tuple[str, ...]:
    if g.period is None or (start is None and end is None):
        return ()
    first, last = g.period
    if g.use == "orders":  # the orders before the mission are its history: they tell a first order from a repeat
        return ()
    if g.use == "trends":  # a Trends series is context: only a series that ended long before is stale
        if start and (start - last).days > 365:
            return (f"série ancienne (s'arrête le {last.isoformat()}, plus d'un an avant la mission) : mise de côté "
                    "dans la note de veille, avec un avertissement (mission.keep_before: true pour la garder comme "
                    "référence « avant ») — exportez-la à nouveau sur une période récente",)
        return ()
    if (start and last < start) or (end and first > end):
        return (f"entièrement hors de la mission ({first.isoformat()} → {last.isoformat()}) : "
                + ("données anciennes, mises de côté (mission.keep_before: true pour s'en servir de référence "
                   "« avant »)" if start and last < start else "postérieures à la mission, mises de côté"),)
    if (start and first < start) or (end and last > end):
        return (f"déborde de la mission ({first.isoformat()} → {last.isoformat()}) : les lignes hors de "
                "la mission seront mises de côté à l'import",)
    return ()


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _comment(g: FileGuess) -> str:
    return f"  # {g.what}".replace("\n", " ")


def _case_yaml(p: Proposal, client: str, website: str, lang: str, languages: list[str]) -> str:
    """The proposed case.yaml: filled from what was found, every guess commented."""
    by_use: dict[str, list[FileGuess]] = {}
    for g in p.files:
        by_use.setdefault(g.use, []).append(g)

    def data_path(g: FileGuess) -> str:
        return f"data/{g.path}"

    today = _dt.date.today().isoformat()
    y = [f"# case.yaml — proposé le {today} par « toolkit case init --from » à partir des fichiers du client.",
         "# Relisez les lignes marquées « À VÉRIFIER », puis lancez :  toolkit case check .",
         "version: 1", "", "client:", f"  name: {_yaml_str(client)}", f"  website: {_yaml_str(website)}"
         "          # le site du client : un export GA4 d'un autre site est refusé",
         f"  languages: [{', '.join(languages)}]          # langues des fichiers du client (interfaces des exports, "
         "Trends, avis)", "", "brief:", "  request: |", "    La demande du client, telle qu'il l'a formulée.",
         "  constraints:", "    budget: null             # enveloppe HT, dans la devise ci-dessous",
         f"    currency: {p.currency}            # devise des livrables : les montants dans une autre devise "
         "sont convertis (data.exchange_rates)",
         f"    start: {p.start.isoformat() if p.start else 'null'}",
         f"    deadline: {p.end.isoformat() if p.end else 'null'}", "",
         "mission:                     # les données hors de ces dates sont mises de côté, avec un avertissement",
         f"  start: {p.start.isoformat() if p.start else 'null'}"
         + ("" if p.start else "              # À VÉRIFIER : début de la mission (AAAA-MM-JJ)"),
         f"  end: {p.end.isoformat() if p.end else 'null'}"
         + ("" if p.end else "                # À VÉRIFIER : fin de la mission"),
         "  keep_before: false         # true : garder les lignes antérieures comme référence « avant »", ""]
    trends = by_use.get("trends", [])
    y += ["watch:", "  trends:", "    files:" + ("" if trends else " []")]
    y += [f"      - {data_path(g)}{_comment(g)}" for g in trends]
    y += ["", "data:"]
    for use in ("customers", "transactions", "mentions"):
        gs = by_use.get(use, [])
        if not gs:
            y.append(f"  {use}: null")
            continue
        y.append(f"  {use}: {data_path(gs[0])}{_comment(gs[0])}")
        y += [f"  # autre fichier possible : {data_path(g)} — {g.what}" for g in gs[1:]]
    acts = by_use.get("actuals", [])
    y.append("  actuals:" + ("" if acts else " []"))
    y += [f"    - {data_path(g)}{_comment(g)}" for g in acts]
    others = sorted({g.currency for g in acts if g.currency and g.currency != p.currency})
    given = [cur for cur in others if cur in p.rates]
    y.append("  exchange_rates:" + ("" if given else " {}") + "   # 1 <devise> = rate "
             + p.currency + " ; la date et la source sont reprises dans les livrables")
    for cur in others:
        if cur in p.rates:
            r = p.rates[cur]
            rate, when, src = (r, None, "") if isinstance(r, int | float) else (r["rate"], r.get("date"), r.get("source", ""))
            y.append(f"    {cur}: {{rate: {float(rate):g}, date: {when.isoformat() if when else today}, "
                     f"source: {_yaml_str(src or 'à préciser')}}}"
                     + ("" if when and src else "   # À VÉRIFIER : date et source du taux"))
        else:
            y.append(f"  #  {cur}: {{rate: 0.0, date: AAAA-MM-JJ, source: \"BCE\"}}   # À REMPLIR : sans taux, "
                     f"les fichiers en {cur} ne sont pas importés")
    mapped = [g for g in p.files if g.mapping or g.use == "ignore"]
    y.append("  files:" + ("" if mapped else " {}") + "      # comment lire les fichiers que le toolkit ne reconnaît "
             "pas seul")
    for g in mapped:
        y.append(f"    {_yaml_str(data_path(g))}:")
        if g.use == "ignore":
            y += ["      use: ignore", f"      note: {_yaml_str(g.what)}"]
            continue
        if g.use == "orders":
            y += ["      use: orders             # chiffre d'affaires HT et nouveaux clients du tableau de bord et du "
                  "bilan", "      # objective: O2             # À VÉRIFIER : l'objectif du plan mesuré sur ces "
                  "ventes (vide : tout objectif de chiffre d'affaires)",
                  "      # products: [\"Nom de la gamme*\"]   # une seule gamme (lignes de commande dont le nom "
                  "correspond)", "      # vat_rate: 0.055          # TVA incluse dans les prix des lignes (avec products)"]
            continue
        y.append(f"      use: {g.use}                # proposé d'après les noms de colonnes — À VÉRIFIER")
        m = dict(g.mapping or {})
        for key in ("platform", "date_format", "currency"):
            if m.get(key):
                y.append(f"      {key}: {_yaml_str(str(m[key]))}")
        cols = m.get("columns") or {}
        if cols:
            y.append("      columns:")
            y += [f"        {_yaml_str(k)}: {v}" for k, v in cols.items()]
    customers = by_use.get("customers", [])
    if customers and customers[0].labels:
        y += ["", "personas:", "  labels:                     # À VÉRIFIER : chaque colonne du fichier clients telle que "
              "les fiches persona la nomment ;", "                              # {label: …, high: …, low: …} "
              "nomme aussi les clients au-dessus / au-dessous de la moyenne"]
        y += [f"    {_yaml_str(col)}: {_yaml_str(label)}" for col, label in customers[0].labels.items()]
    y += ["", "output:", "  formats: [md, html, docx, pptx, xlsx]", f"  language: {lang}",
          "  audience: client           # client : sans la grille d'évaluation ; jury : avec", '  author: ""', ""]
    return "\n".join(y)


def propose_case(directory: str | Path, source: str | Path, *, client: str | None = None, website: str = "",
                 currency: str = "EUR", rates: Mapping[str, Any] | None = None,
                 start: _dt.date | None = None, end: _dt.date | None = None) -> Proposal:
    """Scan ``source``, copy its files into ``directory/data/`` and write the proposed ``case.yaml``.

    Refuses a ``directory`` that already holds a ``case.yaml``. ``rates`` are the exchange rates
    the user gave (1 unit = rate ``currency``): a number, or ``{"rate", "date", "source"}``;
    ``start``/``end`` the mission's dates.
    """
    root = Path(directory)
    if (root / CASE_FILE).exists():
        raise CaseError("a case.yaml already exists here; it was left untouched", file=root / CASE_FILE,
                        hint="choose another folder, or edit the existing case.yaml")
    src = Path(source).expanduser()
    files = scan_folder(src)
    if not files:
        raise CaseError(f"no file in {src}", hint="name the folder that holds the client's files")
    files = [replace(g, notes=g.notes + _period_notes(g, start, end)) for g in files]
    p = Proposal(root, files, currency.upper(), {k.upper(): v for k, v in (rates or {}).items()}, start, end)
    p.overlaps = _overlaps(files)
    for cur in sorted({g.currency for g in files if g.use == "actuals" and g.currency} - {p.currency}):
        if cur not in p.rates:
            p.warnings.append(f"des exports sont en {cur} : donnez le taux {cur} → {p.currency} "
                              f"(--rate {cur}=… ou data.exchange_rates dans case.yaml), sinon ils ne seront pas importés")
    if start is None or end is None:
        p.warnings.append("période de la mission non donnée (--start/--end) : renseignez mission.start et mission.end")
    langs = sorted({g.language for g in files if g.language in ("fr", "en")}, key=lambda x: x != "fr")
    lang = "fr"  # the deliverables' language: French by default, whatever the interface of the exports
    name = client or root.resolve().name.replace("-", " ").replace("_", " ").title()
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    for g in files:
        target = data / g.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copy2(src / g.path, target)
    p.written = [atomic_write_text(root / CASE_FILE, _case_yaml(p, name, website, lang, langs or ["fr"])), data]
    return p
