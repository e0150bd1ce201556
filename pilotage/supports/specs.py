"""The dated, sourced specifications of supports (``pilotage/data/supports_formats.yaml``).

Formats (dimensions, lengths, durations, file types, each with its source), the formats an
action of the plan calls for, the accessibility requirements per kind of support (WCAG 2.2 AA,
RGAA 4.1), the legal checklist with its references, and the lexicons the audit uses.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from toolkit.i18n import per_lang

__all__ = ["FIELD_LABELS", "FormatSpec", "Specs", "specs"]

#: Names of the text fields whose length a format limits.
FIELD_LABELS = per_lang({"subject": "objet", "body": "texte", "caption": "légende", "title": "titre",
                       "headline": "titre", "description": "description", "primary_text": "texte principal"}, key_contexts={"headline": "headline"})


@dataclass(frozen=True)
class FormatSpec:
    id: str
    label_fr: str
    label_en: str
    kind: str
    source: str
    width: int | None = None
    height: int | None = None
    page_mm: tuple[float, float] | None = None
    duration_s: tuple[float | None, float | None] = (None, None)
    max_chars: dict[str, int] = field(default_factory=dict)
    max_hashtags: int | None = None
    file_types: tuple[str, ...] = ()

    def label(self, lang: str = "fr") -> str:
        return self.label_en if lang == "en" else self.label_fr

    def summary(self, lang: str = "fr") -> str:
        """Dimensions, durations and lengths in one line ("1080 × 1080 px ; légende ≤ 2200 car.")."""
        en = lang == "en"
        parts = []
        if self.width and self.height:
            parts.append(f"{self.width} × {self.height} px")
        elif self.width:
            parts.append(f"{self.width} px" + (" wide" if en else " de large"))
        if self.page_mm:
            parts.append(f"{self.page_mm[0]:g} × {self.page_mm[1]:g} mm")
        lo, hi = self.duration_s
        if hi:
            parts.append(f"{lo:g}–{hi:g} s" if lo else f"≤ {hi:g} s")
        for k, v in self.max_chars.items():
            name = FIELD_LABELS["en" if en else "fr"].get(k, k)
            parts.append(f"{name} ≤ {v} " + ("chars" if en else "car."))
        if self.max_hashtags:
            parts.append(f"≤ {self.max_hashtags} hashtags")
        return " ; ".join(parts) if not en else "; ".join(parts)


@dataclass(frozen=True)
class Specs:
    as_of: str
    formats: dict[str, FormatSpec]
    by_name: dict[str, tuple[str, ...]]
    by_platform: dict[str, tuple[str, ...]]
    by_channel: dict[str, tuple[str, ...]]
    accessibility: dict[str, tuple[dict[str, str], ...]]
    legal: tuple[dict[str, Any], ...]
    green_claims: tuple[dict[str, str], ...]
    inclusive: tuple[dict[str, str], ...]
    vague_links: tuple[str, ...]
    unsubscribe_words: tuple[str, ...]
    legal_notice_words: tuple[str, ...]
    privacy_words: tuple[str, ...]
    sponsored_words: tuple[str, ...]
    subtitle_reading: dict[int, int]
    sector_rules: tuple[dict[str, Any], ...] = ()

    def rules_for_sector(self, sector: str) -> list[dict[str, Any]]:
        """The advertising rules whose sector words appear in ``sector`` (case.yaml › client.sector)."""
        words = set(re.findall(r"[^\W\d_]+", _fold(sector)))
        return [r for r in self.sector_rules if words & {_fold(w) for w in r["sectors"]}]

    def formats_for(self, platform: str, channel: str, name: str = "") -> tuple[str, ...]:
        """The formats an action calls for: a word of its name first, else its platform, else its channel."""
        low = name.lower()
        for word, fids in self.by_name.items():
            if word in low:
                return fids
        return self.by_platform.get(platform) or self.by_channel.get(channel) or ()

    def legal_for(self, kind: str, sponsored: bool = False) -> list[dict[str, Any]]:
        return [item for item in self.legal
                if "all" in item["applies_to"] or kind in item["applies_to"]
                or (sponsored and "sponsored" in item["applies_to"])]


def _format(fid: str, d: dict[str, Any]) -> FormatSpec:
    dur = d.get("duration_s") or {}
    return FormatSpec(
        id=fid, label_fr=d["label"]["fr"], label_en=d["label"]["en"], kind=d["kind"], source=d.get("source", ""),
        width=d.get("width"), height=d.get("height"),
        page_mm=tuple(d["page_mm"]) if d.get("page_mm") else None,  # type: ignore[arg-type]
        duration_s=(dur.get("min"), dur.get("max")), max_chars=dict(d.get("max_chars") or {}),
        max_hashtags=d.get("max_hashtags"), file_types=tuple(d.get("file_types") or ()))


@functools.cache
def specs() -> Specs:
    """The specifications shipped with the toolkit (read once)."""
    text = resources.files("pilotage").joinpath("data", "supports_formats.yaml").read_text(encoding="utf-8")
    d = yaml.safe_load(text)
    return Specs(
        as_of=str(d["as_of"]),
        formats={k: _format(k, v) for k, v in d["formats"].items()},
        by_name={k: tuple(v) for k, v in d["by_name"].items()},
        by_platform={k: tuple(v) for k, v in d["by_platform"].items()},
        by_channel={k: tuple(v) for k, v in d["by_channel"].items()},
        accessibility={k: tuple(v) for k, v in d["accessibility"].items()},
        legal=tuple(d["legal"]), green_claims=tuple(d["green_claims"]), inclusive=tuple(d["inclusive"]),
        vague_links=tuple(d["vague_links"]), unsubscribe_words=tuple(d["unsubscribe_words"]),
        legal_notice_words=tuple(d["legal_notice_words"]), privacy_words=tuple(d["privacy_words"]),
        sponsored_words=tuple(d["sponsored_words"]),
        subtitle_reading={int(k): int(v) for k, v in d["subtitle_reading"].items()},
        sector_rules=tuple(d.get("sector_rules") or ()),
    )


def _fold(text: str) -> str:
    from veille.text import strip_accents

    return strip_accents(text.lower())
