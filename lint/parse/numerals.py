"""Chinese numerals both ways, as report numbering and dates write them."""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUE = {"〇": 0, "○": 0, **{ch: n for n, ch in enumerate(DIGITS)}}


def chinese_number(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 二〇二三 -> 2023 (digit by digit)."""
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + _VALUE.get(ch, 0)
        return value
    tens, _, ones = text.partition("十")
    return (_VALUE.get(tens, 1) if tens else 1) * 10 + (_VALUE.get(ones, 0) if ones else 0)


def number_value(num: str) -> int:
    """The value of a number written in Arabic or Chinese digits."""
    return int(num) if num.isdigit() else chinese_number(num)


def chinese_numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (0 to 99)."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def renumber(token: str, number: str, value: int) -> str:
    """`token` with its `number` written as `value` in the same script: （三） -> （二）."""
    new = str(value) if number.isdigit() else chinese_numeral(value)
    return token.replace(number, new, 1)
