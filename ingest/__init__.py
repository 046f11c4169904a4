"""reformkg ingest: plan files -> typed records (see ingest/pipeline.py).

`extract` is loaded on first use: importing a light module such as ingest.agencies
(the graph builder, the server's query workers) must not pay for building the spaCy
pipeline.
"""
from .errors import InputError
from .read import read

__all__ = ["extract", "read", "InputError"]


def __getattr__(name):
    if name == "extract":
        from .pipeline import extract
        return extract
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
