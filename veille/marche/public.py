"""Public data for the market study: French company register and Eurostat, cached in the case.

Two open sources a jury expects, fetched through plain HTTP (``requests``) with a ``session``
argument so that tests serve recorded responses from a local server through the same code:

* **Recherche d'entreprises** (``recherche-entreprises.api.gouv.fr``, DINUM, open, no key):
  a competitor's identity (SIREN, activity code NAF, headcount band, company category,
  creation date, published revenue by year) and the number of active companies of an
  activity code in a département (``total_results`` of a filtered search) — the size of the
  local competition. Company managers (``dirigeants``) are personal data: never read.
* **Eurostat** dissemination API (JSON-stat 2.0, open, no key): any dataset by code and
  filters, e.g. the harmonised consumer price index of coffee in France
  (``prc_hicp_aind coicop=CP01211 geo=FR unit=INX_A_AVG``).
* **SDMX 2.1 web services** (open, no key) of the statistics offices, read as SDMX-ML
  (structure-specific or generic data messages): **INSEE**'s macro-economic database (BDM:
  any series by its ``idbank`` — what ``pynsee.get_series`` asks) and **Eurostat**'s SDMX
  endpoint (a dataflow and a series key, as ``sdmx1`` asks), e.g. household consumption by
  purpose ``ESTAT nama_10_co3_p3 A.CP_MEUR.CP011.FR``.

Why no ``pynsee``/``sdmx1``: pynsee needs an INSEE API account for company data and pulls
large files; the company-search API above answers the same questions (activity code, area,
headcount) without a key, and its macro-data call is one SDMX request. sdmx1 is a full SDMX
stack for what is, here, one series per query: the parsers below read JSON-stat
(:func:`parse_jsonstat`) and SDMX-ML (:func:`parse_sdmx`, which also reads a message whose
dataset prefix is bound to an SDMX URN rather than a URL — the case that broke sdmx1's parser).

Every answer is cached in ``CASE/.toolkit/marche/`` as ``{"query", "url", "fetched_at",
"payload"}``; the study reads the cache only (fully offline), and the source list shows each
query and its date.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.errors import InputError, NetworkError

__all__ = [
    "COMPANY_API",
    "EUROSTAT_API",
    "SDMX_APIS",
    "CachedAnswer",
    "CompanyRecord",
    "EurostatSeries",
    "PublicQuery",
    "count_companies",
    "fetch_query",
    "headcount_label",
    "load_cache",
    "parse_companies",
    "parse_jsonstat",
    "parse_query",
    "parse_sdmx",
    "sdmx_data",
    "search_companies",
]

COMPANY_API = "https://recherche-entreprises.api.gouv.fr"
EUROSTAT_API = "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data"
#: SDMX 2.1 data endpoints by agency (``{base}/{flow}/{key}``): INSEE's BDM, Eurostat.
SDMX_APIS = {"INSEE": "https://bdm.insee.fr/series/sdmx/data", "ESTAT": "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data"}
CACHE_DIR = "marche"
TIMEOUT = 20

#: INSEE headcount bands (tranche d'effectif salarié), as the register codes them.
HEADCOUNT = {
    "NN": "non employeuse", "00": "0 salarié", "01": "1 ou 2", "02": "3 à 5", "03": "6 à 9", "11": "10 à 19",
    "12": "20 à 49", "21": "50 à 99", "22": "100 à 199", "31": "200 à 249", "32": "250 à 499",
    "41": "500 à 999", "42": "1 000 à 1 999", "51": "2 000 à 4 999", "52": "5 000 à 9 999", "53": "10 000 et plus",
}


def headcount_label(code: str | None) -> str:
    if code is None:
        return "non renseignée"
    return HEADCOUNT.get(str(code), f"code {code}")


@dataclass(frozen=True)
class PublicQuery:
    """One line of the ``donnees_publiques`` sheet, parsed."""

    kind: str  # entreprise | denombrement | eurostat | insee | sdmx
    text: str
    label: str = ""
    dataset: str = ""  # Eurostat dataset, or SDMX dataflow (SERIES_BDM for an INSEE idbank)
    params: tuple[tuple[str, str], ...] = ()
    agency: str = ""  # SDMX: INSEE | ESTAT
    series_key: str = ""  # SDMX: the series key (dimension values joined by dots), or the idbank

    @property
    def key(self) -> str:
        """Stable file name of the cached answer."""
        digest = hashlib.sha1(f"{self.kind}|{self.text}".encode()).hexdigest()[:12]
        return f"{self.kind}-{digest}.json"


def _parse_sdmx_query(kind: str, text: str, label: str) -> PublicQuery:
    """``insee``: ``001763852`` (an idbank, several joined by +); ``sdmx``: ``AGENCY FLOW KEY
    [name=value …]`` (``ESTAT nama_10_co3_p3 A.CP_MEUR.CP011.FR startPeriod=2015``)."""
    words = text.split(" ")
    params = []
    for w in [w for w in words if "=" in w]:
        k, v = w.split("=", 1)
        if not k or not v:
            raise InputError(f"'{w}' is not a filter (name=value)", column="requete")
        params.append((k, v))
    plain = [w for w in words if "=" not in w]
    if kind == "insee":
        if len(plain) != 1 or not all(part.isdigit() for part in plain[0].split("+")):
            raise InputError(f"'{text}' is not an INSEE series number (idbank)", column="requete",
                             hint="give the idbank shown on the series' page of insee.fr, e.g. 001763852")
        return PublicQuery(kind, text, label or text, "SERIES_BDM", tuple(params), "INSEE", plain[0])
    if len(plain) != 3 or plain[0].upper() not in SDMX_APIS:
        raise InputError(f"'{text}' is not an SDMX query (AGENCY FLOW KEY)", column="requete",
                         hint=f"e.g. ESTAT nama_10_co3_p3 A.CP_MEUR.CP011.FR; agencies: {', '.join(SDMX_APIS)}")
    return PublicQuery(kind, text, label or text, plain[1], tuple(params), plain[0].upper(), plain[2])


def parse_query(kind: str, text: str, label: str = "") -> PublicQuery:
    """``"naf=10.83Z departement=69"`` → params; ``"prc_hicp_aind geo=FR …"`` → dataset + params;
    ``insee``/``sdmx`` → agency, dataflow and series key."""
    text = " ".join(str(text).split())
    if kind == "entreprise":
        return PublicQuery(kind, text, label or text)
    if kind in ("insee", "sdmx"):
        return _parse_sdmx_query(kind, text, label)
    words = text.split(" ")
    params = []
    dataset = ""
    for w in words:
        if "=" in w:
            k, v = w.split("=", 1)
            if not k or not v:
                raise InputError(f"'{w}' is not a filter (name=value)", column="requete")
            params.append((k, v))
        elif kind == "eurostat" and not dataset:
            dataset = w
        else:
            raise InputError(f"'{w}' is not a filter (name=value)", column="requete",
                             hint="write filters as name=value separated by spaces, e.g. naf=10.83Z departement=69")
    if kind == "eurostat" and not dataset:
        raise InputError("the Eurostat query has no dataset code", column="requete",
                         hint="start with the dataset code, e.g. prc_hicp_aind coicop=CP01211 geo=FR")
    if kind == "denombrement" and not any(k in ("naf", "activite_principale") for k, _ in params):
        raise InputError("a count needs an activity code (naf=…)", column="requete", hint="e.g. naf=10.83Z departement=69")
    return PublicQuery(kind, text, label or text, dataset, tuple(params))


# ---------------------------------------------------------------------------------------
# HTTP


def _get(session: Any, url: str, params: list[tuple[str, str]], accept: str, query_hint: str) -> Any:
    """The answer of one GET, or a located NetworkError (no answer, 429, HTTP error) — every public source's."""
    import requests

    try:
        resp = session.get(url, params=params, timeout=TIMEOUT, headers={"Accept": accept})
    except requests.RequestException as exc:
        raise NetworkError(f"{url} did not answer ({type(exc).__name__})",
                           hint="check the connection; the study still builds from the workbook and the cache") from exc
    if resp.status_code == 429:
        raise NetworkError(f"{url} refused: too many requests (429)", hint="wait a minute and run fetch again")
    if resp.status_code >= 400:
        raise NetworkError(f"{url} answered HTTP {resp.status_code}", hint=query_hint)
    return resp


def _get_json(session: Any, url: str, params: list[tuple[str, str]]) -> dict:
    resp = _get(session, url, params, "application/json",
                "check the query (codes, filters) in the donnees_publiques sheet")
    try:
        data = resp.json()
    except ValueError as exc:
        raise NetworkError(f"{url} did not answer JSON", hint="the service may be down; try again later") from exc
    if not isinstance(data, dict):
        raise NetworkError(f"{url} did not answer a JSON object", hint="the service may be down; try again later")
    return data


def _check_search(payload: dict, url: str, *, count: bool) -> None:
    """Refuse to cache a company-register answer the study cannot read (the previous one stays)."""
    results = payload.get("results")
    total = payload.get("total_results")
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results) or (
            count and (isinstance(total, bool) or not isinstance(total, int) or total < 0)):
        raise NetworkError(f"{url} answered something that is not a company search (no 'results' list or no "
                           "count of companies)", hint="the service may have changed or be down; try again later")


@dataclass(frozen=True)
class CompanyRecord:
    """What the register publishes about a company (no personal data)."""

    siren: str
    name: str
    naf: str
    headcount: str
    category: str
    created: str
    city: str
    establishments: int | None
    revenue_year: int | None
    revenue: float | None
    net_income: float | None


def parse_companies(payload: dict) -> list[CompanyRecord]:
    """Records of a ``/search`` answer. Managers' names are never read; an individual
    entrepreneur's company name is a person's name, so it is masked."""
    out = []
    for r in payload.get("results") or []:
        siege = r.get("siege") or {}
        fin = r.get("finances") or {}
        year = max((int(y) for y in fin if str(y).isdigit()), default=None)
        last = fin.get(str(year)) or {} if year is not None else {}
        individual = bool((r.get("complements") or {}).get("est_entrepreneur_individuel"))
        name = "Entreprise individuelle (nom non repris)" if individual else str(r.get("nom_complet") or "")
        out.append(CompanyRecord(
            siren=str(r.get("siren") or ""), name=name, naf=str(r.get("activite_principale") or ""),
            headcount=headcount_label(r.get("tranche_effectif_salarie")),
            category=str(r.get("categorie_entreprise") or ""), created=str(r.get("date_creation") or ""),
            city=str(siege.get("libelle_commune") or siege.get("libelle_commune_etranger") or ""),
            establishments=r.get("nombre_etablissements_ouverts"),
            revenue_year=year, revenue=last.get("ca"), net_income=last.get("resultat_net"),
        ))
    return out


def search_companies(query: str, *, session: Any, base_url: str = COMPANY_API, per_page: int = 5) -> dict:
    """Raw ``/search`` answer for a name or SIREN (active companies first, as the API ranks)."""
    return _get_json(session, f"{base_url.rstrip('/')}/search", [("q", query), ("per_page", str(per_page))])


def count_companies(params: Iterable[tuple[str, str]], *, session: Any, base_url: str = COMPANY_API) -> dict:
    """Raw ``/search`` answer filtered by activity code and area; ``total_results`` is the count
    of active companies (``etat_administratif=A``)."""
    mapping = {"naf": "activite_principale"}
    q = [(mapping.get(k, k), v) for k, v in params]
    if not any(k == "etat_administratif" for k, _ in q):
        q.append(("etat_administratif", "A"))
    q.append(("per_page", "1"))
    return _get_json(session, f"{base_url.rstrip('/')}/search", q)


@dataclass(frozen=True)
class EurostatSeries:
    """A one-dimensional Eurostat series: ``points`` (period, value), dataset label, update date."""

    dataset: str
    label: str
    updated: str
    points: tuple[tuple[str, float | None], ...]
    filters: tuple[tuple[str, str], ...] = ()


def parse_jsonstat(payload: dict, dataset: str = "") -> EurostatSeries:
    """Read a JSON-stat 2.0 dataset whose only dimension with several values is time.

    JSON-stat stores values in a flat array (or an object keyed by flat index) in row-major
    order over ``id``/``size``; with one free dimension the flat index is the time index.
    """
    try:
        ids, sizes = payload["id"], payload["size"]
        dims = payload["dimension"]
    except (KeyError, TypeError) as exc:
        raise InputError("the Eurostat answer is not a JSON-stat dataset", hint="check the dataset code") from exc
    free = [d for d, n in zip(ids, sizes, strict=True) if n > 1]
    time_dim = next((d for d in ids if d in ("time", "TIME_PERIOD")), ids[-1])
    if any(d != time_dim for d in free):
        others = [d for d in free if d != time_dim]
        raise InputError(f"the query leaves several values for {', '.join(others)}",
                         hint="add a filter for each (e.g. unit=…, coicop=…) so that one series remains")
    cat = dims[time_dim]["category"]
    index = cat["index"]
    periods = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
    values = payload.get("value", {})
    if isinstance(values, list):
        get = lambda i: values[i] if i < len(values) else None  # noqa: E731
    else:
        get = lambda i: values.get(str(i))  # noqa: E731
    filters = tuple((d, next(iter(dims[d]["category"]["index"]))) for d in ids if d != time_dim)
    points = tuple((p, (float(get(i)) if get(i) is not None else None)) for i, p in enumerate(periods))
    return EurostatSeries(dataset, str(payload.get("label", dataset)), str(payload.get("updated", "")), points, filters)


def eurostat_data(dataset: str, params: Iterable[tuple[str, str]], *, session: Any,
                  base_url: str = EUROSTAT_API) -> dict:
    """Raw JSON-stat answer of the Eurostat dissemination API."""
    q = list(params) + [("format", "JSON"), ("lang", "fr")]
    return _get_json(session, f"{base_url.rstrip('/')}/{dataset}", q)


def sdmx_data(query: PublicQuery, *, session: Any, base_url: str | None = None) -> tuple[str, str]:
    """Raw SDMX-ML answer of an SDMX 2.1 data query; returns ``(url, text)``."""

    base = (base_url or SDMX_APIS[query.agency]).rstrip("/")
    url = f"{base}/{query.dataset}/{query.series_key}"
    resp = _get(session, url, list(query.params),
                "application/vnd.sdmx.structurespecificdata+xml;version=2.1, application/xml",
                "check the query (dataflow, series key) in the donnees_publiques sheet")
    return url, resp.text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_sdmx(text: str, label: str = "") -> EurostatSeries:
    """Read an SDMX-ML 2.1 data message holding one series: structure-specific (INSEE BDM,
    Eurostat: ``<Series dim="…"><Obs TIME_PERIOD="…" OBS_VALUE="…"/>``) or generic
    (``<generic:SeriesKey><generic:Value id="…" value="…"/>``, ``<generic:ObsDimension>``).

    Namespaces are matched by local name, so a dataset prefix bound to an SDMX URN reads like
    any other. Points are sorted by period (INSEE sends the newest first); ``NaN`` or an
    absent value is a gap. The label is the series' ``TITLE_FR`` (INSEE), else ``label``.
    """
    from veille.safexml import FeedRefused, parse_xml_safely

    try:
        root = parse_xml_safely(text.encode("utf-8") if isinstance(text, str) else text)
    except (ValueError, FeedRefused) as exc:
        raise InputError(f"the SDMX answer is not readable XML ({exc})", hint="check the query; the service may be down") from None
    if _local(root.tag) == "Error" or any(_local(e.tag) == "ErrorMessage" for e in root.iter()):
        msg = " ".join(t.strip() for e in root.iter() if _local(e.tag) == "Text" and (t := e.text or ""))
        raise InputError(f"the SDMX service answered an error: {msg or 'no message'}", hint="check the dataflow and the key")
    series = [e for e in root.iter() if _local(e.tag) == "Series"]
    if len(series) != 1:
        raise InputError(f"the SDMX answer holds {len(series)} series, not one",
                         hint="give a full series key (one value per dimension) so that one series remains")
    ser = series[0]
    dims: dict[str, str] = {}
    for e in ser.iter():
        if _local(e.tag) == "Value" and "id" in e.attrib:  # generic: SeriesKey / Attributes values
            dims[e.attrib["id"]] = e.attrib.get("value", "")
    dims.update({_local(k): v for k, v in ser.attrib.items()})
    points: dict[str, float | None] = {}
    for obs in (e for e in ser.iter() if _local(e.tag) == "Obs"):
        period, value = obs.attrib.get("TIME_PERIOD"), obs.attrib.get("OBS_VALUE")
        for e in obs:  # generic: ObsDimension / ObsValue
            if _local(e.tag) == "ObsDimension":
                period = e.attrib.get("value")
            elif _local(e.tag) == "ObsValue":
                value = e.attrib.get("value")
        if period is None:
            continue
        try:
            v = float(value) if value not in (None, "", "NaN", "nan") else None
        except ValueError:
            v = None
        points[period] = v
    titles = {k: v for k, v in dims.items() if k.startswith("TITLE")}
    keep = ("TITLE_FR", "TITLE_EN", "TITLE", "LAST_UPDATE", "IDBANK")
    filters = tuple((k, v) for k, v in dims.items() if k not in keep)
    dataset = next((e.text or "" for e in root.iter() if _local(e.tag) == "DataSetID"), "") or dims.get("IDBANK", "")
    return EurostatSeries(dataset, titles.get("TITLE_FR") or titles.get("TITLE") or label, dims.get("LAST_UPDATE", ""),
                          tuple(sorted(points.items())), filters)


# ---------------------------------------------------------------------------------------
# cache


@dataclass(frozen=True)
class CachedAnswer:
    query: PublicQuery
    url: str
    fetched_at: _dt.datetime
    payload: Any  # JSON answer (dict), or the SDMX-ML text


def fetch_query(query: PublicQuery, cache_dir: Path, *, session: Any, company_api: str = COMPANY_API,
                eurostat_api: str = EUROSTAT_API, sdmx_apis: dict[str, str] | None = None,
                now: _dt.datetime | None = None) -> CachedAnswer:
    """Run one query and keep its answer in ``cache_dir`` (atomic write; the previous answer
    stays if this one fails)."""
    from toolkit.files import atomic_write_text

    if query.kind == "entreprise":
        payload = search_companies(query.text, session=session, base_url=company_api)
        url = f"{company_api}/search?q={query.text}"
        _check_search(payload, url, count=False)
    elif query.kind == "denombrement":
        payload = count_companies(query.params, session=session, base_url=company_api)
        url = f"{company_api}/search?" + "&".join(f"{k}={v}" for k, v in query.params)
        _check_search(payload, url, count=True)
    elif query.kind in ("insee", "sdmx"):
        url, payload = sdmx_data(query, session=session, base_url=(sdmx_apis or {}).get(query.agency))
        parse_sdmx(payload, query.label)  # refuse to cache an answer the study cannot read
        if query.params:
            url += "?" + "&".join(f"{k}={v}" for k, v in query.params)
    else:
        payload = eurostat_data(query.dataset, query.params, session=session, base_url=eurostat_api)
        parse_jsonstat(payload, query.dataset)  # refuse to cache an answer the study cannot read
        url = f"{eurostat_api}/{query.dataset}?" + "&".join(f"{k}={v}" for k, v in query.params)
    when = (now or _dt.datetime.now(_dt.UTC)).replace(microsecond=0)
    answer = CachedAnswer(query, url, when, payload)
    record = {"kind": query.kind, "query": query.text, "label": query.label, "url": url,
              "fetched_at": when.isoformat(), "payload": payload}
    atomic_write_text(cache_dir / query.key, json.dumps(record, ensure_ascii=False))
    return answer


def load_cache(cache_dir: Path, queries: Iterable[PublicQuery]) -> dict[str, CachedAnswer]:
    """The cached answer of each query that has one (by ``query.key``)."""
    out = {}
    for q in queries:
        f = cache_dir / q.key
        if not f.exists():
            continue
        try:
            rec = json.loads(f.read_text(encoding="utf-8"))
            out[q.key] = CachedAnswer(q, rec["url"], _dt.datetime.fromisoformat(rec["fetched_at"]), rec["payload"])
        except (ValueError, KeyError) as exc:
            raise InputError("a cached public-data answer is damaged", file=f,
                             hint="delete the file and run `toolkit marche fetch` again") from exc
    return out
