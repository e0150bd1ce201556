"""SDMX public sources (INSEE's macro-economic database as pynsee asks it, Eurostat's SDMX
endpoint as sdmx1 asks it) through the real code path: recorded answers served by a local
127.0.0.1 server, cached in the case, then read offline by the study.

The answers are small fixtures reproducing the quirks of the real messages: INSEE BDM sends a
structure-specific message whose ``DataSet`` is in the message namespace, the series'
``IDBANK``/``TITLE_FR``/``LAST_UPDATE`` as attributes, monthly periods **newest first** and
``NaN`` for a missing value; Eurostat's structure-specific message binds the dataset prefix to
an SDMX **URN** (``urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=ESTAT:…``, the case
that broke sdmx1's parser, see the reference file NAMA_10_GDP-ss.xml of khaeru/sdmx-test-data);
a generic data message carries dimensions as ``<generic:Value id= value=>``; an error answer is
an ``<Error><ErrorMessage><Text>`` message.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest
from openpyxl import load_workbook

from toolkit.errors import InputError
from veille.marche import commands
from veille.marche.public import parse_query, parse_sdmx

INSEE_BDM = """<?xml version="1.0" encoding="UTF-8"?>
<message:StructureSpecificData xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" xmlns:footer="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message/footer" xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=FR1:IPC-2015(1.0):ObsLevelDim:TIME_PERIOD" xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<message:Header><message:ID>IDREF1</message:ID><message:Test>false</message:Test><message:Prepared>2026-03-18T09:30:00</message:Prepared><message:Sender id="FR1"><common:Name xml:lang="fr">Institut national de la statistique et des études économiques</common:Name></message:Sender></message:Header>
<message:DataSet action="Replace" ss:dataScope="DataStructure" xsi:type="ns1:DataSetType" ss:structureRef="IPC-2015">
<Series IDBANK="001764363" FREQ="M" TITLE_FR="Indice des prix à la consommation - Base 2015 - Ensemble des ménages - France - Café" TITLE_EN="Consumer price index - Base 2015 - All households - France - Coffee" LAST_UPDATE="2026-02-27" UNIT_MEASURE="SO" UNIT_MULT="0" REF_AREA="FE" DECIMALS="2" BASIND="2015" NATURE="INDICE" COICOP2016="01211">
<Obs TIME_PERIOD="2026-01" OBS_VALUE="139.87" OBS_STATUS="P" OBS_QUAL="PROV" OBS_TYPE="A"/>
<Obs TIME_PERIOD="2025-12" OBS_VALUE="NaN" OBS_STATUS="O" OBS_QUAL="DEF" OBS_TYPE="A"/>
<Obs TIME_PERIOD="2025-11" OBS_VALUE="137.2" OBS_STATUS="A" OBS_QUAL="DEF" OBS_TYPE="A"/>
<Obs TIME_PERIOD="2025-10" OBS_VALUE="136.05" OBS_STATUS="A" OBS_QUAL="DEF" OBS_TYPE="A"/>
</Series>
</message:DataSet>
</message:StructureSpecificData>"""

ESTAT_SS = """<?xml version="1.0" encoding="UTF-8"?>
<m:StructureSpecificData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:s="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" xmlns:u="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=ESTAT:NAMA_10_CO3_P3(9.0):ObsLevelDim:TIME_PERIOD" xmlns:c="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <m:Header><m:ID>X1</m:ID><m:Test>false</m:Test><m:Prepared>2026-03-18T09:30:00Z</m:Prepared><m:Sender id="ESTAT"/>
    <m:DataSetID>NAMA_10_CO3_P3</m:DataSetID></m:Header>
  <u:DataSet s:structureRef="STR1" s:dataScope="DataStructure" xsi:type="u:DataSetType">
    <Series geo="FR" coicop="CP011" unit="CP_MEUR" freq="A">
      <Obs TIME_PERIOD="2022" OBS_VALUE="179712.4"/>
      <Obs TIME_PERIOD="2023" OBS_VALUE="191340.0"/>
      <Obs TIME_PERIOD="2024" OBS_VALUE="196077.9"/>
    </Series>
  </u:DataSet>
</m:StructureSpecificData>"""

GENERIC = """<?xml version="1.0" encoding="UTF-8"?>
<message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
  <message:Header><message:ID>G1</message:ID><message:Test>false</message:Test><message:Prepared>2026-03-18T09:30:00Z</message:Prepared><message:Sender id="ESTAT"/></message:Header>
  <message:DataSet structureRef="STR1">
    <generic:Series>
      <generic:SeriesKey><generic:Value id="freq" value="A"/><generic:Value id="geo" value="FR"/></generic:SeriesKey>
      <generic:Obs><generic:ObsDimension value="2024"/><generic:ObsValue value="2.5"/></generic:Obs>
      <generic:Obs><generic:ObsDimension value="2023"/><generic:ObsValue value="5.7"/></generic:Obs>
    </generic:Series>
  </message:DataSet>
</message:GenericData>"""

ERROR = """<?xml version="1.0" encoding="UTF-8"?>
<mes:Error xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
  <mes:ErrorMessage code="100"><com:Text>No Results Found</com:Text></mes:ErrorMessage>
</mes:Error>"""


def test_insee_bdm_message_newest_first_with_a_missing_value():
    s = parse_sdmx(INSEE_BDM, "IPC café")
    assert s.points == (("2025-10", 136.05), ("2025-11", 137.2), ("2025-12", None), ("2026-01", 139.87))
    assert s.label.startswith("Indice des prix à la consommation") and s.label.endswith("Café")
    assert s.updated == "2026-02-27" and ("COICOP2016", "01211") in s.filters


def test_eurostat_message_with_a_urn_bound_prefix_and_a_generic_message():
    s = parse_sdmx(ESTAT_SS, "Consommation alimentaire")
    assert s.dataset == "NAMA_10_CO3_P3" and s.label == "Consommation alimentaire"
    assert s.points[-1] == ("2024", 196077.9) and ("coicop", "CP011") in s.filters
    g = parse_sdmx(GENERIC)
    assert g.points == (("2023", 5.7), ("2024", 2.5)) and ("geo", "FR") in g.filters


def test_sdmx_errors_say_what_to_do():
    with pytest.raises(InputError, match="answered an error: No Results Found"):
        parse_sdmx(ERROR)
    two = ESTAT_SS.replace("</Series>", '</Series><Series geo="DE" coicop="CP011" unit="CP_MEUR" freq="A"/>')
    with pytest.raises(InputError, match="holds 2 series, not one"):
        parse_sdmx(two)
    with pytest.raises(InputError, match="not readable XML"):
        parse_sdmx("<html>Service indisponible")
    with pytest.raises(InputError, match="refused"):  # no DTD, no entity: untrusted XML read safely
        parse_sdmx('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')


def test_parse_sdmx_queries():
    q = parse_query("insee", "001764363", "IPC café")
    assert (q.agency, q.dataset, q.series_key) == ("INSEE", "SERIES_BDM", "001764363")
    q = parse_query("sdmx", "estat  nama_10_co3_p3 A.CP_MEUR.CP011.FR startPeriod=2022")
    assert (q.agency, q.dataset, q.series_key, q.params) == ("ESTAT", "nama_10_co3_p3", "A.CP_MEUR.CP011.FR",
                                                             (("startPeriod", "2022"),))
    with pytest.raises(InputError, match="not an INSEE series number"):
        parse_query("insee", "IPC café")
    with pytest.raises(InputError, match="not an SDMX query"):
        parse_query("sdmx", "OECD flow key")


class SdmxServer:
    """INSEE BDM under /insee, Eurostat SDMX under /estat, on one local port."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                url = urlparse(self.path)
                server.paths.append(self.path)
                if url.path == "/insee/SERIES_BDM/001764363":
                    body, code = INSEE_BDM, 200
                elif url.path == "/estat/nama_10_co3_p3/A.CP_MEUR.CP011.FR":
                    body, code = ESTAT_SS, 200
                else:
                    body, code = ERROR, 404
                data = body.encode("utf-8")
                self.send_response(code)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def sdmx():
    s = SdmxServer()
    yield s
    s.close()


def test_fetch_caches_sdmx_answers_and_the_study_reads_them_offline(sdmx, example_case):
    p = example_case / "marche.xlsx"
    wb = load_workbook(p)
    ws = wb["donnees_publiques"]
    ws.delete_rows(2, ws.max_row)  # only the SDMX queries
    ws.append(["insee", "001764363", "IPC café, France (INSEE)"])
    ws.append(["sdmx", "ESTAT nama_10_co3_p3 A.CP_MEUR.CP011.FR startPeriod=2022", "Consommation alimentaire des ménages"])
    ws.append(["sdmx", "ESTAT nama_10_co3_p3 A.CP_MEUR.CP012.FR", "Boissons non alcoolisées"])  # answered 404
    wb.save(p)
    when = dt.datetime(2026, 3, 18, 9, 30, tzinfo=dt.UTC)
    out = commands.fetch(example_case, sdmx_apis={"INSEE": sdmx.base + "/insee", "ESTAT": sdmx.base + "/estat"}, now=when)
    assert [label for label, _ in out.fetched] == ["IPC café, France (INSEE)", "Consommation alimentaire des ménages"]
    assert [label for label, _ in out.failed] == ["Boissons non alcoolisées"] and "HTTP 404" in out.failed[0][1]
    assert "/estat/nama_10_co3_p3/A.CP_MEUR.CP011.FR?startPeriod=2022" in sdmx.paths
    cached = {json.loads(f.read_text(encoding="utf-8"))["query"]: json.loads(f.read_text(encoding="utf-8"))
              for f in (example_case / ".toolkit" / "marche").glob("*.json")}
    rec = cached["001764363"]
    assert rec["fetched_at"] == "2026-03-18T09:30:00+00:00" and rec["url"].endswith("/insee/SERIES_BDM/001764363")
    assert rec["payload"].startswith("<?xml")  # the answer as the service sent it

    sdmx.close()  # offline from now on
    st = commands.study(example_case)
    labels = {a.query.label: s for a, s in st.public.series}
    assert labels["IPC café, France (INSEE)"].points[-1] == ("2026-01", 139.87)
    assert st.public.missing == ("Boissons non alcoolisées",)
    md = commands.build(example_case, formats=["md"], date=dt.date(2026, 3, 20))[0].read_text(encoding="utf-8")
    md = md.replace("\u202f", " ").replace("\u00a0", " ")
    assert "INSEE : Indice des prix à la consommation - Base 2015" in md and "| 2026-01 | 139,9 |" in md
    assert "Eurostat : Consommation alimentaire des ménages" in md and "196 077,9" in md
    # the source list: each query, its address and its date
    assert "| IPC café, France (INSEE) | INSEE, base macro-économique (SDMX) |" in md and "18/03/2026" in md
