"""The shop's orders export named in case.yaml (``data.files`` ``use: orders``) reaches the
dashboard and the bilan, and ``case init --from`` / ``case check`` recognise it (issue #10).

The example case (Brûlerie Sauvage) with one Shopify orders export added. Worked example, by
hand (line prices include 5,5 % VAT, ``vat_rate: 0.055``; range "Origines Rares*" for O2):

====  ==========  ========  =====================================  =========================
 #     day         customer  lines                                  counts for
====  ==========  ========  =====================================  =========================
2001  10/12/2026  a         Assemblage Maison 48,00                 history (a's first order)
2002  03/04/2027  b         2 × Origines Rares Éthiopie 21,10       O2 April; b new in April
2003  10/04/2027  a         1 × Origines Rares Kenya 30,00          O2 April; a not new
2004  02/05/2027  c         Origines Rares Pérou 40,00 — cancelled  nothing
2005  05/06/2027  c         1 × Origines Rares Pérou 40,00          O2 June; c new in June
2006  20/06/2027  d         Assemblage Maison 48,00                 d new in June
====  ==========  ========  =====================================  =========================

O2 revenue: April (2 × 21,10 + 30) / 1,055 = 68,44 € HT; May 0 €; June 40 / 1,055 = 37,91 € HT.
New customers: December left out (the file's first month: everyone in it would look new);
January–March 0, April 1, May 0, June 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

EXAMPLE_CASE = Path(__file__).resolve().parents[2] / "examples" / "brulerie-sauvage"

ORDERS = """\
Name,Email,Financial Status,Created at,Subtotal,Shipping,Taxes,Total,Refunded Amount,Cancelled at,Lineitem quantity,Lineitem name,Lineitem price
#2001,a@exemple.example,paid,2026-12-10 10:00:00 +0100,48.00,0.00,2.50,48.00,0.00,,1,Assemblage Maison 1 kg,48.00
#2002,b@exemple.example,paid,2027-04-03 11:00:00 +0200,42.20,0.00,2.20,42.20,0.00,,2,Origines Rares — Éthiopie 250 g,21.10
#2003,A@Exemple.example,paid,2027-04-10 11:00:00 +0200,30.00,0.00,1.56,30.00,0.00,,1,Origines Rares — Kenya 250 g,30.00
#2004,c@exemple.example,voided,2027-05-02 11:00:00 +0200,40.00,0.00,2.09,40.00,0.00,2027-05-03 09:00:00 +0200,1,Origines Rares — Pérou 250 g,40.00
#2005,c@exemple.example,paid,2027-06-05 11:00:00 +0200,40.00,0.00,2.09,40.00,0.00,,1,Origines Rares — Pérou 250 g,40.00
#2006,d@exemple.example,paid,2027-06-20 11:00:00 +0200,48.00,0.00,2.50,48.00,0.00,,1,Assemblage Maison 1 kg,48.00
"""

NAME = "data/exports/commandes-shopify.csv"


def _with_orders(dst: Path, *, new_customers_target: bool = True) -> None:
    (dst / NAME).write_text(ORDERS, encoding="utf-8")
    cfg = yaml.safe_load((dst / "case.yaml").read_text(encoding="utf-8"))
    cfg["data"]["files"] = {NAME: {"use": "orders", "objective": "O2", "products": ["Origines Rares*"],
                                   "vat_rate": 0.055}}
    (dst / "case.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if new_customers_target:
        plan = yaml.safe_load((dst / "plan.yaml").read_text(encoding="utf-8"))
        o1 = next(o for o in plan["objectives"] if o["id"] == "O1")
        o1["indicators"].append({"kpi": "new_customers", "target": 900})
        (dst / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def case_with_orders(tmp_path_factory):
    from pilotage.commands import import_exports
    from toolkit.case import load_case

    dst = tmp_path_factory.mktemp("orders-case") / "case"
    shutil.copytree(EXAMPLE_CASE, dst, ignore=shutil.ignore_patterns("out", ".toolkit"))
    _with_orders(dst)
    case = load_case(dst)
    import_exports(case, case.config.data.actuals)
    return case


def _rows(status: pd.DataFrame, objective: str, kpi: str) -> pd.DataFrame:
    s = status[(status["objective_id"] == objective) & (status["kpi"] == kpi)]
    return s.set_index("month").sort_index()


def test_o2_revenue_in_the_dashboard_is_the_range_sold_in_the_shop(case_with_orders):
    from pilotage.commands import dashboard_data

    data = dashboard_data(case_with_orders)
    o2 = _rows(data.kpi_status, "O2", "revenue")
    assert set(o2.loc[o2["actual"].notna(), "scope"]) == {"back_office"}
    assert o2.loc[pd.Timestamp("2027-04-01"), "actual"] == pytest.approx((2 * 21.10 + 30.0) / 1.055)
    assert o2.loc[pd.Timestamp("2027-05-01"), "actual"] == 0.0  # sold nothing of the range: 0 €, measured
    assert o2.loc[pd.Timestamp("2027-06-01"), "actual"] == pytest.approx(40.0 / 1.055)
    # was the PMax campaign's conversion value (1 943,55 € in June, media scope)
    assert o2.loc[pd.Timestamp("2027-06-01"), "actual"] != pytest.approx(1943.55)


def test_new_customers_are_first_orders_per_month_in_dashboard_and_bilan(case_with_orders):
    from pilotage.commands import dashboard_data
    from pilotage.compute.bilan import analyse

    for status in (dashboard_data(case_with_orders).kpi_status, analyse(case_with_orders).kpi_status):
        nc = _rows(status, "O1", "new_customers")
        measured = nc.loc[nc["actual"].notna()]
        assert set(measured["scope"]) == {"back_office"}
        got = {m.strftime("%Y-%m"): v for m, v in measured["actual"].items()}
        assert got == {"2027-01": 0, "2027-02": 0, "2027-03": 0, "2027-04": 1, "2027-05": 0, "2027-06": 2}


def test_no_customer_email_reaches_a_deliverable(case_with_orders, tmp_path):
    from pilotage.commands import bilan, build_dashboard

    files = build_dashboard(case_with_orders, tmp_path, ["md", "html", "xlsx"]) + \
        bilan(case_with_orders, tmp_path, ["md"])
    import zipfile

    for f in files:
        raw = f.read_bytes()
        if f.suffix == ".xlsx":
            with zipfile.ZipFile(f) as z:
                raw = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
        assert b"exemple.example" not in raw, f.name
    md = next(f for f in files if f.suffix == ".md" and "bilan" in f.name).read_text(encoding="utf-8")
    assert "Nouveaux clients" in md


def test_case_check_says_what_the_orders_file_is_for(case_with_orders):
    from toolkit.scaffold import check_case

    report = check_case(case_with_orders.root)
    assert report.ok, report.problems
    line = next(x for x in report.lines if "commandes-shopify.csv" in x)
    assert "6 commandes dont 1 annulées" in line and "ventes de Origines Rares*" in line
    assert "objectif O2" in line and "nouveaux clients" in line


def test_a_deliverable_is_stale_when_the_orders_export_changes(case_with_orders):
    from pilotage.commands import _inputs

    assert case_with_orders.path(NAME) in _inputs(case_with_orders)


def test_case_init_from_a_folder_names_the_orders_export(tmp_path):
    from toolkit.case import load_case
    from toolkit.intake import propose_case

    src = tmp_path / "client"
    src.mkdir()
    (src / "orders_export_1.csv").write_text(ORDERS, encoding="utf-8")
    (src / "woo.csv").write_text(
        "Order Number,Order Status,Order Date,Order Total Amount,Order Shipping Amount,Order Total Tax Amount,"
        "Billing Email Address\n101,completed,2027-01-03,60.00,5.00,9.17,x@exemple.example\n"
        "102,cancelled,2027-01-04,30.00,0.00,5.00,y@exemple.example\n", encoding="utf-8")
    p = propose_case(tmp_path / "case", src, start=pd.Timestamp("2027-01-01").date(),
                     end=pd.Timestamp("2027-06-30").date())
    kinds = {g.path: (g.use, g.what) for g in p.files}
    assert kinds["orders_export_1.csv"][0] == "orders" and "Shopify" in kinds["orders_export_1.csv"][1]
    assert kinds["woo.csv"][0] == "orders" and "WooCommerce" in kinds["woo.csv"][1]
    assert "6 commandes dont 1 annulées" in kinds["orders_export_1.csv"][1]
    assert not any(g.notes for g in p.files)  # history before the mission is wanted, not "set aside"
    cfg = load_case(tmp_path / "case").config  # the proposed case.yaml is valid as written
    assert {k: m.use for k, m in cfg.data.files.items()} == {"data/orders_export_1.csv": "orders",
                                                             "data/woo.csv": "orders"}


def test_a_sales_table_without_status_or_lines_is_not_taken_for_orders(tmp_path):
    from pilotage.readers.orders import looks_like_orders

    p = tmp_path / "ventes.csv"
    p.write_text("commande;date;montant HT\nC1;03/01/2027;120\nC2;04/01/2027;80\n", encoding="utf-8")
    assert looks_like_orders(p) is None
    p.write_text("commande;date;statut;montant HT\nC1;03/01/2027;payée;120\n", encoding="utf-8")
    assert looks_like_orders(p) == "tableau de commandes"


def test_orders_fields_without_use_orders_are_refused(tmp_path):
    from toolkit.case import load_case
    from toolkit.errors import CaseError

    dst = tmp_path / "case"
    shutil.copytree(EXAMPLE_CASE, dst, ignore=shutil.ignore_patterns("out", ".toolkit"))
    cfg = yaml.safe_load((dst / "case.yaml").read_text(encoding="utf-8"))
    cfg["data"]["files"] = {"data/x.csv": {"use": "actuals", "products": ["Origines*"]}}
    (dst / "case.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CaseError) as e:
        load_case(dst)
    assert "use: orders" in str(e.value.issues or e.value)


def test_an_orders_file_without_customers_gives_revenue_only(tmp_path):
    from pilotage.readers.orders import read_new_customers, read_orders_kpis

    p = tmp_path / "c.csv"
    p.write_text("commande;date;statut;montant HT\nC1;03/01/2027;payée;120\nC2;04/02/2027;payée;80\n", encoding="utf-8")
    assert read_new_customers(p).empty
    assert list(read_orders_kpis(p)["kpi"]) == ["revenue", "revenue"]


def test_a_customer_id_wins_over_the_email(tmp_path):
    """Two e-mails of one customer id are one customer; the first month (Jan) is left out."""
    from pilotage.readers.orders import read_new_customers

    p = tmp_path / "c.csv"
    p.write_text("Order Number,Order Status,Order Date,Order Total Amount,Customer User ID,Billing Email Address\n"
                 "1,completed,2027-01-05,10,7,a@exemple.example\n2,completed,2027-02-05,10,7,b@exemple.example\n"
                 "3,completed,2027-02-06,10,8,a@exemple.example\n", encoding="utf-8")
    df = read_new_customers(p)
    assert df["month"].dt.strftime("%Y-%m").tolist() == ["2027-02"] and df["value"].tolist() == [1.0]
