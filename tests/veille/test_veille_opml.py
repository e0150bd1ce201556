"""OPML import (Feedly / Inoreader exports) and export, and load_sources merging case.yaml + OPML."""

from __future__ import annotations

import pytest

from toolkit.case import load_case
from toolkit.errors import InputError
from veille.opml import axis_from_label, read_opml, type_from_label, write_opml
from veille.sources import Source, snapshot_name
from veille.watchlist import load_sources

# Shaped like a Feedly export: folders as outer outlines, text+title, htmlUrl, no custom attributes.
FEEDLY = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Camille subscriptions in feedly Cloud</title></head>
  <body>
    <outline text="Veille concurrentielle" title="Veille concurrentielle">
      <outline type="rss" text="Café Lumen — le blog" title="Café Lumen — le blog"
               xmlUrl="https://www.cafe-lumen.example/blog/feed" htmlUrl="https://www.cafe-lumen.example/blog"/>
      <outline type="rss" text="Alerte : Grains d'Ici" title="Alerte : Grains d'Ici"
               xmlUrl="https://www.google.com/alerts/feeds/01234567890/1122334455" htmlUrl="https://www.google.com/alerts"/>
    </outline>
    <outline text="Médias sociaux" title="Médias sociaux">
      <outline text="Blogs" title="Blogs">
        <outline type="rss" text="Social Media Lab" title="Social Media Lab" xmlUrl="feed://socialmedialab.example/rss"/>
      </outline>
    </outline>
    <outline text="Divers" title="Divers">
      <outline type="rss" text="Actu générale" title="Actu générale" xmlUrl="https://actu.example/rss"/>
    </outline>
    <outline type="rss" text="Hors dossier" title="Hors dossier" xmlUrl="https://hors.example/atom.xml"/>
  </body>
</opml>
"""
# Shaped like an Inoreader export (title only, xmlUrl/htmlUrl, tags as folders).
INOREADER = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Subscriptions of camille from Inoreader [https://www.inoreader.com]</title></head>
<body><outline title="Environnement" text="Environnement">
<outline text="Ademe actualités" title="Ademe actualités" type="rss" xmlUrl="https://ademe.example/rss" htmlUrl="https://ademe.example"/>
<outline text="Ademe actualités (doublon)" title="Ademe actualités" type="rss" xmlUrl="https://ademe.example/rss"/>
</outline></body></opml>
"""


def test_feedly_export_folders_give_axes_and_types(tmp_path):
    p = tmp_path / "feedly.opml"
    p.write_text(FEEDLY, encoding="utf-8")
    got = {s.name: s for s in read_opml(p)}
    assert list(got) == ["Café Lumen — le blog", "Alerte : Grains d'Ici", "Social Media Lab", "Actu générale", "Hors dossier"]
    assert got["Café Lumen — le blog"].axis == "concurrentielle" and got["Café Lumen — le blog"].type == "presse"
    alert = got["Alerte : Grains d'Ici"]
    assert alert.type == "google_alerts" and alert.axis == "concurrentielle"
    social = got["Social Media Lab"]
    assert social.axis == "medias_sociaux" and social.type == "blog"  # nested folders: axis + type
    assert social.url == "https://socialmedialab.example/rss"  # feed:// read as https://
    assert got["Actu générale"].axis == "strategique" and got["Hors dossier"].axis == "strategique"
    assert {s.origin for s in got.values()} == {"opml"} and {s.reliability for s in got.values()} == {3}


def test_inoreader_export_and_duplicate_urls(tmp_path):
    p = tmp_path / "ino.xml"
    p.write_text(INOREADER, encoding="utf-8")
    got = read_opml(p)
    assert len(got) == 1 and got[0].axis == "environnementale" and got[0].name == "Ademe actualités"


def test_round_trip_keeps_axis_type_and_reliability(tmp_path):
    sources = [
        Source(url="https://a.example/rss", name="A", axis="technologique", type="blog", reliability=2),
        Source(url="https://b.example/rss", name="B & « C »", axis="medias_sociaux", type="reseau_social", reliability=5),
        Source(url="https://www.google.com/alerts/feeds/1/2", name="Alerte", axis="image", type="google_alerts", reliability=3),
        Source(url="https://d.example/rss", name="D", axis="technologique", type="etude", reliability=4),
    ]
    path = write_opml(sources, tmp_path / "out" / "veille.opml")
    back = read_opml(path)
    key = lambda s: (s.url, s.name, s.axis, s.type, s.reliability)  # noqa: E731
    assert sorted(map(key, back)) == sorted(map(key, sources))
    text = path.read_text(encoding="utf-8")
    assert 'text="Médias sociaux"' in text and "xmlUrl=" in text  # readers see axis folders


def test_custom_attribute_beats_folder_and_bad_values_are_located(tmp_path):
    p = tmp_path / "x.opml"
    p.write_text('<opml version="2.0"><body><outline text="Image">\n'
                 '<outline type="rss" text="A" xmlUrl="https://a.example/rss" veilleAxis="societale" veilleReliability="5"/>\n'
                 '<outline type="rss" text="B" xmlUrl="ftp://b.example/rss"/>\n'
                 '<outline type="rss" text="C" xmlUrl="https://c.example/rss" veilleReliability="9"/>\n'
                 "</outline></body></opml>", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_opml(p)
    msg = str(err.value)
    assert "2 problems" in msg and ":3:" in msg and "not http(s)" in msg and ":4:" in msg and "veilleReliability" in msg
    p.write_text('<opml version="2.0"><body><outline text="Image">'
                 '<outline type="rss" text="A" xmlUrl="https://a.example/rss" veilleAxis="societale" veilleReliability="5"/>'
                 "</outline></body></opml>", encoding="utf-8")
    (a,) = read_opml(p)
    assert (a.axis, a.reliability) == ("societale", 5)


def test_unsafe_or_broken_files_are_refused_with_their_location(tmp_path):
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
                    '<opml><body><outline text="&b;" xmlUrl="https://a.example/rss"/></body></opml>')
    with pytest.raises(InputError, match="DTD"):
        read_opml(bomb)
    broken = tmp_path / "broken.opml"
    broken.write_text('<opml>\n<body>\n<outline text="x">\n</body></opml>')
    with pytest.raises(InputError) as err:
        read_opml(broken)
    assert err.value.line == 4 and "broken.opml" in str(err.value)
    with pytest.raises(InputError, match="cannot read"):
        read_opml(tmp_path / "absent.opml")


@pytest.mark.parametrize(("label", "axis"), [
    ("Concurrence", "concurrentielle"), ("Veille technologique", "technologique"), ("Tech", "technologique"),
    ("RÉSEAUX SOCIAUX", "medias_sociaux"), ("Social media", "medias_sociaux"), ("E-réputation", "image"),
    ("RSE", "environnementale"), ("Sociétal", "societale"), ("Stratégie", "strategique"), ("Recettes", None),
])
def test_folder_names_map_to_axes(label, axis):
    assert axis_from_label(label) == axis


def test_folder_names_map_to_types():
    assert type_from_label("Blogs") == "blog" and type_from_label("Institutions") == "institution"
    assert type_from_label("Concurrents") == "concurrent" and type_from_label("Divers") is None


def test_load_sources_merges_case_yaml_and_opml_case_yaml_wins(example_case):
    import yaml

    cfg = yaml.safe_load((example_case / "case.yaml").read_text(encoding="utf-8"))
    (example_case / "data" / "mes-flux.opml").write_text(FEEDLY, encoding="utf-8")
    cfg["watch"]["opml"] = "data/mes-flux.opml"
    cfg["watch"]["feeds"] = [
        {"url": "https://www.cafe-lumen.example/blog/feed/", "name": "Café Lumen", "axis": "image",
         "type": "concurrent", "reliability": 2},
        {"url": "https://www.google.fr/alerts/feeds/9/9", "name": "Alerte Brûlerie", "axis": "image"},
    ]
    (example_case / "case.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    sources = load_sources(load_case(example_case))
    by_url = {s.url: s for s in sources}
    assert len(sources) == 2 + 4  # the Café Lumen feed is in both (trailing slash aside)
    lumen = by_url["https://www.cafe-lumen.example/blog/feed/"]
    assert (lumen.origin, lumen.axis, lumen.type, lumen.reliability) == ("case.yaml", "image", "concurrent", 2)
    assert by_url["https://www.google.fr/alerts/feeds/9/9"].type == "google_alerts"  # recognised from its URL
    cfg["watch"]["opml"] = "data/absent.opml"
    (example_case / "case.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="does not exist"):
        load_sources(load_case(example_case))


def test_snapshot_names_are_slugs_of_source_names():
    assert snapshot_name(Source(url="https://a.example/rss", name="L'Écho du Café !")) == "l-echo-du-cafe"
    assert snapshot_name(Source(url="https://www.exemple.fr/flux/rss")) == "www-exemple-fr-flux-rss"
