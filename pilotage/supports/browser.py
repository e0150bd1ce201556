"""axe-core in headless Chromium: the accessibility rules of WCAG 2.x A/AA that need a real
browser (computed styles and style sheets, ARIA, names of controls, contrast over a page's CSS).

No driver package: Chromium is started once per page with ``--headless --dump-dom`` on a copy
of the page (in a temporary folder) that loads axe-core, runs it when the page has loaded and
writes the result into the DOM, which Chromium prints. ``<base href>`` points at the original
folder, so relative images and style sheets are found; every host name resolves to nothing
(``--host-resolver-rules``), so an email's tracking pixels are never requested. The support file
itself is never modified.

Where the tools are: Chromium is ``$TOOLKIT_CHROMIUM`` or ``chromium`` / ``chromium-browser`` /
``google-chrome`` on the PATH (Debian: ``apt-get install chromium``); axe-core is
``$TOOLKIT_AXE_JS`` or ``axe-core/axe.min.js`` under ``./node_modules``, ``.ci/node/node_modules``
or the global npm folder (``npm install axe-core``). When one is missing, :func:`read_axe` raises
:class:`BrowserCheckError` saying which and how to install it: the audit shows it, never a silent pass.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import ToolkitError

__all__ = ["AxeFacts", "BrowserCheckError", "AxeViolation", "find_axe", "find_chromium", "read_axe"]

#: WCAG 2.0, 2.1 and 2.2 success criteria of levels A and AA (axe-core rule tags)
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
_RESULT_ID = "toolkit-axe-result"
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


class BrowserCheckError(ToolkitError):
    """Chromium or axe-core is missing, or the browser failed: the check could not run."""


@dataclass(frozen=True)
class AxeViolation:
    id: str
    impact: str
    help: str
    nodes: int
    targets: tuple[str, ...]
    """CSS selectors of the first elements concerned."""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class AxeFacts:
    version: str
    violations: tuple[AxeViolation, ...]
    incomplete: int
    """Rules axe could not decide (e.g. text over an image): to look at by hand."""
    passes: int


def find_chromium() -> str | None:
    env = os.environ.get("TOOLKIT_CHROMIUM")
    if env:
        return env if Path(env).is_file() else shutil.which(env)
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def find_axe() -> Path | None:
    env = os.environ.get("TOOLKIT_AXE_JS")
    candidates = [Path(env)] if env else []
    rel = Path("node_modules") / "axe-core" / "axe.min.js"
    candidates += [Path.cwd() / rel, _PACKAGE_ROOT / ".ci" / "node" / rel, Path("/usr/local/lib") / rel,
                   Path("/usr/lib") / rel, Path("/usr/share/nodejs/axe-core/axe.min.js")]
    return next((p for p in candidates if p.is_file()), None)


def _runner(axe_js: Path, lang: str) -> str:
    locale = axe_js.parent / "locales" / f"{lang}.json"
    configure = ""
    if lang != "en" and locale.is_file():
        configure = f"axe.configure({{locale: {locale.read_text(encoding='utf-8')}}});"
    options = json.dumps({"runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
                          "resultTypes": ["violations", "incomplete"]})
    # the result goes into an attribute of a <template>: inert, never rendered, never run.
    # A page's alert()/confirm()/prompt()/print() would open a dialog that headless Chromium waits on until
    # the timeout: they are made no-ops first, before any script of the page runs.
    return f"""<script>window.alert = window.confirm = window.prompt = window.print = function () {{ return null; }};</script>
<script src="{axe_js.resolve().as_uri()}"></script>
<script>window.addEventListener("load", function () {{
  function put(name, value) {{
    var el = document.createElement("template"); el.id = "{_RESULT_ID}"; el.setAttribute(name, value);
    document.documentElement.appendChild(el);
  }}
  try {{
    {configure}
    axe.run(document, {options}).then(function (r) {{
      put("data-result", JSON.stringify({{version: axe.version, passes: r.passes.length, incomplete: r.incomplete.length,
        violations: r.violations.map(function (v) {{ return {{id: v.id, impact: v.impact, help: v.help, tags: v.tags,
          nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map(function (n) {{ return n.target.join(" "); }})}}; }})}}));
    }}, function (e) {{ put("data-error", String(e)); }});
  }} catch (e) {{ put("data-error", String(e)); }}
}});</script>
"""


def _instrumented(source: str, page_dir: Path, runner: str) -> str:
    """The page with a UTF-8 declaration, a ``<base>`` at its folder and the runner, first in ``<head>``."""
    head = f'<meta charset="utf-8"><base href="{page_dir.resolve().as_uri()}/">{runner}'
    for pattern in (r"<head\b[^>]*>", r"<html\b[^>]*>"):
        m = re.search(pattern, source, re.IGNORECASE)
        if m:
            return source[:m.end()] + head + source[m.end():]
    return head + source


_CACHE: dict[tuple[str, int, int, str], AxeFacts] = {}


def read_axe(path: Path, lang: str = "fr", *, timeout: float = 180) -> AxeFacts:
    """Run axe-core (WCAG 2.x A and AA rules) on the HTML file ``path`` in headless Chromium.

    The result of a file is kept for the process (same path, size, modification time and language).
    """
    from pilotage.supports.readers import _decode, _read_bytes

    data = _read_bytes(path)
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns, lang)
    if key in _CACHE:
        return _CACHE[key]
    exe = find_chromium()
    if exe is None:
        raise BrowserCheckError("Chromium was not found",
                             hint="install Chromium (Debian: apt-get install chromium) or set TOOLKIT_CHROMIUM")
    axe_js = find_axe()
    if axe_js is None:
        raise BrowserCheckError("axe-core was not found",
                             hint="install it (npm install axe-core) or set TOOLKIT_AXE_JS to its axe.min.js")
    page = _instrumented(_decode(data, path), path.parent, _runner(axe_js, "fr" if lang == "fr" else "en"))
    with tempfile.TemporaryDirectory(prefix="toolkit-axe-") as tmp:
        copy = Path(tmp) / "page.html"
        copy.write_text(page, encoding="utf-8")
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
               "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
               "--disable-extensions", "--mute-audio", "--host-resolver-rules=MAP * ~NOTFOUND",
               "--allow-file-access-from-files", f"--user-data-dir={Path(tmp) / 'profile'}",
               "--virtual-time-budget=30000", "--dump-dom", copy.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise BrowserCheckError(f"Chromium did not finish within {timeout:.0f} s",
                                 file=str(path), hint="run the audit again on a less busy machine") from None
        except OSError as exc:
            raise BrowserCheckError(f"Chromium could not be started ({exc.strerror})",
                                 hint="check the Chromium installation or TOOLKIT_CHROMIUM") from None
    dom = done.stdout.decode("utf-8", "replace")
    m = re.search(rf'<template id="{_RESULT_ID}" data-(result|error)="([^"]*)"', dom)
    if m is None:
        raise BrowserCheckError("Chromium gave no axe-core result", file=str(path),
                             hint="open the page in a browser: a script of the page may block it")
    if m.group(1) == "error":
        raise BrowserCheckError(f"axe-core failed on the page: {html.unescape(m.group(2))[:200]}", file=str(path))
    raw = json.loads(html.unescape(m.group(2)))
    facts = AxeFacts(str(raw.get("version", "")), tuple(
        AxeViolation(v["id"], v.get("impact") or "", v.get("help", ""), int(v.get("nodes", 0)), tuple(v.get("targets", ())),
                     tuple(v.get("tags", ()))) for v in raw.get("violations", [])),
        int(raw.get("incomplete", 0)), int(raw.get("passes", 0)))
    _CACHE[key] = facts
    return facts
