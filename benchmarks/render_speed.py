"""How long the renderers take on a big table, against the plain library way in the same run.

    python benchmarks/render_speed.py [rows]

Builds a document holding one table of ``rows`` rows × 6 typed columns (default 2,000), renders
it to each format and times it; the baseline is what a script would do without the toolkit
(pandas ``to_html`` / ``to_excel``, python-docx filling ``cell.text`` row by row), which
has no formatting, captions, styling or escaping guarantees. Prints a table (seconds).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(rows: int = 2000) -> None:
    import pandas as pd

    from toolkit.document import Document, Section, Table
    from toolkit.render import render

    df = pd.DataFrame({
        "Campagne": [f"Campagne {i} <b>&</b>" for i in range(rows)],
        "Date": [dt.date(2026, 1, 1) + dt.timedelta(days=i % 365) for i in range(rows)],
        "Impressions": [1000 + i * 7 for i in range(rows)],
        "Clics": [10 + i % 97 for i in range(rows)],
        "CTR": [(10 + i % 97) / (1000 + i * 7) for i in range(rows)],
        "Coût": [12.5 + (i % 50) * 1.37 for i in range(rows)],
    })
    table = Table.from_frame(df, {"Date": "date", "CTR": "percent", "Coût": "currency"},
                             caption="Campagnes", totals=("Impressions", "Clics", "Coût"))
    doc = Document("Benchmark", sections=(Section("Données", [table]),))
    out = Path(tempfile.mkdtemp())

    def timed(fn) -> float:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t

    def docx_baseline() -> None:
        import docx

        d = docx.Document()
        t = d.add_table(rows=rows + 1, cols=len(df.columns))
        table_rows = list(t.rows)
        for cell, c in zip(table_rows[0].cells, df.columns, strict=True):
            cell.text = str(c)
        for row, rec in zip(table_rows[1:], df.itertuples(index=False), strict=True):
            for cell, v in zip(row.cells, rec, strict=True):
                cell.text = str(v)
        d.save(out / "base.docx")

    results = [
        ("md", timed(lambda: render(doc, out, "b", ["md"])),
         timed(lambda: (out / "base.md").write_text("\n".join("|".join(map(str, r)) for r in df.itertuples())))),
        ("html", timed(lambda: render(doc, out, "b", ["html"])), timed(lambda: df.to_html(out / "base.html"))),
        ("xlsx", timed(lambda: render(doc, out, "b", ["xlsx"])), timed(lambda: df.to_excel(out / "base.xlsx"))),
        ("docx", timed(lambda: render(doc, out, "b", ["docx"])), timed(docx_baseline)),
        ("pptx", timed(lambda: render(doc, out, "b", ["pptx"])), float("nan")),
    ]
    from toolkit.render.pptx import MAX_TABLE_SLIDES

    print(f"{rows} rows × 6 columns (pptx: the table is cut to {MAX_TABLE_SLIDES} slides, with a warning)")
    print(f"{'format':<8}{'toolkit (s)':>14}{'baseline (s)':>15}{'ratio':>8}")
    for fmt, ours, base in results:
        ratio = ours / base if base == base else float("nan")
        print(f"{fmt:<8}{ours:>14.2f}{base:>15.2f}{ratio:>8.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
