"""The watch's sources: every feed with its axis, type and reliability.

Sources come from two places, merged by :func:`veille.watchlist.load_sources`:

* ``case.yaml`` → ``watch.feeds`` (one entry per feed, see :class:`toolkit.case.FeedSource`)::

      watch:
        feeds:
          - {url: https://www.lsa-conso.example/rss, name: LSA Conso, axis: concurrentielle,
             type: presse, reliability: 4}
        opml: data/veille/feeds.opml

* an OPML file exported from Feedly or Inoreader (``watch.opml``), read by
  :func:`veille.opml.read_opml`: folders named after an axis give the axis.

Two entries with the same URL (after :func:`veille.urls.canonical_url`) are one source;
``case.yaml`` wins over the OPML, because it is where the user qualifies a source.

Each source has one of the seven axes of the certification (:data:`toolkit.case.AXES`), a type
(``presse``, ``blog``, ``institution``, ``concurrent``, ``reseau_social``, ``google_alerts`` …)
and a reliability rating from 1 (doubtful) to 5 (reference: institution, official statistics).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from toolkit.case import AXES, SourceType
from toolkit.i18n import per_lang
from veille.alerts import is_google_alerts_url
from veille.urls import is_http_url

if TYPE_CHECKING:
    from pathlib import Path


__all__ = ["AXIS_LABELS", "SOURCE_TYPES", "TYPE_LABELS", "Source", "slugify", "snapshot_name"]

#: The name of each axis (:data:`toolkit.case.AXES`) and source type, in each language.
AXIS_LABELS: dict[str, dict[str, str]] = per_lang({"concurrentielle": "Concurrentielle", "technologique": "Technologique", "strategique": "Stratégique",
           "environnementale": "Environnementale", "societale": "Sociétale", "image": "Image",
           "medias_sociaux": "Médias sociaux"})
TYPE_LABELS: dict[str, dict[str, str]] = per_lang({"presse": "Presse", "blog": "Blog", "institution": "Institution", "concurrent": "Concurrent",
           "reseau_social": "Réseau social", "google_alerts": "Google Alerts", "newsletter": "Newsletter",
           "podcast": "Podcast", "etude": "Étude", "forum": "Forum", "autre": "Autre"})

SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)
DEFAULT_AXIS = "strategique"
DEFAULT_TYPE = "presse"
DEFAULT_RELIABILITY = 3


@dataclass(frozen=True)
class Source:
    """One feed of the watch.

    ``reliability`` runs from 1 (doubtful) to 5 (reference source); ``origin`` says where it was
    declared (``"case.yaml"`` or ``"opml"``).
    """

    url: str
    name: str = ""
    axis: str = DEFAULT_AXIS
    type: str = DEFAULT_TYPE
    reliability: int = DEFAULT_RELIABILITY
    origin: Literal["case.yaml", "opml"] = "case.yaml"

    def __post_init__(self) -> None:
        if not is_http_url(self.url):
            raise ValueError(f"a feed URL must start with http:// or https:// (got {self.url!r})")
        if self.axis not in AXES:
            raise ValueError(f"unknown axis {self.axis!r}; expected one of {', '.join(AXES)}")
        if self.type not in SOURCE_TYPES:
            raise ValueError(f"unknown source type {self.type!r}; expected one of {', '.join(SOURCE_TYPES)}")
        if not (isinstance(self.reliability, int) and 1 <= self.reliability <= 5):
            raise ValueError(f"reliability must be an integer from 1 to 5 (got {self.reliability!r})")

    @property
    def label(self) -> str:
        """The name, or the URL's host when the source has no name."""
        if self.name:
            return self.name
        from urllib.parse import urlsplit

        return urlsplit(self.url).hostname or self.url

    @property
    def is_google_alerts(self) -> bool:
        return self.type == "google_alerts" or is_google_alerts_url(self.url)


def slugify(text: str) -> str:
    """``"L'Écho du Café !"`` → ``"l-echo-du-cafe"`` (ASCII, lowercase, hyphens)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def snapshot_name(source: Source) -> str:
    """File stem of a source's saved feed: the slug of its name, else of its URL.

    ``Source(name="LSA Conso")`` → ``lsa-conso`` (read from ``lsa-conso.xml``, ``.rss`` or ``.atom``);
    a source without a name: ``https://www.exemple.fr/flux/rss`` → ``www-exemple-fr-flux-rss``.
    """
    if source.name and slugify(source.name):
        return slugify(source.name)
    return slugify(re.sub(r"^https?://", "", source.url))[:120]


def snapshot_path(folder: Path, source: Source) -> Path | None:
    """The saved feed file of ``source`` in ``folder``, if one exists."""
    stem = snapshot_name(source)
    for ext in (".xml", ".rss", ".atom"):
        p = folder / f"{stem}{ext}"
        if p.is_file():
            return p
    return None
