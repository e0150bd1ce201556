"""axe-core in headless Chromium on the HTML supports: a faulty page and its clean twin, the
toolkit's own HTML deliverables, and a clear "not run" when Chromium or axe-core is missing.

Without Chromium or axe-core the browser tests skip and say why (``.ci/run`` installs both, so
CI always runs them); the "missing" tests need neither.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from pilotage.supports import browser
from pilotage.supports import checks as ck
from pilotage.supports.commands import audit

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "brulerie-sauvage"

# The faults are in a style sheet, where reading the source cannot see them (inline colours only):
# pale text on white (#aaa: 2.32:1) and an image without alt; the twin is dark text and an alt.
FAULTY = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Origines Rares</title>
<style>.note {{ color: {colour}; }}</style></head>
<body><main><h1>Origines Rares</h1>
<p class="note">Chaque lot affiche le prix payé au producteur.</p>
<img src="photo.png"{alt}>
<a href="mentions.html">Mentions légales</a></main></body></html>
"""


def _page(tmp_path: Path, name: str, *, clean: bool) -> Path:
    p = tmp_path / name
    p.write_text(FAULTY.format(colour="#333333" if clean else "#aaaaaa",
                               alt=' alt="Ana dans sa parcelle"' if clean else ""), encoding="utf-8")
    return p


def _needs_browser() -> None:
    if browser.find_chromium() is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")
    if browser.find_axe() is None:
        pytest.skip("axe-core not found: set TOOLKIT_AXE_JS or `npm install --prefix .ci/node axe-core@4`")


@pytest.mark.browser
def test_axe_finds_the_style_sheet_faults_and_passes_the_clean_twin(tmp_path):
    _needs_browser()
    bad = ck.check_axe(browser.read_axe(_page(tmp_path, "bad.html", clean=False)), "fr")
    good = ck.check_axe(browser.read_axe(_page(tmp_path, "good.html", clean=True)), "fr")
    assert bad.status == "fail"
    assert "color-contrast" in bad.evidence and "image-alt" in bad.evidence
    assert "contraste" in bad.evidence.lower()  # axe's French locale
    assert good.status == "ok", good.evidence
    assert good.ref.startswith("WCAG 2.2 A/AA · axe-core 4.")


@pytest.mark.browser
def test_a_page_that_opens_a_dialog_is_still_audited(tmp_path):
    """A support whose script calls alert() (or an image's onerror does) once held headless Chromium on the
    dialog until the timeout; the dialogs are no-ops during the audit, so the result comes back."""
    _needs_browser()
    page = tmp_path / "dialog.html"
    page.write_text('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Alerte</title>'
                    '<script>alert("bonjour"); confirm("ok ?");</script></head>'
                    '<body><main><h1>Alerte</h1><img src="x" alt="" onerror="alert(1)"></main></body></html>',
                    encoding="utf-8")
    facts = browser.read_axe(page, timeout=90)  # a dialog left open would end in BrowserCheckError here
    assert facts.passes > 0 and facts.version.startswith("4.")


@pytest.mark.browser
def test_the_audit_runs_axe_on_the_html_supports_and_never_requests_the_network(tmp_path):
    _needs_browser()
    page = tmp_path / "newsletter.html"
    page.write_text('<html lang="fr"><head><title>Lettre</title></head><body><p>Bonjour</p>'
                    '<img src="https://tracker.example/pixel.gif" alt="">'
                    '<a href="https://example.com/desinscription">Se désinscrire</a></body></html>', encoding="utf-8")
    r = audit(EXAMPLE, [page])
    f = {x.check: x for x in r.audits[0].findings}
    assert f["Contrôle axe-core (navigateur)"].status == "ok", f["Contrôle axe-core (navigateur)"].evidence


@pytest.mark.browser
def test_the_toolkits_own_html_deliverables_pass_axe(tmp_path):
    """The renderers' sample document and this module's brief, in HTML: no WCAG A/AA violation."""
    _needs_browser()
    import importlib.util

    from pilotage.supports.commands import build_brief
    from toolkit.render import render

    spec = importlib.util.spec_from_file_location("render_sample_document_axe", ROOT / "tests" / "render" / "sample_document.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        files = render(mod.build_sample_document("fr"), tmp_path / "sample", "sample", ("html",))
        files += build_brief(EXAMPLE, tmp_path / "brief", ("html",))
    for path in files:
        facts = browser.read_axe(path)
        assert facts.violations == (), (path.name, facts.violations)


def test_without_chromium_the_check_says_so_and_the_support_is_not_ready(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    browser._CACHE.clear()
    page = _page(tmp_path, "page.html", clean=True)
    with pytest.raises(browser.BrowserCheckError, match="Chromium was not found"):
        browser.read_axe(page)
    r = audit(EXAMPLE, [page])
    f = {x.check: x for x in r.audits[0].findings}["Contrôle axe-core (navigateur)"]
    assert f.status == "warn"
    assert f.evidence == "non exécuté : Chromium introuvable"
    assert "apt-get install chromium" in f.fix
    assert r.audits[0].status != "ready"


def test_without_axe_core_the_check_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CHROMIUM", str(tmp_path / "chromium"))
    (tmp_path / "chromium").write_text("")  # found, never started: axe-core is looked for first
    monkeypatch.setenv("TOOLKIT_AXE_JS", str(tmp_path / "missing" / "axe.min.js"))
    monkeypatch.setattr(browser, "_PACKAGE_ROOT", tmp_path)
    monkeypatch.chdir(tmp_path)
    browser._CACHE.clear()
    if browser.find_axe() is not None:  # a system-wide axe-core (npm -g, Debian) is a real install
        pytest.skip(f"axe-core is installed system-wide ({browser.find_axe()})")
    with pytest.raises(browser.BrowserCheckError, match="axe-core was not found") as exc:
        browser.read_axe(_page(tmp_path, "page.html", clean=True))
    assert "npm install axe-core" in (exc.value.hint or "")


def test_no_browser_option_shows_the_check_as_not_run_and_the_grid_is_not_met(tmp_path):
    from pilotage.supports.report import supports_evidence

    page = _page(tmp_path, "page.html", clean=True)
    r = audit(EXAMPLE, [page], browser=False)
    f = {x.check: x for x in r.audits[0].findings}["Contrôle axe-core (navigateur)"]
    assert f.status == "warn" and "--no-browser" in f.evidence
    ev = supports_evidence(r, "fr")["accessibilite"]
    assert ev.status == "partial" and "axe-core non exécuté sur 1 page(s)" in ev.text


def test_the_runner_is_put_first_in_head_with_a_base_at_the_pages_folder(tmp_path):
    out = browser._instrumented('<!doctype html><html lang="fr"><HEAD><title>x</title></HEAD><body></body></html>',
                                tmp_path, "<script>RUN</script>")
    head = out.split("<HEAD>", 1)[1]
    assert head.startswith(f'<meta charset="utf-8"><base href="{tmp_path.resolve().as_uri()}/"><script>RUN</script>')
    assert browser._instrumented("<p>fragment</p>", tmp_path, "R").endswith("R<p>fragment</p>")


@pytest.mark.browser
def test_axe_speaks_the_audits_language(tmp_path):
    _needs_browser()
    page = _page(tmp_path, "bad.html", clean=False)
    en = {f.check: f for f in audit(EXAMPLE, [page], lang="en").audits[0].findings}["axe-core check (browser)"]
    assert en.status == "fail" and "Images must have alternative text" in en.evidence
