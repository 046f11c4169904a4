"""reformkg ingest: plan files -> typed records (see ingest/pipeline.py).

    extract(path) -> Extraction    read, describe, references, targets, tasks, rows, then fill
    fill(extraction) -> Extraction the pipeline's last step on its own, for records made another
                                   way (the gold files, by hand): parsed agencies, deadlines and
                                   reform-area codes filled in (in place)
    read(path) -> Document         the text and tables of a .txt/.docx/.pdf
    InputError                     a source file that cannot be read or understood (names the file)

`extract` and `fill` (ingest.pipeline) are loaded on first use: the pipeline imports spaCy
(through ingest.refs), and what needs only the records or the vocabularies must not pay for
it: graph/build.py imports ingest.models and ingest.vocab, graph.iri ingest.places, the
server's pages ingest.vocab.
"""
from .errors import InputError
from .read import read

__all__ = ["extract", "fill", "read", "InputError"]


def __getattr__(name):
    if name in ("extract", "fill"):
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
