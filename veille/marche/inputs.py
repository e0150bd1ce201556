"""The market-study workbook (``marche.xlsx``): its sheets, the template, and the reader.

One workbook in the case folder holds everything the study rests on, one sheet per kind of
fact, each fact with its source (an ``id`` of the ``sources`` sheet), so that every number of
the deliverable traces back to a row:

==================  ======================================================================
``sources``         id, title, publisher, date, URL or reference, type, reliability 1–5
``marche``          market figures: year, segment, value or volume, unit, geography, source,
                    published or estimated
``acteurs``         players: revenue (and its unit) or published share, per year, source
``segments``        accessibility 1–5 of each segment for the client (size and growth come
                    from ``marche``)
``pestel``          PESTEL facts: dimension, fact, opportunity/threat, impact and likelihood
                    1–5, source
``forces``          five-forces facts: force, fact, intensity 1–5, source
``criteres``        competitor-grid criteria and their weights
``notes``           competitor × criterion score 1–5 with the observed fact and its source
``offres``          offers, price points and positioning claims of each competitor
``canaux``          channel presence: present, followers, posts per week, URL, date seen
``actions``         dated competitor actions with links, originality/efficiency 1–5 and the
                    team's verdict (adopter / adapter / éviter)
``parametres``      settings: weights, positioning axes, year of the shares, HHI bands …
``donnees_publiques`` public-data queries run by ``toolkit marche fetch``
==================  ======================================================================

Reading goes through :func:`toolkit.io.read_table` (one reader for every table). Every
problem is reported with its place — file, sheet, row, column — all at once.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.errors import CaseError, InputError, Issue

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["SHEETS", "MarketInputs", "Col", "read_market_file", "write_workbook", "write_template"]

MARKET_FILE = "marche.xlsx"

#: Number columns that cannot be below zero (a revenue, a price, followers…); market ``valeur``
#: may be a growth rate and keeps its sign. Shares (``percent`` columns) lie in 0–100 %.
NON_NEGATIVE = frozenset({"revenue", "price", "followers", "posts_per_week"})


@dataclass(frozen=True)
class Col:
    """One column of a sheet: internal ``name``, ``header`` shown in the workbook (French),
    kind for :mod:`toolkit.io`, whether it is required, allowed values, 1–5 range, help text."""

    name: str
    header: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    scale: bool = False  # 1–5
    help: str = ""
    aliases: tuple[str, ...] = ()


INDICATORS = ("valeur", "volume")
STATUSES = ("publié", "estimé")
PESTEL_DIMS = ("politique", "economique", "socioculturel", "technologique", "environnemental", "legal")
DIRECTIONS = ("opportunité", "menace")
FORCES = ("rivalite", "nouveaux_entrants", "substituts", "fournisseurs", "clients")
PRACTICES = ("adopter", "adapter", "éviter")
SOURCE_TYPES = ("statistique publique", "texte officiel", "étude", "presse", "entreprise", "association", "api", "observation",
                "estimation")
PUBLIC_KINDS = ("entreprise", "denombrement", "eurostat", "insee", "sdmx")

SHEETS: dict[str, tuple[Col, ...]] = {
    "sources": (
        Col("id", "id", required=True, help="Identifiant court cité dans les autres feuilles (ex. ICO-2024)."),
        Col("title", "titre", required=True, help="Titre exact de la publication ou du jeu de données."),
        Col("publisher", "editeur", required=True, help="Organisme qui publie (INSEE, Eurostat, ICO, Xerfi…)."),
        Col("date", "date", "date", help="Date de publication ou de consultation (AAAA-MM-JJ)."),
        Col("url", "url", help="Adresse ou référence (ISBN, numéro d'étude)."),
        Col("type", "type", choices=SOURCE_TYPES, help="Nature de la source."),
        Col("reliability", "fiabilite", "integer", required=True, scale=True,
            help="1 (douteuse) à 5 (statistique publique, source officielle)."),
    ),
    "marche": (
        Col("year", "annee", "integer", required=True, help="Année du chiffre."),
        Col("segment", "segment", required=True, help="Segment (« Total » pour le marché entier)."),
        Col("indicator", "indicateur", required=True, choices=INDICATORS, help="valeur (€) ou volume (tonnes, unités…)."),
        Col("value", "valeur", "number", required=True, help="Le chiffre, dans l'unité indiquée."),
        Col("unit", "unite", required=True, help="Unité : M€, Md€, tonnes, kg/hab…"),
        Col("geo", "zone", required=True, help="Zone géographique (France, Auvergne-Rhône-Alpes…)."),
        Col("source", "source", required=True, help="id de la feuille sources."),
        Col("status", "statut", required=True, choices=STATUSES, help="publié (chiffre de la source) ou estimé (calcul ou hypothèse de l'équipe)."),
        Col("note", "note", help="Méthode d'estimation, périmètre, page de la source."),
    ),
    "acteurs": (
        Col("player", "acteur", required=True),
        Col("year", "annee", "integer", required=True),
        Col("revenue", "ca", "number", help="Chiffre d'affaires sur le marché étudié."),
        Col("unit", "unite", help="Unité du chiffre d'affaires (€, k€, M€, Md€)."),
        Col("share", "part", "percent", help="Part de marché publiée (%), si la source la donne."),
        Col("source", "source", required=True),
        Col("status", "statut", required=True, choices=STATUSES),
        Col("note", "note"),
    ),
    "segments": (
        Col("segment", "segment", required=True, help="Même nom que dans la feuille marche."),
        Col("accessibility", "accessibilite", "number", required=True, scale=True,
            help="1 (hors de portée du client) à 5 (directement accessible)."),
        Col("note", "note", help="Pourquoi cette note d'accessibilité."),
    ),
    "pestel": (
        Col("dimension", "dimension", required=True, choices=PESTEL_DIMS),
        Col("fact", "fait", required=True),
        Col("direction", "effet", required=True, choices=DIRECTIONS),
        Col("impact", "impact", "integer", required=True, scale=True, help="1 (faible) à 5 (majeur)."),
        Col("likelihood", "probabilite", "integer", required=True, scale=True, help="1 (improbable) à 5 (certain)."),
        Col("source", "source", required=True),
    ),
    "forces": (
        Col("force", "force", required=True, choices=FORCES),
        Col("fact", "fait", required=True),
        Col("intensity", "intensite", "integer", required=True, scale=True, help="1 (faible) à 5 (très forte)."),
        Col("source", "source", required=True),
    ),
    "criteres": (
        Col("criterion", "critere", required=True),
        Col("weight", "poids", "number", required=True, help="Poids relatif (ramené à 100 %)."),
        Col("description", "description"),
    ),
    "notes": (
        Col("competitor", "concurrent", required=True),
        Col("criterion", "critere", required=True),
        Col("score", "note", "number", required=True, scale=True, help="1 (faible) à 5 (excellent)."),
        Col("evidence", "constat", help="Le fait observé qui justifie la note."),
        Col("source", "source"),
    ),
    "offres": (
        Col("competitor", "concurrent", required=True),
        Col("offer", "offre", required=True),
        Col("range", "gamme"),
        Col("price", "prix", "number", help="Prix public TTC en €."),
        Col("price_unit", "unite_prix", help="Pour quelle quantité (250 g, mois…)."),
        Col("claim", "promesse", help="Promesse ou positionnement affiché, mot pour mot."),
        Col("source", "source"),
    ),
    "canaux": (
        Col("competitor", "concurrent", required=True),
        Col("channel", "canal", required=True, help="site, marketplace, instagram, tiktok, newsletter, boutique…"),
        Col("present", "present", "bool", required=True, help="oui / non"),
        Col("followers", "abonnes", "integer", help="Abonnés ou inscrits au relevé."),
        Col("posts_per_week", "publications_semaine", "number"),
        Col("url", "url"),
        Col("date", "date_releve", "date"),
    ),
    "actions": (
        Col("competitor", "concurrent", required=True),
        Col("date", "date", "date", required=True),
        Col("action", "action", required=True),
        Col("kind", "type", help="campagne, partenariat, format, prix, événement…"),
        Col("url", "lien"),
        Col("originality", "originalite", "integer", scale=True),
        Col("efficiency", "efficacite", "integer", scale=True),
        Col("practice", "pratique", choices=PRACTICES, help="Votre verdict : adopter, adapter, éviter."),
        Col("comment", "commentaire"),
    ),
    "parametres": (
        Col("key", "cle", required=True),
        Col("value", "valeur", help="Vide : valeur par défaut."),
        Col("help", "explication"),
    ),
    "donnees_publiques": (
        Col("kind", "type", required=True, choices=PUBLIC_KINDS),
        Col("query", "requete", required=True,
            help="entreprise : nom ou SIREN ; denombrement : naf=10.83Z departement=69 ; "
                 "eurostat : jeu de données puis filtres (prc_hicp_aind coicop=CP01211 geo=FR unit=INX_A_AVG) ; "
                 "insee : numéro de série (idbank) de la base macro-économique de l'INSEE ; "
                 "sdmx : organisme, flux et clé de série (ESTAT nama_10_co3_p3 A.CP_MEUR.CP011.FR)."),
        Col("label", "libelle", help="Nom affiché dans l'étude."),
    ),
}

REQUIRED_SHEETS = ("sources", "marche")

#: Settings known in the ``parametres`` sheet, with their default.
SETTINGS: dict[str, Any] = {
    "client": "",
    "segment_total": "Total",
    "annee_parts": None,
    "poids_taille": 0.4,
    "poids_croissance": 0.4,
    "poids_accessibilite": 0.2,
    "axe_x": "",
    "axe_y": "",
    "seuils_hhi": "2023",
    "seuil_lancement": 0.15,
    "seuil_croissance": 0.03,
    "seuil_declin": -0.03,
    "concentration_dirichlet": 50,
}
_NUMERIC_SETTINGS = {"poids_taille", "poids_croissance", "poids_accessibilite", "seuil_lancement",
                     "seuil_croissance", "seuil_declin", "concentration_dirichlet"}


@dataclass(frozen=True)
class MarketInputs:
    """The workbook, read and checked. Frames use the internal column names of :data:`SHEETS`
    plus ``row`` (the workbook row, for messages and traceability)."""

    path: Path
    frames: dict[str, pd.DataFrame] = field(repr=False)
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def __getitem__(self, sheet: str) -> pd.DataFrame:
        return self.frames[sheet]

    def source_ids(self) -> set[str]:
        return set(self.frames["sources"]["id"])


# ---------------------------------------------------------------------------------------
# writing


def _header_fill():
    from openpyxl.styles import Font, PatternFill

    return Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E79")


def write_workbook(path: Path, rows: Mapping[str, Sequence[Mapping[str, Any]]], *, overwrite: bool = False) -> Path:
    """Write a market workbook with every sheet of :data:`SHEETS` (headers, help as comments,
    drop-down lists for fixed choices) and the given rows (keys = internal column names).

    Text cells are neutralised against formula injection. Never overwrites an existing file
    unless ``overwrite`` (a filled workbook is the user's work).
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    from toolkit.files import atomic_path, neutralise_formula

    path = Path(path)
    if path.exists() and not overwrite:
        raise InputError("the workbook already exists and is kept as it is", file=path,
                         hint="rename or move it to get a fresh template")
    unknown = set(rows) - set(SHEETS)
    if unknown:
        raise ValueError(f"unknown sheet(s) {sorted(unknown)}")
    wb = Workbook()
    wb.remove(wb.active)
    font, fill = _header_fill()
    for sheet, cols in SHEETS.items():
        ws = wb.create_sheet(sheet)
        for j, c in enumerate(cols, start=1):
            cell = ws.cell(row=1, column=j, value=c.header)
            cell.font, cell.fill = font, fill
            if c.help or c.choices:
                text = c.help + (("\n" if c.help else "") + "Valeurs : " + ", ".join(c.choices) if c.choices else "")
                cell.comment = Comment(text, "toolkit")
            width = max(len(c.header) + 4, 14 if c.kind != "text" else 24)
            ws.column_dimensions[cell.column_letter].width = width
            if c.choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(c.choices) + '"', allow_blank=True)
                ws.add_data_validation(dv)
                dv.add(f"{cell.column_letter}2:{cell.column_letter}1000")
        ws.freeze_panes = "A2"
        for i, rec in enumerate(rows.get(sheet, ()), start=2):
            extra = set(rec) - {c.name for c in cols}
            if extra:
                raise ValueError(f"sheet {sheet}: unknown column(s) {sorted(extra)}")
            for j, c in enumerate(cols, start=1):
                v = rec.get(c.name)
                if c.kind == "bool" and isinstance(v, bool):
                    v = "oui" if v else "non"
                if c.kind == "percent" and isinstance(v, int | float):
                    ws.cell(row=i, column=j, value=v).number_format = "0.0%"
                    continue
                ws.cell(row=i, column=j, value=neutralise_formula(v))
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


#: Rows of the blank template: one worked line per sheet, to show the expected shape.
TEMPLATE_ROWS: dict[str, list[dict[str, Any]]] = {
    "sources": [
        {"id": "EXEMPLE-1", "title": "Titre exact de l'étude ou du jeu de données", "publisher": "Organisme",
         "date": _dt.date(2025, 1, 31), "url": "https://…", "type": "statistique publique", "reliability": 5},
    ],
    "marche": [
        {"year": 2023, "segment": "Total", "indicator": "valeur", "value": 100.0, "unit": "M€", "geo": "France",
         "source": "EXEMPLE-1", "status": "publié", "note": "remplacez cette ligne d'exemple"},
        {"year": 2025, "segment": "Total", "indicator": "valeur", "value": 110.0, "unit": "M€", "geo": "France",
         "source": "EXEMPLE-1", "status": "estimé", "note": "remplacez cette ligne d'exemple"},
    ],
    "parametres": [
        {"key": k, "value": v, "help": h} for k, v, h in (
            ("segment_total", "Total", "Segment qui représente le marché entier (parts de marché)."),
            ("poids_taille", 0.4, "Attractivité des segments : poids de la taille."),
            ("poids_croissance", 0.4, "Attractivité des segments : poids de la croissance."),
            ("poids_accessibilite", 0.2, "Attractivité des segments : poids de l'accessibilité."),
            ("seuils_hhi", "2023", "Seuils de concentration HHI : 2023 (1 000 / 1 800) ou 2010 (1 500 / 2 500)."),
            ("axe_x", "", "Carte de positionnement : critère en abscisse (vide = ACP)."),
            ("axe_y", "", "Carte de positionnement : critère en ordonnée (vide = ACP)."),
        )
    ],
}


def write_template(path: Path) -> Path:
    """The blank workbook with one example row per main sheet (``toolkit marche template``)."""
    return write_workbook(path, TEMPLATE_ROWS)


# ---------------------------------------------------------------------------------------
# reading


def _where(sheet: str, row: int | None, col: Col | None) -> str:
    parts = [f"sheet '{sheet}'"]
    if row is not None:
        parts.append(f"row {row}")
    if col is not None:
        parts.append(f"column '{col.header}'")
    return ", ".join(parts)


def _schema(sheet: str):
    from toolkit.io import ColumnSpec, TableSchema

    cols = SHEETS[sheet]
    kind = {"bool": "bool"}
    return TableSchema(sheet, tuple(
        ColumnSpec(c.name, kind.get(c.kind, c.kind), required=False, aliases=(c.header, *c.aliases))  # type: ignore[arg-type]
        for c in cols))


def _text_or_none(v: Any) -> str | None:
    import pandas as pd

    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    text = str(v).strip()
    return text or None


def _read_sheet(path: Path, sheet: str, display: str, issues: list[Issue]) -> pd.DataFrame:
    import pandas as pd

    from toolkit.io import read_table

    cols = SHEETS[sheet]
    try:
        table = read_table(path, _schema(sheet), sheet=sheet, header=0)
    except InputError as exc:
        if "is empty" in exc.message:
            return pd.DataFrame(columns=[c.name for c in cols] + ["row"])
        raise
    frame = table.frame
    headers = {c.name: c for c in cols}
    found = set(table.report.columns.values())
    for c in cols:
        if c.required and c.name not in found:
            issues.append(Issue(f"column '{c.header}' is missing", file=display, field=_where(sheet, 1, None),
                                hint=f"add a column named '{c.header}' (see `toolkit marche template`)"))
    canonical = table.report.columns  # file column → frame column (bad_values name the file's)
    for row, name, raw in table.report.bad_values:
        c = headers.get(canonical.get(name, name))
        if c is None:
            continue
        want = {"integer": "a whole number", "number": "a number", "percent": "a percentage",
                "date": "a date (YYYY-MM-DD)", "bool": "oui or non"}.get(c.kind, c.kind)
        issues.append(Issue(f"'{raw}' is not {want}", file=display, field=_where(sheet, row, c),
                            hint=c.help or None))
    bad_rows = {r for r, _, _ in table.report.bad_values}
    frame = frame[[c.name for c in cols]].copy()
    frame["row"] = list(table.report.row_numbers) if table.report.row_numbers else range(2, len(frame) + 2)
    for c in cols:
        if c.kind == "text":  # object column of str / None (a str dtype would turn None back into NaN)
            frame[c.name] = pd.Series([_text_or_none(v) for v in frame[c.name]], index=frame.index, dtype=object)
    for rec in frame.to_dict("records"):
        row = int(rec["row"])
        if row in bad_rows:
            continue
        for c in cols:
            v = rec[c.name]
            missing = v is None or (isinstance(v, float) and v != v) or v is pd.NA or v is pd.NaT
            if missing:
                if c.required:
                    issues.append(Issue("this cell is empty", file=display, field=_where(sheet, row, c),
                                        hint=c.help or "fill it in"))
                continue
            if c.choices and str(v) not in c.choices:
                import difflib

                close = difflib.get_close_matches(str(v), c.choices, n=1, cutoff=0.5)
                issues.append(Issue(f"'{v}' is not allowed; expected one of {', '.join(c.choices)}", file=display,
                                    field=_where(sheet, row, c), hint=f"did you mean '{close[0]}'?" if close else None))
            if c.scale and not (1 <= float(v) <= 5):
                issues.append(Issue(f"{v} is outside the 1–5 scale", file=display, field=_where(sheet, row, c),
                                    hint=c.help or "score from 1 to 5"))
            if c.kind == "percent" and not (0 <= float(v) <= 1):
                issues.append(Issue(f"{float(v):.1%} is not a share: it must lie between 0 and 100 %", file=display,
                                    field=_where(sheet, row, c), hint="write the share as 21 % or 0,21"))
            if c.name in NON_NEGATIVE and c.kind in ("number", "integer") and float(v) < 0:
                issues.append(Issue(f"{v} is negative: {c.header} cannot be below zero", file=display,
                                    field=_where(sheet, row, c), hint=c.help or "check the figure and its sign"))
    return frame


def _check_sources(frames: dict[str, pd.DataFrame], display: str, issues: list[Issue]) -> None:
    import difflib

    ids = [i for i in frames["sources"]["id"] if i is not None]
    dup = {i for i in ids if ids.count(i) > 1}
    for r in frames["sources"].itertuples(index=False):
        if r.id in dup:
            issues.append(Issue(f"source id '{r.id}' is used twice", file=display,
                                field=_where("sources", r.row, SHEETS["sources"][0]), hint="give each source its own id"))
    known = set(ids)
    for sheet, frame in frames.items():
        if sheet == "sources" or "source" not in frame.columns:
            continue
        col = next(c for c in SHEETS[sheet] if c.name == "source")
        for r in frame.itertuples(index=False):
            if r.source is not None and r.source not in known:
                close = difflib.get_close_matches(str(r.source), sorted(known), n=1, cutoff=0.6)
                issues.append(Issue(f"source '{r.source}' is not in the sources sheet", file=display,
                                    field=_where(sheet, r.row, col),
                                    hint=f"did you mean '{close[0]}'?" if close else "add it to the sources sheet"))


def _check_shares(frames: dict[str, pd.DataFrame], display: str, issues: list[Issue]) -> None:
    """The published shares of one year cannot add up to more than 100 % of the market."""
    players = frames["acteurs"]
    col = next(c for c in SHEETS["acteurs"] if c.name == "share")
    known = players[players["share"].notna()] if len(players) else players
    for year, group in known.groupby("year"):
        total = float(group["share"].astype(float).sum())
        if total > 1.0 + 1e-9:
            rows = ", ".join(str(int(r)) for r in group["row"])
            issues.append(Issue(f"the published shares of {int(year)} add up to {total:.1%}, more than the whole market",
                                file=display, field=f"sheet 'acteurs', rows {rows}, column '{col.header}'",
                                hint="check each share and its year: a player counted twice, or a share of a "
                                     "narrower market (a segment) mixed with shares of the whole"))


def _check_grid(frames: dict[str, pd.DataFrame], display: str, issues: list[Issue]) -> None:
    crit = frames["criteres"]
    names = list(crit["criterion"])
    for r in crit.itertuples(index=False):
        if r.weight is not None and r.weight == r.weight and r.weight < 0:
            issues.append(Issue(f"weight {r.weight} is negative", file=display,
                                field=_where("criteres", r.row, SHEETS["criteres"][1]), hint="use 0 to ignore a criterion"))
    if not names:
        return
    seen: set[tuple[str, str]] = set()
    col_c = SHEETS["notes"][1]
    for r in frames["notes"].itertuples(index=False):
        if r.criterion is not None and r.criterion not in names:
            import difflib

            close = difflib.get_close_matches(str(r.criterion), names, n=1, cutoff=0.6)
            issues.append(Issue(f"criterion '{r.criterion}' is not in the criteres sheet", file=display,
                                field=_where("notes", r.row, col_c),
                                hint=f"did you mean '{close[0]}'?" if close else "add it to the criteres sheet"))
        key = (r.competitor, r.criterion)
        if key in seen:
            issues.append(Issue(f"'{r.competitor}' is scored twice on '{r.criterion}'", file=display,
                                field=_where("notes", r.row, None), hint="keep one score per competitor and criterion"))
        seen.add(key)


def _settings(frame: pd.DataFrame, display: str, issues: list[Issue]) -> dict[str, Any]:
    import difflib

    out = dict(SETTINGS)
    for r in frame.itertuples(index=False):
        key = str(r.key).strip()
        if key not in SETTINGS:
            close = difflib.get_close_matches(key, list(SETTINGS), n=1, cutoff=0.6)
            issues.append(Issue(f"unknown setting '{key}'", file=display,
                                field=_where("parametres", r.row, SHEETS["parametres"][0]),
                                hint=f"did you mean '{close[0]}'?" if close else f"known: {', '.join(SETTINGS)}"))
            continue
        value = r.value
        if value is None or (isinstance(value, float) and value != value):
            continue  # empty: the default
        if key in _NUMERIC_SETTINGS or key == "annee_parts":
            from toolkit.io import parse_number

            num = value if isinstance(value, int | float) else parse_number(str(value))
            if num is None or num != num:
                issues.append(Issue(f"'{value}' is not a number", file=display,
                                    field=_where("parametres", r.row, SHEETS["parametres"][1])))
                continue
            value = int(num) if key == "annee_parts" else float(num)
        elif key == "seuils_hhi":
            value = str(value).strip().split(".")[0]
            if value not in ("2023", "2010"):
                issues.append(Issue(f"'{r.value}' is not a known set of HHI bands", file=display,
                                    field=_where("parametres", r.row, SHEETS["parametres"][1]), hint="use 2023 or 2010"))
                continue
        else:
            value = "" if value is None else str(value).strip()
        out[key] = value
    return out


def read_market_file(path: str | Path, display: str | None = None) -> MarketInputs:
    """Read and check the market workbook; every problem is listed with its sheet, row and column.

    Raises :class:`~toolkit.errors.CaseError` (one message, all located issues) when anything
    is wrong; missing optional sheets are empty tables.
    """
    from openpyxl import load_workbook

    path = Path(path)
    display = display or str(path)
    if not path.exists():
        raise InputError("the market workbook does not exist", file=display,
                         hint="create it with `toolkit marche template CASE`, then fill it in")
    try:
        wb = load_workbook(path, read_only=True)
        names = list(wb.sheetnames)
        wb.close()
    except Exception as exc:  # openpyxl raises many types for a non-XLSX file
        raise InputError(f"not a readable XLSX workbook ({type(exc).__name__})", file=display,
                         hint="save it from Excel or LibreOffice as .xlsx") from exc
    issues: list[Issue] = []
    frames: dict[str, pd.DataFrame] = {}
    import pandas as pd

    for sheet in SHEETS:
        if sheet not in names:
            if sheet in REQUIRED_SHEETS:
                issues.append(Issue(f"sheet '{sheet}' is missing", file=display,
                                    hint="start from `toolkit marche template` and keep its sheets"))
            frames[sheet] = pd.DataFrame(columns=[c.name for c in SHEETS[sheet]] + ["row"])
            continue
        frames[sheet] = _read_sheet(path, sheet, display, issues)
    if not issues:
        _check_sources(frames, display, issues)
        _check_shares(frames, display, issues)
        _check_grid(frames, display, issues)
    settings = _settings(frames["parametres"], display, issues)
    if issues:
        n = len(issues)
        raise CaseError(f"{display}: {n} problem{'s' if n > 1 else ''} in the market workbook", issues)
    for sheet in ("marche", "acteurs"):
        f = frames[sheet]
        if len(f):
            f["year"] = f["year"].astype(int)
    return MarketInputs(path, frames, settings)
