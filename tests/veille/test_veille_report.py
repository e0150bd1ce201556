"""The note de synthèse: built from results, merged with the user's readings, never invented."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.case import AXES
from toolkit.document import Callout, Checklist, Document, iter_blocks
from veille.analysis import analyse, coverage
from veille.commands import export_entries
from veille.evidence import veille_evidence as grid_evidence
from veille.report import ReportInputs, build_report


def make_entries(n_per_axis: int = 3) -> pd.DataFrame:
    rows = []
    for a, axis in enumerate(AXES[:5]):
        for i in range(n_per_axis):
            day = pd.Timestamp("2026-10-01", tz="UTC") + pd.Timedelta(days=7 * i + a)
            rows.append({"entry_id": len(rows) + 1, "source_url": f"https://s{a}.example/rss", "source_name": f"Source {a}",
                         "axis": axis, "type": "presse", "reliability": 2 + a % 4,
                         "title": f"Titre {axis} numéro {i} sur le café de spécialité", "link": f"https://s{a}.example/{i}",
                         "summary": "", "published": day, "first_seen": day, "guid": f"{a}-{i}"})
    return pd.DataFrame(rows)


def make_inputs(**over) -> ReportInputs:
    entries = over.pop("entries", make_entries())
    sources = pd.DataFrame({"name": [f"Source {a}" for a in range(5)], "url": [f"https://s{a}.example/rss" for a in range(5)],
                            "type": ["presse", "blog", "institution", "presse", "google_alerts"], "axis": list(AXES[:5]),
                            "reliability": [2, 3, 4, 5, 2], "items": [3, 3, 3, 3, 3],
                            "last_status": ["ok", "ok", "error", "ok", "ok"],
                            "last_error": ["", "", "HTTP 500 after 3 attempts", "", ""],
                            "redirected_to": ["", "https://new.example/rss", "", "", ""], "gone": [False] * 5})
    interest = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=30, freq="MS"), "term": "café de spécialité",
                             "value": [10 + i for i in range(30)]})
    base = dict(client="Brûlerie Test", analysis=analyse(entries, interest), sources=sources,
                coverage=coverage(sources, AXES), entries=entries, keywords=("café de spécialité",),
                geography=("Lyon",), trends_geo="FR", competitors=(("Café Lumen", "Haut de gamme"),))
    base.update(over)
    return ReportInputs(**base)


def callouts(doc: Document) -> list[Callout]:
    return [b for _, b in iter_blocks(doc) if isinstance(b, Callout)]


def all_text(doc: Document) -> str:
    from toolkit.render.markdown import to_markdown

    return to_markdown(doc, files_dir="f")[0]


def test_missing_readings_opportunities_threats_are_flagged_not_invented():
    doc = build_report(make_inputs(), "fr")
    titles = [c.title for c in callouts(doc)]
    assert titles.count("À compléter : votre lecture de l'axe") == len(AXES)
    assert "À compléter : opportunités pour le client" in titles
    assert "À compléter : menaces pour le client" in titles
    assert not [c for c in callouts(doc) if c.title == "Notre lecture"]


def test_user_readings_and_lists_are_merged_verbatim():
    reading = "Les prix montent : expliquer la hausse par la traçabilité."
    doc = build_report(make_inputs(readings={"strategique": reading}, opportunities=("Offre cadeau",),
                                   threats=("Guerre des prix",)), "fr")
    ours = [c for c in callouts(doc) if c.title == "Notre lecture"]
    assert len(ours) == 1 and ours[0].body[0].text == reading
    text = all_text(doc)
    assert "Offre cadeau" in text and "Guerre des prix" in text
    assert [c.title for c in callouts(doc)].count("À compléter : votre lecture de l'axe") == len(AXES) - 1


def test_sections_sources_status_and_evidence_headlines():
    doc = build_report(make_inputs(), "fr")
    assert [s.title for s in doc.sections][:5] == ["Synthèse", "Périmètre", "Méthode et automatisation", "Sources",
                                                   "Constats par axe"]
    text = all_text(doc)
    assert "HTTP 500 after 3 attempts" in text  # failing source reported with its reason
    assert "https://new.example/rss" in text  # moved feed: address to update
    assert "https://s3.example/0" in text  # evidence headline with its link
    assert "cron" in text and "toolkit veille" not in text  # automation suggestion, in words (no command in a client document)
    assert "Axe non couvert" in text  # axes 6 and 7 have no source


def test_grid_evidence_is_measured_and_honest():
    runs = tuple((dt.datetime(2026, 11, d, 7, tzinfo=dt.UTC), "online") for d in (3, 4, 5))
    ev = grid_evidence(make_inputs(runs=runs), "fr")
    assert ev["automatisation"].status == "met" and "3 exécution(s)" in ev["automatisation"].text
    assert "05/11/2026" in ev["automatisation"].text
    assert ev["sources_fiables"].status == "partial"  # 5 sources, 5 axes of 7
    assert "5 sources" in ev["sources_fiables"].text and "fiabilité moyenne 3,2/5" in ev["sources_fiables"].text
    assert ev["acteurs_marche"].status == "partial"  # one competitor only
    assert grid_evidence(make_inputs(), "fr")["automatisation"].status == "missing"
    offline = grid_evidence(make_inputs(runs=((dt.datetime(2026, 11, 3, tzinfo=dt.UTC), "offline"),)), "fr")
    assert offline["automatisation"].status == "partial"
    doc = build_report(make_inputs(runs=runs), "fr")
    grid = [b for _, b in iter_blocks(doc) if isinstance(b, Checklist)][0]
    judged = [i for i in grid.items if "stratégies de la concurrence" in i.criterion]
    assert judged and judged[0].status == "jury"  # a person judges this, never "met"


def test_english_note():
    doc = build_report(make_inputs(), "en")
    assert doc.title == "Market watch summary note" and doc.lang == "en"
    assert "To complete: your reading of this axis" in [c.title for c in callouts(doc)]


def test_no_entries_says_to_collect_first():
    entries = make_entries().iloc[:0]
    doc = build_report(make_inputs(entries=entries, analysis=analyse(entries)), "fr")
    assert "Aucun article collecté pour la période" in [c.title for c in callouts(doc)]


def test_no_trends_data_asks_for_an_export():
    entries = make_entries()
    doc = build_report(make_inputs(analysis=analyse(entries)), "fr")
    assert "À compléter : données Google Trends" in [c.title for c in callouts(doc)]


def test_feed_text_is_escaped_in_html(tmp_path):
    from toolkit.render import render

    entries = make_entries()
    entries.loc[0, "title"] = "<script>alert('x')</script> Café"
    entries.loc[0, "reliability"] = 5
    doc = build_report(make_inputs(entries=entries), "fr")
    html = render(doc, tmp_path, "note", ["html"])[0].read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_entries_export_neutralises_formulas(tmp_path):
    import csv

    from openpyxl import load_workbook

    entries = make_entries(1)
    entries.loc[0, "title"] = "=HYPERLINK(\"http://evil.example\",\"clic\")"
    entries.loc[1, "title"] = "@SUM(A1)"
    paths = export_entries(entries, tmp_path)
    assert [p.name for p in paths] == ["entries.csv", "entries.xlsx"]
    rows = list(csv.reader(paths[0].read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["published", "first_seen", "source_name"]
    titles = [r[6] for r in rows[1:]]
    assert titles[0].startswith("'=") and titles[1].startswith("'@")
    ws = load_workbook(paths[1]).active
    cells = [ws.cell(row=r, column=7).value for r in (2, 3)]
    assert cells[0].startswith("'=") and cells[1].startswith("'@")
    assert isinstance(ws.cell(row=2, column=1).value, dt.datetime)  # dates stay typed


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_format_renders(tmp_path, lang):
    from toolkit.render import render

    doc = build_report(make_inputs(), lang)
    paths = render(doc, tmp_path, "note", ["md", "docx", "xlsx"])
    assert all(p.stat().st_size > 0 for p in paths)


def test_trending_now_table_and_unavailable_notice():
    from veille.trending import NewsItem, Trend

    trend = Trend("prix du café", 2000, "2 000+", None, news=(NewsItem("L'arabica au plus haut", "https://n.example/1",
                                                                         "Le Journal du Café"),))
    text = all_text(build_report(make_inputs(trending=(trend,)), "fr"))
    assert "Tendances du jour" in text and "prix du café" in text and "L'arabica au plus haut (Le Journal du Café)" in text
    doc = build_report(make_inputs(trending_warning="Google Trends answered HTTP 429"), "fr")
    assert "Tendances du jour indisponibles" in [c.title for c in callouts(doc)]


def test_evidence_gives_several_voices_most_reliable_first():
    from veille.report import _evidence_headlines

    rows = []
    for i in range(4):  # a reliable source publishing a lot …
        rows.append({"axis": "image", "source_name": "Fiable", "reliability": 5, "title": f"Fiable {i}", "link": "",
                     "published": pd.Timestamp(f"2026-10-{10 + i}", tz="UTC")})
    rows.append({"axis": "image", "source_name": "Blog", "reliability": 2, "title": "Blog 0", "link": "",
                 "published": pd.Timestamp("2026-09-01", tz="UTC")})
    heads = [h[0] for h in _evidence_headlines(pd.DataFrame(rows), "image", n=3)]
    # … does not drown the other voice: newest of each source first, most reliable first
    assert heads == ["Fiable 3", "Blog 0", "Fiable 2"]


def test_contacts_quoted_in_feeds_are_masked_in_note_and_export(tmp_path):
    from veille.text import mask_contacts

    assert mask_contacts("Écrivez à jean.dupont@mail.example ou au 06 12 34 56 78") == \
        "Écrivez à [e-mail masqué] ou au [téléphone masqué]"
    assert mask_contacts("Appel au +33 6 12 34 56 78, 250 g à 9,90 €") == "Appel au [téléphone masqué], 250 g à 9,90 €"
    entries = make_entries()
    entries.loc[0, "title"] = "Avis : contactez claire@exemple.fr pour le café"
    entries.loc[0, "reliability"] = 5
    entries.loc[0, "summary"] = "Tél. 04 78 00 00 00"
    text = all_text(build_report(make_inputs(entries=entries), "fr"))
    assert "claire@exemple.fr" not in text and "e-mail masqué" in text  # brackets are escaped in Markdown
    csv_text = export_entries(entries, tmp_path, ("csv",))[0].read_text(encoding="utf-8-sig")
    assert "claire@exemple.fr" not in csv_text and "04 78 00 00 00" not in csv_text


def test_catch_all_topic_is_labelled_mixed_only_among_four_or_more():
    from dataclasses import replace

    from veille.analysis import Topic

    def topics(shares):
        return tuple(Topic(f"sujet {i}", (f"terme{i}",), int(s * 100), s, "image", (("Titre", "https://x.example", None),))
                     for i, s in enumerate(shares))

    inp = make_inputs()
    many = all_text(build_report(replace(inp, analysis=replace(inp.analysis, topics=topics([0.45, 0.2, 0.2, 0.15]))), "fr"))
    assert "Divers — sujet 0" in many and "Sujet le plus couvert sur l'année : sujet 1" in many
    two = all_text(build_report(replace(inp, analysis=replace(inp.analysis, topics=topics([0.6, 0.4]))), "fr"))
    assert "Divers" not in two and "Sujet le plus couvert sur l'année : sujet 0" in two
