"""Words of headlines, the way the analysis counts them: French and English, accents handled.

Headlines mix French and English ("Le cold brew s'installe dans les cafés"). Before
counting, each text is lower-cased, French elisions
are dropped (``l'``, ``d'``, ``qu'``, ``s'`` … — "l'arabica" counts as "arabica"), and accents
are stripped so that "cafe" and "café" are one term. Stop words of both languages
(``veille/data/stopwords_*.txt``) are dropped, and so are numbers and one-letter tokens.

For display, :class:`DisplayForms` remembers the most frequent accented spelling of each
normalised word, so the note shows "café torréfié" and not "cafe torrefie".
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

__all__ = ["DisplayForms", "mask_contacts", "normalize", "normalize_many", "stop_words", "strip_accents", "tokenize"]

_TOKEN = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)*")  # letters, inner hyphens ok
_TAGS = re.compile(r"<[^>]{0,200}>")
_COMBINING = re.compile("[\u0300-\u036f]")


def mask_contacts(text: str, lang: str = "fr") -> str:
    """Hide e-mail addresses and phone numbers quoted in feed text (forums, Google Alerts,
    reviews) before it reaches a deliverable or an export: personal data stays out."""
    if not text or ("@" not in text and not any(ch.isdigit() for ch in text)):
        return text
    from toolkit.privacy import mask_text  # the toolkit's one personal-data masker

    return mask_text(text, lang, kinds=("email", "phone", "iban"))


def strip_accents(text: str) -> str:
    """``"Café torréfié"`` → ``"Cafe torrefie"`` (œ → oe, æ → ae).

    NFKD decomposition then removal of the combining marks (both in C: fast on 50,000
    headlines); text already decomposed (NFD, as macOS writes it) comes out the same.
    Letters of other scripts are kept.
    """
    if text.isascii():
        return text
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def _pre(text: str) -> str:
    # Elisions need no regex: the tokenizer splits "l'arabica" at the apostrophe, the
    # one-letter "l" is too short to be a token and "qu", "jusqu" … are stop words.
    text = _TAGS.sub(" ", text) if "<" in text else text
    return text.lower()


def normalize(text: str) -> str:
    """The preprocessor given to scikit-learn: lower case, no accents, no HTML tags."""
    return strip_accents(_pre(text or ""))


def normalize_many(texts: Iterable[str]) -> list[str]:
    """:func:`normalize` of many texts in one pass (joined, converted, split): the C-level
    string functions then run once over the whole corpus instead of once per headline."""
    items = [(t or "").replace("\n", " ").replace("\r", " ") for t in texts]
    if not items:
        return []
    return normalize("\n".join(items)).split("\n")


def tokenize(text: str, stops: frozenset[str] | None = None) -> list[str]:
    """Normalised words of ``text`` (≥ 2 letters, numbers dropped), minus ``stops``."""
    words = [w for w in _TOKEN.findall(normalize(text or "")) if len(w) >= 2]
    if stops is None:
        return words
    return [w for w in words if w not in stops]


@cache
def stop_words(langs: tuple[str, ...] = ("fr", "en")) -> frozenset[str]:
    """Normalised stop words of the given languages (from ``veille/data``)."""
    out: set[str] = set(string.ascii_lowercase)  # elided l', d', s' … and stray letters
    for lang in langs:
        text = resources.files("veille").joinpath("data", f"stopwords_{lang}.txt").read_text(encoding="utf-8")
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.add(strip_accents(line.lower()))
    return frozenset(out)


class DisplayForms:
    """Most frequent original spelling (accents kept) of each normalised word."""

    def __init__(self) -> None:
        self._counts: dict[str, Counter[str]] = {}

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> DisplayForms:
        """Learn the spellings of every word of ``texts`` (one regex pass over all of them)."""
        forms = cls()
        words = Counter(_TOKEN.findall(_pre("\n".join(texts))))
        for word, n in words.items():
            forms._counts.setdefault(strip_accents(word), Counter())[word] += n
        return forms

    def word(self, normalised: str) -> str:
        counter = self._counts.get(normalised)
        return counter.most_common(1)[0][0] if counter else normalised

    def term(self, normalised_term: str) -> str:
        """``"cafe torrefie"`` → ``"café torréfié"``."""
        return " ".join(self.word(w) for w in normalised_term.split())
