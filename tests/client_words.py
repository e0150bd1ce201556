"""The words a client must never read in a deliverable, shared by the checks of rendered pages
(``tests/render/pages``) and the fast check of every deliverable's text (``tests/grids/test_grids_client_words.py``).

File names, YAML keys, English codes and the tool itself belong to the user's side (the CLI,
``toolkit check``, the docs); a client document says what to provide in words (« les cibles du
plan », « la grille tarifaire »). Codes are lower case: a client's own campaign name
("FR_Search_Marque") or an English source's title ("Paid Search Benchmarks") is not one.
"""

from __future__ import annotations

import re

#: Codes and file names, whatever the document's language: a YAML file, a literal backtick, a
#: snake_case key or code (``digital_maturity``, ``rate_card``, ``medias_sociaux``), a list path
#: (``actions[].priority``), a dotted YAML path under one of the case's or plan's sections
#: (``brief.constraints``, ``concept.values``, ``watch.trends.files``).
CODE_WORDS = [r"\.ya?ml\b", "`", r"(?-i:\b[a-z]+_[a-z_]+\b)", r"\[\]",
              r"(?-i:\b(?:brief|client|watch|settings|concept|charter|crisis|search|pilotage|actions|targets|team|"
              r"risks|objectives|validation|channels|competitors|output|calendar|site)(?:\[\])?\.[a-z_]+\b)"]

#: And in a French document, the English words of the tool's vocabulary (field names, channel
#: codes) and the tool itself.
TOOL_WORDS = [r"\btoolkit\b", r"\bsubscribers\b", r"\brevenue\b", r"\breach\b", r"\bgoogle_ads\b",
              r"\bonline_revenue_share\b", r"\bwatch\.readings\b", r"today 5-y",
              r"(?-i:\bpaid\b)", r"(?-i:\bowned\b)", r"(?-i:\bearned\b)", *CODE_WORDS]


def pattern(lang: str = "fr") -> re.Pattern[str]:
    """The tool words of a document in ``lang`` (French: all; English: codes and file names)."""
    return re.compile("|".join(TOOL_WORDS if lang == "fr" else CODE_WORDS), re.IGNORECASE)
