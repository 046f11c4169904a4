"""Word's automatic list numbering -> the labels it displays ("1.", "2.1.", "II.", "a)").

python-docx gives a paragraph's typed text only; the number Word draws in front of a
list paragraph lives in numbering.xml. A plan's TT column and its body headings are
often numbered this way, so without the labels a TT cell reads empty and "I., II."
areas vanish. `ListNumbers.label(p)` is called on each paragraph in document order
(Word counts in that order, tables included) and returns the label to print.

How Word counts (ECMA-376 17.9): a paragraph's w:numPr (or its style's) names a
numbering instance (w:num, numId) and a level (ilvl). Instances point at an abstract
definition (w:abstractNum) holding per level the start value, format and label
template ("%1.%2." = this list's level-0 and level-1 counters). Instances of one
abstract definition continue one another's counting, which is why Word marks a
restarted list with a new instance carrying w:lvlOverride/w:startOverride: that
override resets the level the first time the instance is used. Using a level resets
the levels below it (unless their w:lvlRestart says otherwise).
"""
from __future__ import annotations

import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
_BULLETS = "-–+•*"          # bullet glyphs kept as printed; symbol-font glyphs become "•"


def _int(element, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(_VAL))
    except (TypeError, ValueError):
        return default


class _Level:
    def __init__(self, lvl):
        self.start = _int(lvl.find(_W + "start"), 1)
        fmt = lvl.find(_W + "numFmt")
        self.format = fmt.get(_VAL, "decimal") if fmt is not None else "decimal"
        text = lvl.find(_W + "lvlText")
        self.text = text.get(_VAL, "") if text is not None else ""
        restart = lvl.find(_W + "lvlRestart")
        self.restart = _int(restart)        # None: any higher level; 0: never; n: levels above n
        self.legal = lvl.find(_W + "isLgl") is not None


class ListNumbers:
    """Counters over one document's numbering part; feed paragraphs in document order."""

    def __init__(self, document):
        """`document`: a python-docx Document (a document without numbering labels nothing)."""
        self.abstract: dict[str, dict[int, _Level]] = {}    # abstractNumId -> level -> definition
        self.instances: dict[str, tuple[str, dict[int, int]]] = {}   # numId -> (abstractNumId, overrides)
        self.counters: dict[str, dict[int, int]] = {}        # abstractNumId -> level -> current value
        self.used: set[str] = set()                          # instances whose overrides were applied
        self.styles: dict[str, tuple] = {}                    # styleId -> (numId, ilvl, basedOn)
        try:   # not `document.part.numbering_part`: that one tries to add a missing part
            numbering = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return
        links = {}                                             # abstractNumId -> numbering style it uses
        for abstract in numbering.iterchildren(_W + "abstractNum"):
            self.abstract[abstract.get(_W + "abstractNumId")] = {
                int(lvl.get(_W + "ilvl", 0)): _Level(lvl) for lvl in abstract.iterchildren(_W + "lvl")}
            link = abstract.find(_W + "numStyleLink")
            if link is not None:
                links[abstract.get(_W + "abstractNumId")] = link.get(_VAL)
        for num in numbering.iterchildren(_W + "num"):
            overrides = {}
            for override in num.iterchildren(_W + "lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is None:
                    start = override.find(f"{_W}lvl/{_W}start")
                if start is not None:
                    overrides[int(override.get(_W + "ilvl", 0))] = _int(start, 1)
            abstract_id = num.find(_W + "abstractNumId")
            if abstract_id is not None:
                self.instances[num.get(_W + "numId")] = (abstract_id.get(_VAL), overrides)
        for style in document.styles.element.iterchildren(_W + "style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            based = style.find(_W + "basedOn")
            self.styles[style.get(_W + "styleId")] = (
                _val(num_pr, "numId"), _val(num_pr, "ilvl"), based.get(_VAL) if based is not None else None)
        # A definition that only names a numbering style (a list style, as Word's multi-level
        # heading lists are made) counts with the definition that style's instance uses.
        for abstract_id, style_id in links.items():
            target = self.instances.get(self.styles.get(style_id, (None,))[0])
            if target:
                for num_id, (used, overrides) in list(self.instances.items()):
                    if used == abstract_id:
                        self.instances[num_id] = (target[0], overrides)

    def label(self, p) -> str:
        """The label Word displays before paragraph `p` (a w:p element), "" for none;
        counts the paragraph."""
        num_id, ilvl = self._numbering_of(p)
        if num_id is None or num_id not in self.instances:
            return ""                         # numId 0 (numbering switched off) is no instance
        abstract_id, overrides = self.instances[num_id]
        levels = self.abstract.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1    # the instance's first use restarts the level
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for lower, definition in levels.items():
            if lower > ilvl and (definition.restart is None or 0 < ilvl + 1 <= definition.restart):
                counters.pop(lower, None)     # shown next from its start again
        if level.format == "bullet":
            glyph = level.text.strip()
            return glyph if glyph and glyph in _BULLETS else "•"
        if level.format == "none":
            return ""

        def number(m: re.Match) -> str:
            n = int(m.group(1)) - 1
            if n not in levels:
                return ""
            value = counters.get(n, levels[n].start)
            fmt = "decimal" if level.legal and n < ilvl else levels[n].format
            return render(value, fmt)

        return re.sub(r"%([1-9])", number, level.text).strip()

    def _numbering_of(self, p) -> tuple[str | None, int]:
        """(numId, ilvl) of a paragraph: its own w:numPr, else its style's (inherited)."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        style = p.find(f"{_W}pPr/{_W}pStyle")
        style_id, seen = (style.get(_VAL) if style is not None else None), set()
        while (num_id is None or ilvl is None) and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            s_num, s_ilvl, style_id = self.styles[style_id]
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        return num_id, int(ilvl or 0)


def _val(num_pr, name: str) -> str | None:
    if num_pr is None:
        return None
    found = num_pr.find(_W + name)
    return found.get(_VAL) if found is not None else None


_ROMANS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def render(value: int, fmt: str) -> str:
    """One counter in a numFmt: 4 -> "4", "IV", "iv", "D", "d", "04"; other formats as decimal."""
    if fmt in ("upperRoman", "lowerRoman") and value > 0:
        out = ""
        for amount, numeral in _ROMANS:
            while value >= amount:
                out, value = out + numeral, value - amount
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("upperLetter", "lowerLetter") and value > 0:
        # Word repeats the letter past z: 27 -> "aa"
        letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
