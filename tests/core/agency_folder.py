"""A folder of what a client sends an agency, as small fixtures reproducing real quirks (#24).

Each file reproduces a quirk of a real file kept in ``/work/shared/data`` or described in
issue #24 (a French wine e-shop case built from the client's own files); none is copied:

* ``google-ads-campagnes.csv`` — Google Ads UI "Campaign report" (shared ``ads/
  google_ads_campaign_report.csv``): title line and date-range line before the header,
  ``Currency code`` **GBP**, ``--`` nulls, ``Total: …`` rows, here split by ``Day`` over
  the turn of the year (2025-12-29 → 2026-01-04) while the mission starts on 2026-01-01;
* ``google-ads-campagnes (1).csv`` — a second report of the same account whose days overlap
  the first one (the issue's "two Google Ads reports of the same account");
* ``ga4-acquisition.csv`` — GA4 ``#`` preamble with ``# Property: GA4 - cave-sommelier.fr``
  and ``# Start date: YYYYMMDD`` (shared ``ads/ga4_pages_and_screens.csv``), campaign rows;
* ``ga4-pages-autre-site.csv`` — a GA4 *pages* report of another website (the shared file's
  ``Page path and screen class`` rows of awningdepot.co.uk);
* ``ga4-vide.csv`` — a GA4 export with its header and no row;
* ``meta-insights-kaggle.csv`` — the Ads Insights API / Kaggle layout (``fb_campaign_id``,
  ``Spent``, ``Total_Conversion``, ``reporting_start`` as ``dd/mm/yyyy``);
* ``export-meta-agence.csv`` — a reporting tool's Meta export the readers do not recognise
  (``Jour``/``Campagne FB``/``Montant (€)``/``Vues``), ``dd-mm-yyyy`` dates all ambiguous;
* ``crm-clients.csv`` — a European Excel CRM extract: ``;`` separator, cp1252, English CRM
  headers (``Year_Birth``, ``MntWines``, ``NumWebPurchases``, ``Recency``…);
* ``commandes.csv`` — orders (one row per order, repeated customer ids, dates, amounts);
* ``multiTimeline.csv`` — a French Google Trends export (shared ``google_trends/fr/``):
  ``Catégorie\u00a0: Toutes catégories``, ``Semaine,<terme>: (France)``, ``<\u00a01`` values,
  a series that ends in 2021 (stale for a 2026 mission);
* ``avis-clients.csv`` — reviews (date, source, note, avis);
* ``logo.png`` — not a table.
"""

from __future__ import annotations

from pathlib import Path

GOOGLE_HEAD = "Campaign report\n{range}\nDay,Campaign,Currency code,Cost,Impr.,Clicks,Conversions,Conv. value\n"


def _google_rows(days: list[str]) -> str:
    rows = []
    for i, d in enumerate(days):
        rows.append(f"{d},Vins-Bio-Search,GBP,{10 + i}.00,\"1,{100 + i}\",{30 + i},2.00,120.00")
        rows.append(f"{d},Coffrets-Shopping,GBP,{5 + i}.50,{800 + i},{20 + i}, --, --")
    return "\n".join(rows) + "\n"


def write_agency_folder(root: Path) -> Path:
    """Write the client's files into ``root`` (created) and return it."""
    root.mkdir(parents=True, exist_ok=True)
    days_a = [f"2025-12-{d}" for d in (29, 30, 31)] + [f"2026-01-0{d}" for d in (1, 2, 3, 4)]
    (root / "google-ads-campagnes.csv").write_text(
        GOOGLE_HEAD.format(range="29 December 2025 - 4 January 2026") + _google_rows(days_a)
        + "Total: Campaigns,,GBP,100.00,\"10,000\",300,14.00,840.00\n"
        + "Total: Account,,GBP,100.00,\"10,000\",300,14.00,840.00\n", encoding="utf-8")
    days_b = [f"2026-01-0{d}" for d in (3, 4, 5, 6)]
    (root / "google-ads-campagnes (1).csv").write_text(
        GOOGLE_HEAD.format(range="3 January 2026 - 6 January 2026") + _google_rows(days_b), encoding="utf-8")
    ga_head = ("# ----------------------------------------\n# Traffic acquisition: Session campaign\n"
               "# Account: cave-sommelier\n# Property: GA4 - cave-sommelier.fr\n"
               "# ----------------------------------------\n#\n# All Users\n")
    (root / "ga4-acquisition.csv").write_text(
        ga_head + "# Start date: 20260101\n# End date: 20260104\n"
        "Date,Session campaign,Sessions,Engaged sessions,Key events,Total revenue\n"
        + "".join(f"2026010{d},Vins-Bio-Search,{40 + d},{30 + d},{d},{60 * d}\n" for d in range(1, 5)),
        encoding="utf-8")
    (root / "ga4-pages-autre-site.csv").write_text(
        "# ----------------------------------------\n# Pages and screens: Page path and screen class\n"
        "# Account: awningdepot.co.uk\n# Property: GA4 - awningdepot.co.uk\n"
        "# ----------------------------------------\n# \n# All Users\n# Start date: 20250101\n# End date: 20251231\n"
        "Page path and screen class,Views,Active users,Views per active user,Key events,Total revenue\n"
        "/awnings-sussex/,146,103,1.4174757281553398,12,0\n/awnings-essex/,91,63,1.4444444444444444,3,0\n",
        encoding="utf-8")
    (root / "ga4-vide.csv").write_text(
        ga_head + "# Start date: 20260101\n# End date: 20260131\n"
        "Date,Session campaign,Sessions,Engaged sessions,Key events\n", encoding="utf-8")
    (root / "meta-insights-kaggle.csv").write_text(
        "ad_id,reporting_start,reporting_end,campaign_id,fb_campaign_id,age,gender,interest1,impressions,clicks,"
        "spent,total_conversion,approved_conversion\n"
        "708746,17/01/2026,17/01/2026,916,103916,30-34,M,15,7350,1,1.43,2,1\n"
        "708749,18/01/2026,18/01/2026,916,103917,30-34,M,16,17861,2,1.82,2,0\n", encoding="utf-8")
    (root / "export-meta-agence.csv").write_text(
        "Jour,Campagne FB,Montant (€),Vues,Clics sur lien\n"
        "05-01-2026,Saint-Valentin,12.40,1500,31\n06-01-2026,Saint-Valentin,13.10,1620,35\n"
        "07-01-2026,Saint-Valentin,11.90,1480,29\n", encoding="utf-8")
    crm = ["ID;Year_Birth;Education;Marital_Status;Income;Kidhome;Dt_Customer;Recency;MntWines;"
           "MntMeatProducts;NumWebPurchases;NumStorePurchases;Ville"]
    for i in range(1, 41):
        crm.append(f"{5500 + i};{1950 + i % 40};Graduation;{'Married' if i % 2 else 'Single'};"
                   f"{30000 + 1000 * i};{i % 3};{(i % 28) + 1:02d}/0{(i % 9) + 1}/2024;{i * 2};{i * 13};{i * 7};"
                   f"{i % 9};{(i * 3) % 11};{'Bordeaux' if i % 3 else 'Mâcon'}")
    (root / "crm-clients.csv").write_bytes(("\r\n".join(crm) + "\r\n").encode("cp1252"))
    orders = ["order_id,customer_id,order_date,amount"]
    for i in range(1, 61):
        orders.append(f"A{1000 + i},{5500 + (i % 20) + 1},2025-{(i % 12) + 1:02d}-{(i % 27) + 1:02d},{25 + (i * 7) % 90}.90")
    (root / "commandes.csv").write_text("\n".join(orders) + "\n", encoding="utf-8")
    weeks = [f"2021-{m:02d}-{d:02d}" for m in range(1, 13) for d in (3, 17)]
    below_one = "<\u00a01"
    (root / "multiTimeline.csv").write_text(
        "Catégorie\u00a0: Toutes catégories\n\nSemaine,vin bio: (France)\n"
        + "".join(f"{w},{below_one if i == 0 else 40 + i % 30}\n" for i, w in enumerate(weeks)), encoding="utf-8")
    (root / "avis-clients.csv").write_text(
        "date,source,note,avis\n2026-01-05,Google,5,Livraison rapide et vins excellents\n"
        '2026-01-09,Trustpilot,2,"Colis arrivé cassé, service client lent"\n', encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    return root
