"""OPML import and export: the subscription lists of Feedly, Inoreader, NetNewsWire …

Feed readers export subscriptions as OPML: one ``<outline xmlUrl="…">`` per feed, nested in
folder outlines. :func:`read_opml` turns such a file into :class:`~veille.sources.Source` objects:

* **axis** — the ``veilleAxis`` attribute written by :func:`write_opml`; else the name of the
  nearest enclosing folder when it names an axis: "Concurrentielle", "Veille concurrentielle",
  "Concurrence", "Competitors", "Technologique", "Tech", "Médias sociaux", "Réseaux sociaux",
  "Social media", "Environnement", "RSE", "Sociétal", "Image", "E-réputation", "Stratégique" …
  (accents and case ignored); else ``strategique``;
* **type** — ``veilleType``; else ``google_alerts`` for a Google Alerts feed URL; else a folder
  named after a type ("Presse", "Blogs", "Institutions", "Concurrents" …); else ``presse``;
* **reliability** — ``veilleReliability`` (1–5); else 3.

``feed://`` URLs are read as ``https://``. Folders without feeds are ignored; a feed URL that is
not http(s), or a ``veille*`` attribute with a wrong value, is an error naming its line.
:func:`write_opml` writes one folder per axis and the three ``veille*`` attributes, which
feed readers ignore and which make a round-trip lossless. Files with a DTD are refused (XML
entity expansion is a known attack on XML readers).
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from toolkit.case import AXES
from toolkit.errors import InputError, Issue
from toolkit.files import atomic_write_bytes
from veille.alerts import is_google_alerts_url
from veille.safexml import FeedRefused
from veille.sources import (
    AXIS_LABELS,
    DEFAULT_AXIS,
    DEFAULT_RELIABILITY,
    DEFAULT_TYPE,
    SOURCE_TYPES,
    Source,
)
from veille.urls import is_http_url, normalise_feed_url

__all__ = ["axis_from_label", "read_opml", "type_from_label", "write_opml"]

_AXIS_ALIASES = {
    "concurrentielle": "concurrentielle", "concurrence": "concurrentielle",
    "concurrents": "concurrentielle", "competition": "concurrentielle",
    "competitive": "concurrentielle", "competitors": "concurrentielle",
    "technologique": "technologique", "technologie": "technologique", "tech": "technologique",
    "technology": "technologique", "technological": "technologique", "innovation": "technologique",
    "strategique": "strategique", "strategie": "strategique", "strategic": "strategique",
    "strategy": "strategique", "marche": "strategique", "market": "strategique",
    "environnementale": "environnementale", "environnement": "environnementale",
    "environment": "environnementale", "environmental": "environnementale", "rse": "environnementale",
    "ecologie": "environnementale", "climat": "environnementale",
    "societale": "societale", "societal": "societale", "societe": "societale",
    "society": "societale", "consommation": "societale", "consommateurs": "societale",
    "image": "image", "e reputation": "image", "ereputation": "image", "reputation": "image",
    "marque": "image", "brand": "image",
    "medias sociaux": "medias_sociaux", "medias_sociaux": "medias_sociaux",
    "reseaux sociaux": "medias_sociaux", "social media": "medias_sociaux",
    "social": "medias_sociaux", "social networks": "medias_sociaux",
}
_TYPE_ALIASES = {
    "presse": "presse", "press": "presse", "news": "presse", "actualites": "presse", "medias": "presse",
    "blog": "blog", "blogs": "blog",
    "institution": "institution", "institutions": "institution", "officiel": "institution",
    "concurrent": "concurrent", "concurrents": "concurrent",
    "reseau social": "reseau_social", "reseau_social": "reseau_social",
    "google alerts": "google_alerts", "google_alerts": "google_alerts", "alertes": "google_alerts",
    "newsletter": "newsletter", "newsletters": "newsletter", "podcast": "podcast",
    "podcasts": "podcast", "etude": "etude", "etudes": "etude", "forum": "forum", "forums": "forum",
}


def _key(label: str) -> str:
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii").lower()
    text = " ".join(text.replace("-", " ").replace("_", " ").split())
    for prefix in ("veille ", "axe "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def axis_from_label(label: str) -> str | None:
    """The axis a folder name stands for ("Médias sociaux" → ``medias_sociaux``), or None."""
    key = _key(label)
    return _AXIS_ALIASES.get(key) or _AXIS_ALIASES.get(key.replace(" ", "_"))


def type_from_label(label: str) -> str | None:
    """The source type a folder name stands for ("Blogs" → ``blog``), or None."""
    key = _key(label)
    return _TYPE_ALIASES.get(key) or _TYPE_ALIASES.get(key.replace(" ", "_"))


def read_opml(path: str | Path) -> list[Source]:
    """Sources of an OPML subscription list, in file order (duplicate URLs kept once).

    Raises :class:`~toolkit.errors.InputError` naming the file (and line) when it cannot be read.
    """
    from xml.parsers import expat

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the OPML file: {exc.strerror}", file=path) from exc

    sources: list[Source] = []
    issues: list[Issue] = []
    seen: set[str] = set()
    stack: list[tuple[str | None, str | None]] = []  # (axis, type) of enclosing folders

    def start(name: str, attrs: dict[str, str]) -> None:
        if name != "outline":
            stack.append((None, None))
            return
        line = parser.CurrentLineNumber
        label = attrs.get("title") or attrs.get("text") or ""
        xml_url = attrs.get("xmlUrl") or attrs.get("xmlurl") or (
            attrs.get("url") if attrs.get("type", "").lower() in ("rss", "atom") else None)
        folder_axis = next((a for a, _ in reversed(stack) if a), None)
        folder_type = next((t for _, t in reversed(stack) if t), None)
        if not xml_url:
            stack.append((axis_from_label(label) if label else None,
                          type_from_label(label) if label else None))
            return
        stack.append((None, None))
        url = normalise_feed_url(xml_url)
        if not is_http_url(url):
            issues.append(Issue(f"feed URL {xml_url!r} is not http(s)", file=str(path), line=line,
                                hint="use the feed's http:// or https:// address"))
            return
        axis = attrs.get("veilleAxis") or folder_axis or DEFAULT_AXIS
        typ = attrs.get("veilleType") or ("google_alerts" if is_google_alerts_url(url) else None) \
            or folder_type or DEFAULT_TYPE
        rel_text = attrs.get("veilleReliability", str(DEFAULT_RELIABILITY)).strip()
        bad = []
        if axis not in AXES:
            bad.append(f"veilleAxis {axis!r} is not one of {', '.join(AXES)}")
        if typ not in SOURCE_TYPES:
            bad.append(f"veilleType {typ!r} is not one of {', '.join(SOURCE_TYPES)}")
        if not (rel_text.isdigit() and 1 <= int(rel_text) <= 5):
            bad.append(f"veilleReliability {rel_text!r} is not an integer from 1 to 5")
        if bad:
            issues.extend(Issue(b, file=str(path), line=line) for b in bad)
            return
        if url in seen:
            return
        seen.add(url)
        sources.append(Source(url=url, name=label.strip(), axis=axis, type=typ,
                              reliability=int(rel_text), origin="opml"))

    def refuse(*_args: object) -> None:
        raise FeedRefused("the file carries a DTD (<!DOCTYPE …>), refused for safety")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: stack.pop() if stack else None
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except FeedRefused as exc:
        raise InputError(str(exc), file=path, hint="export the OPML again from your feed reader") from exc
    except expat.ExpatError as exc:
        raise InputError(f"not a valid OPML/XML file ({expat.errors.messages[exc.code]})",
                         file=path, line=exc.lineno,
                         hint="export it again from Feedly/Inoreader (Settings → OPML export)") from exc
    if issues:
        msg = f"{len(issues)} problem{'s' if len(issues) > 1 else ''} in the OPML file"
        raise InputError(msg + ":\n" + "\n".join(f"  {i}" for i in issues), file=path,
                         hint="fix these outlines (or remove them) and run again")
    return sources


def write_opml(sources: Iterable[Source], path: str | Path, *, title: str = "Veille") -> Path:
    """Write ``sources`` as OPML 2.0 (one folder per axis, French labels), atomically.

    Importable by Feedly and Inoreader; the ``veilleAxis``/``veilleType``/``veilleReliability``
    attributes keep what those readers do not know, so :func:`read_opml` gets the sources back.
    """
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for s in sources:
        folder = folders.get(s.axis)
        if folder is None:
            label = AXIS_LABELS["fr"].get(s.axis, s.axis)
            folder = folders[s.axis] = ET.SubElement(body, "outline", text=label, title=label)
        ET.SubElement(folder, "outline", {
            "type": "rss", "text": s.label, "title": s.label, "xmlUrl": s.url,
            "veilleAxis": s.axis, "veilleType": s.type, "veilleReliability": str(s.reliability),
        })
    ET.indent(root, space="  ")
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
    return atomic_write_bytes(path, data)
