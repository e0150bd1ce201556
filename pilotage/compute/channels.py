"""The channels of an online presence: one table (id, labels, online or not, the words that name
it) read by the presence plan's matrix and by the dashboard's audience part.

``channel_ids("YouTube et Reels")`` → ``("instagram", "youtube")``.
"""

from __future__ import annotations

import re

from veille.text import strip_accents

__all__ = ["CHANNELS", "ONLINE", "channel_ids", "channel_label"]

#: id → (French label, English label, online?, patterns on the accent-free lower-case text).
CHANNELS: dict[str, tuple[str, str, bool, tuple[str, ...]]] = {
    "site": ("Site et blog", "Website and blog", True,
             (r"\bsite\b", r"\bblog\b", r"e-?shop", r"boutique en ligne", r"online (shop|store)", r"fiches? conseils?",
              r"\bcontenus?\b", r"espace client", r"\bwebsite\b")),
    "search": ("Recherche (SEO, SEA)", "Search (SEO, paid search)", True,
               (r"\bseo\b", r"\bsea\b", r"\bsearch\b", r"\brecherche", r"\bgoogle\b", r"google_ads", r"referencement")),
    "instagram": ("Instagram", "Instagram", True, (r"instagram", r"\binsta\b", r"\breels?\b", r"\bmeta\b")),
    "facebook": ("Facebook", "Facebook", True, (r"facebook", r"\bfb\b", r"\bmeta\b")),
    "linkedin": ("LinkedIn", "LinkedIn", True, (r"linkedin",)),
    "youtube": ("YouTube", "YouTube", True, (r"youtube",)),
    "tiktok": ("TikTok", "TikTok", True, (r"tiktok",)),
    "pinterest": ("Pinterest", "Pinterest", True, (r"pinterest",)),
    "email": ("E-mail et newsletter", "E-mail and newsletter", True,
              (r"e-?mail", r"newsletter", r"courriel", r"\bbrevo\b", r"emailing")),
    "influence": ("Influence", "Influencer marketing", True, (r"influen", r"createurs?", r"creators?")),
    "reviews": ("Avis en ligne", "Online reviews", True, (r"\bavis\b", r"\breviews?\b", r"google business", r"trustpilot")),
    "press": ("Relations presse", "Press relations", False, (r"\brp\b", r"\bpresse\b", r"\bpress\b")),
    "events": ("Événements", "Events", False, (r"evenement", r"\bevent", r"atelier", r"soiree", r"salon", r"degustation")),
    "store": ("Boutique physique", "Physical shop", False, (r"boutique(?! en ligne)", r"magasin", r"\bshop\b(?!ping)",
                                                             r"\bstore\b")),
    "word_of_mouth": ("Bouche-à-oreille et parrainage", "Word of mouth and referral", False,
                      (r"bouche[- ]a[- ]oreille", r"word of mouth", r"parrainage", r"referral")),
    "sales": ("Prospection commerciale", "Sales calls", False, (r"rendez-vous commercial", r"commercia", r"\bsales\b")),
}
ONLINE = frozenset(k for k, v in CHANNELS.items() if v[2])
_COMPILED = {k: tuple(re.compile(p) for p in v[3]) for k, v in CHANNELS.items()}


def _fold(text: str) -> str:
    return strip_accents(str(text or "").lower())


def channel_ids(text: str) -> tuple[str, ...]:
    """The channels a free name stands for, in :data:`CHANNELS` order (``()`` when none).

    ``"YouTube et Reels"`` → ``("instagram", "youtube")``; ``"Boutique"`` → ``("store",)``;
    ``"boutique en ligne"`` → ``("site",)``. An exact channel id (``"linkedin"``) is itself.
    """
    t = _fold(text).strip()
    if t in CHANNELS:
        return (t,)
    return tuple(k for k, pats in _COMPILED.items() if any(p.search(t) for p in pats))


#: What is measured outside the channels of :data:`CHANNELS` (share of voice: the mentions).
_OTHER = {"mentions": ("Mentions (web et réseaux)", "Mentions (web and social)")}


def channel_label(cid: str, lang: str = "fr") -> str:
    """``instagram`` → ``Instagram``; ``search`` → ``Recherche (SEO, SEA)``; an unknown id as written."""
    entry = CHANNELS.get(cid) or _OTHER.get(cid)
    return (entry[1] if lang == "en" else entry[0]) if entry else cid
