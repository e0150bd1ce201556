"""The case folder and its ``case.yaml``: one client, one mission.

A case folder holds everything about one client (see ``DESIGN.md``)::

    mon-client/
      case.yaml     client, brief, constraints, sources, settings (validated here)
      data/         the user's files (never modified)
      plan.yaml     the marketing plan            personas.yaml  written by personas build
      .toolkit/     caches and history            out/           deliverables, one folder per bloc

:func:`load_case` reads and validates ``case.yaml`` against the pydantic schema below and
reports *every* problem at once as ``case.yaml:LINE: field.path: message``. Unknown keys are
rejected with a "did you mean" hint, because a typo silently ignored is a setting silently lost.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from toolkit.errors import CaseError, Issue

__all__ = [
    "AXES",
    "Brief",
    "Case",
    "CaseConfig",
    "Client",
    "Competitor",
    "Constraints",
    "DataFiles",
    "ExchangeRate",
    "FeedSource",
    "FileMapping",
    "MissionPeriod",
    "OutputSettings",
    "TrendsSettings",
    "WatchSettings",
    "current_audience",
    "find_case_root",
    "load_case",
    "load_yaml_model",
    "read_yaml",
    "set_audience",
]

CASE_FILE = "case.yaml"

#: The seven axes of the trend watch named by the certification (bloc 1 production).
AXES = (
    "concurrentielle",
    "technologique",
    "strategique",
    "environnementale",
    "societale",
    "image",
    "medias_sociaux",
)
Axis = Literal[
    "concurrentielle", "technologique", "strategique", "environnementale", "societale", "image", "medias_sociaux"
]
SourceType = Literal[
    "presse", "blog", "institution", "concurrent", "reseau_social", "google_alerts", "newsletter",
    "podcast", "etude", "forum", "autre",
]
Format = Literal["md", "html", "docx", "pptx", "xlsx", "pdf"]


class Strict(BaseModel):
    """Base of every schema model: unknown keys are errors, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Client(Strict):
    name: str
    sector: str = ""
    description: str = ""
    raison_detre: str = ""
    values: list[str] = []
    rse_commitments: list[str] = []
    offer: list[str] = []
    positioning: str = ""
    geography: list[str] = []
    languages: list[str] = ["fr"]
    website: str = ""


class Constraints(Strict):
    budget: Annotated[float, Field(ge=0)] | None = None
    """Budget envelope for the mission, in ``currency`` (excl. VAT)."""
    currency: str = "EUR"
    team: str = ""
    tools: list[str] = []
    digital_maturity: Literal["faible", "moyenne", "bonne", "forte"] | None = None
    deadline: _dt.date | None = None
    start: _dt.date | None = None
    other: list[str] = []


class Brief(Strict):
    request: str = ""
    """The client's request, as the client wrote it."""
    objectives: list[str] = []
    constraints: Constraints = Constraints()


class Competitor(Strict):
    name: str
    website: str = ""
    positioning: str = ""
    notes: str = ""
    keywords: list[str] = []
    """Words that identify mentions of this competitor (share of voice)."""


class FeedSource(Strict):
    url: str
    name: str = ""
    axis: Axis = "strategique"
    type: SourceType = "presse"
    reliability: Annotated[int, Field(ge=1, le=5)] = 3
    """1 (doubtful) … 5 (reference source: institution, peer-reviewed, official statistics)."""

    @field_validator("url")
    @classmethod
    def _http_only(cls, v: str) -> str:
        if not (v.startswith("http://") or v.startswith("https://")):
            raise ValueError("a feed URL must start with http:// or https://")
        return v


class TrendsSettings(Strict):
    keywords: list[str] = []
    geo: str = "FR"
    timeframe: str = "today 5-y"
    anchor: str | None = None
    """Keyword shared by every batch of 5 so that batches can be rescaled together."""
    files: list[str] = []
    """trends.google.com CSV exports to import (paths relative to the case folder)."""
    category: Annotated[int, Field(ge=0)] = 0
    """Google Trends category id for live pulls (0 = all categories, 71 = Food & Drink)."""


class WatchSettings(Strict):
    feeds: list[FeedSource] = []
    opml: str | None = None
    snapshots: str | None = None
    """Folder of saved feed files (XML) read offline, e.g. for the bundled example."""
    trends: TrendsSettings = TrendsSettings()
    period_days: Annotated[int, Field(ge=1)] = 365
    readings: dict[Axis, str] = {}
    """Your own reading of each axis, merged into the note (never invented by the toolkit)."""
    opportunities: list[str] = []
    threats: list[str] = []
    workers: Annotated[int, Field(ge=1, le=64)] = 32


class ColumnLabel(Strict):
    label: str
    high: str | None = None
    """Name of the customers above the average (``amateurs de vin``)."""
    low: str | None = None
    """Name of the customers below the average (``sans enfant``)."""


class PersonaSettings(Strict):
    k_min: Annotated[int, Field(ge=2)] = 3
    """Fewest personas tried (3: two personas are rarely actionable; set 2 to allow them). When the file
    splits first into two big groups, the report says so and which personas each group holds."""
    k_max: Annotated[int, Field(ge=2)] = 8
    algorithm: Literal["kmeans", "gmm", "minibatch"] = "kmeans"
    min_segment_size: Annotated[int, Field(ge=1)] = 10
    min_segment_share: Annotated[float, Field(ge=0, le=0.5)] = 0.03
    """Smallest segment as a share of the customers analysed (0.03 = 3 %); smaller ones are merged
    into the nearest. The larger of this and min_segment_size applies."""
    random_state: int = 42
    id_column: str | None = None
    exclude_columns: list[str] = []
    column_roles: dict[str, Literal["numeric", "categorical", "ordinal", "boolean", "date", "text", "identifier",
                                    "ignore"]] = {}
    """Per-column override of the role guessed from the content; a column typed here is always
    used (never set aside as uninformative)."""
    criteria: dict[str, Literal["socio_demographique", "comportemental", "intention", "affinite"]] = {}
    labels: dict[str, str | ColumnLabel] = {}
    """The French label of each column of the customer file, as persona names and cards show it
    (``MntWines: dépenses en vins``), or ``{label, high, low}`` with the names of the customers
    above / below the average (``{label: dépenses en vins, high: amateurs de vin}``). Proposed by
    ``toolkit case init --from``; asked once, kept here."""
    salt: str | None = None
    """Salt of the pseudonymised ids; when absent one is generated and kept in .toolkit/."""


class PilotageSettings(Strict):
    alert_threshold: Annotated[float, Field(ge=0, le=1)] = 0.10
    """Control by exception: variances beyond this share of the budget are flagged."""
    report_date: _dt.date | None = None
    """"Today" for pacing and earned value; defaults to the last date in the actuals."""
    gross_margin_rate: Annotated[float, Field(ge=0, le=1)] | None = None
    progress: dict[str, Annotated[float, Field(ge=0, le=1)]] = {}
    """Physical % complete per plan action id (0–1: work done / work planned, e.g. 8 of 14
    articles = 0.57), measured by the team; earned value = budget × % complete. Actions
    not listed are assumed on schedule (earned value = planned value)."""
    qualitative: list[str] = []
    """Qualitative results for the bilan (client feedback, press coverage …), in your words."""
    lessons: list[str] = []
    """Your own lessons for future campaigns, added to the rule-based ones in the bilan."""
    decisions: dict[str, str] = {}
    """The decision taken on each budget variance flagged by control by exception, per plan
    action id (``A8: "Vidéo recentrée sur deux formats courts ; reliquat réaffecté à Meta"``):
    shown beside the variance in the bilan; a flagged variance without one is still to decide."""


class DataFiles(Strict):
    customers: str | None = None
    transactions: str | None = None
    actuals: list[str] = []
    kpis: str | None = None
    """Monthly back-office KPIs (subscribers, online revenue share…): see ``pilotage.backoffice``;
    default ``data/indicateurs-mensuels.csv`` or ``.xlsx`` when present."""
    search_console: str | None = None
    """Search Console performance export (``Dates.csv`` / ``Chart.csv``) filtered on the queries
    containing the brand: its impressions per month are the ``brand_searches`` KPI."""
    mentions: str | None = None
    benchmarks: str | None = None
    files: dict[str, FileMapping] = {}
    """Per-file reading instructions, keyed by the path relative to the case folder."""
    exchange_rates: dict[Annotated[str, Field(pattern=r"^[A-Z]{3}$")], ExchangeRate] = {}
    """Rates that convert actuals in another currency to ``brief.constraints.currency``."""

    def mapping_for(self, relative: str) -> FileMapping | None:
        """The ``files`` entry of a path (compared with forward slashes, without ``./``)."""
        key = relative.replace("\\", "/").removeprefix("./")
        for k, v in self.files.items():
            if k.replace("\\", "/").removeprefix("./") == key:
                return v
        return None


class BrandSettings(Strict):
    """``output.brand``: the colours, font and logo every deliverable of the case uses (DOCX,
    PPTX, HTML). Colours are hex (``"#7A2E1D"``); the logo is a PNG or JPEG file of the case.
    ``reference_docx``: a Word file whose styles every DOCX carries; ``pptx_template``: a 16:9
    PowerPoint file whose masters every deck uses. Colours and font not given here are taken
    from these templates; without any, the default theme stays."""

    primary: str = ""
    accent: str = ""
    font: str = ""
    logo: str = ""
    reference_docx: str = ""
    pptx_template: str = ""

    @field_validator("primary", "accent")
    @classmethod
    def _hex(cls, v: str) -> str:
        v = v.strip().lstrip("#")
        if v and not re.fullmatch(r"[0-9A-Fa-f]{6}", v):
            raise ValueError(f"{v!r} is not a colour: write it as 6 hex digits, e.g. \"#7A2E1D\"")
        return v.upper()


class OutputSettings(Strict):
    formats: list[Format] = ["md", "html", "docx", "pptx", "xlsx"]
    language: Literal["fr", "en"] = "fr"
    author: str = ""
    audience: Literal["client", "jury"] = "jury"
    """``jury``: deliverables end with the certification's self-evaluation grid (students);
    ``client``: the grid is left out (agencies hand the document to the client)."""
    brand: BrandSettings = BrandSettings()


class MissionPeriod(Strict):
    """The mission's dates: actuals, Trends and feeds outside them are set aside with a warning."""

    start: _dt.date | None = None
    end: _dt.date | None = None
    keep_before: bool = False
    """Keep the rows dated before ``start`` apart, as a "before the mission" baseline
    (``.toolkit/pilotage/avant-mission.csv``), instead of only setting them aside."""

    @field_validator("end")
    @classmethod
    def _after_start(cls, v: _dt.date | None, info: Any) -> _dt.date | None:
        start = info.data.get("start")
        if v is not None and start is not None and v < start:
            raise ValueError(f"the mission ends ({v}) before it starts ({start})")
        return v

    def contains(self, day: _dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


class ExchangeRate(Strict):
    """``1 <currency> = rate <case currency>``, with when and where the rate was read."""

    rate: Annotated[float, Field(gt=0)]
    date: _dt.date | None = None
    source: str = ""
    """e.g. "BCE, taux de référence" — shown beside every converted amount."""


class FileMapping(Strict):
    """How to read one file the readers do not recognise on their own (``data.files``)."""

    use: Literal["actuals", "customers", "transactions", "trends", "mentions", "orders", "ignore"] | None = None
    """``orders``: a shop's orders export (Shopify, WooCommerce, a French table) — the
    back-office revenue and new customers of the dashboard and bilan (``pilotage.readers.orders``)."""
    platform: Literal["google_ads", "meta", "ga4", "generic"] | None = None
    columns: dict[str, str] = {}
    """File column → toolkit column, e.g. ``{Spent: spend, fb_campaign_id: campaign}``."""
    date_format: str | None = None
    """strftime pattern of the file's dates when they are ambiguous, e.g. ``"%d-%m-%Y"``."""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    """Currency of the file's amounts when the file does not say it (ISO code: EUR, GBP…)."""
    note: str = ""
    objective: str = ""
    """``use: orders`` only: the plan objective the revenue counts for (e.g. ``O2``); empty =
    every objective measured on revenue."""
    products: list[str] = []
    """``use: orders`` only: line-item name patterns of one product range (``"Origines Rares*"``)."""
    vat_rate: Annotated[float, Field(ge=0, lt=1)] | None = None
    """``use: orders`` only, with ``products``: the VAT rate included in line prices (0.055, 0.20)."""

    @model_validator(mode="after")
    def _orders_fields(self) -> FileMapping:
        if self.use != "orders" and (self.objective or self.products or self.vat_rate is not None):
            raise ValueError("objective, products and vat_rate describe a shop's orders export: "
                             "write `use: orders` with them, or remove them")
        return self


class CaseConfig(Strict):
    version: Literal[1] = 1
    client: Client
    brief: Brief = Brief()
    competitors: list[Competitor] = []
    watch: WatchSettings = WatchSettings()
    data: DataFiles = DataFiles()
    personas: PersonaSettings = PersonaSettings()
    pilotage: PilotageSettings = PilotageSettings()
    mission: MissionPeriod = MissionPeriod()
    output: OutputSettings = OutputSettings()


# ---------------------------------------------------------------------------------------
# YAML with line numbers


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the line of every mapping key and value."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping: dict = {}
    lines: dict = {}
    seen: dict = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            loader.duplicate_keys.append((key, key_node.start_mark.line + 1, seen[key]))  # type: ignore[attr-defined]
        seen[key] = key_node.start_mark.line + 1
        mapping[key] = loader.construct_object(value_node, deep=True)
        lines[key] = key_node.start_mark.line + 1
    mapping_lines[id(mapping)] = (node.start_mark.line + 1, lines)
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode, deep: bool = False) -> list:
    seq = [loader.construct_object(child, deep=True) for child in node.value]
    mapping_lines[id(seq)] = (node.start_mark.line + 1, {i: c.start_mark.line + 1 for i, c in enumerate(node.value)})
    return seq


mapping_lines: dict[int, tuple[int, dict]] = {}
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


@dataclass(frozen=True)
class _Located:
    data: Any
    lines: dict[int, tuple[int, dict]]

    def line_of(self, loc: tuple) -> int | None:
        """Line of the deepest existing node on the path ``loc``."""
        node, line = self.data, None
        for part in loc:
            info = self.lines.get(id(node))
            if info is None:
                break
            start, keys = info
            line = line or start
            if isinstance(node, dict) and part in node:
                line, node = keys.get(part, line), node[part]
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                line, node = keys.get(part, line), node[part]
            else:
                break
        return line


def read_yaml(path: Path, display: str) -> _Located:
    """Read a YAML file keeping the line of every key: ``.data`` and ``.line_of(path_tuple)``.

    Syntax errors and duplicate keys raise :class:`CaseError` located on their line. Used by
    :func:`load_yaml_model` and by modules that check cross-references themselves (plan.yaml).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise CaseError(f"{display} not found", file=display,
                        hint="create one with `toolkit case init DIR`, or check the path") from exc
    except IsADirectoryError as exc:
        raise CaseError(f"{display} is a folder, not a file", file=display,
                        hint=f"remove or rename the folder and write {path.name} as a text file") from exc
    except PermissionError as exc:
        raise CaseError("the file cannot be read (permission denied)", file=display,
                        hint="check the file's permissions, or close the program that locks it") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CaseError(f"the file is not UTF-8 text: byte 0x{raw[exc.start]:02X} at column {column} "
                        "(an accent saved as Windows-1252/Latin-1?)", file=display, line=line,
                        hint="save it as UTF-8 in your editor (Notepad: Save as → Encoding UTF-8)") from None
    loader = None
    mapping_lines.clear()
    try:
        loader = _LineLoader(text)  # its reader refuses control characters (a NUL byte) here already
        loader.duplicate_keys = []  # type: ignore[attr-defined]
        data = loader.get_single_data()
    except yaml.reader.ReaderError as exc:  # a NUL or another control character: not a text file
        raise CaseError(f"the file holds a character that is not text (code {exc.character:#06x}): is it a text file?",
                        file=display, line=text[: exc.position].count("\n") + 1,
                        hint="open it in a text editor and save it again as UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise CaseError(f"not valid YAML: {problem}", file=display,
                        line=mark.line + 1 if mark else None,
                        hint="check the indentation (spaces, not tabs) and the quotes around text with ':'") from exc
    finally:
        if loader is not None:
            loader.dispose()
    located = _Located(data if data is not None else {}, dict(mapping_lines))
    dups = loader.duplicate_keys  # type: ignore[attr-defined]
    if dups:
        issues = [Issue(f"key '{k}' appears twice (first at line {first}); the second would win",
                        file=display, line=line) for k, line, first in dups]
        raise CaseError(f"{display} has duplicate keys", issues)
    return located


def _model_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model reached by following ``loc`` (for 'did you mean')."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        f = current.model_fields.get(part)
        if f is None:
            return []
        ann = f.annotation
        # unwrap Optional[...] / list[...] / dict[..., X]
        for _ in range(3):
            args = typing.get_args(ann)
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                break
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            ann = models[0] if models else (args[-1] if args else ann)
        current = ann
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def validation_issues(exc: ValidationError, located: _Located, model: type[BaseModel], display: str) -> list[Issue]:
    """Turn a pydantic ValidationError into located, user-worded issues."""
    issues: list[Issue] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        path = ".".join(str(p) for p in loc)
        line = located.line_of(loc)
        typ = err["type"]
        hint = None
        if typ == "extra_forbidden":
            key = str(loc[-1])
            known = _model_fields(model, loc[:-1])
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            msg = f"unknown key '{key}'"
            hint = f"did you mean '{close[0]}'?" if close else (f"known keys: {', '.join(known)}" if known else None)
        elif typ == "missing":
            msg = "this field is required"
        elif typ == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            msg = f"'{err.get('input')}' is not allowed; expected {expected}"
            if isinstance(err.get("input"), str) and expected:
                options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
                close = difflib.get_close_matches(err["input"], options, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else None
        else:
            msg = err["msg"]
            if "input" in err and typ not in ("missing",) and not isinstance(err["input"], dict | list):
                msg += f" (got {err['input']!r})"
        issues.append(Issue(msg, file=display, line=line, field=path, hint=hint))
    issues.sort(key=lambda i: (i.line or 0))
    return issues


def load_yaml_model(path: Path, model: type[BaseModel], display: str | None = None) -> BaseModel:
    """Read a YAML file into ``model``; raise :class:`CaseError` listing every located issue."""
    display = display or path.name
    located = read_yaml(path, display)
    if not isinstance(located.data, dict):
        raise CaseError("the file must hold a mapping of keys (key: value) at the top", file=display, line=1)
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        issues = validation_issues(exc, located, model, display)
        n = len(issues)
        raise CaseError(f"{display}: {n} problem{'s' if n > 1 else ''} found", issues) from exc


# ---------------------------------------------------------------------------------------
# The case


BLOC_DIRS = {
    "veille": "bloc1-veille",
    "personas": "bloc1-personas",
    "plan": "bloc2-plan",
    "pilotage": "bloc3-pilotage",
    "cadrage": "bloc1-cadrage",
    "mission": "bloc3-mission",
    "presence": "bloc3-presence",
    "supports": "bloc3-supports",
}


@dataclass(frozen=True)
class Case:
    """A loaded, validated case folder."""

    root: Path
    config: CaseConfig

    @property
    def lang(self) -> Literal["fr", "en"]:
        return self.config.output.language

    def path(self, relative: str | Path) -> Path:
        """A path named in case.yaml, relative to the case folder (absolute paths kept)."""
        p = Path(relative).expanduser()
        return p if p.is_absolute() else self.root / p

    def state_dir(self) -> Path:
        """``.toolkit/`` — caches and history; safe to delete. Created on demand."""
        d = self.root / ".toolkit"
        d.mkdir(exist_ok=True)
        return d

    def out_dir(self, module: str, out: Path | None = None) -> Path:
        """Where a module writes: ``--out DIR`` when given, else ``CASE/out/<bloc folder>``."""
        base = Path(out) if out is not None else self.root / "out"
        return base / BLOC_DIRS.get(module, module)


def find_case_root(path: str | Path) -> Path:
    """Accept the case folder or its case.yaml."""
    p = Path(path).expanduser()
    if p.is_file() and p.name.endswith((".yaml", ".yml")):
        return p.parent
    return p


def load_case(path: str | Path, *, lang: str | None = None) -> Case:
    """Load and validate the case folder at ``path`` (or its ``case.yaml``).

    ``lang`` overrides ``output.language`` (the CLI's ``--lang``).
    """
    root = find_case_root(path)
    if not root.exists():
        raise CaseError(f"the case folder {root} does not exist",
                        hint="check the path, or create a case with `toolkit case init DIR`")
    if not root.is_dir():
        raise CaseError("this is a file, not a case folder", file=root,
                        hint="give the folder that holds case.yaml (or case.yaml itself)")
    cfg_path = root / CASE_FILE
    display = str(cfg_path)
    cfg = load_yaml_model(cfg_path, CaseConfig, display)
    assert isinstance(cfg, CaseConfig)
    if lang is not None and lang != cfg.output.language:
        cfg = cfg.model_copy(update={"output": cfg.output.model_copy(update={"language": lang})})
    set_audience(cfg.output.audience)  # deliverables written for this case: with the grid or not
    return Case(root=root.resolve(), config=cfg)


_AUDIENCE: ContextVar[str] = ContextVar("toolkit_audience", default="jury")


def set_audience(audience: str) -> None:
    """Who the deliverables written from now on are for: ``jury`` (with the grid) or ``client``.

    :func:`load_case` sets it from ``output.audience``; :func:`toolkit.render.render` applies it
    through :func:`toolkit.grid.for_audience`.
    """
    _AUDIENCE.set(audience if audience in ("client", "jury") else "jury")


def current_audience() -> str:
    """``jury`` or ``client``: the ``output.audience`` of the case loaded last (``jury`` by default)."""
    return _AUDIENCE.get()
