"""Readability of a French text: the Kandel–Moles adaptation of Flesch's reading ease.

Kandel, L. & Moles, A. (1958), « Application de l'indice de Flesch à la langue française »,
*Cahiers Études de Radio-Télévision*, 19, 253–274, refit Flesch's formula (1948) on French::

    L = 207 − 1,015 × (mots / phrases) − 73,6 × (syllabes / mots)

(also written ``207 − 1,015 × mots par phrase − 0,736 × syllabes pour 100 mots``). Like Flesch's,
the score runs from about 0 (very hard) to 100 and more (very easy); 60–70 is the level of a
general-public text. English texts get Flesch's own coefficients (206,835; 1,015; 84,6).

Counting is approximate, as in every tool that applies these formulas: a sentence ends at
``. ! ? …`` (or a line break in a list); a word is a run of letters (elided ``l'``, ``d'``,
``qu'`` … join the next word; figures are not words); a syllable is a group of written vowels,
less the mute final ``e``/``es`` and the final ``-que``/``-gue``; hiatus (``co-o-pé``) is
counted as one syllable. The score is a signal to rewrite long sentences and long words, not
a verdict.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["COEFFICIENTS", "Readability", "band", "count_syllables", "flesch", "readability", "split_sentences",
           "split_words"]

#: (constant, per word per sentence, per syllable per word)
COEFFICIENTS: dict[str, tuple[float, float, float]] = {
    "fr": (207.0, 1.015, 73.6),      # Kandel & Moles (1958)
    "en": (206.835, 1.015, 84.6),    # Flesch (1948)
}

_VOWELS = "aeiouyàâäéèêëîïôöùûüÿœæ"
_GROUP = re.compile(f"[{_VOWELS}]+")
_ELISION = re.compile(r"\b(?:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])['’]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:[-][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]+[\"»”)\]]*(?:\s+|$)|\n\s*\n|\n(?=\s*[-•*]\s)")


def count_syllables(word: str) -> int:
    """Written syllables of one French word (at least 1)."""
    w = unicodedata.normalize("NFC", word.lower())
    total = 0
    for part in w.split("-"):
        groups = _GROUP.findall(part)
        n = len(groups)
        if n > 1:
            if re.search(r"(?:qu|gu)es?$", part):
                n -= 1
            elif re.search(f"[^{_VOWELS}]es?$", part):
                n -= 1
        total += max(1, n) if part else 0
    return max(1, total)


def split_words(text: str) -> list[str]:
    """The words of a text (elisions joined to the next word, figures left out)."""
    return _WORD.findall(_ELISION.sub("", text))


def split_sentences(text: str) -> list[str]:
    """The sentences of a text (non-empty, with at least one word)."""
    parts = _SENTENCE_END.split(text.strip())
    return [p.strip() for p in parts if p and split_words(p)]


def flesch(words: int, sentences: int, syllables: int, lang: str = "fr") -> float:
    """Reading ease from the counts (Kandel–Moles in French, Flesch in English)."""
    if words <= 0 or sentences <= 0:
        raise ValueError("a readability score needs at least one word and one sentence")
    a, b, c = COEFFICIENTS["en" if lang == "en" else "fr"]
    return a - b * (words / sentences) - c * (syllables / words)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    score: float | None
    """None when the text has no word."""

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0


def readability(text: str, lang: str = "fr") -> Readability:
    """Counts and score of a text."""
    sentences = split_sentences(text)
    words = [w for s in sentences for w in split_words(s)]
    if not words:
        return Readability(0, 0, 0, None)
    syllables = sum(count_syllables(w) for w in words)
    n_sent = max(1, len(sentences))
    return Readability(len(words), n_sent, syllables, flesch(len(words), n_sent, syllables, lang))


_BANDS = ((90, "très facile", "very easy"), (80, "facile", "easy"), (70, "assez facile", "fairly easy"),
          (60, "standard", "standard"), (50, "assez difficile", "fairly difficult"), (30, "difficile", "difficult"),
          (float("-inf"), "très difficile", "very difficult"))


def band(score: float, lang: str = "fr") -> str:
    """Flesch's own bands (1948), which Kandel and Moles kept for French."""
    for low, fr, en in _BANDS:
        if score >= low:
            return en if lang == "en" else fr
    return ""
