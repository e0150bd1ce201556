"""Personal data: one detector and one masker for every module (RGPD, data minimisation).

Customer files, reviews, forum posts and news feeds quote e-mail addresses, phone numbers,
IBANs and street addresses; a CRM extract has name columns. None of them may reach a
deliverable (RGPD art. 5.1.c). Every module asks this one module, so they agree on what is
personal:

* :func:`find_personal` / :func:`mask_text` — in free text (feed titles, reviews, labels):
  e-mails, phone numbers in any national or international format (``06 12 34 56 78``,
  ``+33 6 00 93 69 14``, ``+44 20 7946 0958``, ``020 7946 0958``, ``(555) 123-4567``),
  IBANs (``FR76 3000 6000 …``), street addresses (``12 bis rue Mercière``). A bare number
  (an order number ``n° 2027041512``, an amount) is **not** a phone number;
* :func:`is_phone_number` — also for numbers a reader parsed as integers
  (``+33 6 00 93 69 14`` → ``33600936914``);
* :func:`detect_pii` — the columns of a table holding identifiers, by column name (``email``,
  ``tel``, ``nom``, ``prenom``, ``adresse``, ``iban``, ``date_naissance`` … accents, case and
  separators ignored) and by content (30 % of a sample matching), names included.

Example::

    >>> mask_text("Appelez le +44 20 7946 0958 ou écrivez à jean@exemple.fr (commande 2027041512)")
    'Appelez le [téléphone masqué] ou écrivez à [e-mail masqué] (commande 2027041512)'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.i18n import per_lang

__all__ = [
    "ADDRESS_RE",
    "EMAIL_RE",
    "IBAN_RE",
    "PHONE_RE",
    "PII_KINDS",
    "PiiFinding",
    "detect_pii",
    "find_personal",
    "is_phone_number",
    "looks_personal",
    "mask_text",
    "normalise_name",
    "pseudonymise",
]

#: Kinds of direct identifier, with their label (fr, en) for the processing note.
PII_KINDS = per_lang({
    "email": "adresse e-mail",
    "phone": "numéro de téléphone",
    "name": "nom ou prénom",
    "address": "adresse postale",
    "iban": "IBAN / RIB",
    "birth_date": "date de naissance exacte",
    "national_id": "numéro de sécurité sociale, d'identité ou de carte (nombre long, un par personne)",
    "ip": "adresse IP",
})

_NAME_TOKENS: dict[str, tuple[str, ...]] = {
    "email": ("email", "mail", "courriel", "e_mail", "emailaddress", "adresse_mail"),
    "phone": ("tel", "telephone", "phone", "mobile", "portable", "gsm", "fixe", "cellphone", "phonenumber"),
    "name": ("nom", "prenom", "name", "firstname", "lastname", "surname", "fullname", "prenoms",
             "nomcomplet", "nom_prenom", "patronyme"),
    "address": ("adresse", "address", "rue", "street", "voie", "addr", "adresse1", "adresse2",
                "address1", "address2", "complement_adresse"),
    "iban": ("iban", "rib", "bic", "swift"),
    "birth_date": ("naissance", "birth", "birthdate", "dob", "ddn", "date_naissance", "birthday",
                   "date_de_naissance"),
    "national_id": ("nir", "secu", "ssn", "insee", "passport", "passeport", "cni"),
    "ip": ("ip", "ip_address", "adresse_ip"),
}
# tokens that look like a name token but are not ("nombre", "name" in "username" is an id)
_NOT_NAME = {"nombre", "nomenclature", "nom_produit", "nom_categorie", "product_name", "campaign_name"}

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_S = r"[\s.\-\u00a0\u202f]?"  # one optional separator between digit groups
#: Phone numbers as people write them. International: ``+`` or ``00``, a country code, 8–15
#: digits in groups (``+33 6 00 93 69 14``, ``+44 20 7946 0958``, ``0049 30 1234567``).
#: National: French ``06 12 34 56 78`` / ``06.12…``; trunk ``0`` then 2–5 digit groups
#: (UK ``020 7946 0958``, ``07700 900123``; German ``030 1234567``); North American
#: ``(555) 123-4567`` / ``555-123-4567``. A bare run of digits (an order number, an amount) is
#: not a phone number: it has neither a ``+``/``00`` nor a trunk ``0`` nor phone grouping.
PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:" + _S + r"\(0\))?(?:" + _S + r"\(?\d{1,5}\)?){2,7}(?!\d)"
    r"|(?<![\w])0[1-9](?:" + _S + r"\d{2}){4}(?!\d)"
    r"|(?<![\w])0\d{2,4}[\s\-\u00a0]\d{3,4}[\s\-\u00a0]?\d{3,4}(?!\d)"
    r"|(?<![\w])\(\d{3}\)\s?\d{3}[\s.\-]\d{4}(?!\d)"
    r"|(?<![\w.\-])\d{3}[.\-]\d{3}[.\-]\d{4}(?![\d.\-])"
)
INTL_PHONE_RE = PHONE_RE  # kept for callers of the former name
#: Phone numbers a spreadsheet or a reader turned into integers: ``+33 6 00 93 69 14`` →
#: 33600936914, ``06 00 93 69 14`` → 600936914 (a mobile, leading zero lost), ``+44 20 7946 0958`` → 442079460958.
PHONE_DIGITS_RE = re.compile(
    r"33[1-9]\d{8}|[67]\d{8}|0[1-9]\d{8}"
    r"|(?:44|49|32|41|34|39|31|351|352|353|212|213|216)\d{8,11}|1[2-9]\d{9}"
)
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
ADDRESS_RE = re.compile(
    r"\b\d{1,4}\s?(?:bis|ter)?,?\s+(?:rue|avenue|av\.?|boulevard|bd|place|pl\.|chemin|impasse|allée|allee|"
    r"quai|cours|route|montée|montee|passage|square|street|st\.?|road|rd\.?|lane|drive)\b[^,;\n]{0,60}",
    re.IGNORECASE,
)
IPV4_RE = re.compile(r"^(?:\d{1,3}\.){3}\d{1,3}$")
NIR_RE = re.compile(r"^[12]\s?\d{2}\s?(?:0[1-9]|1[0-2])\s?\d{2}\s?\d{3}\s?\d{3}(?:\s?\d{2})?$")

_COMMON_FIRST_NAMES = {
    "marie", "jean", "pierre", "michel", "anne", "sophie", "nathalie", "isabelle", "camille", "lea",
    "manon", "chloe", "emma", "ines", "sarah", "julie", "clara", "pauline", "lucie", "marine", "elodie",
    "claire", "celine", "hugo", "lucas", "thomas", "nicolas", "julien", "antoine", "maxime", "alexandre",
    "romain", "mathieu", "olivier", "sebastien", "laurent", "francois", "david", "karim", "mehdi",
    "yanis", "theo", "louis", "paul", "arthur", "jules", "nina", "zoe", "philippe", "alain", "patrick",
    "christophe", "stephane", "catherine", "martine", "sylvie", "valerie", "sandrine", "christine",
    "frederic", "eric", "vincent", "guillaume", "benoit", "mohamed", "ahmed", "fatima", "aurelie",
    "emilie", "laura", "mathilde", "charlotte", "alice", "louise", "gabriel", "raphael", "leo", "adam",
    "john", "james", "mary", "robert", "michael", "william", "linda", "elizabeth", "jennifer", "susan",
}


@dataclass(frozen=True)
class PiiFinding:
    """A column holding direct identifiers: which kind, and how it was found."""

    column: str
    kind: str
    by: str  # "name", "content" or "name+content"
    share: float  # share of sampled non-empty values matching the content rule (0–1)


def normalise_name(name: str) -> str:
    """``"Date de naissance"`` → ``"date_de_naissance"`` (lower case, no accents, ``_``)."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _kind_by_name(column: str) -> str | None:
    norm = normalise_name(column)
    if norm in _NOT_NAME:
        return None
    tokens = set(norm.split("_")) | {norm, norm.replace("_", "")}
    for kind, words in _NAME_TOKENS.items():
        if any(w in tokens for w in words):
            return kind
    return None


def _first_token(value: str) -> str:
    return normalise_name(value.split()[0]) if value.split() else ""


def _content_shares(values: pd.Series) -> dict[str, float]:
    s = values.astype(str).str.strip()
    s = s[s != ""]
    if s.empty:
        return {}
    n = len(s)
    compact = s.str.replace(r"\s", "", regex=True)
    shares = {
        "email": s.str.fullmatch(EMAIL_RE.pattern).mean(),
        "phone": s.map(is_phone_number).mean(),
        "iban": compact.str.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}").mean(),
        "address": s.str.contains(ADDRESS_RE, regex=True).mean(),
        "ip": s.str.fullmatch(IPV4_RE.pattern).mean(),
        "national_id": s.str.fullmatch(NIR_RE.pattern).mean(),
    }
    # names: capitalised words, first token a common first name, or a name-shaped column with
    # many distinct values (last names)
    shaped = s.str.fullmatch(r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]+(?:[ \-][A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]+){0,3}")
    first = s.map(_first_token).isin(_COMMON_FIRST_NAMES)
    shares["name"] = float((shaped & first).mean())
    if shaped.mean() > 0.9 and s.nunique() / n > 0.5 and n >= 30:
        shares["name"] = max(shares["name"], float(shaped.mean()))
    return {k: float(v) for k, v in shares.items()}


def _looks_like_birth_dates(values: pd.Series) -> bool:
    """Dates all 15–100 years in the past, with many distinct days: birth dates."""
    if pd.api.types.is_datetime64_any_dtype(values):
        d = values.dropna()
    else:
        s = values.astype(str).str.strip()
        s = s[s != ""]
        if s.empty or not s.str.match(r"^\d{1,4}[/\-.]\d{1,2}[/\-.]\d{2,4}").mean() > 0.9:
            return False
        dayfirst = bool(s.str.match(r"^\d{1,2}[/\-.]").mean() > 0.5)
        d = pd.to_datetime(s, errors="coerce", dayfirst=dayfirst, format="mixed").dropna()
    if len(d) < 20:
        return False
    years = d.dt.year
    now = pd.Timestamp.today().year
    return bool(((years <= now - 15) & (years >= now - 100)).mean() > 0.95 and d.nunique() > 0.5 * len(d))


_FLAG_VALUES = {"oui", "non", "yes", "no", "true", "false", "vrai", "faux", "0", "1", "0.0", "1.0", "y", "n",
                "o", "x", ""}


def _is_flag(values: pd.Series) -> bool:
    """A yes/no column (``optin_mail``): its values are all flag words."""
    uniq = values.dropna().astype(str).str.strip().str.lower().unique()
    return len(uniq) <= 3 and set(uniq) <= _FLAG_VALUES


def _numeric_identifier(values: pd.Series) -> tuple[str | None, float]:
    """A number column that identifies people: phone numbers parsed as integers
    (``+33 6 00 93 69 14`` → 33600936914), or long integers with one value per row.

    Content checks must not stop at text columns: a CSV reader turns a phone or a loyalty
    card number into an integer, and under a neutral header it would become a feature.
    """
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values) or values.empty:
        return None, 0.0
    x = values.to_numpy(dtype=float)
    x = x[np.isfinite(x)]
    if x.size < 5 or not np.all(x == np.round(x)) or (x < 0).any():
        return None, 0.0
    phone = float(np.mean([is_phone_number(int(v)) for v in x]))
    distinct = len(np.unique(x)) / x.size
    if phone >= 0.3 and distinct > 0.5:
        return "phone", phone
    digits = pd.Series(x.astype(np.int64).astype(str))
    if (digits.str.len() >= 9).mean() >= 0.9 and distinct >= 0.9:
        return "national_id", float(distinct)
    return None, 0.0


def detect_pii(frame: pd.DataFrame, *, sample: int = 300, threshold: float = 0.3,
               seed: int = 0) -> list[PiiFinding]:
    """Columns of ``frame`` that hold direct identifiers, by name and by content.

    Content rules run on up to ``sample`` non-empty values per text column; a column is
    flagged when ``threshold`` (30 %) of them match one rule.
    """
    out: list[PiiFinding] = []
    for col in frame.columns:
        by_name = _kind_by_name(str(col))
        values = frame[col].dropna()
        if len(values) > sample:
            values = values.sample(sample, random_state=seed)
        kind, share = None, 0.0
        if len(values) and values.dtype.kind in "iuf":
            # phone numbers or card/account numbers a reader turned into integers
            kind, share = _numeric_identifier(values)
        elif len(values) and (values.dtype == object or pd.api.types.is_string_dtype(values)):
            shares = _content_shares(values)
            if shares:
                best = max(shares, key=lambda k: shares[k])
                if shares[best] >= threshold:
                    kind, share = best, shares[best]
        if by_name and by_name != "birth_date" and kind is None and _is_flag(values):
            by_name = None  # "optin_mail", "tel_fourni": a flag about the identifier, not the identifier
        if kind is None and by_name in (None, "birth_date") and _looks_like_birth_dates(values):
            kind, share = "birth_date", 1.0
        if by_name and kind:
            out.append(PiiFinding(str(col), by_name if by_name != "name" else kind, "name+content", share))
        elif by_name:
            out.append(PiiFinding(str(col), by_name, "name", share))
        elif kind:
            out.append(PiiFinding(str(col), kind, "content", share))
    return out


def looks_personal(value: object) -> bool:
    """True if a single value looks like an email, a phone number, an IBAN or an address.

    Used to mask stray personal data in category labels before they reach a deliverable.
    Numbers count too: ``33600936914`` is ``+33 6 00 93 69 14`` read as an integer.
    """
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, int | float | np.integer | np.floating):
        return is_phone_number(value)
    return bool(find_personal(str(value)))


# ---------------------------------------------------------------------------------------
# Free text

#: What replaces each kind in a masked text.
MASK_LABELS = per_lang({"email": "[e-mail masqué]", "phone": "[téléphone masqué]", "iban": "[IBAN masqué]",
           "address": "[adresse masquée]"})
TEXT_KINDS = ("email", "iban", "phone", "address")
_IBAN_TEXT_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){3,7}(?:[ \u00a0]?[A-Z0-9]{1,4})?\b")


def is_phone_number(value: object) -> bool:
    """A whole value that is a phone number: text in any format above, or an integer-looking
    number that is one with its ``+``/leading ``0`` lost (``33600936914``, ``600936914``)."""
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, int | np.integer):
        digits = str(int(value))
    elif isinstance(value, float | np.floating):
        if not np.isfinite(value) or value != int(value):
            return False
        digits = str(int(value))
    else:
        text = str(value).strip()
        if PHONE_RE.fullmatch(text):
            return _digit_count_ok(text)
        digits = text if text.isdigit() else ""
    return bool(digits) and bool(PHONE_DIGITS_RE.fullmatch(digits))


def _digit_count_ok(text: str) -> bool:
    n = sum(ch.isdigit() for ch in text)
    return 9 <= n <= 15


def find_personal(text: str, kinds: Iterable[str] = TEXT_KINDS) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of each piece of personal data in ``text``, in order, not overlapping."""
    if not text:
        return []
    wanted = set(kinds)
    spans: list[tuple[str, int, int]] = []
    if "email" in wanted and "@" in text:
        spans += [("email", m.start(), m.end()) for m in EMAIL_RE.finditer(text)]
    if "iban" in wanted:
        spans += [("iban", m.start(), m.end()) for m in _IBAN_TEXT_RE.finditer(text)
                  if sum(ch.isdigit() for ch in m.group()) >= 10]
    if "phone" in wanted and sum(ch.isdigit() for ch in text) >= 9:
        spans += [("phone", m.start(), m.end()) for m in PHONE_RE.finditer(text) if _digit_count_ok(m.group())]
    if "address" in wanted:
        spans += [("address", m.start(), m.end()) for m in ADDRESS_RE.finditer(text)]
    spans.sort(key=lambda s: (s[1], -(s[2] - s[1])))
    out: list[tuple[str, int, int]] = []
    for span in spans:
        if not out or span[1] >= out[-1][2]:
            out.append(span)
    return out


def mask_text(text: str, lang: str = "fr", *, kinds: Iterable[str] = TEXT_KINDS,
              labels: dict[str, str] | None = None) -> str:
    """``text`` with each e-mail, phone number, IBAN and street address replaced by a label
    (``[téléphone masqué]`` …; ``labels`` overrides them per kind)."""
    if not isinstance(text, str) or not text:
        return text if isinstance(text, str) else ""
    spans = find_personal(text, kinds)
    if not spans:
        return text
    names = {**MASK_LABELS.get(lang, MASK_LABELS["fr"]), **(labels or {})}
    parts, pos = [], 0
    for kind, start, end in spans:
        parts += [text[pos:start], names[kind]]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def pseudonymise(ids: pd.Series, salt: str, *, length: int = 16) -> pd.Series:
    """Salted SHA-256 of each id, as ``length`` hex characters (64 bits by default).

    Deterministic for a given salt; without the salt the id cannot be recovered by hashing
    candidate ids (the weakness of an unsalted hash of an email).
    """
    prefix = hashlib.sha256(salt.encode("utf-8") + b"\x00")  # hashed once, copied per id
    out = []
    for v in ids.astype(str).to_numpy():
        h = prefix.copy()
        h.update(v.encode("utf-8"))
        out.append(h.hexdigest()[:length])
    return pd.Series(out, index=ids.index, name="id_pseudonyme")
