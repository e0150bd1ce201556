"""E-reputation: what people say about the brand and its competitors, and when it turns bad.

Input: a mentions/reviews file (CSV or XLSX; one row per mention) with the columns

==========  ===============================================================  ============
column      also recognised as                                               required
==========  ===============================================================  ============
date        Date, Jour, Published, Publié le                                 yes
platform    source, plateforme, réseau, site, canal, network                 yes
text        texte, message, avis, commentaire, contenu, content, review      yes
rating      note, étoiles, stars, score (1–5)                                no
nps         score NPS, recommandation, likelihood to recommend (0–10)        no
author      auteur, utilisateur, user, username, pseudo, nom, name           no
brand       marque, subject (who the mention is about)                       no
==========  ===============================================================  ============

On import the **author is pseudonymised** (a salted hash, ``auteur-3fa9c1``, used only to
count distinct authors) and e-mail addresses, phone numbers and @handles inside the text are
masked: personal data never reaches a deliverable.

Analyses (:func:`analyse_mentions`):

* **Attribution**: a mention is about a competitor when it contains one of its
  ``competitors[].keywords`` (accent- and case-insensitive), about the client when it names
  the client; an unattributed mention is the client's (the file is the client's listening
  export). A ``brand`` column, when present, wins.
* **Volume** per week and sentiment; **sentiment** by :mod:`pilotage.compute.sentiment` (lexicon with
  negation), its accuracy measured against the star ratings of the same file.
* **Share of voice** = mentions of a brand / mentions of all tracked brands.
* **NPS** (Reichheld, 2003, *The One Number You Need to Grow*, HBR) = % promoters (9–10) −
  % detractors (0–6) among 0–10 answers, in points from −100 to +100.
* **Themes** of the client's negative mentions (``pilotage/data/themes.txt`` keyword lists).
* **Bad-buzz detection**: the client's daily count of negative mentions ``n`` is compared
  with a baseline ``λ`` = mean of the 28 previous days (spike days excluded, at least 7 days
  of history, floor 0.5 per day). A day is a spike when the Poisson upper tail
  ``P(X ≥ n | λ) < 0.001`` and ``n ≥ 5``; spike days less than 3 days apart form one episode.
  Each episode gets a crisis-response section: timeline, causes found in the mentions (the
  episode's over-represented terms and themes), platforms, and suggested response elements.

The report section is built by :func:`pilotage.reports.ereputation.ereputation_section`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import re
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from pilotage.compute.sentiment import (
    SentimentAccuracy,
    analyse_corpus,
    detect_languages,
    evaluate_against_ratings,
    label_from_rating,
    normalise,
    tokenize,
)
from toolkit.errors import ComputeError, InputError
from toolkit.fmt import Lang
from toolkit.i18n import per_lang

__all__ = [
    "BASELINE_DAYS",
    "Crisis",
    "EReputationResult",
    "NpsResult",
    "SPIKE_ALPHA",
    "SPIKE_MIN_COUNT",
    "analyse_case",
    "analyse_mentions",
    "detect_bad_buzz",
    "theme_label",
    "load_mentions",
    "nps",
    "pseudonymise",
    "scrub_personal_data",
]

BASELINE_DAYS = 28
BASELINE_MIN_DAYS = 7
BASELINE_FLOOR = 0.5
SPIKE_ALPHA = 0.001
SPIKE_MIN_COUNT = 5
EPISODE_GAP_DAYS = 2

_ALIASES = {
    "date": ("Date", "Jour", "Day", "Published", "Publié le", "Date de publication", "created_at"),
    "platform": ("source", "plateforme", "réseau", "reseau", "site", "canal", "network", "channel", "media"),
    "text": ("texte", "message", "avis", "commentaire", "contenu", "content", "review", "mention", "post"),
    "rating": ("note", "étoiles", "etoiles", "stars", "score", "rating (1-5)", "note /5"),
    "nps": ("score nps", "nps score", "recommandation", "likelihood to recommend", "note de recommandation"),
    "author": ("auteur", "utilisateur", "user", "username", "pseudo", "nom", "name", "author name"),
    "brand": ("marque", "subject", "sujet"),
    "response": ("réponse", "reponse", "réponse du propriétaire", "owner response", "owner reply", "reply",
                 "réponse de l'entreprise", "company reply", "answer"),
    "response_date": ("date de réponse", "date de reponse", "response date", "reply date", "replied at",
                      "date réponse"),
}


# ---------------------------------------------------------------------------------------
# Import


def scrub_personal_data(text: str, keep: Sequence[str] = ()) -> str:
    """Mask e-mails, phone numbers, IBANs, addresses (:mod:`toolkit.privacy`) and @handles in a text.

    ``keep``: brand words (``bruleriesauvage``) — a handle containing one is a brand account,
    not a person, and is kept so that the mention can be attributed.
    """
    if not isinstance(text, str):
        return ""
    from toolkit.privacy import mask_text  # the toolkit's one personal-data masker

    t = mask_text(text, "fr", labels={"email": "[e-mail]", "phone": "[téléphone]", "iban": "[IBAN]",
                                      "address": "[adresse]"})

    def handle(m: re.Match) -> str:
        h = normalise(m.group(0)).replace("_", "").replace(".", "")
        return m.group(0) if any(k and k in h for k in keep) else "@[compte]"

    return re.sub(r"(?<![\w@\[])@[\w.]{2,}", handle, t)


def pseudonymise(values: pd.Series, salt: str) -> pd.Series:
    """Salted SHA-256 pseudonyms (``auteur-3fa9c1d2``); empty authors stay empty."""
    def one(v: Any) -> str:
        if not isinstance(v, str) or not v.strip():
            return ""
        h = hashlib.sha256((salt + "\x00" + v.strip().lower()).encode("utf-8")).hexdigest()[:8]
        return f"auteur-{h}"
    return values.map(one).astype("string")


def mentions_schema():
    """The columns of a mentions file (date, platform, text required; rating, NPS, author… optional)."""
    return _schema()


def _schema():
    from toolkit.io import ColumnSpec, TableSchema

    return TableSchema("mentions", (
        ColumnSpec("date", "date", True, _ALIASES["date"]),
        ColumnSpec("platform", "text", True, _ALIASES["platform"]),
        ColumnSpec("text", "text", True, _ALIASES["text"]),
        ColumnSpec("rating", "number", False, _ALIASES["rating"]),
        ColumnSpec("nps", "number", False, _ALIASES["nps"]),
        ColumnSpec("author", "text", False, _ALIASES["author"]),
        ColumnSpec("brand", "text", False, _ALIASES["brand"]),
        ColumnSpec("response", "text", False, _ALIASES["response"]),
        ColumnSpec("response_date", "text", False, _ALIASES["response_date"]),
    ))


def prepare_mentions(frame: pd.DataFrame, *, salt: str | None = None, source: str = "mentions",
                     brands: Sequence[str] = ()) -> pd.DataFrame:
    """Validate a raw mentions frame: typed columns, pseudonymised author, masked text.

    ``brands``: brand and competitor names or keywords whose @accounts are kept in the text.
    A mention without a readable date is left out, a rating outside 1–5 or an NPS answer
    outside 0–10 is left empty; neither loses the other rows: what was set aside is listed,
    by data row (1-based, header excluded), in ``frame.attrs["issues"]`` and shown in the
    deliverable. A file with no readable date at all is an :class:`~toolkit.errors.InputError`.
    """
    df = frame.copy().reset_index(drop=True)
    for col in ("date", "platform", "text"):
        if col not in df.columns:
            raise InputError(f"the mentions file has no '{col}' column", file=source,
                             hint=f"columns found: {', '.join(map(str, df.columns))}; "
                                  f"name it '{col}' or one of {', '.join(_ALIASES[col][:4])}")
    issues: list[str] = []
    dates = pd.to_datetime(df["date"], errors="coerce", dayfirst=not _iso_like(df["date"]))
    bad = dates.isna()
    if bad.all():
        raise InputError("no mention has a readable date", file=source, column="date",
                         hint="write dates as 2027-05-14 or 14/05/2027")
    if bad.any():
        rows = (bad[bad].index + 1).tolist()
        issues.append(f"{len(rows)} mention(s) without a readable date left out (column 'date', row(s) "
                      f"{_rows_text(rows)})")
        df, dates = df.loc[~bad].reset_index(drop=True), dates[~bad].reset_index(drop=True)
        df.attrs["row_numbers"] = (bad[~bad].index + 1).tolist()
    df["date"] = dates.dt.tz_localize(None) if getattr(dates.dt, "tz", None) is not None else dates
    df["date"] = df["date"].dt.normalize()
    df["platform"] = df["platform"].astype("string").fillna("").str.strip()
    keep = tuple({re.sub(r"[^a-z0-9]", "", normalise(b)) for b in brands} - {""})
    df["text"] = df["text"].astype("string").fillna("").map(lambda t: scrub_personal_data(t, keep)).astype("string")
    for col, lo, hi in (("rating", 1, 5), ("nps", 0, 10)):
        if col in df.columns:
            v = pd.to_numeric(df[col], errors="coerce")
            out = v.notna() & ((v < lo) | (v > hi))
            if out.any():
                numbers = df.attrs.get("row_numbers") or list(range(1, len(df) + 1))
                rows = [numbers[i] for i in out[out].index]
                issues.append(f"{len(rows)} value(s) of '{col}' outside {lo}–{hi} left empty (row(s) {_rows_text(rows)})")
                v = v.where(~out)
            df[col] = v.astype("float64")
        else:
            df[col] = float("nan")
    salt = salt or secrets.token_hex(16)
    df["author_id"] = pseudonymise(df["author"], salt) if "author" in df.columns else pd.Series("", index=df.index, dtype="string")
    keep = ["date", "platform", "text", "rating", "nps", "author_id"] + (["brand"] if "brand" in df.columns else [])
    if "response" in df.columns:  # the owner's reply: only whether and when it came is kept, not its text
        df["responded"] = df["response"].astype("string").fillna("").str.strip() != ""
        keep.append("responded")
        if "response_date" in df.columns:
            given = df["response_date"].astype("string").str.strip().replace("", pd.NA)
            rd = pd.to_datetime(given, errors="coerce", dayfirst=not _iso_like(given))
            if getattr(rd.dt, "tz", None) is not None:
                rd = rd.dt.tz_localize(None)
            delay = (rd.dt.normalize() - df["date"]).dt.days.astype("float64")
            df["response_days"] = delay.where(delay >= 0)
            keep.append("response_days")
    out_frame = df[keep].reset_index(drop=True)
    out_frame.attrs = {"issues": issues}
    return out_frame


def _rows_text(rows: list[int], limit: int = 10) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" … (+{len(rows) - limit})" if len(rows) > limit else "")


def _iso_like(s: pd.Series) -> bool:
    sample = s.dropna().astype(str).head(20)
    return bool(len(sample)) and bool(sample.str.match(r"^\d{4}-\d{2}-\d{2}").all())


def load_mentions(path: str | Path, *, salt: str | None = None, brands: Sequence[str] = ()) -> pd.DataFrame:
    """Read a mentions file with :func:`toolkit.io.read_table`, then :func:`prepare_mentions`.

    The author column is replaced by ``author_id`` (salted hash, a fresh salt per run unless
    one is given) before anything else sees the data.
    """
    from toolkit.io import read_table

    result = read_table(Path(path), _schema())
    found = set(result.report.columns.values())
    frame = result.frame.drop(columns=[c for c in ("response", "response_date") if c not in found and c in result.frame])
    return prepare_mentions(frame, salt=salt, source=str(path), brands=brands)


# ---------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class NpsResult:
    """Net Promoter Score: ``nps`` in points (−100…+100) = % promoters − % detractors."""

    n: int
    promoters: int
    passives: int
    detractors: int
    nps: float
    source: str
    by_month: pd.DataFrame  # month, n, promoters, passives, detractors, nps

    @property
    def promoter_share(self) -> float:
        return self.promoters / self.n if self.n else math.nan

    @property
    def detractor_share(self) -> float:
        return self.detractors / self.n if self.n else math.nan


def nps(scores: Sequence[float] | pd.Series, *, source: str = "", dates: pd.Series | None = None) -> NpsResult:
    """NPS of 0–10 answers (Reichheld 2003): promoters 9–10, passives 7–8, detractors 0–6."""
    s = pd.to_numeric(pd.Series(scores), errors="coerce")
    mask = s.notna()
    s = s[mask]
    if len(s) and ((s < 0) | (s > 10)).any():
        raise ComputeError("NPS answers must be between 0 and 10")
    def one(x: pd.Series) -> tuple[int, int, int, int, float]:
        n = int(len(x))
        p, d = int((x >= 9).sum()), int((x <= 6).sum())
        return n, p, n - p - d, d, (100.0 * (p - d) / n if n else math.nan)
    n, p, pa, d, score = one(s)
    by_month = pd.DataFrame(columns=["month", "n", "promoters", "passives", "detractors", "nps"])
    if dates is not None:
        dts = pd.to_datetime(pd.Series(dates).reset_index(drop=True)[mask.to_numpy()], errors="coerce")
        months = dts.dt.to_period("M").dt.to_timestamp()
        rows = []
        for m, g in pd.Series(s.to_numpy(), index=months.to_numpy()).groupby(level=0):
            rows.append((m, *one(g)))
        by_month = pd.DataFrame(rows, columns=["month", "n", "promoters", "passives", "detractors", "nps"])
    return NpsResult(n, p, pa, d, score, source, by_month)


@dataclass(frozen=True)
class Crisis:
    """A bad-buzz episode of the client's negative mentions."""

    start: _dt.date
    end: _dt.date
    peak_date: _dt.date
    peak_negative: int
    baseline: float  # negative mentions per day expected (mean of the 28 days before)
    total_negative: int
    p_value: float  # Poisson upper tail at the peak
    timeline: pd.DataFrame  # date, total, negative, baseline, spike
    platforms: tuple[tuple[str, int], ...]
    themes: tuple[tuple[str, int], ...]  # theme id, negative mentions of the episode
    top_terms: tuple[tuple[str, int], ...]
    examples: tuple[str, ...]
    response: tuple[str, ...]


@dataclass(frozen=True)
class EReputationResult:
    brand: str
    mentions: pd.DataFrame  # date, platform, text, rating, nps, author_id, brand, lang, score, sentiment, themes
    volume: pd.DataFrame  # week, positive, neutral, negative, total (client brand)
    daily: pd.DataFrame  # date, total, negative, baseline, p_value, spike (client brand)
    share_of_voice: pd.DataFrame  # brand, mentions, share, positive, negative, net_sentiment
    sentiment: dict[str, float]  # counts and shares of the client's mentions
    accuracy: SentimentAccuracy | None
    nps: NpsResult | None
    themes: pd.DataFrame  # theme, label, negative_mentions, share_of_negative (of the client's negative mentions)
    top_terms: tuple[tuple[str, int], ...]
    crises: tuple[Crisis, ...]
    lang: Lang
    start: _dt.date
    end: _dt.date
    authors: int  # distinct pseudonymised authors (client)
    issues: tuple[str, ...] = ()  # rows or values set aside on import (by data row)
    sov_by_month: pd.DataFrame | None = None  # month × brand shares of voice (fractions)
    negative_without_theme: int = 0  # the client's negative mentions matching no theme
    platforms: pd.DataFrame | None = None  # platform, mentions, rating_mean, rated, response_rate, response_days


# ---------------------------------------------------------------------------------------
# Compute


@lru_cache(maxsize=1)
def _themes() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    text = resources.files("pilotage").joinpath("data", "themes.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        tid, fr, en, kws = line.split("\t")
        out.append((tid, fr, en, tuple(normalise(k.strip()) for k in kws.split(",") if k.strip())))
    return tuple(out)


def theme_label(theme_id: str, lang: Lang) -> str:
    for tid, fr, en, _ in _themes():
        if tid == theme_id:
            return fr if lang == "fr" else en
    return theme_id


@lru_cache(maxsize=8192)
def _fold_same_length(text: str) -> str:
    """``normalise`` character by character, keeping the length (a character that does not
    fold to exactly one ASCII character stays), so that a match's span fits the original."""
    out = []
    for ch in text.lower().replace("’", "'"):
        f = normalise(ch)
        out.append(f if len(f) == 1 else ch)
    return "".join(out)


def _blank_names(text: str, pattern: re.Pattern | None) -> str:
    """The text with the brand names (found accent-insensitively) replaced by spaces."""
    if pattern is None or not text:
        return text
    folded = _fold_same_length(text)
    if len(folded) != len(text):  # lower() changed the length (rare ligatures): blank the folded copy
        return pattern.sub(" ", folded)
    chars = list(text)
    for m in pattern.finditer(folded):
        chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def _find_themes(norm_text: str) -> tuple[str, ...]:
    toks = tokenize(norm_text)
    joined = " " + " ".join(toks) + " "
    found = []
    for tid, _fr, _en, kws in _themes():
        for kw in kws:
            if kw.endswith("*"):
                stem = kw[:-1]
                if any(t.startswith(stem) for t in toks):
                    found.append(tid)
                    break
            elif " " + " ".join(tokenize(kw)) + " " in joined and tokenize(kw):
                found.append(tid)
                break
            elif kw == "€" and "€" in norm_text:
                found.append(tid)
                break
    return tuple(found)


_STOPWORDS = set("""
le la les de des du un une et est je nous vous il elle ils elles pour avec pas tres mais que qui dans sur au aux ce
cette ces mon ma mes ton ta tes son sa ses on en ne plus c j l d a ai as avait avons sont etait leur leurs tout tous
toute toutes se s y ou ou par comme si sans chez meme aussi bien fait faire depuis encore toujours deja apres avant
the a an and is i we you it for with not very but that this in on of to my was are have has they their so be at from
just been would really s t me our your its will can all no
""".split())


def _terms(texts: Sequence[str], exclude: set[str]) -> Counter:
    c: Counter = Counter()
    for t in texts:
        seen = set()
        for tok in tokenize(normalise(t)):
            if len(tok) >= 4 and tok not in _STOPWORDS and tok not in exclude and not tok.isdigit():
                seen.add(tok)
        c.update(sorted(seen))  # document frequency: a word counts once per mention; sorted, so that
        # words counted as often are listed in the same order on every run (a set's order is not)
    return c


def _surface_forms(texts: Sequence[str]) -> dict[str, str]:
    """Most frequent accented spelling of each normalised word (for readable term lists)."""
    forms: dict[str, Counter] = {}
    for t in texts:
        for w in re.findall(r"[^\W\d_]+", str(t).lower()):
            forms.setdefault(normalise(w), Counter())[w] += 1
    return {k: v.most_common(1)[0][0] for k, v in forms.items()}


def _poisson_sf(k: int, lam: float) -> float:
    """P(X ≥ k) for X ~ Poisson(lam), summed from the tail (exact for tiny probabilities)."""
    if k <= 0:
        return 1.0
    term = math.exp(-lam + k * math.log(lam) - math.lgamma(k + 1))
    total, i = 0.0, k
    while term > 1e-300 and (term > total * 1e-15 or i < k + 5):
        total += term
        i += 1
        term *= lam / i
    return min(1.0, total)


def detect_bad_buzz(daily_negative: pd.Series, *, window: int = BASELINE_DAYS, alpha: float = SPIKE_ALPHA,
                    min_count: int = SPIKE_MIN_COUNT) -> pd.DataFrame:
    """Flag spike days in a daily series of negative-mention counts (index = dates, every day).

    Returns a frame: date, negative, baseline (λ, per day), p_value (Poisson P(X ≥ n | λ)),
    spike (bool). Spike days are left out of later baselines so a long crisis does not
    become its own baseline.
    """
    counts = daily_negative.astype(int).to_numpy()
    clean: list[float] = []
    rows = []
    for i, n in enumerate(counts):
        hist = clean[max(0, i - window):i]
        if len(hist) >= BASELINE_MIN_DAYS:
            lam = max(sum(hist) / len(hist), BASELINE_FLOOR)
            p = _poisson_sf(int(n), lam)
            spike = bool(p < alpha and n >= min_count)
        else:
            lam, p, spike = math.nan, math.nan, False
        clean.append(lam if spike else float(n))
        rows.append((daily_negative.index[i], int(n), lam, p, spike))
    return pd.DataFrame(rows, columns=["date", "negative", "baseline", "p_value", "spike"])


def _brand_keywords(brand: str, competitors: Sequence[Any]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    base = normalise(brand)
    out[brand] = (base, base.replace(" ", ""), base.replace(" ", "-"))
    for c in competitors:
        name = getattr(c, "name", None) or (c.get("name") if isinstance(c, dict) else str(c))
        kws = getattr(c, "keywords", None) or (c.get("keywords", []) if isinstance(c, dict) else [])
        out[name] = tuple(dict.fromkeys([normalise(name)] + [normalise(k) for k in kws]))
    return out


def _attribute(norm_texts: pd.Series, keywords: dict[str, tuple[str, ...]], brand: str) -> pd.Series:
    def which(t: str) -> str:
        padded = " " + " ".join(re.findall(r"[a-z0-9']+", t.replace("’", "'"))) + " "
        compact = padded.replace(" ", "")
        hits = []
        for name, kws in keywords.items():
            for kw in kws:
                k = " ".join(re.findall(r"[a-z0-9']+", kw))
                if k and (f" {k} " in padded or (" " not in k and len(k) > 8 and k in compact)):
                    hits.append(name)
                    break
        if brand in hits:
            return brand
        return hits[0] if hits else brand
    return norm_texts.map(which)


_RESPONSES = per_lang({
        "_start": ("Répondre publiquement sous 24 h sur chaque plateforme touchée ({platforms}), avec un message unique validé par la direction",
                   "Reconnaître le problème et présenter des excuses, sans rejeter la faute sur un prestataire",
                   "Répondre en privé à chaque client concerné et lui proposer une solution concrète"),
        "livraison": ("Donner un délai de livraison réaliste et prévenir proactivement les clients en attente (e-mail, SMS)",
                      "Renvoyer les commandes perdues ou rembourser les frais de port ; activer un transporteur de secours"),
        "emballage": ("Remplacer sans frais les produits arrivés abîmés",
                      "Expliquer la cause (sachet, valve, fournisseur) et la correction apportée à l'emballage"),
        "gout": ("Proposer l'échange du lot concerné et vérifier les dates de torréfaction",),
        "service": ("Renforcer temporairement le service client et afficher un délai de réponse garanti",),
        "prix": ("Expliquer la construction du prix (prix payé aux producteurs) sans polémiquer",),
        "abonnement": ("Permettre la pause ou la résiliation de l'abonnement en un clic pendant la crise",),
        "site": ("Corriger l'incident du site et prévenir les clients bloqués",),
        "_end": ("Publier un point d'étape quand la cause est corrigée (ce qui a changé, pour qui)",
                 "Suivre chaque jour le volume négatif jusqu'au retour à la ligne de base, puis faire un retour d'expérience"),
    })


def _response(themes: Sequence[str], platforms: Sequence[str], lang: Lang) -> tuple[str, ...]:
    r = _RESPONSES[lang]
    out = [s.format(platforms=", ".join(platforms[:3]) or "—") for s in r["_start"]]
    for t in themes:
        out.extend(r.get(t, ()))
    out.extend(r["_end"])
    return tuple(dict.fromkeys(out))


def analyse_mentions(mentions: pd.DataFrame, competitors: Sequence[Any] = (), *, lang: Lang = "fr",
                     brand: str = "", ) -> EReputationResult:
    """Analyse a prepared mentions frame (see :func:`load_mentions` / :func:`prepare_mentions`).

    ``competitors``: the case's ``competitors`` (objects or dicts with ``name`` and
    ``keywords``); ``brand``: the client's name. Raises :class:`ComputeError` on no mentions.
    """
    if mentions is None or len(mentions) == 0:
        raise ComputeError("the mentions file holds no mention", hint="check data.mentions in case.yaml")
    if "author_id" not in mentions.columns:
        mentions = prepare_mentions(mentions)
    issues = tuple(mentions.attrs.get("issues", ()))
    df = mentions.copy()
    brand = brand or "Client"
    norm = df["text"].fillna("").astype(str).map(normalise)
    keywords = _brand_keywords(brand, competitors)
    # brand names must not carry sentiment or themes ("Brûlerie" is not "brûlé")
    names = sorted({k for kws in keywords.values() for k in kws if k}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in names)) if names else None
    masked = norm.map(lambda t: pattern.sub(" ", t) if pattern else t)
    # the sentiment reads the text with its accents (« salé » is not « sale »): the brand names
    # are blanked at the same places, found on an accent-folded copy of the same length
    texts = df["text"].fillna("").astype(str)
    to_score = texts.map(lambda t: _blank_names(t, pattern))
    if "brand" in df.columns and df["brand"].notna().any():
        given = df["brand"].astype("string")
        df["brand"] = given.where(given.notna() & (given.str.strip() != ""), _attribute(norm, keywords, brand))
    else:
        df["brand"] = _attribute(norm, keywords, brand)
    df["lang"] = detect_languages(list(df["text"].fillna("").astype(str)))  # a short text: the file's language
    # the whole file is one corpus: the lexicon's sure texts teach its own vocabulary (analyse_corpus)
    scored = [x if t else None for x, t in zip(analyse_corpus(list(to_score), list(df["lang"])), texts, strict=True)]
    df["score"] = [x.score if x else math.nan for x in scored]
    # three classes for the shares and charts; "mixed" (praise and criticism) is flagged apart
    df["sentiment"] = [x.label3 if x else None for x in scored]
    df["mixed"] = [bool(x and x.label == "mixed") for x in scored]
    df["adapted"] = [bool(x and x.adapted) for x in scored]
    # an NPS answer without a comment: its score says the sentiment
    no_text = df["sentiment"].isna() & df["nps"].notna()
    df.loc[no_text, "sentiment"] = df.loc[no_text, "nps"].map(lambda x: "positive" if x >= 9 else ("negative" if x <= 6 else "neutral"))
    df = df[df["sentiment"].notna()].copy()
    df["themes"] = masked.loc[df.index].map(_find_themes)
    df = df.reset_index(drop=True)

    own = df[df["brand"] == brand]
    if own.empty:
        raise ComputeError(f"no mention is about {brand}", hint="check the client name and competitors[].keywords in case.yaml")
    start, end = df["date"].min().date(), df["date"].max().date()

    # volume per week and sentiment (client)
    week = own["date"] - pd.to_timedelta(own["date"].dt.day_of_week, unit="D")
    vol = pd.crosstab(week, own["sentiment"]).reindex(columns=["positive", "neutral", "negative"], fill_value=0)
    vol["total"] = vol.sum(axis=1)
    vol = vol.rename_axis("week").reset_index()

    counts = own["sentiment"].value_counts()
    n = int(len(own))
    senti = {k: int(counts.get(k, 0)) for k in ("positive", "neutral", "negative")}
    senti |= {f"{k}_share": senti[k] / n for k in ("positive", "neutral", "negative")}
    senti["net"] = (senti["positive"] - senti["negative"]) / n
    senti["mixed"] = int(own["mixed"].sum())
    senti["mixed_share"] = senti["mixed"] / n
    senti["adapted"] = int(own["adapted"].sum())
    senti["adapted_share"] = senti["adapted"] / n
    senti["file_adapted"] = bool(df["adapted"].any())  # the file was large and clear enough to adapt to
    senti["n"] = n

    # accuracy against ratings (mentions with a text and a star rating)
    rated = df[df["rating"].notna() & (df["text"].fillna("").str.len() > 0)]
    acc = evaluate_against_ratings(rated["sentiment"], rated["rating"].map(label_from_rating)) if len(rated) else None

    # share of voice
    sov_rows = []
    for name in keywords:
        g = df[df["brand"] == name]
        m = len(g)
        pos, neg = int((g["sentiment"] == "positive").sum()), int((g["sentiment"] == "negative").sum())
        sov_rows.append((name, m, pos / m if m else math.nan, neg / m if m else math.nan,
                         (pos - neg) / m if m else math.nan))
    sov = pd.DataFrame(sov_rows, columns=["brand", "mentions", "positive", "negative", "net_sentiment"])
    sov.insert(2, "share", sov["mentions"] / sov["mentions"].sum())
    sov = sov.sort_values("mentions", ascending=False).reset_index(drop=True)
    month = df["date"].dt.to_period("M").dt.to_timestamp()
    sov_month = pd.crosstab(month, df["brand"], normalize="index").reindex(columns=list(sov["brand"]), fill_value=0.0)
    sov_month = sov_month.rename_axis("month").reset_index()
    sov_month.columns.name = None

    # NPS (client's 0–10 answers)
    nps_rows = own[own["nps"].notna()]
    nps_res = None
    if len(nps_rows):
        src = ", ".join(sorted(nps_rows["platform"].unique()))
        nps_res = nps(nps_rows["nps"], source=src, dates=nps_rows["date"])

    # themes of negative mentions
    neg = own[own["sentiment"] == "negative"]
    tc: Counter = Counter(t for ts in neg["themes"] for t in ts)
    # a mention may carry several themes or none: the shares of the negative mentions do not add up to 100 %
    themes = pd.DataFrame([(t, theme_label(t, lang), c, c / len(neg) if len(neg) else math.nan) for t, c in tc.most_common()],
                          columns=["theme", "label", "negative_mentions", "share_of_negative"])
    no_theme = int(sum(1 for ts in neg["themes"] if not ts))
    brand_words = {w for kws in keywords.values() for k in kws for w in tokenize(k)}
    forms = _surface_forms(neg["text"].tolist())
    top_terms = tuple((forms.get(w, w), c) for w, c in _terms(neg["text"].tolist(), brand_words).most_common(12))

    # bad buzz
    days = pd.date_range(own["date"].min(), own["date"].max(), freq="D")
    daily_neg = neg.groupby("date").size().reindex(days, fill_value=0)
    daily_tot = own.groupby("date").size().reindex(days, fill_value=0)
    flags = detect_bad_buzz(daily_neg)
    flags.insert(1, "total", daily_tot.to_numpy())
    crises = _episodes(flags, own, neg, brand_words, lang)

    return EReputationResult(
        brand=brand, mentions=df, volume=vol, daily=flags, share_of_voice=sov, sentiment=senti, accuracy=acc,
        nps=nps_res, themes=themes, top_terms=top_terms, crises=crises, lang=lang, start=start, end=end,
        authors=int(own["author_id"].replace("", pd.NA).dropna().nunique()), issues=issues,
        sov_by_month=sov_month, negative_without_theme=no_theme, platforms=_platforms(own),
    )


def _platforms(own: pd.DataFrame) -> pd.DataFrame:
    """Per platform: mentions, average rating (★, on the rated ones), and — when the export has
    the owner's replies — response rate and median response time in days."""
    rows = []
    for name, g in own.groupby("platform", sort=False):
        rated = g["rating"].dropna()
        rate = days = math.nan
        if "responded" in g.columns and g["responded"].notna().any():
            rate = float(g["responded"].fillna(False).astype(bool).mean())
            if "response_days" in g.columns and g["response_days"].notna().any():
                days = float(g["response_days"].dropna().median())
        rows.append((str(name) or "—", int(len(g)), float(rated.mean()) if len(rated) else math.nan, int(len(rated)),
                     rate, days))
    out = pd.DataFrame(rows, columns=["platform", "mentions", "rating_mean", "rated", "response_rate", "response_days"])
    return out.sort_values("mentions", ascending=False).reset_index(drop=True)


def analyse_case(case: Any, lang: Lang | None = None) -> EReputationResult | None:
    """Read and analyse the case's mentions file (``data.mentions``); None when there is none.

    The brand is the client's name; competitors and their keywords come from ``case.yaml``.
    This is what the dashboard and the bilan call.
    """
    name = case.config.data.mentions
    if not name:
        return None
    brands = [case.config.client.name] + [k for c in case.config.competitors for k in (c.name, *c.keywords)]
    mentions = load_mentions(case.path(name), brands=brands)
    return analyse_mentions(mentions, case.config.competitors, lang=lang or case.lang, brand=case.config.client.name)


def _episodes(flags: pd.DataFrame, own: pd.DataFrame, neg: pd.DataFrame, brand_words: set[str],
              lang: Lang) -> tuple[Crisis, ...]:
    spikes = flags[flags["spike"]]
    if spikes.empty:
        return ()
    groups: list[list[pd.Timestamp]] = []
    for d in spikes["date"]:
        if groups and (d - groups[-1][-1]).days <= EPISODE_GAP_DAYS + 1:
            groups[-1].append(d)
        else:
            groups.append([d])
    out = []
    for g in groups:
        s, e = g[0], g[-1]
        # extend the end while negatives stay clearly above the baseline (the tail of the crisis)
        base = float(flags.loc[flags["date"] == s, "baseline"].iloc[0])
        tail = flags[(flags["date"] > e)]
        for rec in tail.itertuples():
            if rec.negative > base + 2 * math.sqrt(base):
                e = rec.date
            else:
                break
        ep = neg[(neg["date"] >= s) & (neg["date"] <= e)]
        rest = neg[(neg["date"] < s) | (neg["date"] > e)]
        ep_terms = _terms(ep["text"].tolist(), brand_words)
        rest_terms = _terms(rest["text"].tolist(), brand_words)
        n_ep, n_rest = max(len(ep), 1), max(len(rest), 1)
        lift = {w: c * math.log(((c + 0.5) / n_ep) / ((rest_terms.get(w, 0) + 0.5) / n_rest))
                for w, c in ep_terms.items() if c >= 3}
        forms = _surface_forms(ep["text"].tolist())
        terms = tuple((forms.get(w, w), ep_terms[w]) for w, v in sorted(lift.items(), key=lambda kv: -kv[1])[:10] if v > 0)
        themes = tuple(Counter(t for ts in ep["themes"] for t in ts).most_common(4))
        plats = tuple(ep["platform"].value_counts().head(5).items())
        peak = flags[(flags["date"] >= s) & (flags["date"] <= e)].sort_values("negative", ascending=False).iloc[0]
        window = flags[(flags["date"] >= s - pd.Timedelta(days=3)) & (flags["date"] <= e + pd.Timedelta(days=3))]
        examples = tuple(dict.fromkeys(t[:160] for t in ep["text"].head(40)))[:4]
        out.append(Crisis(
            start=s.date(), end=e.date(), peak_date=peak["date"].date(), peak_negative=int(peak["negative"]),
            baseline=base, total_negative=int(len(ep)), p_value=float(peak["p_value"]),
            timeline=window.reset_index(drop=True), platforms=tuple((str(p), int(c)) for p, c in plats),
            themes=tuple((str(t), int(c)) for t, c in themes), top_terms=terms, examples=examples,
            response=_response([t for t, _ in themes], [str(p) for p, _ in plats], lang),
        ))
    return tuple(out)
