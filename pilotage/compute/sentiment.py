"""Sentiment of short French and English texts (reviews, social mentions): a lexicon with
negation, intensifiers and contrast handling — transparent, fast, no training data needed.

Method (in the spirit of VADER, Hutto & Gilbert 2014, adapted to French):

1. Text is lower-cased, accents are stripped, and split into clauses at punctuation.
2. Each word (or 2–3-word phrase such as « trop cher », « never arrived ») found in the
   language's lexicon (``pilotage/data/sentiment_fr.txt`` / ``sentiment_en.txt``, scores
   −3…+3, ``*`` = stem) adds its score.
3. **Negation**: a score preceded, within 3 words of the same clause, by a negator
   (ne/n', pas, jamais, rien, aucun, sans, ni / not, no, never, n't, without) is reversed at
   74 % of its strength (VADER's factor): « pas bon » → −0,74 ; « pas mauvais » → +1,48.
   Idioms are lexicon phrases (« pas mal » = +1).
4. **Intensifiers** (très, vraiment, tellement, hyper / very, really, so, extremely)
   multiply the next scored word by 1.5.
5. **Contrast** (mais, cependant, pourtant / but, however, though): what comes before the
   connective counts half, what comes after counts 1.5 times.
6. Label: ``positive`` when the total > 0.5, ``negative`` when < −0.5, else ``neutral``.

The language is detected per text from stop-word counts (French wins ties: French is the
default of the toolkit). :func:`evaluate_against_ratings` measures the method against star
ratings (4–5 ★ = positive, 3 = neutral, 1–2 = negative): accuracy and macro-F1 are printed in
every e-reputation deliverable, so the reader knows how far to trust the sentiment shares.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "LABELS",
    "SentimentAccuracy",
    "detect_language",
    "evaluate_against_ratings",
    "label_from_rating",
    "normalise",
    "score_text",
    "sentiment_label",
    "tokenize",
]

LABELS = ("negative", "neutral", "positive")
THRESHOLD = 0.5
#: A negated word keeps 74 % of its strength, reversed (VADER's N_SCALAR, Hutto & Gilbert 2014).
NEGATION_FACTOR = 0.74

_NEGATORS = {
    "fr": {"ne", "n", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni", "guere", "nullement"},
    "en": {"not", "no", "never", "t", "dont", "didnt", "doesnt", "isnt", "wasnt", "cant", "wont",
           "without", "nor", "hardly", "nothing"},
}
_INTENSIFIERS = {
    "fr": {"tres", "vraiment", "tellement", "hyper", "extremement", "absolument", "totalement", "super", "si", "trop"},
    "en": {"very", "really", "so", "extremely", "absolutely", "totally", "super", "incredibly", "too"},
}
_CONTRAST = {"fr": {"mais", "cependant", "pourtant", "toutefois", "neanmoins"},
             "en": {"but", "however", "though", "although", "yet"}}
_STOP = {
    "fr": {"le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "je", "nous", "vous", "il", "elle",
           "pour", "avec", "pas", "tres", "mais", "que", "qui", "dans", "sur", "au", "aux", "ce", "cette", "mon",
           "ma", "mes", "on", "en", "ne", "plus", "c", "j", "l", "d", "a", "ai", "sont", "leur", "tout"},
    "en": {"the", "a", "an", "and", "is", "i", "we", "you", "it", "for", "with", "not", "very", "but", "that",
           "this", "in", "on", "of", "to", "my", "was", "are", "have", "has", "they", "their", "so", "be", "at",
           "from", "just", "been", "would", "really", "s", "t"},
}


def normalise(text: str) -> str:
    """Lower case, no accents, straight apostrophes (``« Très déçu ! »`` → ``« tres decu ! »``)."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return t.lower().replace("’", "'")


def tokenize(text: str) -> list[str]:
    """Words of an already normalised text (apostrophes split words: ``n'est`` → n, est)."""
    return re.findall(r"[a-z0-9]+", text)


def detect_language(text: str) -> str:
    """``"fr"`` or ``"en"`` from stop-word counts, then lexicon words; ties → fr."""
    toks = tokenize(normalise(text))
    fr = sum(t in _STOP["fr"] for t in toks)
    en = sum(t in _STOP["en"] for t in toks)
    if fr == en:  # no stop word ("Awful experience, avoid."): count the lexicons' words instead
        fr = sum(_word_in(t, "fr") for t in toks)
        en = sum(_word_in(t, "en") for t in toks)
    return "en" if en > fr else "fr"


def _word_in(token: str, lang: str) -> bool:
    return (token,) in _lexicon(lang).phrases or (len(token) >= 3 and _stem_score(lang, token) is not None)


@dataclass(frozen=True)
class _Lexicon:
    phrases: dict[tuple[str, ...], float]
    stems: tuple[tuple[str, float], ...]
    max_len: int


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> _Lexicon:
    text = resources.files("pilotage").joinpath("data", f"sentiment_{lang}.txt").read_text(encoding="utf-8")
    phrases: dict[tuple[str, ...], float] = {}
    stems: list[tuple[str, float]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, score = line.rsplit("\t", 1)
        value = float(score)
        if term.endswith("*"):
            stems.append((normalise(term[:-1]), value))
        else:
            phrases[tuple(tokenize(normalise(term)))] = value
    stems.sort(key=lambda s: -len(s[0]))
    return _Lexicon(phrases, tuple(stems), max(len(p) for p in phrases))


@lru_cache(maxsize=65536)
def _stem_score(lang: str, token: str) -> float | None:
    """Score of the longest lexicon stem that starts ``token`` (memoised: words repeat)."""
    for stem, value in _lexicon(lang).stems:
        if token.startswith(stem):
            return value
    return None


def _clause_score(tokens: list[str], lang: str) -> float:
    lex = _lexicon(lang)
    neg, inten, contrast = _NEGATORS[lang], _INTENSIFIERS[lang], _CONTRAST[lang]
    before: list[float] = []
    after: list[float] = []
    current = before
    i = 0
    last_neg = -10
    boost = 1.0
    while i < len(tokens):
        tok = tokens[i]
        if tok == ",":  # a comma ends the scope of a negation
            last_neg = -10
            i += 1
            continue
        if tok in contrast:
            current = after
            last_neg = -10
            i += 1
            continue
        score = None
        n_used = 1
        for n in range(min(lex.max_len, len(tokens) - i), 0, -1):
            key = tuple(tokens[i:i + n])
            if key in lex.phrases:
                score, n_used = lex.phrases[key], n
                break
        if score is None and len(tok) >= 3:
            score = _stem_score(lang, tok)
        if score is None:
            if tok in neg:
                last_neg = i
            if tok in inten:
                boost = 1.5
            i += 1
            continue
        if i - last_neg <= 3:
            score = -NEGATION_FACTOR * score
        current.append(score * boost)
        boost = 1.0
        i += n_used
    if after:
        return 0.5 * sum(before) + 1.5 * sum(after)
    return sum(before)


def score_text(text: str, lang: str | None = None) -> float:
    """Sentiment score of a text (sum over clauses; > 0.5 positive, < −0.5 negative)."""
    if text is None:
        return 0.0
    lang = lang if lang in ("fr", "en") else detect_language(text)
    norm = normalise(text)
    total = 0.0
    for clause in re.split(r"[.!?;:\n()]+", norm):
        toks = re.findall(r"[a-z0-9]+|,", clause)
        total += _clause_score(toks, lang)
    return total


def sentiment_label(score: float) -> str:
    """``positive`` / ``neutral`` / ``negative`` from a score (threshold ±0.5)."""
    if score > THRESHOLD:
        return "positive"
    if score < -THRESHOLD:
        return "negative"
    return "neutral"


def label_from_rating(rating: float, scale: int = 5) -> str | None:
    """Reference label of a rating: 1–2 ★ negative, 3 neutral, 4–5 positive (on 5)."""
    try:
        r = float(rating)
    except (TypeError, ValueError):
        return None
    if r != r:
        return None
    r = r * 5 / scale
    return "negative" if r < 2.5 else ("neutral" if r < 3.5 else "positive")


@dataclass(frozen=True)
class SentimentAccuracy:
    """How the lexicon agrees with reference labels (e.g. from ratings)."""

    n: int
    accuracy: float
    macro_f1: float
    f1: dict[str, float]
    confusion: tuple[tuple[int, ...], ...]  # rows = reference (negative, neutral, positive), cols = predicted
    polar_accuracy: float  # positive vs negative only (neutral references and predictions excluded)
    n_polar: int


def evaluate_against_ratings(predicted: Iterable[str], reference: Iterable[str | None]) -> SentimentAccuracy:
    """Accuracy and F1 of predicted labels against reference labels (None references skipped)."""
    pairs = [(r, p) for p, r in zip(predicted, reference, strict=True) if r in LABELS]
    n = len(pairs)
    conf = [[0, 0, 0] for _ in LABELS]
    for r, p in pairs:
        conf[LABELS.index(r)][LABELS.index(p)] += 1
    f1: dict[str, float] = {}
    for k, lab in enumerate(LABELS):
        tp = conf[k][k]
        fp = sum(conf[j][k] for j in range(3)) - tp
        fn = sum(conf[k]) - tp
        f1[lab] = 2 * tp / (2 * tp + fp + fn) if (2 * tp + fp + fn) else float("nan")
    present = [v for lab, v in f1.items() if v == v and any(r == lab for r, _ in pairs)]
    polar = [(r, p) for r, p in pairs if r != "neutral" and p != "neutral"]
    return SentimentAccuracy(
        n=n,
        accuracy=sum(conf[k][k] for k in range(3)) / n if n else float("nan"),
        macro_f1=sum(present) / len(present) if present else float("nan"),
        f1=f1,
        confusion=tuple(tuple(r) for r in conf),
        polar_accuracy=sum(r == p for r, p in polar) / len(polar) if polar else float("nan"),
        n_polar=len(polar),
    )
