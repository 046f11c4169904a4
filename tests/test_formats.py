"""One plan, one result, whatever its format (issue 11, point 5).

Each sample is also printed the way its issuer prints it (tests/generators/printed.py): a
DOCX with the body as real paragraphs (not the dump's wrapped lines), the letterhead as a
borderless two-column table, the appendix as a real Word table with merged cells (a
Hoạt động column beside the tasks for 000), and its PDF through LibreOffice. Extracted
from either, a sample must score no lower than from its text dump, less 0.02, on every
figure of the scorer, and read the same title, issuer, province and targets. The
structure readers must not lean on the dump's line shapes either: the dump with its blank
lines and trailing spaces gone, or with its body wrapped at another width, reads the same.
"""
import json
import textwrap
from pathlib import Path

import pytest

from ingest import extract, read
from ingest.evaluate import score
from ingest.structure import body_tasks, describe, sections, targets
from tests.generators.docgen import to_pdf
from tests.generators.printed import NAMES, PLANS, dump_lines, gold, paragraphs, printed_docx, split_dump

pytestmark = pytest.mark.slow
FORMATS = ["docx", "pdf"]
# every figure score.py prints for a document, as (part, key)
FIGURES = [("refs", "f"), ("refs", "scope_acc"), ("targets", "p"), ("targets", "r"), ("body_tasks", "p"),
           ("body_tasks", "r"), ("body_tasks", "refs_acc"), ("rows", "p"), ("rows", "r"), ("rows", "lead_acc"),
           ("rows", "coord_f1"), ("rows", "deadline_acc"), ("rows", "area_acc"), ("rows", "target_acc"),
           ("rows", "fully_right")]


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> dict:
    """(sample, format) -> file; the text dump as it is, DOCX and PDF made once per session."""
    out = tmp_path_factory.mktemp("printed")
    files = {}
    for name in NAMES:
        files[name, "txt"] = PLANS / f"{name}.txt"
        files[name, "docx"] = printed_docx(name, out / f"{name}.docx")
        files[name, "pdf"] = to_pdf(files[name, "docx"], out)
    return files


_EXTRACTED: dict = {}


def extracted(files: dict, name: str, fmt: str) -> dict:
    """The extraction of one file as JSON (each file extracted once per session)."""
    path = files[name, fmt]
    if path not in _EXTRACTED:
        _EXTRACTED[path] = json.loads(extract(path).model_dump_json())
    return _EXTRACTED[path]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_printed_scores_no_lower_than_dump(printed, name, fmt):
    dump = score(gold(name), extracted(printed, name, "txt"))
    other = score(gold(name), extracted(printed, name, fmt))
    worse = []
    for part, key in FIGURES:
        before, after = getattr(dump, part)[key], getattr(other, part)[key]
        if before is not None and (after is None or after < before - 0.02):
            worse.append(f"{part}.{key}: {before:.3f} -> {after}")
    assert not worse, worse
    assert other.rows["pred"] == other.rows["gold"]     # no row made up, none lost


@pytest.mark.parametrize("name", NAMES)
def test_same_document_and_targets_in_every_format(printed, name):
    def seen(fmt):
        ex = extracted(printed, name, fmt)
        meta = ex["document"]
        return ((meta["title"], meta["issuing_body"], meta["province"]),
                [(t["ref"], t["area"], t["text"]) for t in ex["targets"]])

    dump = seen("txt")
    for fmt in FORMATS:
        assert seen(fmt) == dump, fmt
    expected = gold(name)["document"]
    assert dump[0] == (expected["title"], expected["issuing_body"], expected["province"])


# ---------------------------------------------------------------- no number/date block
@pytest.fixture(scope="session")
def bare(tmp_path_factory) -> dict:
    """Plans with neither letterhead (no number/date block) nor wrapping decision: 003 as it
    is, and 000's plan on its own, without the decision that issues it."""
    out = tmp_path_factory.mktemp("bare")
    files = {}
    for name in ("000", "003"):
        docx = printed_docx(name, out / f"{name}.docx", letterhead=False, wrapper=False)
        files[name, "docx"], files[name, "pdf"] = docx, to_pdf(docx, out)
    return files


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["000", "003"])
def test_plan_without_number_date_block(bare, name, fmt):
    doc = read(bare[name, fmt])
    assert not any(line.text.strip().startswith("Số:") for line in doc.lines)
    assert not any("QUYẾT ĐỊNH" in line.text for line in doc.lines)
    meta = describe(doc)
    expected = gold(name)["document"]
    assert (meta.title, meta.issuing_body, meta.province, meta.level) == \
        (expected["title"], expected["issuing_body"], expected["province"], expected["level"])


# ---------------------------------------------------------------- the dump's line shapes
def _structure(path) -> tuple:
    doc = read(path)
    meta = describe(doc)
    root = sections(doc)
    return ((meta.title, meta.issuing_body, meta.province),
            [(t.ref, t.area, t.text) for t in targets(doc, meta, root)],
            [(b.area, b.text, b.legal_refs) for b in body_tasks(doc, meta, root)])


@pytest.mark.parametrize("name", [n for n in NAMES if split_dump(dump_lines(n))[0]])
def test_structure_does_not_follow_line_shapes(tmp_path, name):
    """The body's blank lines and trailing spaces dropped; the body wrapped at 60 and at 120
    characters with a blank line after each line: the same document, targets, body tasks."""
    lines = dump_lines(name)
    body, _ = split_dump(lines)
    appendix = lines[len(body):]
    shapes = {
        "dense": [t.rstrip() for t in body if t.strip()] + appendix,
        "narrow": [w for p in paragraphs(body) for w in textwrap.wrap(p, 60)] + appendix,
        "wide": [x for p in paragraphs(body) for w in textwrap.wrap(p, 120) for x in (w + "  ", "")] + appendix,
    }
    expected = _structure(PLANS / f"{name}.txt")
    assert expected[1] and expected[2]
    for shape, text in shapes.items():
        path = tmp_path / f"{name}_{shape}.txt"
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
        assert _structure(path) == expected, shape
