"""Legal references: documents a plan cites, found, parsed and resolved to canonical ids.

    find.py     citations found by regular expressions in raw text (offsets, symbols, dates)
    resolve.py  the spaCy rule pipeline over a whole document; citations merged per document
                and jurisdiction, scope (national / province / commune), relations
    vocab.py    what only references use: symbol spellings of types, issuer codes of local
                bodies, level words of issuer phrases, law names; the vocabularies shared with
                the rest of ingest and the graph (document types, national issuer codes, the
                departments) are ingest/vocab.py's, which find.py and resolve.py import directly

`cite(text, meta)` and `collect(lines, meta)` are loaded on first use (they import spaCy), so
that importing the package, or refs.find and refs.vocab alone, does not.
"""

__all__ = ["cite", "collect"]


def __getattr__(name):
    if name in __all__:
        from . import resolve
        return getattr(resolve, name)
    raise AttributeError(f"module 'ingest.refs' has no attribute {name!r}")
