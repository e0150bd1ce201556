"""From segments to persona facts: size, value, distinctive traits, name, channels, target score.

Everything here works on :class:`SegmentStats` — counts, means and category counts per
segment — so that the in-memory path and the streaming path (which never holds all
customers) describe segments the same way.

**Distinctive traits.** For a numeric feature, the standardised difference
``z = (mean in segment − mean overall) / standard deviation overall`` (Cohen's d against the
whole base); ``|z| ≥ 0.3`` is shown (0.2 small, 0.5 medium, 0.8 large effect: Cohen, 1988).
For a category, the lift ``share in segment / share overall``; ``lift ≥ 1.25`` with at least
15 % of the segment and ``min_segment_size`` customers is shown.

**Value tier.** With transactions, each customer gets R, F and M quintile scores
(:class:`personas.features.RFMScorer`, 1–5 each); a segment's mean R+F+M (3–15) gives the tier:
≥ 10.5 *forte*, ≥ 7.5 *moyenne*, else *faible*. Without transactions, a € column (``montant``,
``ca``…) compared with its overall mean (≥ 1.3× forte, ≥ 0.7× moyenne).
The revenue share is the segment's share of the net amount (€).

**Target score** (ranking of targets)::

    score = share of customers × value index × fit with the objectives,  scaled so the best = 100

``value index`` = segment's mean net amount per customer / overall mean (1 without value data);
``fit`` = 1 + (objectives in ``brief.objectives`` sharing a keyword with one of the segment's
over-represented traits) / (number of objectives), so between 1 and 2. It ranks where the
volume, the money and the client's goals meet; it is a starting point for the discussion,
not a verdict.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from personas.vocabulary import Words, level_words, plain_label, words_for
from toolkit.fmt import fmt_currency, fmt_number, fmt_percent, restore_accents
from toolkit.i18n import per_lang, tr

__all__ = ["PersonaFacts", "SegmentStats", "Trait", "Verbatim", "category_level", "comment_highlights",
           "describe_segments", "feature_label", "stats_from_frame",
           "user_words"]

MASKED = {"[masqué]", "inconnu", "infrequent_sklearn"}
#: A level that is a code, not a word: letters and digits joined by "_" or made of a letter run and digits.
_CODE = re.compile(r"[A-Za-z]+[_\-]?\d+|\d+[_\-][A-Za-z0-9_\-]+")



def category_level(value: object, lang: str = "fr") -> str:
    """A category level as shown in a trait: in words when the toolkit knows it (``failure`` →
    « échec », ``may`` → « mai », ``High`` → « élevé », ``unknown`` → « non renseigné »), else as
    written in the data."""
    from personas.columns import is_placeholder_level, level_rank

    known = level_words(value, lang)
    if known is not None:
        return known[0]
    if is_placeholder_level(str(value)):  # "unknown", "n/a": the data says nothing
        return tr(lang, "non renseigné")
    rank = level_rank(str(value))
    if rank is not None:  # Low / Average / High of a scale
        return _SCALE[lang][rank]
    return str(value)

_LABELS = per_lang({
    "recence_jours": "récence",
    "frequence": "fréquence d'achat",
    "montant_total": "montant total",
    "panier_moyen": "panier moyen",
    "anciennete_jours": "ancienneté client",
    "taux_retour": "taux de retour",
    "age": "âge",
    "tranche_age": "tranche d'âge",
    "departement": "département",
})
_UNITS = {"recence_jours": "days", "anciennete_jours": "days", "frequence": "orders", "montant_total": "eur",
          "panier_moyen": "eur", "taux_retour": "share", "age": "years"}
_PIECES = per_lang({
    ("frequence", "high"): "fidèles",
    ("frequence", "low"): "occasionnels",
    ("recence_jours", "high"): "endormis",
    ("recence_jours", "low"): "actifs",
    ("montant_total", "high"): "gros acheteurs",
    ("montant_total", "low"): "petits acheteurs",
    ("panier_moyen", "high"): "gros paniers",
    ("panier_moyen", "low"): "petits paniers",
    ("anciennete_jours", "high"): "historiques",
    ("anciennete_jours", "low"): "nouveaux",
    ("age", "high"): "seniors",
    ("age", "low"): "jeunes",
    ("taux_retour", "high"): "retourneurs",
})
_SCALE = per_lang(("faible", "moyen", "élevé"))
_TIERS = per_lang({
    "forte": "forte",
    "moyenne": "moyenne",
    "faible": "faible",
})
_STOP = {"porter", "nombre", "dici", "pour", "avec", "dans", "plus", "moins", "fin", "entre", "leur", "notre",
         "nos", "vers", "augmenter", "developper", "reussir", "etre", "mieux", "faire", "passer", "hors",
         "part", "the", "and", "from", "with", "increase", "grow", "more", "than"}
#: Words of feature labels too general to say that a segment meets an objective.
_GENERIC = {"depenses", "depense", "achats", "achat", "nombre", "jours", "depuis", "dernier", "derniere", "moyenne",
            "par", "sur", "des", "les", "aux", "produits", "total", "montant", "mois", "annee", "ans", "part", "canal"}
_SYNONYMS = {"ligne": ("eshop", "web", "online", "site"), "online": ("eshop", "web"),
             "abonnes": ("abonne", "abonnement", "subscriber"), "abonnements": ("abonne", "abonnement"),
             "fidelisation": ("frequence", "fideles"), "fideliser": ("frequence", "fideles"),
             "entreprises": ("b2b", "entreprise"), "bureaux": ("b2b", "entreprise")}


def _ascii(text: str) -> str:
    t = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in t if not unicodedata.combining(c)).lower()


def feature_label(feature: str, lang: str = "fr", display: dict[str, str] | None = None,
                  words: dict[str, Words] | None = None) -> str:
    """Readable label of a feature: ``part_canal_e_shop`` → ``part du canal e-shop``.

    ``display`` gives the category or channel as written in the data (``B2B``, not ``b2b``);
    ``words`` the user's labels of the columns (``personas.labels``, see
    :func:`personas.vocabulary.words_from_labels`), which win over every guess — also for the
    features made from a column (``Dt_Customer_jours``, ``Education_rang``).
    """
    user = user_words(feature, words)
    if user is not None:
        return user.label(lang)
    if feature in _LABELS["fr"]:
        return _LABELS[lang][feature]
    words = words_for(feature, generic=False)
    if words is not None:
        return words.label(lang)
    plain = plain_label(feature, lang)
    if plain is not None:
        return plain
    if feature.endswith("_rang"):
        x = feature[: -len("_rang")].replace("_", " ")
        return tr(lang, "{x} (rang)", x=restore_accents(x), x_2=x)
    shown = (display or {}).get(feature)
    if feature.startswith("part_canal_"):
        x = shown or feature[len("part_canal_"):].replace("_", "-")
        return tr(lang, "part du canal {x}", x=x)
    if feature.startswith("part_"):
        x = shown or feature[len("part_"):].replace("_", " ")
        return tr(lang, "part {x}", x=x)
    if feature.endswith("_jours"):
        x = feature[: -len("_jours")].replace("_", " ")
        return tr(lang, "{x} (jours écoulés)", x=restore_accents(x), x_2=x)
    return restore_accents(feature.replace("_", " ")) if lang == "fr" else feature.replace("_", " ")


def user_words(feature: str, labels: dict[str, Words] | None) -> Words | None:
    """The user's words for a feature: its column's label, or for a feature made from a column
    (``Dt_Customer_jours``, ``Education_rang``) that column's label with what was made of it."""
    if not labels:
        return None
    if feature in labels:
        return labels[feature]
    for suffix, fr, en, unit in (("_jours", "jours écoulés", "days since", "days"), ("_rang", "rang", "rank", "number")):
        base = feature[: -len(suffix)]
        if feature.endswith(suffix) and base in labels:
            w = labels[base]
            return Words(f"{w.fr} ({fr})", f"{w.en} ({en})", unit, None, None, unit == "days")
    return None


@dataclass(frozen=True)
class SegmentStats:
    """What profiling needs, per segment (rows 0…k-1) and overall."""

    counts: np.ndarray
    means: pd.DataFrame  # k × numeric features, raw units
    overall_mean: pd.Series
    overall_std: pd.Series
    binary: frozenset[str]  # 0/1 features (shown as percentages)
    categories: dict[str, pd.DataFrame]  # feature → k × value counts
    value_sum: np.ndarray | None = None  # net € per segment
    value_mean_overall: float | None = None
    rfm_mean: np.ndarray | None = None  # mean R+F+M score (3–15) per segment
    display: dict[str, str] = field(default_factory=dict)  # part_… feature → label as in the data
    words: dict[str, Words] = field(default_factory=dict)  # column → the user's words (personas.labels)
    purchases_mean: np.ndarray | None = None  # purchases per customer, per segment (frequency)
    purchases_mean_overall: float | None = None


def stats_from_frame(
    features: pd.DataFrame,
    labels: np.ndarray,
    k: int,
    numeric: list[str] | tuple[str, ...],
    categorical: list[str] | tuple[str, ...],
    *,
    describe: pd.DataFrame | None = None,
    value_column: str | list[str] | tuple[str, ...] | None = None,
    display: dict[str, str] | None = None,
    words: dict[str, Words] | None = None,
    purchase_columns: list[str] | tuple[str, ...] = (),
) -> SegmentStats:
    """Aggregate an in-memory feature table into :class:`SegmentStats`.

    ``value_column``: the € spent per customer — one column, or several summed (``MntWines`` +
    ``MntMeatProducts`` + …: the customer's spend across categories); ``purchase_columns``: counts
    of purchases summed into purchases per customer (``NumWebPurchases`` + ``NumStorePurchases``…).
    """
    from personas.features import RFMScorer

    numeric, categorical = list(numeric), list(categorical)
    lab = pd.Series(labels, index=features.index)
    num = features[numeric].astype(float)
    means = num.groupby(lab.to_numpy()).mean().reindex(range(k))
    binary = frozenset(c for c in numeric if set(num[c].dropna().unique()) <= {0.0, 1.0})
    cats: dict[str, pd.DataFrame] = {}
    extra = describe if describe is not None else pd.DataFrame(index=features.index)
    for c in categorical + list(extra.columns):
        s = (features[c] if c in features else extra[c]).astype(object).where(lambda x: x.notna(), "inconnu")
        cats[c] = pd.crosstab(lab.to_numpy(), s.to_numpy()).reindex(range(k), fill_value=0)
    value_sum, vmean, rfm = None, None, None
    if value_column:
        cols = [value_column] if isinstance(value_column, str) else list(value_column)
        v = features[cols].astype(float).sum(axis=1, min_count=1)
        value_sum = v.groupby(lab.to_numpy()).sum().reindex(range(k), fill_value=0.0).to_numpy()
        vmean = float(v.mean())
    pmean, pmean_all = None, None
    if purchase_columns:
        f = features[list(purchase_columns)].astype(float).sum(axis=1, min_count=1)
        pmean = f.groupby(lab.to_numpy()).mean().reindex(range(k)).to_numpy()
        pmean_all = float(f.mean())
    if {"recence_jours", "frequence", "montant_total"} <= set(features.columns):
        x = features[["recence_jours", "frequence", "montant_total"]].to_numpy(dtype=float)
        scores = RFMScorer().fit(x).transform(x).sum(axis=1)
        rfm = pd.Series(scores).groupby(labels).mean().reindex(range(k)).to_numpy()
    return SegmentStats(
        counts=np.bincount(labels, minlength=k), means=means, overall_mean=num.mean(),
        overall_std=num.std(ddof=0).replace(0, np.nan), binary=binary, categories=cats,
        value_sum=value_sum, value_mean_overall=vmean, rfm_mean=rfm, display=dict(display or {}),
        words=dict(words or {}), purchases_mean=pmean, purchases_mean_overall=pmean_all,
    )


@dataclass(frozen=True)
class Trait:
    """One thing that sets a segment apart."""

    feature: str
    kind: str  # "high", "low" or "category"
    criterion: str
    score: float  # |z|: standardised difference (of the 0/1 indicator for a category)
    value: float | str
    reference: float  # overall mean, or overall share of the category
    in_segment: float | None = None  # share of the segment holding the category
    binary: bool = False  # a 0/1 feature: mean shown as a percentage
    shown: str | None = None  # category/channel of a part_… feature as written in the data
    words: Words | None = None  # the user's words for this column (personas.labels)
    currency: str = "EUR"  # ISO code of the case's amounts (brief.constraints.currency)

    def label(self, lang: str = "fr") -> str:
        """The feature in words (the user's label first)."""
        return feature_label(self.feature, lang, {self.feature: self.shown} if self.shown else None,
                             {self.feature: self.words} if self.words is not None else None)

    def _words(self) -> Words | None:
        return self.words if self.words is not None else words_for(self.feature)

    @property
    def key(self) -> str:
        """Stable signature key: ``frequence+``, ``canal_acquisition=Instagram``."""
        if self.kind == "category":
            return f"{self.feature}={self.value}"
        return f"{self.feature}{'+' if self.kind == 'high' else '-'}"

    def text(self, lang: str = "fr") -> str:
        label = self.label(lang)
        if self.kind == "category":
            seg, ref = fmt_percent(self.in_segment, lang, 0), fmt_percent(self.reference, lang, 0)
            return tr(lang, "{label} : {value} ({seg} du segment contre {ref} en moyenne)",
                      label=label, value=category_level(self.value, lang), seg=seg, ref=ref)
        v, r = float(self.value), self.reference
        words = self._words()
        unit = "share" if self.binary or self.feature.startswith("part_") else _UNITS.get(
            self.feature, words.unit if words is not None else
            ("days" if self.feature.endswith("_jours") else "number"))
        if unit == "share":
            fv, fr_ = fmt_percent(v, lang, 0), fmt_percent(r, lang, 0)
        elif unit == "eur":
            fv, fr_ = fmt_currency(v, lang, self.currency, 0), fmt_currency(r, lang, self.currency, 0)
        elif unit == "kusd":
            fv, fr_ = f"{fmt_number(v, lang, 0)} k$", f"{fmt_number(r, lang, 0)} k$"
        elif unit == "days":
            d = tr(lang, " j")
            fv, fr_ = f"{fmt_number(v, lang, 0)}{d}", f"{fmt_number(r, lang, 0)}{d}"
        elif unit == "years":
            y = tr(lang, " ans", context="years")
            fv, fr_ = f"{fmt_number(v, lang, 0)}{y}", f"{fmt_number(r, lang, 0)}{y}"
        elif unit == "score":
            fv, fr_ = f"{fmt_number(v, lang, 0)}/100", f"{fmt_number(r, lang, 0)}/100"
        else:
            fv, fr_ = fmt_number(v, lang, 1), fmt_number(r, lang, 1)
        # the value and the mean, no "élevé/faible": "récence : élevé" read as "recent" when it meant the opposite
        return tr(lang, "{label} : {value} contre {mean} en moyenne", label=label, value=fv, mean=fr_)

    def piece(self, lang: str = "fr") -> str | None:
        """A short naming fragment (``fidèles``, ``canal boutique``, ``Instagram``)."""
        if self.kind == "category":
            from personas.columns import is_placeholder_level, level_rank

            v = str(self.value)
            if is_placeholder_level(v):
                return None  # no name from "unknown" or "other": the traits say it
            rank = level_rank(v)
            if rank is not None:  # "High" alone names nothing: "Spending Score élevé"
                return f"{self.label(lang)} {_SCALE[lang][rank]}"
            known = level_words(v, lang)
            if known is not None:  # « retraités » alone; « résultat de la campagne précédente : échec »
                text, alone = known
                return text if alone else tr(lang, "{label} : {value}", label=self.label(lang), value=text)
            if _CODE.fullmatch(v):  # "Cat_4", "X12": a code names no one (the traits show it with its column)
                return None
            if len(v) > 16:  # "Bac + 5 ou plus (master, …)" → "Bac + 5 ou plus"
                v = re.split(r"\s\(|,", v)[0].strip()
                if len(v) > 30:
                    v = " ".join(v.split()[:4])
            if len(v) < 4 or v.isdigit() or v[:1].islower():
                # a word of the data the toolkit does not know ("entreprise", "failure") reads with its
                # column: never a bare word, maybe foreign, in the name; a name ("Instagram", "B2B") stays
                if v.isdigit():
                    return f"{self.label(lang)} {v}"
                return tr(lang, "{label} : {value}", label=self.label(lang), value=v)
            return v
        if (self.feature, self.kind) in _PIECES["fr"] and self.words is None:
            return _PIECES[lang][(self.feature, self.kind)]
        words = self._words()
        if words is not None:
            piece = words.high if self.kind == "high" else words.low
            return piece[0 if lang == "fr" else 1] if piece else None
        if self.kind != "high":
            return None
        if self.feature.startswith("part_canal_"):
            x = self.shown or self.feature[len("part_canal_"):].replace("_", "-")
            return tr(lang, "canal {x}", x=x)
        if self.feature.startswith("part_"):
            x = self.shown or self.feature[len("part_"):].replace("_", " ")
            if _ascii(x[:1]) in "aeiouyh":  # élision: « amateurs d'expresso »
                return tr(lang, "amateurs d'{x}", x=x)
            return tr(lang, "amateurs de {x}", x=x)
        if self.binary:
            return self.label(lang)
        return None  # no name from a raw column label ("Kidhome élevé"): the traits say it


@dataclass(frozen=True)
class PersonaFacts:
    """The computed facts of one persona (what ``personas.yaml`` stores under ``facts``)."""

    id: str
    segment: int
    name: str
    description: str
    size: int
    share: float
    value_tier: str | None  # forte / moyenne / faible (fr) — high / medium / low (en)
    revenue_share: float | None
    mean_value: float | None  # € net per customer
    rfm_score: float | None  # mean R+F+M (3–15)
    traits: tuple[Trait, ...]
    trait_texts: tuple[str, ...]
    channels: tuple[str, ...]
    by_criterion: dict[str, tuple[str, ...]] = field(default_factory=dict)
    score: float = 0.0  # target score, best = 100
    rank: int = 0
    fit: float = 1.0
    matched_objectives: tuple[str, ...] = ()
    why: str = ""  # why this rank: value, fit with the objectives, size
    draft: dict = field(default_factory=dict)  # draft portrait/goals/frustrations/channels (to validate)
    mean_purchases: float | None = None  # purchases per customer (frequency), when the file counts them
    currency: str = "EUR"  # ISO code of mean_value (brief.constraints.currency)

    @property
    def signature(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.traits[:6])


def _traits(stats: SegmentStats, s: int, criteria: dict[str, str], min_size: int,
            currency: str = "EUR") -> list[Trait]:
    out: list[Trait] = []
    for c in stats.means.columns:
        if c.endswith("_rang"):  # ordered categories: their labels are described as categories
            continue
        sd = stats.overall_std.get(c)
        if sd is None or not np.isfinite(sd):
            continue
        m = stats.means.at[s, c]
        if not np.isfinite(m):
            continue
        z = (m - stats.overall_mean[c]) / sd
        if abs(z) >= 0.3:
            out.append(Trait(c, "high" if z > 0 else "low", criteria.get(c, "comportemental"), float(abs(z)),
                             float(m), float(stats.overall_mean[c]), binary=c in stats.binary,
                             shown=stats.display.get(c), words=user_words(c, stats.words), currency=currency))
    n_s = stats.counts[s]
    for c, table in stats.categories.items():
        tot = table.sum(axis=0)
        n = tot.sum()
        if n == 0 or n_s == 0:
            continue
        for v in table.columns:
            if str(v) in MASKED:
                continue
            cnt = table.at[s, v]
            in_seg, overall = cnt / n_s, tot[v] / n
            if overall <= 0:
                continue
            lift = in_seg / overall
            if lift >= 1.25 and in_seg >= 0.15 and cnt >= min_size:
                # standardised difference of the 0/1 indicator: comparable with numeric z
                z = (in_seg - overall) / np.sqrt(overall * (1 - overall)) if overall < 1 else 0.0
                out.append(Trait(c, "category", criteria.get(c, "socio_demographique"), float(z),
                                 str(v), float(overall), float(in_seg), words=user_words(c, stats.words)))
    out.sort(key=lambda t: -t.score)
    return out


def _name(traits: list[Trait], lang: str, taken: set[str]) -> str:
    pieces: list[str] = []
    features: set[str] = set()
    for t in traits:
        p = t.piece(lang)
        words = set(re.findall(r"[a-z0-9]+", _ascii(p or "")))
        used = set(re.findall(r"[a-z0-9]+", _ascii(" ".join(pieces))))
        if p and t.feature not in features and not (words & used):
            pieces.append(p)
            features.add(t.feature)
    if not pieces:
        base = tr(lang, "Clients dans la moyenne")
        return base if base not in taken else f"{base} ({len(taken) + 1})"
    cands = [f"{pieces[a]} · {pieces[b]}" for a in range(len(pieces)) for b in range(a + 1, len(pieces))]
    cands = cands[:1] + [pieces[0]] * (len(pieces) == 1) + cands[1:]
    for cand in cands:
        cand = cand[:1].upper() + cand[1:]
        if cand not in taken:
            return cand
    return pieces[0][:1].upper() + pieces[0][1:] + f" ({len(taken) + 1})"


def _keywords(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", _ascii(text))
    out = {w for w in words if len(w) >= 3 and w not in _STOP}
    for w in list(out):
        out.update(_SYNONYMS.get(w, ()))
    return out


def _vocab(traits: list[Trait]) -> set[str]:
    v: set[str] = set()
    for t in traits:
        if t.kind == "low":
            continue
        v.update(re.findall(r"[a-z0-9]+", _ascii(t.feature)))
        # the feature's words as the reader reads them (« dépenses en vins » matches « ventes de vins »)
        v.update(w for w in re.findall(r"[a-z0-9]+", _ascii(f"{t.label('fr')} {t.piece('fr') or ''}"))
                 if w not in _GENERIC)
        for prefix in ("part_canal_", "part_"):
            if t.feature.startswith(prefix):
                v.add(_ascii(t.feature[len(prefix):]).replace("_", ""))
                break
        if t.kind == "category":
            v.update(re.findall(r"[a-z0-9]+", _ascii(str(t.value))))
        if t.kind == "high" and t.feature in ("frequence",):
            v.add("fideles")
    return {w for w in v if len(w) >= 3}


def _matches(obj_words: set[str], vocab: set[str]) -> bool:
    return any(a == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]) for a in obj_words for b in vocab)


def describe_segments(
    stats: SegmentStats,
    *,
    criteria: dict[str, str],
    objectives: list[str] | tuple[str, ...] = (),
    min_segment_size: int = 10,
    lang: str = "fr",
    currency: str = "EUR",
    verbatims: tuple[tuple[Verbatim, ...], ...] | None = None,
) -> list[PersonaFacts]:
    """Persona facts for every segment, ids P1… by size, with target scores and ranks.

    ``verbatims``: each segment's frequent comments (:func:`comment_highlights`), used in the drafts.

    ``currency``: ISO code of the amounts (the case's ``brief.constraints.currency``), used
    wherever a value is written (traits, mean value per customer, why a rank)."""
    k = len(stats.counts)
    total = stats.counts.sum()
    order = np.argsort(-stats.counts, kind="stable")
    raw: list[dict] = []
    taken: set[str] = set()
    for pos, s in enumerate(order):
        traits = _traits(stats, int(s), criteria, min_segment_size, currency)
        name = _name(traits, lang, taken)
        taken.add(name)
        tier = None
        if stats.rfm_mean is not None and np.isfinite(stats.rfm_mean[s]):
            r = stats.rfm_mean[s]
            tier = "forte" if r >= 10.5 else "moyenne" if r >= 7.5 else "faible"
        elif stats.value_sum is not None and stats.value_mean_overall:
            ratio = (stats.value_sum[s] / max(stats.counts[s], 1)) / stats.value_mean_overall
            tier = "forte" if ratio >= 1.3 else "moyenne" if ratio >= 0.7 else "faible"
        rev_share, mean_value = None, None
        if stats.value_sum is not None:
            pos_total = float(np.clip(stats.value_sum, 0, None).sum())
            rev_share = float(max(stats.value_sum[s], 0) / pos_total) if pos_total > 0 else None
            mean_value = float(stats.value_sum[s] / max(stats.counts[s], 1))
        channels = []
        for c in stats.means.columns:
            if c.startswith("part_canal_") and stats.means.at[s, c] >= 0.15:
                channels.append((stats.means.at[s, c],
                                 stats.display.get(c) or c[len("part_canal_"):].replace("_", "-")))
        channels.sort(reverse=True)
        chan_txt = [f"{name_} ({fmt_percent(sh, lang, 0)})" for sh, name_ in channels]
        for c, table in stats.categories.items():
            if any(w in _ascii(c) for w in ("canal", "channel", "source", "acquisition")) and stats.counts[s]:
                row = table.loc[s] / stats.counts[s]
                for v, sh in row.sort_values(ascending=False).items():
                    if sh >= 0.25 and str(v) not in MASKED:
                        label = feature_label(c, lang, words=stats.words)
                        chan_txt.append(f"{label} : {v} ({fmt_percent(sh, lang, 0)})" if lang == "fr"
                                        else f"{label}: {v} ({fmt_percent(sh, lang, 0)})")
        texts = [t.text(lang) for t in traits]
        by_crit: dict[str, list[str]] = {}
        for t, txt in zip(traits, texts, strict=True):
            by_crit.setdefault(t.criterion, []).append(txt)
        share = float(stats.counts[s] / total)
        tier_txt = _TIERS[lang][tier] if tier else None
        top = ", ".join(p for p in (t.piece(lang) for t in traits[:3]) if p)
        desc = tr(lang, "{share} des clients", share=fmt_percent(share, lang, 0))
        desc += tr(lang, ", valeur {tier}", tier=tier_txt) if tier_txt else ""
        desc += (tr(lang, " ({share} du chiffre d'affaires)", share=fmt_percent(rev_share, lang, 0))
                 if rev_share is not None else "")
        desc += tr(lang, " : {top}.", top=top) if top else "."
        vocab = _vocab(traits[:8])
        matched = tuple(o for o in objectives if _matches(_keywords(o), vocab))
        fit = 1.0 + (len(matched) / len(objectives) if objectives else 0.0)
        vidx = (mean_value / stats.value_mean_overall) if (mean_value is not None and stats.value_mean_overall
                                                           and stats.value_mean_overall > 0) else 1.0
        raw.append(dict(
            id=f"P{pos + 1}", segment=int(s), name=name, description=desc, size=int(stats.counts[s]), share=share,
            value_tier=tier_txt, revenue_share=rev_share, mean_value=mean_value,
            rfm_score=float(stats.rfm_mean[s]) if stats.rfm_mean is not None else None,
            traits=tuple(traits), trait_texts=tuple(texts), channels=tuple(chan_txt),
            by_criterion={c: tuple(v) for c, v in by_crit.items()},
            score=0.0, fit=fit, matched_objectives=matched,
            draft=draft_card(traits, chan_txt, share, tier_txt, lang,
                             verbatims[int(s)] if verbatims is not None and int(s) < len(verbatims) else ()),
        ))
        purchases = None
        if stats.purchases_mean is not None and np.isfinite(stats.purchases_mean[s]):
            purchases = float(stats.purchases_mean[s])
        raw[-1]["mean_purchases"] = purchases
        if mean_value is not None or (stats.rfm_mean is None and purchases is None):
            raw[-1]["_value"] = max(vidx, 0.0)
        elif stats.rfm_mean is not None:
            raw[-1]["_value"] = float(stats.rfm_mean[s] / 9.0)
        else:  # no amount: purchases per customer stand for the value
            raw[-1]["_value"] = purchases / stats.purchases_mean_overall if stats.purchases_mean_overall else 1.0
    _rank(raw, objectives, lang, currency)
    for r in raw:
        r["currency"] = currency
    del k
    return [PersonaFacts(**{k_: v for k_, v in r.items() if not k_.startswith("_")}) for r in raw]


#: Weights of the target score: value first, then fit with the brief's objectives, then size.
SCORE_WEIGHTS = {"value": 0.5, "fit": 0.3, "size": 0.2}


def _rank(raw: list[dict], objectives, lang: str, currency: str = "EUR") -> None:
    """Target score = 100 × (0.5 × value + 0.3 × fit + 0.2 × size), each relative to the best
    segment (value: mean € per customer, or the RFM score; fit: share of the brief's objectives
    that match the segment's traits; size: share of customers). The lowest spender cannot
    outrank the best one on size alone; a segment that matches no objective loses 30 points."""
    vmax = max((r["_value"] for r in raw), default=0.0) or 1.0
    smax = max((r["share"] for r in raw), default=0.0) or 1.0
    n_obj = len(objectives)
    for r in raw:
        v, f, z = r["_value"] / vmax, (len(r["matched_objectives"]) / n_obj if n_obj else 0.0), r["share"] / smax
        w = SCORE_WEIGHTS
        r["score"] = 100.0 * (w["value"] * v + w["fit"] * f + w["size"] * z)
        r["_parts"] = (v, f, z)
    order = sorted(raw, key=lambda r: (-r["score"], r["id"]))
    by_value = sorted(raw, key=lambda r: -r["_value"])
    for i, r in enumerate(order):
        r["rank"] = i + 1
        vpos = by_value.index(r) + 1
        n_m = len(r["matched_objectives"])
        val = (tr(lang, "valeur {rank}ᵉ sur {n}", rank=vpos, n=len(raw)) if vpos > 1
               else tr(lang, "valeur la plus haute des {n}", n=len(raw)))
        per = []
        if r["mean_value"] is not None:
            per.append(fmt_currency(r["mean_value"], lang, currency, 0))
        if r.get("mean_purchases") is not None:
            n_p = fmt_number(r["mean_purchases"], lang, 1)
            per.append(tr(lang, "{n_p} achats", n_p=n_p))
        if per:
            val += tr(lang, " ({per} par client)", per=' et '.join(per), per_2=' and '.join(per))
        if not n_obj:
            fit = tr(lang, "pas d'objectif dans le brief")
        elif not n_m:
            fit = tr(lang, "ne rejoint aucun objectif")
        elif n_m == 1:
            fit = tr(lang, "rejoint 1 objectif sur {total}", total=n_obj)
        else:
            fit = tr(lang, "rejoint {n} objectifs sur {total}", n=n_m, total=n_obj)
        size = tr(lang, "{share} des clients", share=fmt_percent(r['share'], lang, 0))
        r["why"] = tr(lang, "{value} ; {fit} ; {size}", value=val, fit=fit, size=size)


@dataclass(frozen=True)
class Verbatim:
    """A comment written, word for word, by several customers of one segment."""

    text: str  # as written most often (personal data masked beforehand)
    count: int  # customers of the segment who wrote it
    share: float  # share of the segment's comments
    overall: float  # share of all comments
    score: float | None = None  # mean recommendation score (0–10) of those who wrote it, when the file has one


def _comment_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", _ascii(text))).strip()


def comment_highlights(comments: pd.Series, labels: np.ndarray, k: int, *, scores: pd.Series | None = None,
                       min_count: int = 10, lift: float = 1.25, top: int = 3) -> tuple[tuple[Verbatim, ...], ...]:
    """The comments over-represented in each segment (``comments`` aligned with ``labels``).

    **Privacy rule**: a comment is shown only when at least ``min_count`` customers of the segment
    (the smallest segment allowed) wrote the same words (case, accents and punctuation aside), and
    never when masking found personal data in it (a phone, an e-mail…): a text written identically
    by that many people describes a group, not a person. Over-represented: share of the segment's
    comments ≥ ``lift`` × its share of all comments.
    """
    from toolkit.privacy import find_personal

    text = comments.astype("string").str.strip()
    ok = text.notna() & (text != "")
    keys = pd.Series(pd.NA, index=comments.index, dtype="string")
    keys[ok] = [(_comment_key(t) if not find_personal(t) and "masqué" not in t and "masked" not in t else pd.NA)
                for t in text[ok]]
    ok = keys.notna().to_numpy()
    lab = np.asarray(labels)
    total = int(ok.sum())
    out: list[tuple[Verbatim, ...]] = []
    if total == 0:
        return tuple(() for _ in range(k))
    overall = keys[ok].value_counts()
    for seg in range(k):
        mask = ok & (lab == seg)
        n_seg = int(mask.sum())
        found: list[Verbatim] = []
        if n_seg:
            counts = keys[mask].value_counts()
            for key, cnt in counts.items():
                share, base = cnt / n_seg, overall[key] / total
                if cnt < min_count or share < lift * base:
                    continue
                rows = mask & (keys == key).fillna(False).to_numpy()
                shown = str(text[rows].value_counts().index[0])
                sc = None
                if scores is not None:
                    vals = pd.to_numeric(scores[rows], errors="coerce").dropna()
                    sc = float(vals.mean()) if len(vals) else None
                found.append(Verbatim(shown, int(cnt), float(share), float(base), sc))
        found.sort(key=lambda v: (-v.count, v.text))
        out.append(tuple(found[:top]))
    return tuple(out)


def draft_card(traits: list[Trait], channels: list[str], share: float, tier: str | None,
               lang: str = "fr", verbatims: tuple[Verbatim, ...] = ()) -> dict[str, list[str] | str]:
    """A first draft of the card's portrait, goals, frustrations and channels, derived from the
    data only (rules on the segment's traits, and the segment's frequent comments, ``verbatims``)
    — shown "brouillon — à valider" until the user writes their own in ``personas.yaml``. Nothing
    here is invented beyond what the traits and the comments say. A comment goes to the
    frustrations when those who wrote it gave a recommendation score of 6 or less on average
    (NPS detractors), else to the goals."""
    top = [t for t in traits[:4]]
    bits = [t.text(lang) for t in top[:3]]
    portrait = (tr(lang, "Représente {share} des clients", share=fmt_percent(share, lang, 0))
                + (tr(lang, ", valeur {tier}", tier=tier) if tier else "")
                + (tr(lang, ". Ce qui le distingue : {traits}.", traits=tr(lang, " ; ").join(bits)) if bits else "."))
    goals: list[str] = []
    frustrations: list[str] = []
    for t in traits[:8]:
        name = _ascii(t.feature)
        high = t.kind == "high"
        words = words_for(t.feature)
        days = (words is not None and words.lower_is_recent) or name.endswith("_jours") and "recence" in name
        if days and high:
            frustrations.append(tr(lang, "Peu de raisons de revenir : inactif depuis plus longtemps que la moyenne"))
        elif days and not high:
            goals.append(tr(lang, "Garder ses habitudes d'achat récentes"))
        elif any(w in name for w in ("deal", "promo", "remise", "solde")) and high:
            goals.append(tr(lang, "Acheter au meilleur prix"))
            frustrations.append(tr(lang, "Prix perçus comme élevés hors promotion"))
        elif any(w in name for w in ("retour", "return", "complain", "reclamation")) and high:
            frustrations.append(tr(lang, "{lang_} au-dessus de la moyenne", lang_=t.label(lang)))
        elif any(w in name for w in ("web", "eshop", "site", "online", "appli", "app")) and high:
            goals.append(tr(lang, "Commander en ligne, vite et depuis son téléphone"))
        elif any(w in name for w in ("store", "magasin", "boutique")) and high:
            goals.append(tr(lang, "Être conseillé en magasin"))
        elif any(w in name for w in ("kid", "enfant", "teen", "famille")) and high:
            goals.append(tr(lang, "Des achats pratiques pour toute la famille"))
        elif any(w in name for w in ("montant", "mnt", "spend", "panier", "frequence", "commandes", "purchases")) and high:
            goals.append(tr(lang, "Retrouver ses produits préférés sans effort"))
        elif any(w in name for w in ("montant", "mnt", "spend", "frequence", "commandes")) and not high:
            frustrations.append(tr(lang, "Offre ou prix pas encore adaptés à ses besoins (achète peu)"))
    quoted_goals, quoted_frustrations = [], []
    for v in verbatims:
        said = tr(lang, "« {text} » ({share} des commentaires du segment)", text=v.text, share=fmt_percent(v.share, lang, 0))
        (quoted_frustrations if v.score is not None and v.score <= 6 else quoted_goals).append(said)
    dedup = lambda xs: list(dict.fromkeys(xs))[:3]  # noqa: E731
    out = {"portrait": portrait, "goals": dedup(quoted_goals + goals), "frustrations": dedup(quoted_frustrations + frustrations),
           "channels": list(channels[:3])}
    if verbatims:
        out["verbatims"] = [v.text for v in verbatims]
    return out
