"""Synthetic plans with exact gold, for tests and benchmarks (`from tests.generators import flatgen`).

    docgen.py   DOCX tables written with python-docx, PDF through LibreOffice headless
    flatgen.py  flattened-PDF text dumps of other issuers' appendix tables, with gold rows
    bodygen.py  plan bodies of other issuers (headings, targets, body tasks), with gold
    refgen.py   citations of legal documents as other issuers write them, checked by hand

Benchmarks import them as `python -m benchmarks.NAME` from the project root.
"""
