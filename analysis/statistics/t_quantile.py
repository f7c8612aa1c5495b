"""The two-sided 95 % quantile of Student's t for the confidence interval of a mean, computed exactly.

A mean of n ratings has n − 1 degrees of freedom, a whole number, and for a whole number ν the distribution
function of t has a closed form, a finite sum (Abramowitz & Stegun 26.7.3 and 26.7.4): with θ = atan(t/√ν),

    P(|T| ≤ t) = (2/π)·(θ + sin θ·cos θ·Σ c_k cos²ᵏθ)   ν odd,  c_0 = 1, c_k = c_{k−1}·2k/(2k+1), k < (ν−1)/2
    P(|T| ≤ t) = sin θ·Σ d_k cos²ᵏθ                     ν even, d_0 = 1, d_k = d_{k−1}·(2k−1)/(2k), k < ν/2

It rises with θ from 0 to 1 on (0, π/2), so halving that interval finds the θ where it is 0.95 to the last
bit, and t = √ν·tan θ. Written here rather than taken from scipy.special.stdtrit because that import costs
every server process 14 MB of memory (issue 14) for one number per group count; tests/analysis/
test_t_quantile.py checks it against SciPy for every ν up to 600 and for large ones.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

LEVEL = 0.95  # two-sided: the 97.5 % quantile


@lru_cache(maxsize=1024)
def t_quantile_975(df: int) -> float:
    """t such that P(|T| ≤ t) = 0.95 for Student's t with `df` ≥ 1 degrees of freedom (a whole number)."""
    if df != int(df) or df < 1:
        raise ValueError(f"degrees of freedom must be a whole number ≥ 1, not {df!r}")
    df = int(df)
    k = np.arange((df - 1) // 2 if df % 2 else df // 2, dtype=float)  # the terms of the sum
    if df % 2:
        coef = np.cumprod(np.concatenate(([1.0], 2 * k[1:] / (2 * k[1:] + 1))))
    else:
        coef = np.cumprod(np.concatenate(([1.0], (2 * k[1:] - 1) / (2 * k[1:]))))

    def prob(theta: float) -> float:
        c2 = math.cos(theta) ** 2
        # Horner's scheme from the smallest term: no power of cos θ under- or overflows, large ν included.
        total = 0.0
        for c in coef[::-1].tolist():
            total = total * c2 + c
        if df % 2:
            return 2 / math.pi * (theta + math.sin(theta) * math.cos(theta) * total) if df > 1 else 2 * theta / math.pi
        return math.sin(theta) * total

    lo, hi = 0.0, math.pi / 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid in (lo, hi):  # the interval is down to neighbouring floats
            break
        if prob(mid) < LEVEL:
            lo = mid
        else:
            hi = mid
    return math.sqrt(df) * math.tan((lo + hi) / 2)


def t_quantiles_975(dfs: np.ndarray) -> np.ndarray:
    """`t_quantile_975` of every element; NaN where there are no degrees of freedom (fewer than two values)."""
    out = np.full(np.shape(dfs), np.nan)
    for i, df in np.ndenumerate(dfs):
        if df >= 1:
            out[i] = t_quantile_975(int(df))
    return out
