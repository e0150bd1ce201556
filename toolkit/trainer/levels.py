"""Difficulty levels of the generated cases: how loud each planted fact is, and what hides it.

A level is chosen for the whole class (``toolkit trainer generate --difficulty expert``), so every
group of one run has the same difficulty by construction: the same number of facts of each kind,
drawn with the same signal-to-noise ratio and the same distractors; only the words, names and
figures drawn from the seed differ.

==================  ====================================  =========  ==========  ==========
fact                knob                                  facile     standard    expert
==================  ====================================  =========  ==========  ==========
segments            spread of the archetypes (× sd)        0.8        1.0         1.3
                    customers with one trait of another    0 %        5 %         12 %
                    archetype
trend_rising        noise on the weekly series (sd)        2 %        4 %         8 %
emerging_topic      articles on the topic (4 weeks)        10         8           6
                    distractor: a topic of last year       no         yes         yes
overspend           overspend (× budget to date)           1.38–1.50  1.32–1.45   1.24–1.32
                    the other actions (× budget)           0.98–1.01  0.96–1.02   0.94–1.06
bad_buzz            volume of the burst (×)                1.3        1.0         0.8
                    share of everyday complaints           8 %        12 %        16 %
                    distractor: a competitor's bad buzz    no         no          yes
market_growth       fastest segment (CAGR)                 14–18 %    11–16 %     9–12 %
                    the other segments                     −1–2 %     −1–3 %      1–5 %
tracking_gap        days without site measurement         9          7           5
                    distractor: a half-measured day        no         yes         yes
competitor_move     articles on the move                   4          3           2
                    distractor: older news of another      no         yes         yes
==================  ====================================  =========  ==========  ==========

Every level keeps each fact findable by the toolkit's own analyses (the trainer tests check it
at each level), and a harder level is measurably noisier (tested too).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LEVEL", "LEVELS", "Level"]


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    spread: float  # × the archetypes' standard deviations (customers)
    mixed: float  # share of customers with one trait drawn from another archetype
    trend_noise: float  # relative sd of the noise on the Google Trends series
    emerging_items: int  # articles on the emerging topic in the last four weeks
    overspend: tuple[float, float]  # actual / budget to date of the overspending action
    others: tuple[float, float]  # actual / budget to date of the other actions
    buzz_scale: float  # × the daily volume of the bad buzz
    complaint_rate: float  # share of everyday mentions that complain
    market_fast: tuple[float, float]  # CAGR of the fastest segment
    market_other: tuple[float, float]  # CAGR of the other segments
    gap_days: int  # consecutive days without site measurement (tracking gap)
    move_items: int  # articles on the competitor's move
    distractors: int  # 0: none; 1: old topic, half-measured day, old competitor news; 2: + competitor bad buzz


LEVELS: dict[str, Level] = {
    "facile": Level("facile", "Facile", spread=0.8, mixed=0.0, trend_noise=0.02, emerging_items=10,
                    overspend=(1.38, 1.50), others=(0.98, 1.01), buzz_scale=1.3, complaint_rate=0.08,
                    market_fast=(0.14, 0.18), market_other=(-0.01, 0.02), gap_days=9, move_items=4, distractors=0),
    "standard": Level("standard", "Standard", spread=1.0, mixed=0.05, trend_noise=0.04, emerging_items=8,
                      overspend=(1.32, 1.45), others=(0.96, 1.02), buzz_scale=1.0, complaint_rate=0.12,
                      market_fast=(0.11, 0.16), market_other=(-0.01, 0.03), gap_days=7, move_items=3, distractors=1),
    "expert": Level("expert", "Expert", spread=1.3, mixed=0.12, trend_noise=0.08, emerging_items=6,
                    overspend=(1.24, 1.32), others=(0.94, 1.06), buzz_scale=0.8, complaint_rate=0.16,
                    market_fast=(0.09, 0.12), market_other=(0.01, 0.05), gap_days=5, move_items=2, distractors=2),
}
DEFAULT_LEVEL = "standard"
