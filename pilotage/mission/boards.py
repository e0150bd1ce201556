"""Task boards as the team really keeps them → one tasks table.

Readers for a Trello board JSON export (board menu → *Print, export and share* → *Export as
JSON*), a Jira Cloud CSV export (*Export → CSV (all fields)*, English or French interface) and
a generic CSV/XLSX. Each returns the same columns (:data:`TASK_COLUMNS`):

``id, name, status, done, owner, created, start, end, done_at, points, effort_days, sprint,
depends_on, labels``

Quirks handled: Trello's minified single line, archived cards and lists, unnamed labels (their
colour is used), custom fields (points, effort) defined board-wide and valued per card, the
date a card reached a "done" list read from the board's actions; Jira's repeated headers
(``Labels`` ×5, several ``Sprint`` columns: the last filled one is the current sprint),
``Custom field (Story Points)`` empty beside ``Custom field (Story point estimate)``, dates
written ``15/Feb/26 4:37 PM``, multi-line descriptions, sub-tasks pointing to their parent.
Tables go through :func:`toolkit.io.read_table` (one reader for every file).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TASK_COLUMNS", "detect_board", "parse_time_in_status", "read_board", "read_jira_csv", "read_task_csv",
           "read_trello_json"]

TASK_COLUMNS = ("id", "name", "status", "done", "owner", "created", "start", "end", "done_at", "points",
                "effort_days", "sprint", "depends_on", "labels", "status_time")


def parse_time_in_status(value: Any) -> tuple[tuple[str, int, float], ...]:
    """Jira's ``[CHART] Time in Status`` cell → ``((status id, passes, days), …)``.

    The cell reads ``10011_*:*_1_*:*_804990_*|*_10012_*:*_1_*:*_0``: per status, its id, how many
    times the ticket entered it and the milliseconds spent there.
    """
    out = []
    for part in str(value or "").split("_*|*_"):
        fields = part.split("_*:*_")
        if len(fields) != 3:
            continue
        try:
            out.append((fields[0].strip(), int(fields[1]), int(fields[2]) / 86_400_000))
        except ValueError:
            continue
    return tuple(out)

DONE_WORDS = {"done", "terminé", "termine", "fait", "livré", "livre", "closed", "fermé", "ferme", "resolved",
              "résolu", "resolu", "complete", "completed", "validé", "valide"}

_JIRA_DATE = re.compile(r"^\s*(\d{1,2})/([^/\s]+?)\.?/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})\s*([AaPp][Mm])?)?\s*$")


def _is_done_name(name: str, extra: tuple[str, ...] = ()) -> bool:
    folded = name.strip().lower()
    return folded in DONE_WORDS or folded in {e.strip().lower() for e in extra}


def parse_board_date(value: Any) -> _dt.date | None:
    """A board's date: ISO (Trello), ``15/Feb/26 4:37 PM`` (Jira, any month language), or
    anything :func:`toolkit.io.parse_date` reads."""
    from toolkit.fmt import month_number
    from toolkit.io import parse_date

    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if not text:
        return None
    m = _JIRA_DATE.match(text)
    if m and not m.group(2).isdigit():
        month = month_number(m.group(2))
        if month is None:
            return None
        year = int(m.group(3))
        year += 2000 if year < 100 else 0
        try:
            return _dt.date(year, month, int(m.group(1)))
        except ValueError:
            return None
    return parse_date(text)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(TASK_COLUMNS))
    for col in ("points", "effort_days"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce")
    frame["done"] = frame["done"].astype(bool)
    return frame


# ---------------------------------------------------------------------------------------
# Trello


def read_trello_json(path: Path, display: str | None = None, done_lists: tuple[str, ...] = ()) -> pd.DataFrame:
    """A Trello board JSON export → tasks (archived cards and cards of archived lists left out)."""
    display = display or path.name
    try:
        board = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError("the file is not UTF-8 text", file=display,
                         hint="export the board again from Trello (menu → Print, export and share → JSON)") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg})", file=display, line=exc.lineno,
                         hint="the file may be cut: export the board again from Trello") from exc
    if not isinstance(board, dict) or "cards" not in board or "lists" not in board:
        raise InputError("this JSON is not a Trello board export (no 'cards' and 'lists')", file=display,
                         hint="export it from the board menu → Print, export and share → Export as JSON")
    lists = {lst["id"]: lst for lst in board.get("lists", [])}
    members = {m["id"]: m.get("fullName") or m.get("username") or "" for m in board.get("members", [])}
    fields = {f["id"]: (f.get("name") or "").strip().lower() for f in board.get("customFields", []) or []}
    labels = {lb["id"]: (lb.get("name") or lb.get("color") or "").strip() for lb in board.get("labels", [])}
    reached_done: dict[str, str] = {}
    created: dict[str, str] = {}
    for action in sorted(board.get("actions", []), key=lambda a: a.get("date", "")):
        data = action.get("data") or {}
        card_id = (data.get("card") or {}).get("id")
        if not card_id:
            continue
        if action.get("type") == "createCard":
            created.setdefault(card_id, action.get("date", ""))
        after = (data.get("listAfter") or {}).get("name")
        if action.get("type") == "updateCard" and after and _is_done_name(after, done_lists):
            reached_done[card_id] = action.get("date", "")
    rows = []
    for card in board["cards"]:
        lst = lists.get(card.get("idList"), {})
        if card.get("closed") or lst.get("closed"):
            continue
        status = lst.get("name", "")
        values: dict[str, float] = {}
        for item in card.get("customFieldItems") or []:
            name = fields.get(item.get("idCustomField"), "")
            number = (item.get("value") or {}).get("number")
            if number is not None:
                try:
                    values[name] = float(str(number).replace(",", "."))
                except ValueError:
                    continue
        points = next((v for k, v in values.items() if "point" in k), None)
        effort = next((v for k, v in values.items() if any(w in k for w in ("charge", "effort", "jours", "days"))),
                      None)
        done = bool(_is_done_name(status, done_lists) or card.get("dueComplete"))
        done_at = card.get("dateCompleted") or reached_done.get(card["id"])
        owners = [members.get(i, "") for i in card.get("idMembers") or []]
        rows.append({
            "id": f"#{card.get('idShort', '')}" if card.get("idShort") is not None else card["id"],
            "name": (card.get("name") or "").strip(),
            "status": status,
            "done": done,
            "owner": owners[0] if owners else "",
            "created": parse_board_date(created.get(card["id"])),
            "start": parse_board_date(card.get("start")),
            "end": parse_board_date(card.get("due")),
            "done_at": parse_board_date(done_at) if done else None,
            "points": points,
            "effort_days": effort,
            "sprint": "",
            "depends_on": (),
            "labels": tuple(labels.get(i, "") for i in card.get("idLabels") or [] if labels.get(i, "")),
            "status_time": (),
        })
    return _frame(rows)


# ---------------------------------------------------------------------------------------
# Jira and generic tables

_JIRA_ALIASES = {
    "id": ("Issue key", "Clé de ticket", "Clé"),
    "name": ("Summary", "Résumé"),
    "status": ("Status", "État", "Etat", "Statut"),
    "owner": ("Assignee", "Responsable", "Personne assignée"),
    "created": ("Created", "Création", "Créé"),
    "done_at": ("Resolved", "Résolue", "Résolu"),
    "end": ("Due date", "Date d'échéance", "Échéance"),
    "start": ("Custom field (Start date)", "Champ personnalisé (Start date)", "Custom field (Actual start)"),
    "parent": ("Parent key", "Parent", "Clé parente"),
}


def _blank(value: Any) -> bool:
    """Missing in any of the ways a table cell can be: None, NaN, pd.NA, empty text."""
    import pandas as pd

    if value is None:
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        return False
    return str(value).strip() == ""


def _text(value: Any) -> str:
    return "" if _blank(value) else str(value).strip()


def _first_filled(row: pd.Series, columns: list[str]) -> Any:
    for col in columns:
        value = row.get(col)
        if not _blank(value):
            return value
    return None


def _columns_like(frame: pd.DataFrame, base: str) -> list[str]:
    """``Sprint``, ``Sprint.1``… (repeated headers made unique by the reader), in file order."""
    return [c for c in frame.columns if c == base or re.fullmatch(re.escape(base) + r"\.\d+", str(c))]


def read_jira_csv(path: Path, display: str | None = None, done_lists: tuple[str, ...] = ()) -> pd.DataFrame:
    """A Jira CSV export (all fields or current fields; English or French interface) → tasks."""
    from toolkit.io import parse_number, read_table

    display = display or path.name
    frame = read_table(path).frame
    found = {key: next((a for a in aliases if a in frame.columns), None) for key, aliases in _JIRA_ALIASES.items()}
    missing = [key for key in ("id", "name", "status") if found[key] is None]
    if missing:
        raise InputError("this CSV is not a Jira export: no " + ", ".join(
            "/".join(_JIRA_ALIASES[k][:2]) for k in missing) + " column", file=display,
            hint="in Jira, use Filters → Export → Export CSV (all fields)")
    sprints = _columns_like(frame, "Sprint")
    points_cols = [c for c in frame.columns if "story point" in str(c).lower()]
    label_cols = _columns_like(frame, "Labels") + _columns_like(frame, "Étiquettes")
    chart_col = next((c for c in frame.columns if "Time in Status" in str(c)), None)
    block_cols = [c for c in frame.columns if re.match(r"(Inward issue link|Lien de ticket entrant) \((Blocks|Bloque)\)",
                                                      str(c))]
    rows = []
    for number, row in frame.iterrows():
        status = _text(row[found["status"]])
        done_at = parse_board_date(row.get(found["done_at"])) if found["done_at"] else None
        sprint_values = [_text(row[c]) for c in sprints if not _blank(row[c])]
        raw_points = _first_filled(row, points_cols)
        points = parse_number(raw_points) if raw_points is not None else None
        if points is not None and points < 0:
            raise InputError(f"negative story points ({raw_points})", file=display, row=int(number) + 1,
                             column=next(c for c in points_cols if row.get(c) is not None),
                             hint="story points are counts: fix the estimate in Jira and export again")
        deps = tuple(_text(row[c]) for c in block_cols if not _blank(row[c]))
        done = _is_done_name(status, done_lists) or done_at is not None and status == ""
        rows.append({
            "id": _text(row[found["id"]]),
            "name": _text(row[found["name"]]),
            "status": status,
            "done": done,
            "owner": _text(_first_filled(row, [found["owner"]] if found["owner"] else [])),
            "created": parse_board_date(row.get(found["created"])) if found["created"] else None,
            "start": parse_board_date(row.get(found["start"])) if found["start"] else None,
            "end": parse_board_date(row.get(found["end"])) if found["end"] else None,
            "done_at": done_at if done else None,
            "points": points,
            "effort_days": None,
            "sprint": sprint_values[-1] if sprint_values else "",
            "depends_on": deps,
            "labels": tuple(_text(row[c]) for c in label_cols if not _blank(row[c])),
            "status_time": parse_time_in_status(row[chart_col]) if chart_col and not _blank(row[chart_col]) else (),
        })
    return _frame(rows)


_CSV_ALIASES = {
    "id": ("id", "tache_id", "task_id", "code"),
    "name": ("name", "tache", "tâche", "task", "intitule", "intitulé", "nom"),
    "status": ("status", "statut", "etat", "état"),
    "owner": ("owner", "responsable", "assignee", "porteur"),
    "start": ("start", "debut", "début", "date_debut", "date de début"),
    "end": ("end", "fin", "date_fin", "echeance", "échéance", "due"),
    "done_at": ("done_at", "termine_le", "terminé le", "date_fin_reelle", "fin réelle"),
    "points": ("points", "story_points"),
    "effort_days": ("effort_days", "charge", "charge_jours", "jours", "effort"),
    "sprint": ("sprint",),
    "depends_on": ("depends_on", "depend_de", "dépend de", "predecessors", "prédécesseurs"),
}


def read_task_csv(path: Path, display: str | None = None, done_lists: tuple[str, ...] = ()) -> pd.DataFrame:
    """A generic task list (CSV or XLSX): id, name, owner, start, end, effort_days, status…"""
    from toolkit.io import parse_number, read_table

    display = display or path.name
    frame = read_table(path).frame
    lower = {str(c).strip().lower(): c for c in frame.columns}
    found = {key: next((lower[a] for a in aliases if a in lower), None) for key, aliases in _CSV_ALIASES.items()}
    if found["name"] is None:
        raise InputError("no task name column (name, tâche, intitulé…)", file=display,
                         hint="add a 'name' column; see the mission page of the documentation for the columns")
    rows = []
    for number, row in frame.iterrows():
        def get(key: str, _row=row) -> Any:
            col = found[key]
            return _row[col] if col is not None else None

        status = _text(get("status"))
        effort = None if _blank(get("effort_days")) else parse_number(get("effort_days"))
        if effort is not None and effort < 0:
            raise InputError(f"negative effort ({get('effort_days')})", file=display, row=int(number) + 1,
                             column=str(found["effort_days"]), hint="write the effort in days, ≥ 0")
        deps_raw = get("depends_on")
        deps = () if _blank(deps_raw) else tuple(d for d in re.split(r"[,;\s]+", str(deps_raw)) if d.strip())
        done_at = parse_board_date(get("done_at"))
        rows.append({
            "id": _text(get("id")) or str(int(number) + 1),
            "name": _text(get("name")),
            "status": status,
            "done": _is_done_name(status, done_lists) or done_at is not None,
            "owner": _text(get("owner")),
            "created": None,
            "start": parse_board_date(get("start")),
            "end": parse_board_date(get("end")),
            "done_at": done_at,
            "points": None if _blank(get("points")) else parse_number(get("points")),
            "effort_days": effort,
            "sprint": _text(get("sprint")),
            "depends_on": deps,
            "labels": (),
            "status_time": (),
        })
    return _frame(rows)


def detect_board(path: Path) -> str:
    """``trello``, ``jira`` or ``csv`` from the file's content (not its name)."""
    head = path.read_bytes()[:4096]
    stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if stripped.startswith(b"{"):
        return "trello"
    text = head.decode("utf-8", errors="replace")
    first = text.splitlines()[0] if text else ""
    if ("Issue key" in first or "Clé de ticket" in first) and ("Summary" in first or "Résumé" in first):
        return "jira"
    return "csv"


def read_board(path: Path, kind: str | None = None, display: str | None = None,
               done_lists: tuple[str, ...] = ()) -> pd.DataFrame:
    """Any supported board file → tasks."""
    display = display or path.name
    if path.is_dir():
        raise InputError("this is a folder, not a board export", file=display,
                         hint="name the exported file itself (a .json from Trello, a .csv from Jira)")
    if not path.exists():
        raise InputError("board export not found", file=display, hint="check board.file in mission.yaml")
    kind = kind or detect_board(path)
    reader = {"trello": read_trello_json, "jira": read_jira_csv, "csv": read_task_csv}[kind]
    return reader(path, display, tuple(done_lists))
