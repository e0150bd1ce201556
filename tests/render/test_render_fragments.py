"""`fragments`: blocks embedded in a page of their own share numbering and avoid its ids."""

from __future__ import annotations

import re

from toolkit.document import Section, Table
from toolkit.render.html import fragments


def _table(caption: str) -> Table:
    return Table(columns=("a",), rows=((1,),), kinds=("integer",), caption=caption)


def test_numbering_is_shared_and_reserved_ids_are_avoided():
    out = fragments([Section("Budget", [_table("Un")]), Section("Budget", [_table("Deux")])],
                    "fr", reserved_ids={"budget"})
    ids = re.findall(r'id="([^"]+)"', "".join(out))
    assert "budget" not in ids
    assert len(ids) == len(set(ids))
    assert "Tableau 1" in out[0] and "Tableau 2" in out[1]
