"""From transactions to customer features: RFM, basket, tenure, category and channel shares.

Input: one row per order line (or per order) with a customer id, a date and an amount —
or a quantity and a unit price (UCI Online Retail style). Optional: invoice number,
category, channel. Column names are recognised in French and English (``id_client`` /
``CustomerID``, ``date`` / ``InvoiceDate``, ``montant`` / ``amount``, ``quantite`` /
``Quantity``, ``prix_unitaire`` / ``UnitPrice``, ``facture`` / ``InvoiceNo``, ``categorie`` /
``category``, ``canal`` / ``channel``).

**Returns and cancellations** — a line is a return when its invoice starts with ``C``
(Online Retail convention), or its quantity or amount is negative. Returns are subtracted
from the net amount and counted in the return rate; they are not orders.

Features per customer (reference date = day after the last transaction in the file):

=====================  =============================================================
``recence_jours``      days since the last order (lower = more recent)
``frequence``          number of distinct orders (invoices) over the period
``montant_total``      net amount, € (orders − returns)
``panier_moyen``       average order value, € (gross orders / frequency)
``anciennete_jours``   days since the first order
``taux_retour``        returns / gross orders (0–1)
``part_<categorie>``   share of gross orders in each category (0–1)
``part_canal_<canal>`` share of gross orders through each channel (0–1)
=====================  =============================================================

:class:`RFMScorer` turns recency, frequency and monetary value into 1–5 quintile scores
(Hughes, *Strategic Database Marketing*, 1994: 5 = best; recency reversed), fitted on the
customers analysed, as a scikit-learn transformer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin, _fit_context
from sklearn.utils.validation import check_is_fitted, validate_data

from personas.columns import parse_dates, parse_numbers
from personas.privacy import normalise_name
from toolkit.errors import MissingColumnError

__all__ = ["RFMScorer", "TX_SYNONYMS", "TransactionSummary", "find_tx_columns", "transaction_features"]

TX_SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer": ("id_client", "client_id", "customerid", "customer_id", "customer", "client", "idclient",
                 "code_client", "num_client", "numero_client", "id_customer"),
    "date": ("date", "invoicedate", "date_achat", "date_commande", "order_date", "datetime", "timestamp",
             "date_transaction", "purchase_date", "created_at"),
    "amount": ("montant", "amount", "montant_ttc", "total", "ca", "revenue", "chiffre_affaires", "sales",
               "montant_ht", "prix_total", "total_price", "value", "valeur"),
    "quantity": ("quantite", "quantity", "qte", "qty", "quantite_vendue", "units"),
    "unit_price": ("prix_unitaire", "unitprice", "unit_price", "price", "prix", "pu"),
    "invoice": ("facture", "invoiceno", "invoice", "invoice_no", "num_facture", "commande", "order_id",
                "id_commande", "id_transaction", "transaction_id", "ticket", "order"),
    "category": ("categorie", "category", "famille", "rayon", "product_category", "univers", "gamme"),
    "channel": ("canal", "channel", "canal_vente", "sales_channel", "source", "point_de_vente"),
}


@dataclass(frozen=True)
class TransactionSummary:
    """What the transaction file held and what was done with it."""

    rows: int
    rows_used: int
    dropped: dict[str, int]  # reason → rows
    dropped_examples: dict[str, tuple[int, ...]]  # reason → first data-row numbers (1-based)
    returns: int  # return / cancellation lines
    customers: int
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    reference_date: pd.Timestamp | None
    columns: dict[str, str] = field(default_factory=dict)  # role → column used
    display: dict[str, str] = field(default_factory=dict)  # part_… feature → category/channel as written
    revenue: float = 0.0  # net, €


def find_tx_columns(columns: list[str], id_column: str | None = None) -> dict[str, str]:
    """Map roles (customer, date, amount…) to the transaction file's columns by name."""
    norm = {normalise_name(c): c for c in columns}
    found: dict[str, str] = {}
    for role, names in TX_SYNONYMS.items():
        for name in names:
            if name in norm and norm[name] not in found.values():
                found[role] = norm[name]
                break
    if id_column and id_column in columns:
        found["customer"] = id_column
    return found


def transaction_features(
    tx: pd.DataFrame,
    *,
    id_column: str | None = None,
    reference_date: pd.Timestamp | None = None,
    max_categories: int = 8,
    max_channels: int = 6,
    file: str = "transactions",
) -> tuple[pd.DataFrame, TransactionSummary]:
    """Customer-level features from transaction lines (see the module docstring).

    Returns the features indexed by the customer id (as text) and a summary of the rows
    kept and dropped (missing id, unreadable date, unreadable amount), with row numbers.
    """
    cols = find_tx_columns([str(c) for c in tx.columns], id_column)
    for need in ("customer", "date"):
        if need not in cols:
            raise MissingColumnError(
                f"no {'customer id' if need == 'customer' else 'date'} column found in the transactions",
                file=file, hint=f"columns found: {', '.join(map(str, tx.columns))}; name it "
                f"{TX_SYNONYMS[need][0]!r} or set personas.id_column in case.yaml")
    if "amount" not in cols and not ("quantity" in cols and "unit_price" in cols):
        raise MissingColumnError("no amount column (nor quantity × unit price) in the transactions",
                                 file=file, hint="add a 'montant' column (€ incl. VAT)")
    n = len(tx)
    cid = tx[cols["customer"]].astype("string").str.strip()
    cid = cid.str.replace(r"\.0$", "", regex=True)  # 17850.0 (float ids from Excel) → 17850
    date = parse_dates(tx[cols["date"]])
    if "amount" in cols:
        amount = parse_numbers(tx[cols["amount"]])
    else:
        amount = parse_numbers(tx[cols["quantity"]]) * parse_numbers(tx[cols["unit_price"]])
    qty = parse_numbers(tx[cols["quantity"]]) if "quantity" in cols else pd.Series(1.0, index=tx.index)
    bad = {"missing customer id": (cid.isna() | (cid == "")).to_numpy(),
           "unreadable date": date.isna().to_numpy(),
           "unreadable amount": amount.isna().to_numpy()}
    keep = ~(bad["missing customer id"] | bad["unreadable date"] | bad["unreadable amount"])
    dropped = {k: int(v.sum()) for k, v in bad.items() if v.sum()}
    examples = {k: tuple(int(i) + 1 for i in np.flatnonzero(v)[:5]) for k, v in bad.items() if v.sum()}
    inv = (tx[cols["invoice"]].astype("string").str.strip() if "invoice" in cols
           else pd.Series(pd.NA, index=tx.index, dtype="string"))
    is_return = (inv.str.upper().str.startswith("C").fillna(False).to_numpy()
                 | (qty < 0).to_numpy() | (amount < 0).to_numpy())
    d = pd.DataFrame({
        "cid": cid.to_numpy(), "date": date.dt.normalize().to_numpy(), "amount": amount.abs().to_numpy(),
        "ret": is_return, "inv": inv.to_numpy(),
    })
    if "category" in cols:
        d["cat"] = tx[cols["category"]].astype("string").str.strip().str.lower().to_numpy()
    if "channel" in cols:
        d["chan"] = tx[cols["channel"]].astype("string").str.strip().to_numpy()
    d = d[keep]
    if d.empty:
        raise MissingColumnError("no usable transaction row (ids, dates or amounts unreadable)", file=file,
                                 hint="check the date format (dd/mm/yyyy or yyyy-mm-dd) and the amounts")
    ref = reference_date if reference_date is not None else d["date"].max().normalize() + pd.Timedelta(days=1)
    sales = d[~d["ret"]]
    rets = d[d["ret"]]
    g = sales.groupby("cid", sort=True)
    if "invoice" in cols and sales["inv"].notna().any():
        freq = g["inv"].nunique()
    else:
        freq = g.size()
    gross = g["amount"].sum()
    feats = pd.DataFrame({
        "recence_jours": (ref - g["date"].max()).dt.days.astype(float),
        "frequence": freq.astype(float),
        "montant_total": gross - rets.groupby("cid")["amount"].sum().reindex(gross.index, fill_value=0.0),
        "panier_moyen": gross / freq,
        "anciennete_jours": (ref - g["date"].min()).dt.days.astype(float),
        "taux_retour": (rets.groupby("cid")["amount"].sum().reindex(gross.index, fill_value=0.0)
                        / gross.where(gross > 0)).fillna(0.0).clip(0, 1),
    })
    # customers with only returns in the period: no order, net negative
    only_ret = rets.index.size and sorted(set(rets["cid"]) - set(gross.index))
    if only_ret:
        extra = pd.DataFrame(index=pd.Index(only_ret, name="cid"))
        extra["recence_jours"] = (ref - rets.groupby("cid")["date"].max()).dt.days.astype(float)
        extra["frequence"] = 0.0
        extra["montant_total"] = -rets.groupby("cid")["amount"].sum()
        extra["panier_moyen"] = 0.0
        extra["anciennete_jours"] = (ref - rets.groupby("cid")["date"].min()).dt.days.astype(float)
        extra["taux_retour"] = 1.0
        feats = pd.concat([feats, extra.reindex(columns=feats.columns)])
    display: dict[str, str] = {}
    for key, prefix, top in (("cat", "part_", max_categories), ("chan", "part_canal_", max_channels)):
        if key not in sales:
            continue
        by = sales.groupby(["cid", key])["amount"].sum().unstack(fill_value=0.0)
        keep_cols = by.sum().sort_values(ascending=False).index[:top]
        shares = by[keep_cols].div(by.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0.0)
        shares.columns = [prefix + normalise_name(str(c)) for c in keep_cols]
        display.update({prefix + normalise_name(str(c)): str(c) for c in keep_cols})
        feats = feats.join(shares, how="left")
    feats = feats.fillna({c: 0.0 for c in feats.columns if c.startswith("part_")})
    feats.index = feats.index.astype(str)
    feats.index.name = None
    summary = TransactionSummary(
        rows=n, rows_used=int(keep.sum()), dropped=dropped, dropped_examples=examples,
        returns=int(d["ret"].sum()), customers=int(len(feats)), start=d["date"].min(), end=d["date"].max(),
        reference_date=ref, columns=cols, revenue=float(feats["montant_total"].sum()), display=display,
    )
    return feats, summary


class RFMScorer(TransformerMixin, BaseEstimator):
    """Quantile scores 1…``n_bins`` per column; columns listed in ``reverse`` score the other way.

    Fit on ``[recency, frequency, monetary]`` with ``reverse=(0,)``: the most recent, most
    frequent, biggest spenders get 5-5-5. Bin edges are the quantiles of the fitted data
    (``edges_``); ties at an edge go to the higher bin. Missing values score ``NaN``.
    """

    _parameter_constraints: dict = {"n_bins": [int], "reverse": [tuple, list]}

    def __init__(self, n_bins: int = 5, reverse: tuple[int, ...] = (0,)) -> None:
        self.n_bins = n_bins
        self.reverse = reverse

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        X = validate_data(self, X, ensure_all_finite="allow-nan", dtype=np.float64)
        if self.n_bins < 2:
            raise ValueError(f"n_bins must be >= 2, got {self.n_bins}")
        qs = np.linspace(0, 1, self.n_bins + 1)[1:-1]
        with np.errstate(all="ignore"):
            self.edges_ = np.array([np.nanquantile(X[:, j], qs) if np.isfinite(X[:, j]).any()
                                    else np.full(len(qs), np.nan) for j in range(X.shape[1])])
        return self

    def transform(self, X):
        check_is_fitted(self, "edges_")
        X = validate_data(self, X, ensure_all_finite="allow-nan", dtype=np.float64, reset=False)
        out = np.empty_like(X)
        for j in range(X.shape[1]):
            score = np.searchsorted(self.edges_[j], X[:, j], side="right") + 1.0
            if j in tuple(self.reverse):
                score = self.n_bins + 1.0 - score
            score[np.isnan(X[:, j])] = np.nan
            out[:, j] = score
        return out

    def get_feature_names_out(self, input_features=None):
        from sklearn.utils.validation import _check_feature_names_in

        names = _check_feature_names_in(self, input_features)
        return np.asarray([f"score_{n}" for n in names], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags
