"""Public data through the real code path, served by a local 127.0.0.1 server.

The payloads are small fixtures reproducing the shape of the real answers:
recherche-entreprises ``/search`` (``results`` with ``siege``, ``finances`` keyed by year or
null, ``tranche_effectif_salarie`` codes such as ``NN``, ``dirigeants`` holding people's names,
``complements.est_entrepreneur_individuel``; ``total_results``/``page``/``per_page``) and a
Eurostat JSON-stat 2.0 dataset (``id``/``size``/``dimension``, ``value`` keyed by flat index).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from toolkit.errors import InputError
from veille.marche import commands
from veille.marche.inputs import read_market_file
from veille.marche.public import parse_companies, parse_jsonstat, parse_query

COMPANY = {
    "results": [
        {"siren": "123456789", "nom_complet": "TORREFACTION EXEMPLE", "nom_raison_sociale": "TORREFACTION EXEMPLE",
         "sigle": None, "nombre_etablissements": 3, "nombre_etablissements_ouverts": 2,
         "siege": {"activite_principale": "10.83Z", "libelle_commune": "LYON", "code_postal": "69004",
                   "tranche_effectif_salarie": "11", "est_siege": True},
         "activite_principale": "10.83Z", "activite_principale_naf25": "10.83Y", "categorie_entreprise": "PME",
         "date_creation": "2016-03-01", "tranche_effectif_salarie": "11", "etat_administratif": "A",
         "dirigeants": [{"nom": "DUPONT", "prenoms": "MARIE", "annee_de_naissance": "1980", "qualite": "Présidente",
                         "type_dirigeant": "personne physique"}],
         "finances": {"2023": {"ca": 1800000, "resultat_net": 52000}, "2024": {"ca": 2050000, "resultat_net": 61000}},
         "complements": {"est_entrepreneur_individuel": False}},
        {"siren": "987654321", "nom_complet": "JEAN MARTIN", "nom_raison_sociale": None, "sigle": None,
         "nombre_etablissements": 1, "nombre_etablissements_ouverts": 1,
         "siege": {"activite_principale": "10.83Z", "libelle_commune": "VILLEURBANNE", "tranche_effectif_salarie": "NN"},
         "activite_principale": "10.83Z", "categorie_entreprise": None, "date_creation": "2021-06-15",
         "tranche_effectif_salarie": "NN", "dirigeants": [], "finances": None,
         "complements": {"est_entrepreneur_individuel": True}},
    ],
    "total_results": 2, "page": 1, "per_page": 5, "total_pages": 1,
}
COUNT = {"results": [COMPANY["results"][0]], "total_results": 87, "page": 1, "per_page": 1, "total_pages": 87}
JSONSTAT = {
    "version": "2.0", "class": "dataset", "label": "HICP - annual data (average index and rate of change)",
    "updated": "2026-01-20T11:00:00+0100", "source": "ESTAT",
    "id": ["freq", "unit", "coicop", "geo", "time"], "size": [1, 1, 1, 1, 3],
    "dimension": {
        "freq": {"category": {"index": {"A": 0}, "label": {"A": "Annual"}}},
        "unit": {"category": {"index": {"INX_A_AVG": 0}}},
        "coicop": {"category": {"index": {"CP01211": 0}, "label": {"CP01211": "Coffee"}}},
        "geo": {"category": {"index": {"FR": 0}}},
        "time": {"category": {"index": {"2022": 0, "2023": 1, "2024": 2}}},
    },
    "value": {"0": 108.2, "2": 121.9},  # 2023 missing: JSON-stat leaves the index out
}


class ApiServer:
    """recherche-entreprises and Eurostat on one local port; ``fail`` makes a path answer 500."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict]] = []
        self.fail: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):
                url = urlparse(self.path)
                q = parse_qs(url.query)
                server.requests.append((url.path, q))
                if url.path in server.fail:
                    body, code = b'{"erreur": "interne"}', 500
                elif url.path == "/search":
                    payload = COUNT if "activite_principale" in q else COMPANY
                    body, code = json.dumps(payload).encode(), 200
                elif url.path.startswith("/eurostat/"):
                    body, code = json.dumps(JSONSTAT).encode(), 200
                else:
                    body, code = b"{}", 404
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def api():
    s = ApiServer()
    yield s
    s.close()


def test_parse_companies_keeps_no_personal_data():
    recs = parse_companies(COMPANY)
    assert recs[0].name == "TORREFACTION EXEMPLE" and recs[0].naf == "10.83Z"
    assert recs[0].headcount == "10 à 19" and recs[0].revenue_year == 2024 and recs[0].revenue == 2050000
    assert recs[1].name.startswith("Entreprise individuelle") and "MARTIN" not in repr(recs[1])
    assert recs[1].revenue is None and recs[1].headcount == "non employeuse"
    assert "DUPONT" not in repr(recs)


def test_parse_jsonstat_one_series_with_a_gap():
    s = parse_jsonstat(JSONSTAT, "prc_hicp_aind")
    assert s.points == (("2022", 108.2), ("2023", None), ("2024", 121.9))
    assert ("coicop", "CP01211") in s.filters and s.updated.startswith("2026-01-20")
    two = {**JSONSTAT, "size": [1, 2, 1, 1, 3],
           "dimension": {**JSONSTAT["dimension"], "unit": {"category": {"index": {"INX_A_AVG": 0, "RCH_A": 1}}}}}
    with pytest.raises(InputError, match="several values for unit"):
        parse_jsonstat(two)


def test_parse_query():
    q = parse_query("eurostat", "prc_hicp_aind  coicop=CP01211 geo=FR")
    assert q.dataset == "prc_hicp_aind" and q.params == (("coicop", "CP01211"), ("geo", "FR"))
    with pytest.raises(InputError, match="activity code"):
        parse_query("denombrement", "departement=69")
    with pytest.raises(InputError, match="not a filter"):
        parse_query("denombrement", "naf=10.83Z Rhône")


@pytest.fixture
def case_with_queries(example_case):
    wb_path = example_case / "marche.xlsx"
    from openpyxl import load_workbook

    wb = load_workbook(wb_path)
    ws = wb["donnees_publiques"]
    ws.append(["entreprise", "torrefaction exemple", "Torréfaction Exemple (registre)"])
    wb.save(wb_path)
    return example_case


def test_fetch_caches_answers_and_the_study_reads_them_offline(api, case_with_queries):
    when = dt.datetime(2026, 3, 18, 9, 30, tzinfo=dt.UTC)
    out = commands.fetch(case_with_queries, company_api=api.base, eurostat_api=api.base + "/eurostat", now=when)
    assert len(out.fetched) == 4 and not out.failed
    paths = [p for p, _ in api.requests]
    assert paths.count("/search") == 3 and "/eurostat/prc_hicp_aind" in paths
    count_q = next(q for p, q in api.requests if "activite_principale" in q and "departement" in q)
    assert count_q["activite_principale"] == ["10.83Z"] and count_q["etat_administratif"] == ["A"]
    cached = sorted((case_with_queries / ".toolkit" / "marche").glob("*.json"))
    assert len(cached) == 4
    rec = json.loads(cached[0].read_text(encoding="utf-8"))
    assert rec["fetched_at"] == "2026-03-18T09:30:00+00:00" and rec["query"]

    api.close()  # offline from now on: the study reads the cache only
    st = commands.study(case_with_queries)
    assert [n for _, n in st.public.counts] == [87, 87]
    assert st.public.series[0][1].points[-1] == ("2024", 121.9)
    assert st.public.companies[0][1][0].siren == "123456789"
    assert not st.public.missing
    paths = commands.build(case_with_queries, formats=["md"], date=dt.date(2026, 3, 20))
    text = paths[0].read_text(encoding="utf-8")
    assert "87 entreprises actives" in text and "123456789" in text and "18/03/2026" in text
    assert "DUPONT" not in text and "MARTIN" not in text  # personal data never reaches the deliverable


def test_a_failing_query_keeps_the_previous_answer(api, case_with_queries):
    commands.fetch(case_with_queries, company_api=api.base, eurostat_api=api.base + "/eurostat")
    api.fail.add("/eurostat/prc_hicp_aind")
    before = {p.name: p.read_text(encoding="utf-8") for p in (case_with_queries / ".toolkit" / "marche").glob("*.json")}
    out = commands.fetch(case_with_queries, company_api=api.base, eurostat_api=api.base + "/eurostat",
                         session=requests.Session())
    assert [label for label, _ in out.failed] == ["IPCH café, France (indice)"]
    assert "HTTP 500" in out.failed[0][1]
    after = {p.name: p.read_text(encoding="utf-8") for p in (case_with_queries / ".toolkit" / "marche").glob("*.json")}
    assert set(after) == set(before)
    eurostat_file = next(n for n in after if n.startswith("eurostat-"))
    assert after[eurostat_file] == before[eurostat_file]


def test_a_bad_query_row_is_located(example_case):
    from openpyxl import load_workbook

    p = example_case / "marche.xlsx"
    wb = load_workbook(p)
    wb["donnees_publiques"].append(["denombrement", "departement=69", "sans code"])
    wb.save(p)
    rows = len(read_market_file(p)["donnees_publiques"])
    with pytest.raises(InputError) as err:
        commands.study(example_case)
    assert f"row {rows + 1}" in str(err.value) and "requete" in str(err.value)
