"""Column names: normalisation and matching against a schema (French and English aliases)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import MissingColumnError

if TYPE_CHECKING:
    from toolkit.io._schema import TableSchema

__all__ = ["match_columns", "normalize_header"]

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
#: Currency and unit words ignored in a second matching pass: "Amount spent (USD)" = "amount spent".
_UNIT_WORDS = frozenset({"eur", "usd", "gbp", "chf", "cad", "aud", "jpy", "euros", "euro", "ht", "ttc"})


def normalize_header(s: str) -> str:
    """``"Coût (EUR)"`` → ``"cout eur"``: lowercase, accents removed, punctuation and spaces
    collapsed to one space. ``"Impr."`` → ``"impr"``, ``"Taux de clics (CTR)"`` → ``"taux de clics ctr"``.
    """
    text = unicodedata.normalize("NFKD", str(s).translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub(" ", text).strip()


def _without_units(norm: str) -> str:
    return " ".join(w for w in norm.split() if w not in _UNIT_WORDS)


def match_columns(
    found: list[str], schema: TableSchema, *, file: str | Path | None = None
) -> dict[str, str]:
    """Map the file's column names to the schema's names: ``{original: canonical}``.

    A column matches a spec when its normalised name equals the normalised spec name or
    one of its aliases; a second pass ignores currency/unit words (``"Amount spent (USD)"``
    matches alias ``"Amount spent"``). The first matching column wins. Raises
    :class:`MissingColumnError` naming the file, the columns found and the closest one.
    """
    norm_found = {col: normalize_header(col) for col in found}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    missing = []
    for spec in schema.columns:
        targets = [normalize_header(spec.name), *(normalize_header(a) for a in spec.aliases)]
        hit = next((c for c in found if c not in used and norm_found[c] in targets), None)
        if hit is None:
            loose = {_without_units(t) for t in targets}
            hit = next(
                (c for c in found if c not in used and _without_units(norm_found[c]) in loose),
                None,
            )
        if hit is None:
            if spec.required:
                missing.append(spec)
            continue
        mapping[hit] = spec.name
        used.add(hit)
    if missing:
        raise _missing_error(missing, found, norm_found, schema, file)
    return mapping


def _missing_error(missing, found, norm_found, schema, file) -> MissingColumnError:
    lines = []
    closest_overall = None
    for spec in missing:
        names = [spec.name, *spec.aliases]
        candidates = {norm_found[c]: c for c in found}
        best, best_ratio = None, 0.0
        for target in names:
            for match in difflib.get_close_matches(normalize_header(target), list(candidates), n=1, cutoff=0.5):
                ratio = difflib.SequenceMatcher(None, normalize_header(target), match).ratio()
                if ratio > best_ratio:
                    best, best_ratio = candidates[match], ratio
        accepted = ", ".join(f"'{n}'" for n in names)
        text = f"'{spec.name}' (accepted names: {accepted})"
        if best:
            text += f" — closest column found: '{best}'"
            closest_overall = closest_overall or (best, spec.name)
        lines.append(text)
    found_text = ", ".join(f"'{c}'" for c in found) or "(none)"
    details = "; ".join(lines)
    message = (f"required columns missing for a {schema.name} table: {details}. Columns found: {found_text}"
               if len(missing) > 1 else
               f"required column missing for a {schema.name} table: {details}. Columns found: {found_text}")
    if closest_overall:
        hint = (
            f"if '{closest_overall[0]}' holds the {closest_overall[1]} values, rename it "
            f"'{closest_overall[1]}' in the file; otherwise export the report again with that column"
        )
    else:
        hint = "export the report again with that column, or rename the column to one of the accepted names"
    return MissingColumnError(message, file=file, column=missing[0].name, hint=hint)
