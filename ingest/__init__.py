"""reformkg ingest: plan files -> typed records (see ingest/pipeline.py)."""
from .errors import InputError
from .pipeline import extract
from .read import read

__all__ = ["extract", "read", "InputError"]
