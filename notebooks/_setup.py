"""What every notebook needs: the store, a canonical query runner, and a plain table display.

The notebooks read the store that the run command builds (data/store, or $REFORMKG_STORE),
read-only, so they also run while `reformkg serve` holds the store open. Tables are HTML for
Jupyter and aligned text for anything that shows only text; IRIs are shortened to the part
after https://w3id.org/reformkg/id/ so outputs carry no machine-specific path.
"""
from __future__ import annotations

import html
from pathlib import Path

from IPython.display import Markdown, display

from graph import open_store, queries
from graph.iri import ID
from graph.store import default_location, is_url


def connect():
    """The run command's store, read-only; a clear message when it has not been built yet."""
    location = default_location()
    if not is_url(location) and not Path(location).is_dir():
        raise FileNotFoundError(f"no graph store at {location}: run `make run` (or `reformkg ingest --create "
                                "data/plans`) first, or point REFORMKG_STORE at a store")
    return open_store(location, read_only=True)


STORE = connect()


def short(value) -> str:
    """'https://w3id.org/reformkg/id/legal/nd-118-2025-nd-cp' -> 'legal/nd-118-2025-nd-cp'."""
    text = "" if value is None else str(value)
    return text[len(ID):] if text.startswith(ID) else text


def run(name: str, **params) -> list[dict]:
    """Show a canonical query of graph/queries/ (title, question, SPARQL), then run it -> rows."""
    q = queries.load()[name]
    display(Markdown(f"**{q.title}** (`graph/queries/{name}.rq`)\n\n{q.answers}\n\n```sparql\n{q.sparql.strip()}\n```"))
    return queries.run(STORE, name, **params)


class Table:
    """Rows of dicts shown as a table: HTML in Jupyter, aligned text elsewhere."""

    def __init__(self, rows: list[dict], columns: list[str] | None = None, limit: int = 15, width: int = 70):
        self.columns = columns or (list(rows[0]) if rows else [])
        self.total, self.limit, self.width = len(rows), limit, width
        self.cells = [[self._cell(r.get(c)) for c in self.columns] for r in rows[:limit]]

    def _cell(self, value) -> str:
        text = short(value)
        return text if len(text) <= self.width else text[:self.width - 1] + "…"

    def _more(self) -> str:
        return f"… {self.total - self.limit} more rows ({self.total} in all)" if self.total > self.limit else \
            f"{self.total} rows"

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{html.escape(v)}</td>" for v in row) + "</tr>"
                       for row in self.cells)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p>{self._more()}</p>"

    def __repr__(self) -> str:
        widths = [max([len(c)] + [len(row[i]) for row in self.cells]) for i, c in enumerate(self.columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(self.columns, widths))]
        lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in self.cells]
        return "\n".join(lines + [self._more()])


def table(rows: list[dict], columns: list[str] | None = None, limit: int = 15, width: int = 70) -> Table:
    return Table(rows, columns, limit, width)
