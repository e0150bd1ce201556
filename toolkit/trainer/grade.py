"""Grade a group's deliverables against the answer key of its generated case.

Each planted fact of the key (:mod:`toolkit.trainer.generate`) is looked for in what the group
handed in — the files under ``CASE/out/`` (Markdown, HTML, DOCX, CSV), whoever wrote them:

==================  ==========================================================================
fact                found when
==================  ==========================================================================
``segments``        a ``segments.csv`` (pseudonymised id → persona) agrees with the planted
                    segments: adjusted Rand index ≥ :data:`ARI_FOUND` (0 = chance, 1 = identical)
``trend_rising``    one line names the rising query and says it rises (hausse, momentum …)
``trend_peak``      one line names the seasonal query and its peak month
``emerging_topic``  one line names the emerging topic as new (émergent, signal, monte …)
``overspend``       one line names the overspending action (or its campaign) with its écart
                    (réel − budget à date) within :data:`FIGURE_TOLERANCE` of the key's figure,
                    in euros or in %
``bad_buzz``        one line dates the episode (a date within its window, ± 2 days) and names
                    its cause
``market_growth``   one line names the fastest-growing segment of the market with its TCAM
                    (compound annual growth), within :data:`CAGR_POINTS` percentage points
``tracking_gap``    one line dates the days the site analytics lost the campaigns (a date of
                    the gap, ± 1 day) and says what was lost (suivi, GA4, balise, sessions …)
``competitor_move`` one line names the competitor that moved and dates its move (a date of
                    its articles, ± 2 days)
==================  ==========================================================================

A line is the unit of evidence: a fact counts when the group *states* it, not when a word of it
appears somewhere in a table of everything.

Beside the facts, each group's case gets the honest grid statuses of ``toolkit check``
(:func:`grid_summary`): per production, how many criteria of the référentiel are met, partial,
missing or to complete, the gaps with their next step, and the criteria only a jury can judge,
kept marked so (never counted as met or missed). The key's ``jury`` items (the underperforming
campaign, the implicit expectations, personal data) are listed for the jury, never scored here.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["ARI_FOUND", "CAGR_POINTS", "FIGURE_TOLERANCE", "FactResult", "GridSummary", "GroupGrade",
           "deliverable_lines", "grade_case", "grid_summary", "match_cases"]

#: Adjusted Rand index from which the group's segments count as the planted ones.
ARI_FOUND = 0.5
#: Relative tolerance on a figure (the overspend's écart in € or %).
FIGURE_TOLERANCE = 0.10
#: Tolerance on a growth rate, in percentage points (TCAM +13,2 % read as 12,7–13,7 %).
CAGR_POINTS = 0.5

MONTHS = {
    1: ("janvier", "january"), 2: ("fevrier", "february"), 3: ("mars", "march"), 4: ("avril", "april"),
    5: ("mai", "may"), 6: ("juin", "june"), 7: ("juillet", "july"), 8: ("aout", "august"),
    9: ("septembre", "september"), 10: ("octobre", "october"), 11: ("novembre", "november"),
    12: ("decembre", "december"),
}
RISING = ("hausse", "monte", "progress", "momentum", "dynamique", "croissan", "decoll", "envol", "rising", "growth",
          "increase", "grow")
NEW = ("emerg", "signal", "nouveau", "nouvelle", "monte", "apparai", "emerging", "new ")
CAUSES = {
    "livraison": ("livraison", "delai", "retard", "colis", "transporteur", "delivery", "late"),
    "emballage": ("emballage", "dechir", "paquet", "packaging", "torn"),
    "site": ("site", "paiement", "bug", "panier", "website", "checkout", "payment"),
    "prix": ("prix", "cher", "tarif", "hausse", "price", "expensive"),
    "service": ("service client", "reponse", "injoignable", "customer service"),
}
TRACKING = ("suivi", "ga4", "balise", "tracking", "tag ", "mesure", "session", "analytics", "measure")
#: How each kind of fact is named in the feedback sheets and the class summary.
LABELS = {
    "segments": "Segments", "trend_rising": "Requête en hausse", "trend_peak": "Pic saisonnier",
    "emerging_topic": "Sujet émergent", "overspend": "Dépassement", "bad_buzz": "Bad buzz",
    "market_growth": "Segment dynamique", "tracking_gap": "Rupture de suivi", "competitor_move": "Mouvement concurrent",
}
WHERE = {
    "segments": "toolkit personas build → out/bloc1-personas/segments.csv et les fiches personas",
    "trend_rising": "note de veille → tendances de recherche (momentum des requêtes Google Trends)",
    "trend_peak": "note de veille → saisonnalité des recherches (mois de pointe)",
    "emerging_topic": "note de veille → signaux émergents des flux des quatre dernières semaines",
    "overspend": "tableau de bord et bilan → écarts budgétaires et alertes (réel − budget à date)",
    "bad_buzz": "tableau de bord et bilan → e-réputation, détection de bad buzz et ses thèmes",
    "market_growth": "étude de marché → taille et croissance des segments (TCAM)",
    "tracking_gap": "bilan → causes d'insuffisance : clics des régies contre sessions GA4, jour par jour",
    "competitor_move": "note de veille → actualité des concurrents des 90 derniers jours (axe concurrentiel)",
}


@dataclass(frozen=True)
class FactResult:
    id: str
    kind: str
    statement: str
    found: bool
    evidence: str  # the line (or figure) that proves it, or why it is missed
    where: str  # where to look in the toolkit's deliverables
    figure: float | None = None  # ARI for segments


@dataclass(frozen=True)
class GridSummary:
    """The statuses ``toolkit check`` gives the group's case, criterion by criterion (see :mod:`toolkit.check`)."""

    counts: tuple[tuple[str, dict[str, int]], ...]  # (production title, status → criteria), référentiel order
    gaps: tuple[tuple[str, str, str, str, str], ...]  # ref, production, criterion, status label, next step
    jury: tuple[tuple[str, str, str], ...]  # ref, production, criterion: only a jury can judge them
    error: str = ""  # why the check could not run on the case (then everything else is empty)

    def total(self, status: str) -> int:
        return sum(c.get(status, 0) for _p, c in self.counts)

    @property
    def measurable(self) -> int:
        """Criteria the toolkit can assess (every status but ``jury``)."""
        return sum(n for _p, c in self.counts for s, n in c.items() if s != "jury")


@dataclass(frozen=True)
class GroupGrade:
    group: int
    client: str
    case_dir: Path
    results: tuple[FactResult, ...]
    jury: tuple[str, ...]
    grid: GridSummary | None = None

    @property
    def found(self) -> int:
        return sum(r.found for r in self.results)

    @property
    def score(self) -> float:
        """Share of the planted facts found (0–1)."""
        return self.found / len(self.results) if self.results else 0.0


def fold(text: str) -> str:
    """Lowercase, accents removed, no-break spaces and curly quotes made plain: for matching."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " "))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _html_text(raw: str) -> list[str]:
    import html

    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    raw = re.sub(r"(?i)<(br|/p|/li|/tr|/h\d|/div|/blockquote)\b[^>]*>", "\n", raw)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw)).splitlines()


def _docx_text(path: Path) -> list[str]:
    from docx import Document

    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in t.rows]
    return lines


def deliverable_lines(case_dir: Path) -> list[str]:
    """Every line of text of the deliverables under ``case_dir/out`` (md, html, docx, txt), as written.

    Data exports (CSV: the feed items, the segments) are not statements and are left out."""
    out = Path(case_dir) / "out"
    lines: list[str] = []
    if not out.is_dir():
        return lines
    for path in sorted(out.rglob("*")):
        suffix = path.suffix.lower()
        try:
            if suffix in (".md", ".txt"):
                lines += path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
            elif suffix in (".html", ".htm"):
                lines += _html_text(path.read_text(encoding="utf-8", errors="replace"))
            elif suffix == ".docx":
                lines += _docx_text(path)
        except (OSError, ValueError, KeyError):  # an unreadable file is not a deliverable
            continue
    return [x.strip() for x in lines if x.strip()]


def _shown(line: str) -> str:
    """A line of evidence without its Markdown marks, at most 300 characters."""
    text = re.sub(r"(?<!\\)[*_`]{1,3}|^\s*(?:[-#>|]\s*|\d+\.\s+)+", "", line)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", text)  # Markdown escapes (FR\_Search → FR_Search)
    return re.sub(r"\s*\|\s*", " | ", text).strip(" |")[:300]


_NUMBER = re.compile(r"[+\-−]?\d[\d  \u202f.,]*\d|[+\-−]?\d")


def numbers_in(line: str) -> list[float]:
    """Numbers written in a line, French (``1 234,56``) or English (``1,234.56``)."""
    out = []
    for raw in _NUMBER.findall(line):
        s = raw.replace("−", "-").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        if "," in s and "." in s:
            s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
        elif "," in s:
            head, _, tail = s.rpartition(",")
            s = s.replace(",", "") if len(tail) == 3 and head.lstrip("+-").isdigit() and "," not in head else \
                s.replace(",", ".")
        try:
            out.append(float(s.rstrip(".")))
        except ValueError:
            continue
    return out


def _dates_in(line: str) -> list[_dt.date]:
    out = []
    for d, m, y in re.findall(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", line):
        try:
            out.append(_dt.date(int(y), int(m), int(d)))
        except ValueError:
            continue
    for y, m, d in re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", line):
        try:
            out.append(_dt.date(int(y), int(m), int(d)))
        except ValueError:
            continue
    return out


def _first(lines: Iterable[tuple[str, str]], test) -> str | None:
    """The first original line whose folded form passes ``test``."""
    for folded, line in lines:
        if test(folded):
            return line
    return None


def _has_word(line: str, word: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", line) is not None


def _segments(fact: dict[str, Any], case_dir: Path) -> tuple[bool, str, float | None]:
    import pandas as pd
    from sklearn.metrics import adjusted_rand_score

    from toolkit.privacy import pseudonymise

    files = sorted((case_dir / "out").rglob("segments.csv")) if (case_dir / "out").is_dir() else []
    if not files:
        return False, "aucun fichier segments.csv dans out/", None
    found = pd.read_csv(files[0], sep=None, engine="python", dtype=str, encoding="utf-8-sig")
    col = next((c for c in ("persona", "segment", "nom_persona") if c in found.columns), None)
    if "id_pseudonyme" not in found.columns or col is None:
        return False, f"{files[0].name} n'a pas les colonnes id_pseudonyme et persona", None
    truth = pd.Series(fact["truth"], name="truth")
    ids = pseudonymise(pd.Series(truth.index, index=truth.index), fact["salt"])
    planted = pd.DataFrame({"id_pseudonyme": ids.to_numpy(), "truth": truth.to_numpy()})
    merged = planted.merge(found[["id_pseudonyme", col]], on="id_pseudonyme", how="inner")
    if len(merged) < 0.5 * len(planted):
        return False, f"{files[0].name} ne couvre que {len(merged)} clients sur {len(planted)}", None
    ari = float(adjusted_rand_score(merged["truth"], merged[col]))
    text = f"indice de Rand ajusté {ari:.2f} sur {len(merged)} clients ({merged[col].nunique()} segments)".replace(".", ",", 1)
    return ari >= ARI_FOUND, text, ari


def _check(fact: dict[str, Any], lines: list[tuple[str, str]], case_dir: Path) -> tuple[bool, str, float | None]:
    kind = fact["kind"]
    if kind == "segments":
        return _segments(fact, case_dir)
    if kind == "trend_rising":
        term = fold(fact["term"])
        hit = _first(lines, lambda x: term in x and any(w in x for w in RISING))
    elif kind == "trend_peak":
        term, month = fold(fact["term"]), MONTHS[int(fact["month"])]
        hit = _first(lines, lambda x: term in x and any(_has_word(x, m) for m in month))
    elif kind == "emerging_topic":
        term = fold(fact["term"])
        hit = _first(lines, lambda x: term in x and any(w in x for w in NEW))
    elif kind == "overspend":
        names = [fold(fact["action"]), *(fold(c) for c in fact.get("campaigns", []))]
        target = float(fact["variance"])
        pct = 100 * target / float(fact["budget_to_date"]) if fact.get("budget_to_date") else None

        def close(x: str) -> bool:
            if not any(n in x for n in names):
                return False
            for v in numbers_in(x):
                if abs(v - target) <= FIGURE_TOLERANCE * abs(target):
                    return True
                if pct is not None and "%" in x and abs(v - pct) <= FIGURE_TOLERANCE * abs(pct):
                    return True
            return False

        hit = _first(lines, close)
    elif kind == "bad_buzz":
        a = _dt.date.fromisoformat(fact["start"]) - _dt.timedelta(days=2)
        b = _dt.date.fromisoformat(fact["end"]) + _dt.timedelta(days=2)
        words = CAUSES.get(fact["cause"], (fact["cause"],))
        hit = _first(lines, lambda x: any(a <= d <= b for d in _dates_in(x)) and any(w in x for w in words))
    elif kind == "tracking_gap":
        a = _dt.date.fromisoformat(fact["start"]) - _dt.timedelta(days=1)
        b = _dt.date.fromisoformat(fact["end"]) + _dt.timedelta(days=1)
        hit = _first(lines, lambda x: any(a <= d <= b for d in _dates_in(x)) and any(w in x for w in TRACKING))
    elif kind == "competitor_move":
        name = fold(fact["competitor"])
        a = _dt.date.fromisoformat(fact["start"]) - _dt.timedelta(days=2)
        b = _dt.date.fromisoformat(fact["end"]) + _dt.timedelta(days=2)
        hit = _first(lines, lambda x: name in x and any(a <= d <= b for d in _dates_in(x)))
    elif kind == "market_growth":
        term, rate = fold(fact["segment"]), 100 * float(fact["segment_cagr"])
        hit = _first(lines, lambda x: term in x and "%" in x
                     and any(abs(v - rate) <= CAGR_POINTS for v in numbers_in(x)))
    else:
        return False, f"unknown kind of fact '{kind}'", None
    return (hit is not None), (_shown(hit) if hit else "non trouvé dans les livrables"), None


def grid_summary(case_dir: str | Path, lang: str = "fr") -> GridSummary:
    """The honest grid statuses of ``toolkit check`` on one case folder, summed per production."""
    from toolkit.check import LABELS as STATUS
    from toolkit.check import check_case
    from toolkit.errors import ToolkitError
    from toolkit.grid import production_title

    try:
        chk = check_case(case_dir, lang)
    except ToolkitError as exc:  # a case.yaml the group broke: say so, grade the facts anyway
        return GridSummary((), (), (), error=exc.message)
    counts: dict[str, dict[str, int]] = {}
    gaps, jury = [], []
    labels = STATUS["en" if lang == "en" else "fr"]
    for x in chk.lines:
        title = production_title(x.criterion.production, lang)
        by = counts.setdefault(title, {})
        by[x.status] = by.get(x.status, 0) + 1
        if x.status == "jury":
            jury.append((x.criterion.ref, title, x.criterion.text(lang)))
        elif x.status != "met":
            gaps.append((x.criterion.ref, title, x.criterion.text(lang), labels[x.status], x.next_step))
    return GridSummary(tuple(counts.items()), tuple(gaps), tuple(jury))


def grade_case(key: dict[str, Any], case_dir: str | Path, *, grid: bool = True) -> GroupGrade:
    """Look for every planted fact of ``key`` in the deliverables of ``case_dir`` (see module doc),
    and (``grid``) add the grid statuses of ``toolkit check`` on the case."""
    case_dir = Path(case_dir)
    lines = [(fold(x), x) for x in deliverable_lines(case_dir)]
    results = []
    try:
        for fact in key["facts"]:
            found, evidence, figure = _check(fact, lines, case_dir)
            results.append(FactResult(fact["id"], fact["kind"], fact["statement"], found, evidence,
                                      WHERE.get(fact["kind"], ""), figure))
        jury = tuple(j["statement"] for j in key.get("jury", []))
        group, client = int(key["group"]), str(key["client"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a key edited or cut: say which
        from toolkit.errors import InputError

        raise InputError(f"the answer key is incomplete or damaged ({type(exc).__name__}: {exc})",
                         file=key.get("_file") or case_dir,
                         hint="regenerate the pack with `toolkit trainer generate` (same seed, another folder)") from None
    return GroupGrade(group, client, case_dir, tuple(results), jury, grid_summary(case_dir) if grid else None)


def match_cases(keys: list[dict[str, Any]], cases: list[Path]) -> list[tuple[dict[str, Any], Path]]:
    """Pair each case folder with its key, by the client's name in its ``case.yaml``."""
    from toolkit.case import load_case
    from toolkit.errors import InputError

    by_client = {fold(k["client"]): k for k in keys}
    pairs = []
    for case_dir in cases:
        name = load_case(case_dir).config.client.name
        key = by_client.get(fold(name))
        if key is None:
            raise InputError(f"no answer key for the client '{name}'", file=Path(case_dir) / "case.yaml",
                             hint="grade a case generated with this trainer pack (its client name is how the "
                                  "key is found: keep it in case.yaml)")
        pairs.append((key, Path(case_dir)))
    return pairs
