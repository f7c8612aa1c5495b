"""Numbers as the minutes write them: decimal comma in Swedish, exact where it is short."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Iterable

_HALF = Fraction(1, 2)


def _round_half_up(x: Fraction, decimals: int) -> Fraction:
    scale = 10**decimals
    magnitude = abs(x) * scale
    rounded = (magnitude + _HALF).__floor__()
    return Fraction(rounded if x >= 0 else -rounded, scale)


def _decimal_text(x: Fraction, max_decimals: int) -> str:
    """`x` written with up to `max_decimals` decimals, trailing zeros dropped; `x` must fit exactly."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    whole = int(x)
    frac = x - whole
    digits = ""
    for _ in range(max_decimals):
        if frac == 0:
            break
        frac *= 10
        d = int(frac)
        digits += str(d)
        frac -= d
    return sign + str(whole) + ("." + digits if digits else "")


def format_mean(mean: Fraction | float | None, lang: str = "sv") -> str:
    """Exact when two decimals suffice (4,75 · 2,5), otherwise one decimal half-up (3,625 → 3,6)."""
    if mean is None:
        return "–"
    x = mean if isinstance(mean, Fraction) else Fraction(str(mean))
    if (x * 100).denominator == 1:
        text = _decimal_text(x, 2)
    else:
        text = _decimal_text(_round_half_up(x, 1), 1)
    return text.replace(".", ",") if lang == "sv" else text


def format_number(x: float | None, decimals: int = 2, lang: str = "sv") -> str:
    """A statistic rounded half-up to `decimals`, with trailing zeros kept (0,75 · 1,00)."""
    if x is None:
        return "–"
    f = _round_half_up(Fraction(repr(float(x))), decimals)
    text = f"{float(f):.{decimals}f}"
    if text.startswith("-") and float(f) == 0:
        text = text[1:]
    return text.replace(".", ",") if lang == "sv" else text


def format_value(value: float, lang: str = "sv") -> str:
    """One rating as written in a list: 4 · 4,5 · 2,25."""
    return _format_value(float(value), lang)


@lru_cache(maxsize=1024)
def _format_value(value: float, lang: str) -> str:
    # Remembered: a scale has a handful of values, and a live board writes every group's values of every axis
    # twice per redraw (the table and the phone's cards): 800 exact conversions, 11 ms at 50 groups, were 40 %
    # of building what the board shows (benchmarks/live_bench.py).
    return format_mean(Fraction(str(value)).limit_denominator(10**6), lang)


def format_values(values: Iterable[float | None], lang: str = "sv") -> str:
    """Ratings joined by `; ` so a decimal comma is never confused with a separator; skips left out."""
    return "; ".join(format_value(v, lang) for v in values if v is not None)
