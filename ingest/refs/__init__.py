"""Legal references: documents a plan cites, found, parsed and resolved to canonical ids.

    find.py     citations found by regular expressions in raw text (offsets, symbols, dates)
    resolve.py  the spaCy rule pipeline over a whole document; citations merged per document
                and jurisdiction, scope (national / province / commune), relations
    vocab.py    document types, issuer codes, law names: plain data shared by both

`cite(text, meta)` and `collect(lines, meta)` are loaded on first use, so that modules
needing only the vocabulary (agencies, the graph builder) do not build spaCy.
"""

__all__ = ["cite", "collect"]


def __getattr__(name):
    if name in __all__:
        from . import resolve
        return getattr(resolve, name)
    raise AttributeError(f"module 'ingest.refs' has no attribute {name!r}")
