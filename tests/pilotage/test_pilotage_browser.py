"""The HTML dashboard in a real headless Chromium (Debian package ``chromium``).

The browser is driven with the Chrome DevTools Protocol over ``--remote-debugging-pipe``
(file descriptors 3 and 4, NUL-separated JSON): standard library only, no driver package,
no port to allocate. One browser for the whole module. Without Chromium the tests skip and
say why; ``.ci/run`` installs it so CI always runs them.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pilotage.commands import build_dashboard
from pilotage.compute.kpis import compute_kpis
from toolkit.fmt import fmt_currency, fmt_integer, fmt_percent

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
XSS = "<img src=x onerror=window.__xss=1>"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class CDP:
    """A minimal Chrome DevTools Protocol client over the pipe transport."""

    def __init__(self, exe: str, profile: str) -> None:
        self._to_child_r, self._to_child_w = os.pipe()
        self._from_child_r, self._from_child_w = os.pipe()
        a, b = self._to_child_r, self._from_child_w

        def remap() -> None:  # in the child: commands on fd 3, replies on fd 4
            hi_a = fcntl.fcntl(a, fcntl.F_DUPFD, 10)
            hi_b = fcntl.fcntl(b, fcntl.F_DUPFD, 10)
            os.dup2(hi_a, 3)
            os.dup2(hi_b, 4)

        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-pipe",
                 f"--user-data-dir={profile}", "about:blank"]
        self.proc = subprocess.Popen([exe, *flags], close_fds=False, preexec_fn=remap,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(self._to_child_r)
        os.close(self._from_child_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def _read_message(self, timeout: float) -> dict:
        while b"\0" not in self._buf:
            ready, _, _ = select.select([self._from_child_r], [], [], timeout)
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_child_r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, *, session: bool = True, timeout: float = 30) -> dict:
        self._id += 1
        msg: dict = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self._to_child_w, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read_message(timeout)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            e = self._read_message(timeout)
            if e.get("method") == method:
                return e
            self.events.append(e)

    def open_page(self) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def navigate(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def eval(self, expression: str, *, await_promise: bool = False, timeout: float = 30):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                           "awaitPromise": await_promise}, timeout=timeout)
        if "exceptionDetails" in r:
            raise RuntimeError(f"JS error: {r['exceptionDetails']}")
        return r["result"].get("value")

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_child_w, self._from_child_r):
            try:
                os.close(fd)
            except OSError:
                pass


def decode_png(data: bytes) -> np.ndarray:
    """Pixels of an 8-bit RGB/RGBA PNG as an array (height, width, channels)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6), "only 8-bit RGB(A) PNG"
            channels = 3 if color == 2 else 4
        elif ctype == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    out = np.zeros((height, stride), dtype=np.int32)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = np.frombuffer(raw, dtype=np.uint8, count=stride, offset=y * (stride + 1) + 1).astype(np.int32)
        if f == 0:
            cur = line
        elif f == 2:
            cur = (line + prev) & 0xFF
        else:
            cur = np.zeros(stride, dtype=np.int32)
            for x in range(stride):
                left = cur[x - channels] if x >= channels else 0
                up = prev[x]
                ul = prev[x - channels] if x >= channels else 0
                if f == 1:
                    pred = left
                elif f == 3:
                    pred = (left + up) // 2
                else:  # Paeth
                    p = left + up - ul
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                    pred = left if pa <= pb and pa <= pc else (up if pb <= pc else ul)
                cur[x] = (line[x] + pred) & 0xFF
        out[y] = cur
        prev = cur
    return out.reshape(height, width, channels)


def synthetic_actuals() -> pd.DataFrame:
    """Two months, three platforms, four campaigns (one named like an XSS payload)."""
    rng = np.random.default_rng(7)
    dates = pd.date_range("2027-03-01", "2027-04-25", freq="D")
    frames = []
    for name, platform, ctr in (("Search marque", "google_ads", 0.05), ("Prospection Origines", "meta", 0.012),
                                (XSS, "meta", 0.02), ("Newsletter avril", "emailing", 0.03)):
        imp = rng.integers(800, 3000, len(dates)).astype(float)
        clicks = np.floor(imp * ctr)
        conv = np.floor(clicks * 0.06)
        frames.append(pd.DataFrame({
            "date": dates, "period_end": dates, "platform": platform, "campaign": name,
            "spend": np.round(clicks * 0.55, 2), "impressions": imp, "reach": np.floor(imp / 1.6),
            "clicks": clicks, "conversions": conv, "conversion_value": np.round(conv * 31.5, 2),
            "engagements": np.floor(imp * 0.02), "sessions": np.floor(clicks * 0.9),
            "engaged_sessions": np.floor(clicks * 0.55)}))
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if exe is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")
    profile = tempfile.mkdtemp(prefix="toolkit-chromium-")
    cdp = CDP(exe, profile)
    try:
        cdp.open_page()
        yield cdp
    finally:
        cdp.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    """The example case's dashboard (plan targets, budget variance, mentions with a bad buzz)
    over synthetic actuals, plus a client name holding markup."""
    actuals = synthetic_actuals()
    case_dir = tmp_path_factory.mktemp("case") / "case"
    shutil.copytree(ROOT / "examples" / "brulerie-sauvage", case_dir, ignore=shutil.ignore_patterns("out", ".toolkit"))
    text = (case_dir / "case.yaml").read_text(encoding="utf-8")
    (case_dir / "case.yaml").write_text(text.replace("name: Brûlerie Sauvage", "name: Brûlerie <Sauvage>", 1),
                                        encoding="utf-8")
    paths = build_dashboard(case_dir, formats=["html"], actuals=actuals, charts=False)
    path = next(p for p in paths if p.suffix == ".html")
    html = path.read_text(encoding="utf-8")
    browser.navigate(path.as_uri())
    return browser, actuals, html


def _set(cdp: CDP, select_id: str, value: str) -> None:
    cdp.eval(f"(() => {{ const s = document.getElementById({json.dumps(select_id)}); s.value = {json.dumps(value)};"
             " s.dispatchEvent(new Event('change')); })()")


def _text(cdp: CDP, element_id: str) -> str:
    return cdp.eval(f"document.getElementById({json.dumps(element_id)}).textContent")


def _reset(cdp: CDP) -> None:
    cdp.eval("document.getElementById('f-reset').click()")


def test_page_loads_without_console_errors_and_without_network(page):
    cdp, _, _ = page
    cdp.navigate(cdp.eval("location.href"))
    errors = [e for e in cdp.events if e.get("method") == "Runtime.exceptionThrown"
              or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
              or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]
    assert errors == []
    requests = [e["params"]["request"]["url"] for e in cdp.events if e.get("method") == "Network.requestWillBeSent"]
    assert requests and all(u.startswith(("file:", "data:")) for u in requests), requests
    assert cdp.eval("document.documentElement.lang") == "fr"
    assert cdp.eval("document.querySelectorAll('#chart-spend svg rect').length") > 0


def test_tiles_computed_in_the_page_match_the_server_side_text(page):
    cdp, _, html = page
    _reset(cdp)
    for kpi in ("spend", "ctr", "cpa", "roas", "frequency", "ga4_engagement_rate"):
        server = re.search(rf'id="kpi-{kpi}"[^>]*>([^<]*)<', html).group(1)
        assert _text(cdp, f"kpi-{kpi}") == server


def test_platform_filter_changes_the_spend_and_ctr_tiles(page):
    cdp, actuals, _ = page
    _reset(cdp)
    before = _text(cdp, "kpi-spend")
    platforms = cdp.eval("Array.from(document.querySelectorAll('#f-platform option')).map(o => o.textContent)")
    idx = platforms.index("Meta") - 1  # first option is "all"
    _set(cdp, "f-platform", str(idx))
    meta = actuals[actuals["platform"] == "meta"]
    assert _text(cdp, "kpi-spend") == fmt_currency(meta["spend"].sum(), "fr")
    assert _text(cdp, "kpi-spend") != before
    assert _text(cdp, "kpi-ctr") == fmt_percent(meta["clicks"].sum() / meta["impressions"].sum(), "fr", 2)
    # the campaign list follows the platform
    options = cdp.eval("Array.from(document.querySelectorAll('#f-campaign option')).map(o => o.textContent)")
    assert sorted(options[1:]) == sorted(meta["campaign"].unique())


def test_campaign_filter_shows_that_campaign_only(page):
    cdp, actuals, _ = page
    _reset(cdp)
    options = cdp.eval("Array.from(document.querySelectorAll('#f-campaign option')).map(o => [o.value, o.textContent])")
    value = next(v for v, text in options if text == "Search marque")
    _set(cdp, "f-campaign", value)
    one = actuals[actuals["campaign"] == "Search marque"]
    assert _text(cdp, "kpi-clicks") == fmt_integer(one["clicks"].sum(), "fr")
    assert _text(cdp, "kpi-cpc") == fmt_currency(one["spend"].sum() / one["clicks"].sum(), "fr")
    assert cdp.eval("document.querySelectorAll('#campaign-rows tr').length") == 1


def test_period_filter_uses_ratio_of_sums_over_the_selected_weeks(page):
    cdp, actuals, _ = page
    _reset(cdp)
    weekly = compute_kpis(actuals, by=(), freq="W")
    weeks = sorted(weekly["period"])
    _set(cdp, "f-from", "2")
    _set(cdp, "f-to", "4")
    sel = weekly[(weekly["period"] >= weeks[2]) & (weekly["period"] <= weeks[4])]
    cpa = sel["spend"].sum() / sel["conversions"].sum()
    assert _text(cdp, "kpi-cpa") == fmt_currency(cpa, "fr")
    assert _text(cdp, "kpi-spend") == fmt_currency(sel["spend"].sum(), "fr")
    rows = cdp.eval("document.querySelectorAll('#campaign-rows tr').length")
    assert rows == actuals["campaign"].nunique()


def test_campaign_named_like_html_is_shown_as_text_and_never_run(page):
    cdp, _, html = page
    _reset(cdp)
    assert XSS not in html  # escaped in the embedded JSON and in the markup
    embedded = html.split('id="dashboard-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in embedded and json.loads(embedded)["campaigns"].count(XSS) == 1
    heads = cdp.eval("Array.from(document.querySelectorAll('#campaign-rows th')).map(t => t.textContent)")
    assert XSS in heads
    assert cdp.eval("document.querySelectorAll('main img').length") == 0
    assert cdp.eval("window.__xss === undefined")
    assert "Brûlerie <Sauvage>" in cdp.eval("document.querySelector('.kicker').textContent")


def test_screenshot_is_not_blank_and_the_page_fits_a_phone(page):
    cdp, _, _ = page
    _reset(cdp)
    shot = base64.b64decode(cdp.send("Page.captureScreenshot", {"format": "png"})["data"])
    px = decode_png(shot)[::4, ::4, :3].astype(float)
    assert px.std() > 10, "the screenshot is (almost) uniform: nothing was drawn"
    assert len(np.unique(px.reshape(-1, 3), axis=0)) > 20
    cdp.send("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        cdp.eval("window.dispatchEvent(new Event('resize'))")
        overflow = cdp.eval("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page is {overflow}px wider than a phone screen"
        shot = base64.b64decode(cdp.send("Page.captureScreenshot", {"format": "png"})["data"])
        assert decode_png(shot)[::4, ::4, :3].std() > 10
    finally:
        cdp.send("Emulation.clearDeviceMetricsOverride")


def _axe_source() -> str | None:
    env = os.environ.get("TOOLKIT_AXE_JS")
    for p in ([Path(env)] if env else []) + [ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"]:
        if p.is_file():
            return p.read_text(encoding="utf-8")
    return None


def test_axe_core_finds_no_serious_or_critical_violation(page):
    cdp, _, _ = page
    source = _axe_source()
    if source is None:
        pytest.skip("axe-core not found: set TOOLKIT_AXE_JS or `npm install --prefix .ci/node axe-core@4`")
    _reset(cdp)
    cdp.eval(source)
    result = cdp.eval("axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify("
                      "r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
                      "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))",
                      await_promise=True, timeout=60)
    violations = json.loads(result)
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, indent=1, ensure_ascii=False)


def test_english_page_formats_numbers_the_english_way(page, tmp_path):
    from pilotage.compute.dashboard import compute_dashboard
    from pilotage.render.dashboard_html import dashboard_html

    cdp, actuals, _ = page
    path = tmp_path / "dashboard.html"
    path.write_text(dashboard_html(compute_dashboard(actuals, lang="en", client="Client"), "en"), encoding="utf-8")
    cdp.navigate(path.as_uri())
    assert cdp.eval("document.documentElement.lang") == "en"
    assert [e for e in cdp.events if e.get("method") == "Runtime.exceptionThrown"] == []
    assert _text(cdp, "kpi-spend") == fmt_currency(actuals["spend"].sum(), "en")  # €6,712.20
    google = actuals[actuals["platform"] == "google_ads"]
    platforms = cdp.eval("Array.from(document.querySelectorAll('#f-platform option')).map(o => o.textContent)")
    _set(cdp, "f-platform", str(platforms.index("Google Ads") - 1))
    assert _text(cdp, "kpi-ctr") == fmt_percent(google["clicks"].sum() / google["impressions"].sum(), "en", 2)


def test_tiles_of_a_month_spread_over_its_days_match_the_report_to_the_click(browser, tmp_path):
    """#24: a Meta month spread over its weeks holds fractions of a click; the page's script must
    print the report's figure (one rounding rule), not the sum of weeks rounded one by one."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_pilotage_dashboard_rounding import spread_month_actuals

    case_dir = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "brulerie-sauvage", case_dir, ignore=shutil.ignore_patterns("out", ".toolkit"))
    paths = build_dashboard(case_dir, formats=["md", "html"], actuals=spread_month_actuals(), charts=False)
    path = next(p for p in paths if p.suffix == ".html")
    html = path.read_text(encoding="utf-8")
    browser.navigate(path.as_uri())
    for kpi in ("clicks", "conversions", "spend", "ctr", "cpa", "conversion_rate"):
        server = re.search(rf'id="kpi-{kpi}"[^>]*>([^<]*)<', html).group(1)
        assert _text(browser, f"kpi-{kpi}") == server, kpi
    assert _text(browser, "kpi-clicks") == "2\u202f154"
    _set(browser, "f-platform", str(json.loads(browser.eval(
        "document.getElementById('dashboard-data').textContent"))["platforms"].index("Meta")))
    assert _text(browser, "kpi-clicks") == "1\u202f131"  # the report's Meta row
