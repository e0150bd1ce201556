"""RGPD by construction: find direct identifiers, pseudonymise ids, coarsen birth dates.

A customer file from a CRM usually holds names, emails, phone numbers, street addresses,
sometimes IBANs and exact birth dates. None of them is needed to describe a segment, and
none may reach a deliverable (RGPD art. 5.1.c, *data minimisation*). The detection is
:mod:`toolkit.privacy` (one detector for every module, re-exported here); it finds them
two ways, so that a column named ``contact`` full of emails is caught as surely as one
named ``email``:

* **by column name** — tokens such as ``email``, ``tel``, ``nom``, ``prenom``, ``adresse``,
  ``iban``, ``date_naissance`` (accents, case and separators ignored);
* **by content** — regular expressions run on a sample of the values: emails, French phone
  numbers (``06 12 34 56 78``, ``+33 6…``, ``06.12…``), IBANs (``FR76 …``), street
  addresses (``12 rue …``), first names from a list of common French first names.

A column is flagged when at least 30 % of its sampled non-empty values match.

The customer id is replaced by a salted SHA-256 hash (:func:`toolkit.privacy.pseudonymise`): the same
customer gets the same pseudonym on every run with the same salt (so that an emailing tool
can match segment exports), and nobody can recompute it without the salt, which stays in
``case.yaml`` (``personas.salt``) or in ``CASE/.toolkit/personas_salt.txt``.
An exact birth date becomes an age band (``35-44 ans``) and an age in years (CNIL guidance:
keep the coarsest value that serves the purpose).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.i18n import tr

# Detection and pseudonymisation are the toolkit's one privacy module (shared with veille,
# e-reputation and the trainer mode's grading).
from toolkit.privacy import (
    PII_KINDS,
    PiiFinding,
    detect_pii,
    looks_personal,
    normalise_name,
    pseudonymise,
)

__all__ = [
    "PII_KINDS",
    "PiiFinding",
    "age_band",
    "detect_pii",
    "load_or_create_salt",
    "looks_personal",
    "normalise_name",
    "pseudonymise",
]

SALT_FILE = "personas_salt.txt"


def load_or_create_salt(state_dir: Path, configured: str | None = None) -> str:
    """The salt from ``case.yaml`` when set, else the one kept in ``.toolkit/`` (created once)."""
    if configured:
        return configured
    path = Path(state_dir) / SALT_FILE
    if path.exists():
        text = path.read_text(encoding="utf-8").strip()
        if text:
            return text
    salt = secrets.token_hex(16)
    from toolkit.files import atomic_write_text

    atomic_write_text(path, salt + "\n")
    return salt


AGE_BANDS = (18, 25, 35, 45, 55, 65)


def age_band(age: pd.Series, lang: str = "fr") -> pd.Series:
    """Age in years → band label (``"35-44 ans"`` / ``"35-44"``); INSEE-like 10-year bands."""
    edges = [-np.inf, *AGE_BANDS, np.inf]
    labels = ([tr(lang, "< {age} ans", age=AGE_BANDS[0])]
              + [tr(lang, "{low}-{high} ans", low=a, high=b - 1) for a, b in zip(AGE_BANDS[:-1], AGE_BANDS[1:], strict=True)]
              + [tr(lang, "{age}+ ans", age=AGE_BANDS[-1])])
    out = pd.cut(age, bins=edges, labels=labels, right=False)
    return out.astype(object).where(out.notna(), None)
