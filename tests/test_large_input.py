"""Large inputs (issue 11 point 7): a text longer than spaCy's 1,000,000-character default is
extracted, the tokens the reference pipeline makes in linear time are spaCy's own, and a text
above the stated limit (ingest.pipeline.MAX_TEXT) is refused with one line naming the file
and exit code 1. Speed is measured by benchmarks/large_input.py, not here."""
from __future__ import annotations

import json
import subprocess
import sys
import pytest
import spacy

from benchmarks.large_input import glued
from ingest import pipeline, read, structure
from ingest.models import Line
from ingest.refs import collect, resolve
from tests.conftest import ROOT

PLANS = sorted((ROOT / "data" / "plans").glob("*.txt"))


def reformkg(*args) -> subprocess.CompletedProcess:
    """The command line in a process of its own, as a person runs it."""
    return subprocess.run([sys.executable, "-m", "api.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=900)


def test_the_linear_tokenizer_makes_spacys_tokens():
    # spaCy's Vietnamese tokenizer without pyvi is quadratic in the text's length; ours must cut
    # the same tokens with the same trailing spaces, or citation spans would move
    theirs = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}}).tokenizer
    ours = resolve.pipeline().tokenizer
    texts = [p.read_text(encoding="utf-8-sig") for p in PLANS]
    texts += ["  hai  dấu cách\n\n dòng mới ", " ", "", "x", "a \u00a0b\tc  \n", "\u2003thụt lề", "cuối câu.  "]
    for text in texts:
        assert [(t.text, t.whitespace_) for t in ours(text)] == [(t.text, t.whitespace_) for t in theirs(text)]


def test_references_of_a_text_over_a_million_characters():
    # 000 printed 13 times (1.08 million characters): the same documents, each cited 13 times as often
    doc = read(ROOT / "data" / "plans" / "000_020fcace3bf4412a.txt")
    meta = structure.describe(doc)
    once, _ = collect(doc.lines, meta)
    n = len(doc.lines)
    lines = [Line(text=ln.text, lineno=k * n + ln.lineno) for k in range(13) for ln in doc.lines]
    assert sum(len(ln.text) + 1 for ln in lines) > 1_000_000
    many, _ = collect(lines, meta)
    assert [r.id for r in many] == [r.id for r in once]
    assert [r.mentions for r in many] == [13 * r.mentions for r in once]
    assert "NĐ 118/2025/NĐ-CP" in [r.id for r in many]


def test_a_text_over_the_limit_is_refused_after_reading(monkeypatch):
    # .docx and .pdf sizes say nothing of their text: the text read is measured
    monkeypatch.setattr(pipeline, "MAX_TEXT", 5_000)
    with pytest.raises(pipeline.InputTooLarge) as e:
        pipeline.extract(PLANS[2])                    # 002: 12.5 kB, 9,644 characters
    assert e.value.path == str(PLANS[2])
    assert "characters of text" in e.value.problem and "9,644 characters" in e.value.problem


def test_a_txt_file_over_the_limit_is_refused_at_once_by_the_cli(tmp_path):
    # a sparse file of more bytes than MAX_TEXT characters can take in any encoding: refused unread
    big = tmp_path / "ke_hoach_gop.txt"
    with big.open("wb") as f:
        f.truncate(4 * pipeline.MAX_TEXT + 1)
    r = reformkg("extract", big)
    assert r.returncode == 1, r.stderr
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert lines[0].startswith(f"{big}: too large to extract as one plan: 40,000,001 bytes")
    assert "split it into its plans" in lines[0]


@pytest.mark.slow
def test_four_megabytes_of_glued_plans_extract_by_the_cli(tmp_path):
    # issue 11: 40 plans glued (the sample dumps repeated to 4 MB) extract, or are refused in one line
    big = tmp_path / "glued.txt"
    big.write_text(glued(40), encoding="utf-8")
    assert big.stat().st_size >= 4_000_000
    r = reformkg("extract", "--json", big)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    out = json.loads(r.stdout)
    ids = {ref["id"] for ref in out["legal_references"]}
    assert {"NĐ 118/2025/NĐ-CP", "NQ 76/NQ-CP"} <= ids
    assert len(out["table_tasks"]) > 151            # more rows than the largest plan alone has
