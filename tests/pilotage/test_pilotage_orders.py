"""A shop's orders export gives the back-office revenue (issue #10): one order counted once,
cancelled orders left out, revenue excl. VAT, one product range for one objective — and an
objective measured on revenue takes it over the platforms' conversion value.

The fixture reproduces the Shopify orders export's quirks: one row per line item with the
order's amounts on its first row only, ``Created at`` with a time-zone offset, financial
statuses ``paid`` / ``refunded`` / ``partially_refunded``, a ``Cancelled at`` date.
Worked example (by hand): January 2027 = (115 − 5 shipping − 15 taxes) for #1001 + (48 − 0 − 8
− 10 refunded) for #1002 = 95 + 30 = 125 € HT; #1003 refunded and #1004 cancelled count for
nothing; February = 60 − 10 shipping − 0 = 50 € HT (#1005).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilotage.readers.orders import read_shop_orders
from toolkit.errors import InputError

SHOPIFY = """\
Name,Email,Financial Status,Created at,Subtotal,Shipping,Taxes,Total,Refunded Amount,Cancelled at,Lineitem quantity,Lineitem name,Lineitem price
#1001,a@x.fr,paid,2027-01-05 10:12:00 +0100,95.00,5.00,15.00,115.00,0.00,,2,Origines Rares — Éthiopie 250 g,21.10
#1001,,,,,,,,,,1,Abonnement découverte,52.80
#1002,b@x.fr,partially_refunded,2027-01-20 18:00:00 +0100,48.00,0.00,8.00,48.00,10.00,,1,Assemblage Maison 1 kg,48.00
#1003,c@x.fr,refunded,2027-01-22 09:00:00 +0100,30.00,0.00,5.00,30.00,30.00,,1,Origines Rares — Kenya 250 g,30.00
#1004,d@x.fr,paid,2027-01-28 09:00:00 +0100,40.00,0.00,6.67,40.00,0.00,2027-01-29 10:00:00 +0100,1,Origines Rares — Pérou 250 g,40.00
#1005,e@x.fr,paid,2027-02-03 09:00:00 +0100,50.00,10.00,0.00,60.00,0.00,,2,origines rares — colombie 250 g,25.00
"""


def _file(tmp_path: Path, text: str = SHOPIFY, name: str = "commandes-shopify.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_shopify_orders_give_monthly_revenue_excl_vat_each_order_once(tmp_path):
    df = read_shop_orders(_file(tmp_path))
    assert list(df["kpi"]) == ["revenue", "revenue"] and set(df["objective"]) == {""}
    assert list(df["month"]) == [pd.Timestamp("2027-01-01"), pd.Timestamp("2027-02-01")]
    # January: #1001 115 − 5 − 15 = 95; #1002 48 − 0 − 8 − 10 = 30
    assert df["value"].tolist() == pytest.approx([95.0 + 30.0, 50.0])


def test_one_product_range_for_one_objective(tmp_path):
    df = read_shop_orders(_file(tmp_path), objective="O2", products=["Origines Rares*"], vat_rate=0.055)
    # #1001: 2 × 21.10 (Éthiopie) ; #1003 refunded, #1004 cancelled ; #1005: 2 × 25 (case ignored)
    assert set(df["objective"]) == {"O2"}
    assert df["value"].tolist() == pytest.approx([2 * 21.10 / 1.055, 2 * 25.0 / 1.055])


def test_french_plain_table_with_net_amounts(tmp_path):
    p = _file(tmp_path, "commande;date;statut;montant HT\nC1;03/01/2027;payée;1 200,50\nC2;15/01/2027;annulée;300\n"
                        "C3;02/02/2027;payée;99,50\n", "commandes.csv")
    assert read_shop_orders(p)["value"].tolist() == pytest.approx([1200.5, 99.5])


def test_a_file_without_amounts_or_dates_is_refused_with_its_place(tmp_path):
    with pytest.raises(InputError, match="no order amount"):
        read_shop_orders(_file(tmp_path, "Name,Created at\n#1,2027-01-01\n", "a.csv"))
    with pytest.raises(InputError) as e:
        read_shop_orders(_file(tmp_path, "Name,Created at,Total\n#1,2027-01-01,10\n#2,hier,12\n", "b.csv"))
    assert "b.csv" in str(e.value) and "row 3" in str(e.value) and "#2" in str(e.value)


def test_an_objective_on_revenue_is_measured_on_the_orders_not_the_platforms(tmp_path):
    from pilotage.compute.kpis import kpi_vs_targets

    bo = read_shop_orders(_file(tmp_path), objective="O2", products=["Origines Rares*"])
    kpis = pd.DataFrame({"period": [pd.Timestamp("2027-01-01")], "platform": ["meta"], "campaign": ["OR"],
                         "spend": [100.0], "media_spend": [100.0], "conversion_value": [999.0]})
    targets = pd.DataFrame({"objective_id": ["O2"], "objective": ["Gamme"], "kpi": ["revenue"], "month": ["2027-01"],
                            "target": [40.0], "cumulative": [False], "direction": ["higher"], "actions": [""]})
    row = kpi_vs_targets(kpis, targets, back_office=bo).iloc[0]
    assert row["scope"] == "back_office" and row["actual"] == pytest.approx(42.2)
