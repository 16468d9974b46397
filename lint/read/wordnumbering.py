"""Automatic numbering and heading styles of a Word file, as Word renders them.

Typing 一、 and Enter in Word or WPS turns the paragraph into a list item: its number
is then drawn from numbering.xml (a num points at an abstractNum whose levels give
the format, the template such as %1、 or （%2）, the start value and when to restart)
and is not in the paragraph's text. A paragraph is numbered by its own numPr or by
its style's (styles inherit through basedOn). Heading styles (or a direct outlineLvl)
make a paragraph a heading of their level without any number.
"""
from __future__ import annotations

from dataclasses import field

from lint.parse.numerals import DIGITS, chinese_numeral
from lint.record import record

MAX_LEVELS = 9
_ENCLOSED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
# Chinese counting as Word (chineseCounting …), WPS and LibreOffice (taiwaneseCountingThousand) write it
_COUNTING = {"chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
             "japaneseCounting", "koreanCounting"}
_LEGAL = {"chineseLegalSimplified": str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰"),
          "ideographLegalTraditional": str.maketrans("一二三四五六七八九十百", "壹貳參肆伍陸柒捌玖拾佰")}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def format_number(value: int, fmt: str) -> str:
    """A counter in one of Word's numFmt formats (unknown formats as decimal)."""
    if fmt == "none":
        return ""
    if fmt in _COUNTING:
        return _chinese_counting(value)
    if fmt in _LEGAL:  # 壹贰叁 (the digits used on cheques)
        return _chinese_counting(value).translate(_LEGAL[fmt])
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join("〇" if d == "0" else DIGITS[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _STEMS[value - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return _ENCLOSED[value - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and value >= 1:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # aa after z, as Word does
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and value >= 1:
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _chinese_counting(value: int) -> str:
    if value < 100:
        return chinese_numeral(value) if value else "〇"
    hundreds, rest = divmod(value, 100)
    tail = "" if not rest else ("零" if rest < 10 else "") + (chinese_numeral(rest) if rest >= 20 or rest < 10
                                                              else "一" + chinese_numeral(rest))
    return (chinese_numeral(hundreds) if hundreds < 10 else str(hundreds)) + "百" + tail


def _roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


@record
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""  # lvlText: %1、 （%2） …
    restart: int | None = None  # lvlRestart: restart after this 1-based level is used; 0: never
    legal: bool = False  # isLgl: every level's number in decimal
    suffix: str = "tab"  # what follows the label: tab, space, nothing


@record
class NumberingDefinitions:
    abstract: dict[str, list[Level]] = field(default_factory=dict)  # abstractNumId -> levels
    nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = field(default_factory=dict)
    # numId -> (abstractNumId, start overrides by level, whole-level overrides)


@record
class Style:
    based_on: str | None = None
    num: tuple[str, int] | None = None  # (numId, ilvl) from the style's numPr
    outline: int | None = None  # 0-based outline level
    name: str = ""


class Numbering:
    """Labels of numbered paragraphs in document order: one counter set per numId."""

    def __init__(self, definitions: NumberingDefinitions):
        self.definitions = definitions
        self.counters: dict[str, list[int | None]] = {}

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label the next paragraph of this list at this level shows, or None."""
        levels = self._levels(num_id)
        if levels is None or not 0 <= ilvl < len(levels) or levels[ilvl].fmt == "bullet":
            return None
        counters = self.counters.setdefault(num_id, [None] * MAX_LEVELS)
        counters[ilvl] = levels[ilvl].start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = levels[deeper].restart if deeper < len(levels) else None
            if restart is None or (restart and ilvl + 1 <= restart):
                counters[deeper] = None
        return self._render(levels, counters, ilvl)

    def _levels(self, num_id: str) -> list[Level] | None:
        found = self.definitions.nums.get(num_id)
        if found is None:
            return None
        abstract_id, starts, overrides = found
        base = self.definitions.abstract.get(abstract_id)
        if base is None:
            return None
        levels = [overrides.get(i, level) for i, level in enumerate(base)]
        for i, start in starts.items():
            if i < len(levels):
                levels[i] = Level(start, levels[i].fmt, levels[i].text, levels[i].restart, levels[i].legal,
                                  levels[i].suffix)
        return levels

    @staticmethod
    def _render(levels: list[Level], counters: list, ilvl: int) -> str:
        level = levels[ilvl]
        text = level.text
        for i in range(min(len(levels), MAX_LEVELS)):
            marker = f"%{i + 1}"
            if marker in text:
                value = counters[i] if counters[i] is not None else levels[i].start
                fmt = "decimal" if level.legal and i != ilvl else levels[i].fmt
                text = text.replace(marker, format_number(value, fmt))
        return text


def paragraph_number(own: tuple[str, int] | None, style_id: str | None, styles: dict[str, Style]):
    """The (numId, ilvl) that numbers a paragraph: its own numPr, else its style's."""
    if own is not None:
        return own if own[0] != "0" else None
    style = _style_value(style_id, styles, "num")
    return style if style and style[0] != "0" else None


def heading_level(own: int | None, style_id: str | None, styles: dict[str, Style]) -> int | None:
    """The 1-based outline level a paragraph has by its outlineLvl or heading style."""
    level = own if own is not None else _style_value(style_id, styles, "outline")
    if level is None:
        level = _level_from_name(style_id, styles)
    return level + 1 if level is not None and 0 <= level < MAX_LEVELS else None


def _style_value(style_id: str | None, styles: dict[str, Style], attribute: str):
    seen = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        value = getattr(styles[style_id], attribute)
        if value is not None:
            return value
        style_id = styles[style_id].based_on
    return None


def _level_from_name(style_id: str | None, styles: dict[str, Style]) -> int | None:
    """Built-in heading styles named "heading 1" (or 标题 1) without an outlineLvl."""
    name = styles[style_id].name.lower() if style_id in styles else (style_id or "").lower()
    for prefix in ("heading ", "heading", "标题 ", "标题"):
        rest = name[len(prefix):] if name.startswith(prefix) else ""
        if rest.isdigit() and 1 <= int(rest) <= MAX_LEVELS:
            return int(rest) - 1
    return None
