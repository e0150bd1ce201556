"""A shop's orders export → the month's sales in the *back-office* scope.

The ad platforms report the conversions *they* attribute to themselves, GA4 the site's
revenue by its own attribution: neither is the shop's revenue. The shop's back office is
(see :mod:`toolkit.metrics`, scope ``back_office``). :func:`read_shop_orders` reads the orders
export a shop gives as it comes and returns the same columns as the monthly KPI file
(:func:`pilotage.readers.kpi_input.read_kpi_input`): ``month``, ``kpi`` (``revenue``),
``objective``, ``value`` (€ excl. VAT), ``source`` — so an objective measured on revenue is
then measured on the back office, which takes precedence over the platforms' figures::

    >>> from pilotage.readers.orders import read_shop_orders
    >>> read_shop_orders("data/commandes-shopify.csv")                      # the whole shop
    >>> read_shop_orders("data/commandes-shopify.csv", objective="O2",       # one product range
    ...                  products=["Origines Rares*"], vat_rate=0.055)

Formats: the **Shopify** orders export (``Name, Created at, Financial Status, Subtotal,
Shipping, Taxes, Total, Refunded Amount, Cancelled at, Lineitem quantity, Lineitem name,
Lineitem price…``; one row per line item, the order's amounts on its first row only), the
**WooCommerce** order exports (``Order Number, Order Date, Order Status, Order Total Amount,
Order Shipping Amount, Order Total Tax Amount…``) and a plain French table (``commande, date,
statut, montant HT`` or ``montant TTC, TVA, livraison``), read through :mod:`toolkit.io`.

Rules (one order counted once, whatever the number of its rows):

* revenue excl. VAT of an order = ``montant HT`` when the file has it, else total − shipping
  − taxes (right whether the shop shows prices with or without VAT), minus what was refunded;
* cancelled orders (a ``Cancelled at`` date, or a status *cancelled, voided, refunded, failed,
  annulée, remboursée…*) count for nothing; an order is dated by its creation day (the time
  zone offset Shopify writes is ignored: the day is the shop's);
* ``products``: only the line items whose name matches one of the patterns (``*`` wildcard,
  case ignored) count, at line price × quantity, divided by ``1 + vat_rate`` when the prices
  include VAT — the revenue of one range, for the objective named by ``objective``.

A month the file covers only in part (its first and last days) is still given: an orders
export is usually the whole history up to the day of the export; the dashboard's report date
decides which months are measured.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from toolkit.errors import InputError

__all__ = ["CANCELLED_STATUSES", "looks_like_orders", "orders_summary", "read_new_customers", "read_orders_kpis", "read_shop_orders"]

#: Statuses of an order that brought no sale (Shopify financial status, WooCommerce status, French).
CANCELLED_STATUSES = frozenset({
    "cancelled", "canceled", "voided", "refunded", "failed", "trash", "pending", "expired",
    "annulée", "annulee", "annulé", "remboursée", "remboursee", "échouée", "echouee", "en attente",
})

_OFFSET = re.compile(r"\s*(?:[+-]\d{2}:?\d{2}|Z|UTC)$")


def _schema():
    from toolkit.io import ColumnSpec, TableSchema

    return TableSchema("shop_orders", (
        ColumnSpec("order", "text", aliases=("Name", "Order Number", "Order #", "Order ID", "Order", "commande",
                                             "numéro de commande", "n° de commande", "id commande")),
        ColumnSpec("created", "text", aliases=("Created at", "Order Date", "Date", "date", "date de commande",
                                               "créée le")),
        ColumnSpec("status", "text", required=False, aliases=("Financial Status", "Order Status", "Status", "statut",
                                                               "état")),
        ColumnSpec("cancelled", "text", required=False, aliases=("Cancelled at", "annulée le")),
        ColumnSpec("net", "currency", required=False, aliases=("montant HT", "montant_ht", "CA HT", "Net Sales")),
        ColumnSpec("total", "currency", required=False, aliases=("Total", "Order Total Amount", "montant TTC",
                                                                 "montant_ttc", "total TTC")),
        ColumnSpec("subtotal", "currency", required=False, aliases=("Subtotal", "Order Subtotal Amount",
                                                                    "sous-total")),
        ColumnSpec("shipping", "currency", required=False, aliases=("Shipping", "Order Shipping Amount", "livraison",
                                                                    "frais de port")),
        ColumnSpec("taxes", "currency", required=False, aliases=("Taxes", "Order Total Tax Amount", "TVA", "taxes")),
        ColumnSpec("refunded", "currency", required=False, aliases=("Refunded Amount", "Order Refund Amount",
                                                                    "remboursé", "montant remboursé")),
        ColumnSpec("item", "text", required=False, aliases=("Lineitem name", "Item Name", "produit", "article")),
        ColumnSpec("item_price", "currency", required=False, aliases=("Lineitem price", "Item Cost", "prix unitaire")),
        ColumnSpec("item_qty", "number", required=False, aliases=("Lineitem quantity", "Quantity", "quantité")),
        # who ordered: read only to tell a first order from a repeat one, never kept nor shown
        ColumnSpec("customer_id", "text", required=False, aliases=("Customer ID", "Customer User ID", "Customer Id",
                                                                   "id client", "n° client", "numéro client",
                                                                   "code client")),
        ColumnSpec("customer_email", "text", required=False, aliases=("Email", "Customer Email", "Billing Email Address",
                                                                      "Billing Email", "e-mail", "email client",
                                                                      "courriel")),
    ))


def _day(text: object) -> pd.Timestamp | None:
    from toolkit.io import parse_date

    raw = "" if text is None or text != text else str(text).strip()
    if not raw:
        return None
    d = parse_date(_OFFSET.sub("", raw))
    return None if d is None else pd.Timestamp(d)


class _Orders:
    """One orders export read once: its rows, each order's day and whether it was cancelled."""

    def __init__(self, path: str | Path) -> None:
        from toolkit.io import read_table

        self.path = path
        table = read_table(path, _schema())
        self.df = df = table.frame.reset_index(drop=True)
        self.rows = list(table.report.row_numbers) if table.report.row_numbers else list(range(2, len(df) + 2))
        self.order = df["order"].astype("string").str.strip().fillna("") if len(df) else pd.Series([], dtype="string")
        # the order-level fields are on the order's first row (Shopify repeats the name only)
        self.first = ~self.order.duplicated(keep="first")
        self.dates: dict[str, pd.Timestamp] = {}
        self.cancelled: set[str] = set()
        for pos in df.index[self.first]:
            key = self.order.iat[pos]
            day = _day(df.at[pos, "created"])
            if day is None:
                raise InputError(f"order '{key}' has no readable date ('{df.at[pos, 'created']}')", file=path,
                                 row=self.rows[pos], column="Created at / date", hint="export the orders again")
            self.dates[key] = day
            raw = df.at[pos, "status"] if "status" in df else None
            status = "" if raw is None or raw != raw else str(raw).strip().casefold()
            gone = "cancelled" in df and isinstance(df.at[pos, "cancelled"], str) and df.at[pos, "cancelled"].strip()
            if status in CANCELLED_STATUSES or gone:
                self.cancelled.add(key)

    def customers(self) -> dict[str, str]:
        """Order → an opaque customer key (the customer id, else the e-mail folded), for the
        orders that name their customer. The key never leaves this object's caller."""
        df, out = self.df, {}
        for pos in df.index[self.first]:
            for col in ("customer_id", "customer_email"):
                v = df.at[pos, col] if col in df else None
                text = "" if v is None or v != v else str(v).strip().casefold()
                if text:
                    out[self.order.iat[pos]] = f"{col}:{text}"
                    break
        return out


def read_shop_orders(path: str | Path, *, objective: str = "", products: Sequence[str] = (),
                     vat_rate: float | None = None) -> pd.DataFrame:
    """Monthly revenue excl. VAT from a shop's orders export (columns of :func:`read_kpi_input`).

    ``objective``: the objective the figures count for ("" = every objective measured on
    revenue); ``products``: line-item name patterns (one range of products); ``vat_rate``:
    VAT included in line prices (0.055, 0.20), used with ``products`` only. A file without
    the amounts this needs, or an order with an unreadable date, is refused with its row.
    """
    return _revenue(_Orders(path), objective=objective, products=products, vat_rate=vat_rate)


def _revenue(orders: _Orders, *, objective: str = "", products: Sequence[str] = (),
             vat_rate: float | None = None) -> pd.DataFrame:
    path = orders.path
    if vat_rate is not None and not 0 <= vat_rate < 1:
        raise InputError(f"VAT rate {vat_rate} is not a rate", file=path, hint="write it as a fraction: 0.055 or 0.20")
    df, order, first, dates, cancelled = orders.df, orders.order, orders.first, orders.dates, orders.cancelled
    cols = ["month", "kpi", "objective", "value", "source"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    if products:
        if "item" not in df or df["item"].isna().all() or "item_price" not in df or df["item_price"].isna().all():
            raise InputError("the file has no line items (product name and price): a product range cannot be measured",
                             file=path, hint="export the orders with their line items (Shopify: Export orders → "
                                             "'Plain CSV file'), or measure the whole shop (no products)")
    elif not any(c in df and df[c].notna().any() for c in ("net", "total", "subtotal")):
        raise InputError("no order amount found: expected a 'Total', 'Subtotal' or 'montant HT' column",
                         file=path, hint="export the orders with their amounts")

    def amount(col: str, pos: int) -> float:
        v = df.at[pos, col] if col in df else None
        return 0.0 if v is None or v != v else float(v)

    values: dict[str, float] = {}
    if products:
        pats = [p.casefold() for p in products]
        for pos in df.index:
            key = order.iat[pos]
            name = str(df.at[pos, "item"] or "").casefold()
            if key in cancelled or not any(fnmatch.fnmatchcase(name, p) for p in pats):
                continue
            qty = amount("item_qty", pos) if "item_qty" in df and pd.notna(df.at[pos, "item_qty"]) else 1.0
            line = amount("item_price", pos) * qty / (1 + (vat_rate or 0.0))
            values[key] = values.get(key, 0.0) + line
    else:
        for pos in df.index[first]:
            key = order.iat[pos]
            if key in cancelled:
                continue
            if "net" in df and pd.notna(df.at[pos, "net"]):
                value = amount("net", pos)
            elif "total" in df and pd.notna(df.at[pos, "total"]):
                value = amount("total", pos) - amount("shipping", pos) - amount("taxes", pos)
            else:
                value = amount("subtotal", pos) - amount("taxes", pos)
            values[key] = value - amount("refunded", pos)
    if not dates:
        return pd.DataFrame(columns=cols)
    per = pd.DataFrame({"month": [dates[k].to_period("M").to_timestamp() for k in values],
                        "value": list(values.values())}, columns=["month", "value"])
    # every month the file covers: a month without a sale (of the range) is 0 €, not "not measured"
    span = pd.date_range(min(dates.values()).to_period("M").to_timestamp(),
                         max(dates.values()).to_period("M").to_timestamp(), freq="MS")
    g = per.groupby("month", sort=True)["value"].sum().reindex(span, fill_value=0.0)
    what = "ventes" if not products else "ventes de " + ", ".join(products)
    return pd.DataFrame({"month": g.index, "kpi": "revenue", "objective": objective, "value": g.to_numpy(dtype=float),
                         "source": f"Commandes ({Path(path).name}) — {what}"}, columns=cols).reset_index(drop=True)


def read_new_customers(path: str | Path) -> pd.DataFrame:
    """New customers per month from a shop's orders export (columns of :func:`read_kpi_input`, KPI
    ``new_customers``, back-office scope).

    A customer is new in the month of their first order that was not cancelled, over the whole
    file — so the export must reach back before the period measured (Shopify: *Export → All
    orders*): a customer who last ordered before the file begins would look new. For that
    reason the file's first month is left out (every customer of it would look new). A
    customer is known by the customer id when the file has one, else by the e-mail; orders
    naming neither (guest orders without e-mail) are not counted. No one's id or e-mail leaves
    this function: only the monthly counts. A file naming no customer gives no row.
    """
    return _new_customers(_Orders(path))


def _new_customers(orders: _Orders) -> pd.DataFrame:
    cols = ["month", "kpi", "objective", "value", "source"]
    who = orders.customers()
    if not who or not orders.dates:
        return pd.DataFrame(columns=cols)
    first_seen: dict[str, pd.Timestamp] = {}
    for key, day in sorted(orders.dates.items(), key=lambda kv: kv[1]):
        if key in orders.cancelled or key not in who:
            continue
        first_seen.setdefault(who[key], day)
    start = min(orders.dates.values()).to_period("M")
    months = pd.Series([d.to_period("M") for d in first_seen.values()], dtype="period[M]")
    counts = months.loc[months > start].value_counts().sort_index()
    # every month after the first, up to the file's last order: a month without a first order is 0, not missing
    end = max(orders.dates.values()).to_period("M")
    full = pd.period_range(start + 1, end, freq="M") if end > start else pd.PeriodIndex([], freq="M")
    counts = counts.reindex(full, fill_value=0)
    since = min(orders.dates.values())
    return pd.DataFrame({"month": counts.index.to_timestamp(), "kpi": "new_customers", "objective": "",
                         "value": counts.to_numpy(dtype=float),
                         "source": f"Commandes ({Path(orders.path).name}) — premières commandes, historique depuis "
                                   f"le {since:%d/%m/%Y}"}, columns=cols).reset_index(drop=True)


def read_orders_kpis(path: str | Path, *, objective: str = "", products: Sequence[str] = (),
                     vat_rate: float | None = None) -> pd.DataFrame:
    """Both figures of an orders export, read once: the revenue (:func:`read_shop_orders`) and the
    new customers (:func:`read_new_customers`, the whole shop's whatever ``products`` says)."""
    orders = _Orders(path)
    parts = [f for f in (_revenue(orders, objective=objective, products=products, vat_rate=vat_rate),
                         _new_customers(orders)) if len(f)]
    if not parts:
        return pd.DataFrame(columns=["month", "kpi", "objective", "value", "source"])
    return pd.concat(parts, ignore_index=True)


def orders_summary(path: str | Path) -> tuple[int, int, tuple[pd.Timestamp, pd.Timestamp] | None, bool]:
    """(orders, cancelled orders, first and last order day, whether the file names customers):
    what ``case check`` and ``case init --from`` say about an orders export."""
    o = _Orders(path)
    period = (min(o.dates.values()), max(o.dates.values())) if o.dates else None
    return len(o.dates), len(o.cancelled), period, bool(o.customers())


def looks_like_orders(path: str | Path) -> str | None:
    """The kind of shop the file is an orders export of ("Shopify", "WooCommerce", "tableau de
    commandes"), or None: an order number, its date, an amount and a status or line items —
    a plain sales table (a date and an amount) is not enough."""
    from toolkit.io import read_table

    try:
        t = read_table(path, _schema())
    except InputError:
        return None
    df = t.frame
    has = {c for c in df.columns if df[c].notna().any()}
    if not ({"net", "total", "subtotal"} & has) or not ({"status", "item", "cancelled"} & has):
        return None
    headers = set(t.report.columns)
    if "Lineitem name" in headers or "Financial Status" in headers:
        return "Shopify"
    if "Order Number" in headers or "Order Status" in headers:
        return "WooCommerce"
    return "tableau de commandes"
