"""Customer table (+ transactions) → one RGPD-safe feature row per pseudonymised customer.

Steps, in order, each reported in the deliverable's method and RGPD note:

1. find direct identifiers by column name and content (:func:`personas.privacy.detect_pii`)
   and drop them — an exact birth date survives only as ``age`` (years) and ``tranche_age``;
2. give every other column a role and a criterion (:func:`personas.columns.infer_roles`);
3. parse French exports: ``12,5`` numbers, ``dd/mm/yyyy`` dates (→ days since, ``*_jours``),
   ``oui/non`` flags (→ 0/1), postal codes (→ ``departement``);
4. join the transaction features (:func:`personas.features.transaction_features`) on the
   customer id; customers without a transaction get 0 orders, 0 € and the longest recency;
5. replace the customer id with its salted hash (:func:`personas.privacy.pseudonymise`).

Category labels that look like personal data (an email typed in a "ville" cell) are masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from personas.columns import (
    ColumnInfo,
    clean_text,
    id_like,
    infer_roles,
    is_age_name,
    parse_boolean,
    parse_dates,
    parse_numbers,
)
from personas.features import TransactionSummary, transaction_features
from personas.privacy import (
    PiiFinding,
    age_band,
    detect_pii,
    looks_personal,
    normalise_name,
    pseudonymise,
)
from toolkit.errors import ComputeError, InputError

__all__ = ["MASK", "PreparedData", "prepare"]

MASK = "[masqué]"
TX_CRITERIA = {"recence_jours": "comportemental", "frequence": "comportemental", "montant_total": "comportemental",
               "panier_moyen": "comportemental", "anciennete_jours": "comportemental",
               "taux_retour": "comportemental"}


@dataclass(frozen=True)
class PreparedData:
    """Features ready for clustering, indexed by pseudonymised id, and how they were made."""

    features: pd.DataFrame  # numeric (float) and categorical (object) feature columns
    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    describe: pd.DataFrame  # columns shown in profiles but not clustered (age band)
    columns: tuple[ColumnInfo, ...]  # every input column: role, criterion, used, why
    pii: tuple[PiiFinding, ...]
    criteria: dict[str, str]  # feature → criterion
    id_column: str | None
    tx: TransactionSummary | None = None
    unmatched_tx_customers: int = 0  # ids in the transactions but not in the customer file
    derived: dict[str, str] = field(default_factory=dict)  # feature → source column
    masked_values: int = 0
    ordinal: tuple[str, ...] = ()  # numeric rank features of ordered categories
    set_aside: dict[str, str] = field(default_factory=dict)  # feature → why it is not clustered
    #: free-text comments (a column typed "text" named like comments / avis / verbatim), those holding
    #: personal data dropped, indexed like ``features``; read only through :func:`personas.profile.comment_highlights`
    comments: pd.Series | None = None
    comments_column: str | None = None
    scores: pd.Series | None = None  # the recommendation score (NPS 0–10) of each customer, when the file has one
    #: feature → (the features repeating the same fact, strongest association): weighed 1/√m together
    redundant: dict[str, tuple[tuple[str, ...], float]] = field(default_factory=dict)

    @property
    def weights(self) -> dict[str, float]:
        """Feature → weight: ``1 / √m`` for each of the ``m`` features of a group repeating one fact."""
        return {c: 1.0 / float(np.sqrt(len(group))) for c, (group, _) in self.redundant.items()}

    @property
    def display(self) -> dict[str, str]:
        """``part_canal_b2b`` → ``B2B``: categories and channels as the data writes them."""
        return dict(self.tx.display) if self.tx is not None else {}

    @property
    def n(self) -> int:
        return len(self.features)

    @property
    def value_column(self) -> str | None:
        """The € value per customer used for value tiers and revenue shares (one column; see
        :attr:`value_columns` for spend split by category)."""
        cols = self.value_columns
        return cols[0] if len(cols) == 1 else None

    @property
    def value_columns(self) -> tuple[str, ...]:
        """The € columns whose sum is the customer's value: ``montant_total`` (from transactions),
        else one total-like column (``CA 2025``, ``total_spent``), else the spend split by
        category (``MntWines`` + ``MntMeatProducts`` + …, see :func:`spend_columns`)."""
        return value_columns(self.numeric)

    @property
    def purchase_columns(self) -> tuple[str, ...]:
        """Counts of purchases summed into purchases per customer (frequency): ``frequence`` from
        transactions, else ``NumWebPurchases`` + ``NumStorePurchases`` + … (see :func:`purchase_columns`)."""
        return purchase_columns(self.numeric)


def value_columns(numeric: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """See :attr:`PreparedData.value_columns`."""
    if "montant_total" in numeric:
        return ("montant_total",)
    spend = spend_columns(numeric)
    total = [c for c in numeric if is_value_column(c) and c not in spend]
    if total:
        return (total[0],)
    return spend


def spend_columns(numeric: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Amounts spent per product category (iFood ``MntWines``…, ``montant_vins``, UCI wholesale
    ``Fresh``…): each a part of what the customer spends, so their sum is the customer's value.
    Income, balance and budgets are money but not spend."""
    from personas.vocabulary import words_for

    out = []
    for c in numeric:
        norm = normalise_name(c)
        words = words_for(c, generic=False)
        if re.fullmatch(r"mnt_?[a-z].*", norm) or re.match(r"(?:montant|depenses?|spend|spent|amount)_[a-z]", norm) \
                or (words is not None and words.fr.startswith("dépenses en")):
            if not set(norm.split("_")) & _NOT_VALUE_TOKENS:
                out.append(c)
    return tuple(out)


def purchase_columns(numeric: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Counts of purchases (``NumWebPurchases``, ``nb_commandes``, ``frequence``), not visits."""
    if "frequence" in numeric:
        return ("frequence",)
    out = []
    for c in numeric:
        spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(c))
        tokens = set(normalise_name(spaced).split("_"))
        if tokens & {"purchases", "achats", "orders", "commandes"} and not tokens & {"visits", "visites", "mnt",
                                                                                   "montant", "amount", "eur"}:
            out.append(c)
    return tuple(out)


_VALUE_TOKENS = {"montant", "ca", "chiffre", "revenue", "revenues", "depense", "depenses", "spend", "spent",
                 "sales", "ventes", "total", "valeur", "value", "achats", "clv", "ltv"}
_NOT_VALUE_TOKENS = {"score", "note", "nps", "rang", "rank", "nb", "nombre", "count", "declare", "budget"}


def is_value_column(name: str) -> bool:
    """A € amount per customer (``montant_total``, ``CA 2025``, ``total_spent``), not a score."""
    tokens = set(normalise_name(name).split("_"))
    return bool(tokens & _VALUE_TOKENS) and not tokens & _NOT_VALUE_TOKENS


def _check_header(frame: pd.DataFrame, file: str) -> None:
    """Column names full of NUL characters: the file was decoded with the wrong encoding
    (UTF-32 or UTF-16 without byte-order mark); say so instead of failing further down."""
    bad = [str(c) for c in frame.columns if "\x00" in str(c)]
    if bad:
        raise InputError("the column names hold NUL characters: the file's encoding was not recognised "
                         "(UTF-32, or UTF-16 without byte-order mark)", file=file,
                         hint="re-save the file as UTF-8 (Excel: 'CSV UTF-8'; LibreOffice: character set "
                              "Unicode (UTF-8))")
    dup = pd.Index([str(c) for c in frame.columns])
    if dup.duplicated().any():
        raise InputError(f"the column {dup[dup.duplicated()][0]!r} appears twice in the header", file=file,
                         hint="rename one of the two columns in the file")


def _ages(values: pd.Series, ref: pd.Timestamp) -> pd.Series:
    born = parse_dates(values)
    return ((ref - born).dt.days / 365.25).floordiv(1).astype(float)


def _check_birth_dates(frame: pd.DataFrame, pii: dict[str, str], file: str) -> dict[str, str]:
    """One birth date at most, and a plausible one.

    A birth-date column (by name) whose dates give a median age under 15 years holds other
    dates (registration, last order): the columns were swapped or mislabelled — refused, with
    the column that does look like birth dates named. A second birth-date column (found by
    content) is excluded rather than derived into a second age.
    """
    births = [c for c, k in pii.items() if k == "birth_date"]
    if not births:
        return pii
    ref = pd.Timestamp.today().normalize()
    for c in births:
        age = _ages(frame[c], ref).dropna()
        if len(age) >= 5 and float(age.median()) < 15:
            others = [o for o in births if o != c]
            swapped = (f"the dates of {others[0]!r} look like birth dates: were the two columns swapped? "
                       if others else "")
            raise InputError(f"the birth dates give a median age of {int(max(age.median(), 0))} years "
                             f"({int((age < 15).sum())} customers under 15): these are not birth dates", file=file,
                             column=c, hint=f"{swapped}check the column order in your export, or set "
                             f"personas.column_roles: {{{c}: date}} if they are other dates")
    keep = births[0]
    out = dict(pii)
    for c in births[1:]:
        out[c] = "birth_date_extra"
    del keep
    return out


def _find_id_column(frame: pd.DataFrame, configured: str | None, file: str) -> str | None:
    if configured:
        if configured not in frame.columns:
            raise InputError(f"the id column {configured!r} (personas.id_column) is not in the customer file",
                             file=file, hint=f"columns found: {', '.join(map(str, frame.columns))}")
        return configured
    for col in frame.columns:
        s = frame[col]
        if id_like(str(col)) and s.notna().all() and s.nunique() == len(s):
            return str(col)
    return None


def _department(values: pd.Series) -> pd.Series:
    s = values.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    s = s.where(~s.str.fullmatch(r"\d{4}").fillna(False), "0" + s)  # 1000 (Excel ate the 0) → 01000
    dep = s.str[:2].where(~s.str.startswith("97").fillna(False), s.str[:3])
    return dep.where(s.str.fullmatch(r"\d{5}|2[AB]\d{3}").fillna(False))


@dataclass(frozen=True)
class Converted:
    """Feature columns converted from the used input columns of one table (or chunk)."""

    features: dict[str, pd.Series]
    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    describe: dict[str, pd.Series]
    criteria: dict[str, str]
    derived: dict[str, str]
    masked: int
    ordinal: tuple[str, ...] = ()  # rank features of ordered categories (their labels are in describe)


def convert_columns(customers: pd.DataFrame, infos: list[ColumnInfo] | tuple[ColumnInfo, ...],
                    ref: pd.Timestamp, lang: str = "fr") -> Converted:
    """Turn the used columns into features by role (same rules for a whole table or a chunk)."""
    feats: dict[str, pd.Series] = {}
    numeric: list[str] = []
    categorical: list[str] = []
    describe: dict[str, pd.Series] = {}
    crit: dict[str, str] = {}
    derived: dict[str, str] = {}
    ordinal: list[str] = []
    masked = 0
    for info in infos:
        if not info.used:
            continue
        col, values = info.column, customers[info.column]
        c = info.criterion or "comportemental"
        if info.role == "numeric":
            name = "age" if is_age_name(col) and "age" not in feats else col
            x = parse_numbers(values)
            if info.placeholder is not None:
                # "-1 = never contacted": the code is not a value; whether one is there is a flag
                code = x == info.placeholder
                flag = f"{name}_renseigne"
                feats[flag], derived[flag] = (~code & x.notna()).astype(float), col
                numeric.append(flag)
                crit[flag] = c
                x = x.where(~code)
            feats[name] = x
            numeric.append(name)
            if name != col:
                derived[name] = col
                col = name
        elif info.role == "birth_year":
            year = parse_numbers(values)
            age = (ref.year - year).astype(float)
            age = age.where((age >= 0) & (age < 120))
            name = "age" if "age" not in feats else f"{col}_age"
            feats[name], derived[name] = age, col
            numeric.append(name)
            describe["tranche_age"] = age_band(age, lang)
            crit["tranche_age"] = "socio_demographique"
            col = name
        elif info.role == "ordinal":
            text = clean_text(values)
            rank = {lvl: float(i) for i, lvl in enumerate(info.levels)}
            name = f"{col}_rang"
            feats[name], derived[name] = text.map(rank).astype(float), col
            numeric.append(name)
            ordinal.append(name)
            describe[col] = text.astype(object)
            crit[name] = c
        elif info.role == "boolean":
            feats[col] = parse_boolean(values)
            numeric.append(col)
        elif info.role == "date":
            days = (ref - parse_dates(values)).dt.days.astype(float)
            name = f"{col}_jours"
            feats[name], derived[name] = days, col
            numeric.append(name)
            col = name
        elif info.role == "birth_date":
            born = parse_dates(values)
            age = ((ref - born).dt.days / 365.25).floordiv(1).astype(float)
            age = age.where((age >= 0) & (age < 120))
            feats["age"], derived["age"] = age, col
            numeric.append("age")
            describe["tranche_age"] = age_band(age, lang)
            crit["tranche_age"] = "socio_demographique"
            col = "age"
        elif info.role == "postal":
            name = "departement" if "departement" not in customers.columns else f"{col}_departement"
            feats[name], derived[name] = _department(values).astype(object), col
            categorical.append(name)
            col = name
        else:  # categorical
            s = clean_text(values)
            bad = [v for v in s.dropna().unique() if looks_personal(v)]  # once per distinct value
            personal = s.isin(bad).fillna(False).astype(bool) if bad else pd.Series(False, index=s.index)
            masked += int(personal.sum())
            feats[col] = s.where(~personal, MASK).astype(object)
            categorical.append(col)
        crit[col] = c
    return Converted(feats, tuple(numeric), tuple(categorical), describe, crit, derived, masked, tuple(ordinal))


#: Why the comments column is read (the column table of the deliverable).
QUOTED_TEXT = "free text: only comments written word for word by many customers of a segment are quoted"
_COMMENT_WORDS = ("comment", "commentaire", "avis", "verbatim", "remarque", "feedback", "review", "message",
                  "suggestion", "pourquoi", "why")
_SCORE_WORDS = ("nps", "recommand", "recommend")


def _comments_and_scores(customers: pd.DataFrame, infos, index: pd.Index
                         ) -> tuple[pd.Series | None, str | None, pd.Series | None]:
    """The first free-text column named like comments and the NPS-like score column. A comment holding
    personal data (a phone, an e-mail, an address…: ``toolkit.privacy.find_personal``) is dropped,
    not masked: « Rappeler au [téléphone masqué] » says nothing of a segment."""
    from toolkit.privacy import find_personal

    comments = column = scores = None
    for info in infos:
        name = normalise_name(info.column)
        if comments is None and info.role == "text" and any(w in name for w in _COMMENT_WORDS):
            column = info.column
            comments = pd.Series([v if isinstance(v, str) and v.strip() and not find_personal(v) else None
                                  for v in customers[column]], index=index, dtype=object)
        if scores is None and info.role == "numeric" and any(w in name for w in _SCORE_WORDS):
            vals = pd.to_numeric(customers[info.column].astype("string").str.replace(",", ".", regex=False),
                                 errors="coerce")
            if vals.dropna().between(0, 10).all():
                scores = pd.Series(vals.to_numpy(), index=index)
    return comments, column, scores


def prepare(
    customers: pd.DataFrame | None,
    transactions: pd.DataFrame | None = None,
    *,
    salt: str,
    id_column: str | None = None,
    column_roles: dict[str, str] | None = None,
    criteria: dict[str, str] | None = None,
    exclude: list[str] | tuple[str, ...] = (),
    reference_date: pd.Timestamp | None = None,
    customers_file: str = "customers",
    transactions_file: str = "transactions",
    lang: str = "fr",
) -> PreparedData:
    """Build the feature table (see the module docstring). Pure: no file, no print."""
    if customers is None and transactions is None:
        raise ComputeError("no customer data", hint="set data.customers (and data.transactions) in case.yaml")
    criteria = dict(criteria or {})
    tx_feats, tx_summary = None, None
    if transactions is not None:
        tx_feats, tx_summary = transaction_features(transactions, id_column=id_column, file=transactions_file)
    if customers is None:
        customers = pd.DataFrame({"id_client": tx_feats.index.to_numpy()})
        id_column = "id_client"
    if len(customers) == 0:
        raise ComputeError("the customer file has no rows", file=customers_file)
    customers = customers.reset_index(drop=True)
    _check_header(customers, customers_file)
    idc = _find_id_column(customers, id_column, customers_file)
    pii = [p for p in detect_pii(customers) if p.column != idc]
    pii_map = {p.column: p.kind for p in pii}
    # a birth-named column the user typed otherwise (personas.column_roles) is not a birth date
    pii_map = {c: k for c, k in pii_map.items() if not (k == "birth_date" and c in (column_roles or {}))}
    pii_map = _check_birth_dates(customers, pii_map, customers_file)
    infos = infer_roles(customers, overrides=column_roles, criteria=criteria, id_column=idc,
                        exclude=exclude, pii=pii_map)
    ref = reference_date
    if ref is None:
        ref = tx_summary.reference_date if tx_summary is not None else pd.Timestamp.today().normalize()
    conv = convert_columns(customers, infos, ref, lang)
    feats, numeric, categorical = conv.features, list(conv.numeric), list(conv.categorical)
    describe, crit, derived, masked = conv.describe, dict(conv.criteria), dict(conv.derived), conv.masked
    frame = pd.DataFrame(feats, index=customers.index)
    raw_ids = (customers[idc].astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
               if idc else pd.Series((customers.index + 1).astype(str), index=customers.index))
    unmatched = 0
    if tx_feats is not None:
        ids = pd.Index(raw_ids.astype(str))
        joined = tx_feats.reindex(ids)
        unmatched = int(len(tx_feats.index.difference(ids)))
        no_tx = joined["frequence"].isna().to_numpy()
        joined = joined.fillna({"frequence": 0.0, "montant_total": 0.0, "panier_moyen": 0.0,
                                "taux_retour": 0.0, "anciennete_jours": 0.0,
                                "recence_jours": float(np.nanmax(tx_feats["recence_jours"].to_numpy()))})
        joined = joined.fillna({c: 0.0 for c in joined.columns if c.startswith("part_")})
        joined.index = frame.index
        for c in joined.columns:
            frame[c] = joined[c].astype(float)
            numeric.append(c)
            crit[c] = criteria.get(c) or TX_CRITERIA.get(c) or (
                "comportemental" if c.startswith("part_canal_") else "affinite")
        if no_tx.all():
            raise InputError("no customer of the customer file appears in the transactions",
                             file=transactions_file,
                             hint="check that both files use the same customer id (personas.id_column)")
    pseudo = pseudonymise(raw_ids, salt)
    if pseudo.duplicated().any():
        dup = int(pseudo.duplicated().sum())
        raise InputError(f"{dup} customer ids appear more than once in the customer file", file=customers_file,
                         column=idc, hint="keep one row per customer (merge duplicates in your CRM export)")
    frame.index = pd.Index(pseudo.to_numpy(), name="id_pseudonyme")
    desc = pd.DataFrame(describe, index=frame.index) if describe else pd.DataFrame(index=frame.index)
    if describe:
        for k, v in describe.items():
            desc[k] = v.to_numpy()
    usable = [c for c in numeric if frame[c].notna().any() and frame[c].nunique() > 1]
    cats = [c for c in categorical if frame[c].notna().any() and frame[c].nunique() > 1]
    if not usable and not cats:
        raise ComputeError("no usable column to describe customers", file=customers_file,
                           hint="add behaviour columns or a transactions file (data.transactions)")
    frame = frame[usable + cats]
    comments, comments_column, scores = _comments_and_scores(customers, infos, frame.index)
    if comments_column is not None:
        from dataclasses import replace as _replace

        infos = [_replace(i, reason=QUOTED_TEXT) if i.column == comments_column else i for i in infos]
    return PreparedData(
        comments=comments, comments_column=comments_column, scores=scores,
        features=frame, numeric=tuple(usable), categorical=tuple(cats), describe=desc,
        columns=tuple(infos), pii=tuple(pii), criteria={k: v for k, v in crit.items()
                                                        if k in frame.columns or k in desc.columns},
        id_column=idc, tx=tx_summary, unmatched_tx_customers=unmatched, derived=derived, masked_values=masked,
        ordinal=tuple(c for c in conv.ordinal if c in usable),
    )
