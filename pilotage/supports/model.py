"""``supports.yaml``: the supports the team produced, the charter's words and the rights register.

Everything else the brief and the audit need is already in the case: the client's identity
(``case.yaml``), the concept and the actions (``plan.yaml``), the personas (``personas.yaml``).
``supports.yaml`` adds only what they do not hold::

    charter:
      use: [producteur, parcelle, traçabilité]      # words of the brand's tone
      avoid: [luxe, élitiste, exclusif]             # words the charter rules out
    supports:
      - id: S1
        name: E-mail de lancement
        file: supports/email-lancement.html
        kind: email                                 # email | landing | pdf | docx | pptx | image | video | text
        format: email                               # a format of pilotage/data/supports_formats.yaml
        action: A10
    rights:
      - asset: supports/images/producteur.jpg
        source: Photo Agence Tandem
        licence: cession de droits, tous supports numériques, France, 3 ans
        release: autorisation signée par la personne photographiée
        expires: 2029-12-31
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["SUPPORTS_FILE", "Charter", "HouseMessage", "MessageHouse", "Right", "Support", "SupportsFile",
           "load_supports"]

SUPPORTS_FILE = "supports.yaml"
Kind = Literal["email", "landing", "pdf", "docx", "pptx", "image", "video", "text"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Charter(Strict):
    tone: str = ""
    """The tone in one sentence (default: the plan's concept.tone)."""
    use: list[str] = []
    avoid: list[str] = []


class HouseMessage(Strict):
    text: str
    keywords: list[str] = []
    """Words whose presence shows that a support carries the message (default: taken from the text)."""
    proofs: list[str] = []


class MessageHouse(Strict):
    """The promise and its supporting messages, in order of importance (default: the plan's concept)."""

    promise: str
    messages: Annotated[list[HouseMessage], Field(min_length=1)]


class Support(Strict):
    id: str
    name: str = ""
    file: str
    kind: Kind
    format: str = ""
    """A format id of the specifications (dimensions, lengths, durations)."""
    action: str = ""
    """The plan action the support serves (A6)."""
    lang: str = "fr"
    alt: str | None = None
    """For an image: the alternative text entered when publishing it."""
    caption: str = ""
    """For an image or a video: the text published with it."""
    caption_file: str = ""
    """The same, read from a text file."""
    duration_s: Annotated[float, Field(gt=0)] | None = None
    """For a video: its duration in seconds as the team states it. Read from the file itself when
    ``file`` is the video (MP4, MOV, WebM) — a stated duration that differs is flagged; needed when
    ``file`` is only the subtitles (SRT/VTT)."""
    captions: str = ""
    """For a video file: its subtitles (SRT/VTT) when they are not a track of the video (default:
    a .vtt or .srt of the same name beside the video)."""
    sponsored: bool = False
    """A paid partnership (influence): the "Collaboration commerciale" mention is required."""
    people: bool = False
    """Shows recognisable people: an image release is required in the rights register."""
    audience_min_readability: Annotated[float, Field(ge=0, le=120)] | None = None
    """Lowest acceptable Kandel–Moles score (default 60: "standard")."""


class Right(Strict):
    asset: str
    """A file of the case (relative path) or an asset's name as used in the supports."""
    source: str = ""
    licence: str = ""
    release: str = ""
    """Image release of the people shown (name of the signed document)."""
    expires: _dt.date | None = None


class SupportsFile(Strict):
    version: Literal[1] = 1
    charter: Charter = Charter()
    message_house: MessageHouse | None = None
    supports: list[Support] = []
    rights: list[Right] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> SupportsFile:
        seen: set[str] = set()
        for s in self.supports:
            if s.id in seen:
                raise ValueError(f"support id {s.id!r} is used twice")
            seen.add(s.id)
        return self


def load_supports(path: Path) -> SupportsFile:
    """Read ``supports.yaml`` (every problem reported at once, each on its line)."""
    from toolkit.case import load_yaml_model

    return load_yaml_model(path, SupportsFile, display=path.name)  # type: ignore[return-value]
