"""Agreement and dispersion measures over a frequency vector (counts per scale category).

Each function takes the counts in category order, like the R package agrmt, so they can be checked
against its documented examples and the published papers.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import Sequence

import numpy as np


def consensus(counts: Sequence[float], positions: Sequence[float] | None = None, span: float | None = None) -> float:
    """Tastle & Wierman (2007): Cns = 1 + Σ p_i log2(1 − |X_i − μ| / d).

    1 when everyone agrees, 0 when the answers split evenly between the two ends of the scale.
    """
    c = np.asarray(counts, dtype=float)
    x = np.arange(len(c), dtype=float) if positions is None else np.asarray(positions, dtype=float)
    d = (x[-1] - x[0]) if span is None else span
    n = c.sum()
    if n <= 0:
        raise ValueError("consensus needs at least one answer")
    if np.count_nonzero(c) == 1:
        return 1.0
    p = c / n
    mu = float(p @ x)
    with np.errstate(divide="ignore"):
        terms = np.where(c > 0, p * np.log2(1 - np.abs(x - mu) / d), 0.0)
    return float(1 + terms.sum())


def leik(counts: Sequence[float]) -> float:
    """Leik (1966) ordinal dispersion: 0 when all share one category, 1 when split between the ends."""
    c = np.asarray(counts, dtype=float)
    n = c.sum()
    if n <= 0:
        raise ValueError("Leik's D needs at least one answer")
    if len(c) < 2:
        return 0.0
    f = np.cumsum(c / n)
    sd = np.where(f <= 0.5, f, 1 - f)
    return float(sd.sum() / (0.5 * (len(c) - 1)))


@lru_cache(maxsize=4096)
def _pattern_agreement(pattern: tuple[int, ...]) -> float:
    """van der Eijk's A for one layer: A = U · (1 − (S − 1)/(K − 1))."""
    k = len(pattern)
    s = sum(pattern)
    tu = tdu = 0
    for i, j, l in combinations(range(k), 3):
        triple = (pattern[i], pattern[j], pattern[l])
        if triple in ((1, 1, 0), (0, 1, 1)):
            tu += 1
        elif triple == (1, 0, 1):
            tdu += 1
    if tu + tdu == 0:
        u = 1.0
    else:
        u = ((k - 2) * tu - (k - 1) * tdu) / ((k - 2) * (tu + tdu))
    return u * (1 - (s - 1) / (k - 1))


def agreement(counts: Sequence[float]) -> float:
    """van der Eijk (2001) agreement A: 1 unimodal agreement, 0 uniform, −1 split between the ends.

    The distribution is peeled into layers of equal height; each layer's pattern gets its A and the
    layers are weighted by the share of answers they hold.
    """
    c = [float(v) for v in counts]
    k = len(c)
    if k < 3:
        raise ValueError("agreement A needs at least three categories")
    n = sum(c)
    if n <= 0:
        raise ValueError("agreement A needs at least one answer")
    total = 0.0
    rest = c[:]
    while True:
        nonzero = [v for v in rest if v > 1e-12]
        if not nonzero:
            break
        height = min(nonzero)
        pattern = tuple(1 if v > 1e-12 else 0 for v in rest)
        weight = height * len(nonzero) / n
        total += weight * _pattern_agreement(pattern)
        rest = [v - height if v > 1e-12 else 0.0 for v in rest]
    return total
