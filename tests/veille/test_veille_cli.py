"""``toolkit veille …`` end to end: the same code path users run, offline."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from toolkit.cli import main

NBSP = "\u00a0"
TIMELINE = (f"Catégorie{NBSP}: Toutes catégories\n\nSemaine,café de spécialité: (France)\n"
            + "".join(f"2025-{m:02d}-0{d},{10 + m + d}\n" for m in range(1, 13) for d in (1, 8)))


@pytest.fixture(scope="module")
def fetched_template(tmp_path_factory):
    """The example case after one offline collection, made once for the module."""
    import shutil

    from veille.commands import fetch

    src = Path(__file__).resolve().parents[2] / "examples" / "brulerie-sauvage"
    dst = tmp_path_factory.mktemp("fetched") / "case"
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("out", ".toolkit"))
    fetch(dst, offline=True)
    return dst


@pytest.fixture
def fetched_case(fetched_template, tmp_path):
    """A private copy of the fetched example case (store and run log included)."""
    import shutil

    dst = tmp_path / "case"
    shutil.copytree(fetched_template, dst)
    return dst


def run(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_import_trends_says_what_it_recognised(example_case, tmp_path, capsys):
    f = tmp_path / "multiTimeline.csv"
    f.write_text(TIMELINE, encoding="utf-8")
    assert run(["veille", "import-trends", str(example_case), str(f)]) == 0
    out = capsys.readouterr().out
    assert "évolution dans le temps" in out and "café de spécialité" in out and "(France)" in out
    assert "24 valeurs" in out and "01/01/2025 → 08/12/2025" in out and "hebdomadaire" in out
    assert (example_case / ".toolkit" / "trends.sqlite").exists()


def test_import_trends_of_a_wrong_file_is_one_message_and_exit_1(example_case, tmp_path, capsys):
    f = tmp_path / "ads.csv"
    f.write_text("Campaign,Clicks\nBrand,3\n", encoding="utf-8")
    assert run(["veille", "import-trends", str(example_case), str(f)]) == 1
    err = capsys.readouterr().err
    assert "Erreur" in err and "ads.csv" in err and "Traceback" not in err


def test_fetch_offline_cli(example_case, capsys):
    from toolkit.case import load_case
    from veille.watchlist import load_sources

    n = len(load_sources(load_case(example_case)))
    assert run(["veille", "fetch", str(example_case), "--offline"]) == 0
    out = capsys.readouterr().out
    assert f"{n} flux" in out and f"{n} OK" in out and "nouveaux articles" in out and "0 en échec" in out


def test_report_cli(fetched_case, tmp_path, capsys):
    example_case = fetched_case
    out_dir = tmp_path / "out"
    assert run(["veille", "report", str(example_case), "--out", str(out_dir), "--format", "md,xlsx",
                "--since", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    folder = out_dir / "bloc1-veille"
    assert (folder / "note-de-veille.md").exists() and (folder / "note-de-veille.xlsx").exists()
    assert (folder / "entries.csv").exists() and (folder / "entries.xlsx").exists()
    assert "note-de-veille.md" in out
    md = (folder / "note-de-veille.md").read_text(encoding="utf-8")
    assert "Notre lecture" in md  # readings of the example case.yaml
    assert "Intérêt de recherche" in md and "abonnement café" in md  # bundled Trends exports (watch.trends.files)
    assert "1 chargement(s) hors ligne" in md


def test_report_with_a_bad_since_date(example_case, capsys):
    assert run(["veille", "report", str(example_case), "--since", "31/01/2026"]) == 1
    assert "--since" in capsys.readouterr().err


def test_demo_step_runs_offline(example_case, tmp_path):
    from toolkit.case import load_case
    from veille.commands import demo

    messages: list[str] = []
    paths = demo(load_case(example_case), tmp_path, ("md",), "en", messages.append)
    names = [p.name for p in paths]
    assert names == ["watch-note.md", "entries.csv"]
    text = paths[0].read_text(encoding="utf-8")
    assert "Market watch summary note" in text and "Search interest" in text
    assert any("Google Trends" in m for m in messages)


class FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        if self.path == "/ok.xml":
            body = textwrap.dedent("""\
                <?xml version="1.0" encoding="utf-8"?>
                <rss version="2.0"><channel><title>Flux test</title>
                <item><title>Le cold brew arrive à Lyon</title><link>https://x.example/1</link>
                <guid>1</guid><pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate></item>
                </channel></rss>""").encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


@pytest.fixture
def feed_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_reports_failures_with_reasons_and_logs_the_run(tmp_path, feed_server, capsys):
    case = tmp_path / "c"
    case.mkdir()
    (case / "case.yaml").write_text(textwrap.dedent(f"""\
        client: {{name: Test}}
        watch:
          feeds:
            - {{url: "{feed_server}/ok.xml", name: Bon flux, axis: societale}}
            - {{url: "{feed_server}/missing.xml", name: Flux cassé, axis: image}}
        """), encoding="utf-8")
    assert run(["veille", "fetch", str(case), "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert "2 flux" in out and "1 OK" in out and "1 en échec" in out and "1 nouveaux articles" in out
    assert "Flux cassé" in out and "404" in out
    from toolkit.case import load_case
    from veille.commands import read_runs

    runs = read_runs(load_case(case))
    assert len(runs) == 1 and runs[0][1] == "online"


def test_cli_module_stays_light():
    code = ("import sys, veille.cli, toolkit.cli; "
            "heavy = [m for m in ('pandas', 'numpy', 'sklearn', 'matplotlib', 'pytrends', 'feedparser') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_live_trends_refusals_are_said_in_the_note_and_the_cache_is_used(fetched_case, tmp_path):
    import datetime as dt

    from toolkit.errors import NetworkError
    from veille.commands import report

    def refused_backend(*_a, **_k):
        raise NetworkError("Google Trends refused the keywords: too many requests (HTTP 429), 4 attempts")

    def refused_trending(_geo):
        raise NetworkError("Google Trends answered HTTP 429 for the Trending now feed")

    said: list[str] = []
    paths = report(fetched_case, tmp_path, ("md",), since=dt.date(2026, 6, 1), live_trends=True,
                   trends_backend=refused_backend, trending_fetcher=refused_trending, progress=said.append)
    md = paths[0].read_text(encoding="utf-8")
    assert "Données Google Trends à vérifier" in md and "HTTP 429" in md
    assert "export CSV trends.google.com importé" in md  # fell back to the imported exports
    assert "Tendances du jour indisponibles" in md
    assert any("429" in m for m in said)


def test_fetch_exits_1_when_every_feed_failed_and_the_run_is_not_counted(tmp_path):
    """#24: `veille fetch` said 0 when nothing could be collected, and the note counted the run."""
    import socket

    from typer.testing import CliRunner

    from toolkit.case import load_case
    from toolkit.cli import app
    from veille.commands import read_runs

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    case = tmp_path / "c"
    case.mkdir()
    (case / "case.yaml").write_text(
        "version: 1\nclient: {name: Test}\nwatch:\n  feeds:\n"
        f"    - {{url: 'http://127.0.0.1:{port}/a.xml', name: A}}\n", encoding="utf-8")
    from toolkit.errors import NetworkError

    res = CliRunner().invoke(app, ["veille", "fetch", str(case)])
    assert res.exit_code == 1 and isinstance(res.exception, NetworkError)  # toolkit.cli.main: message, exit 1
    assert "every feed failed (1)" in res.exception.message
    assert "the server refused the connection" in res.output
    assert read_runs(load_case(case)) == []
