"""Per-axis summary of a workshop's ratings: the numbers behind the minutes table.

Everything is computed from the counts per scale category, so one pass over the ratings serves every
measure and a 10,000-group table costs little more than NumPy's own mean and SD.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import cached_property
from fractions import Fraction
from typing import Any, Mapping

import numpy as np

from analysis.formatting import format_mean, format_values
from analysis.statistics.labels import Interpretation, Spread, interpret, spread_label
from analysis.statistics.measures import agreement
from analysis.statistics.t_quantile import t_quantiles_975
from analysis.model import DEFAULT_THRESHOLDS, Axis, Ratings, Scale, Thresholds


@dataclass(frozen=True)
class AxisSummary:
    axis: Axis
    column: np.ndarray = field(repr=False, compare=False)  # this axis's ratings, NaN for a skip
    group_names: tuple[str, ...] = field(repr=False)
    n: int
    mean: float | None
    median: float | None
    sd: float | None
    min: float | None
    max: float | None
    mean_abs_dev: float | None
    consensus: float | None
    agreement: float | None
    leik: float | None
    ci95: tuple[float, float] | None
    polarised: bool
    largest_gap: float | None
    gap_smaller_side: int
    share_high: float | None
    spread: Spread | None
    interpretation: Interpretation
    mean_exact: Fraction | None = field(default=None, repr=False)
    overridden: bool = False
    rule_interpretation: Interpretation | None = None

    @property
    def has_missing(self) -> bool:
        return self.n < len(self.group_names)

    @cached_property
    def values(self) -> tuple[float | None, ...]:
        """The ratings in group order, None where a group skipped the axis."""
        out: list[float | None] = self.column.tolist()
        for i in np.flatnonzero(np.isnan(self.column)):
            out[i] = None
        return tuple(out)

    @cached_property
    def missing(self) -> tuple[str, ...]:
        """Names of the groups that skipped the axis."""
        return tuple(self.group_names[i] for i in np.flatnonzero(np.isnan(self.column)))

    def mean_text(self, lang: str = "sv") -> str:
        text = format_mean(self.mean_exact, lang)
        return f"{text} *" if self.has_missing and self.mean_exact is not None else text

    def values_text(self, lang: str = "sv") -> str:
        return format_values(self.values, lang)

    def spread_text(self, lang: str = "sv") -> str:
        return self.spread.text(lang) if self.spread else "–"

    def interpretation_text(self, lang: str = "sv", mark_override: bool = True) -> str:
        text = self.interpretation.text(lang)
        return f"{text} ({OVERRIDE_MARK[lang]})" if self.overridden and mark_override else text

    def to_dict(self, lang: str = "sv") -> dict[str, Any]:
        return {
            "axis": self.axis.name(lang),
            "key": self.axis.key,
            "values": list(self.values),
            "n": self.n,
            "missing": list(self.missing),
            "mean": self.mean,
            "median": self.median,
            "sd": self.sd,
            "min": self.min,
            "max": self.max,
            "mean_abs_dev": self.mean_abs_dev,
            "consensus": self.consensus,
            "agreement": self.agreement,
            "leik": self.leik,
            "ci95": list(self.ci95) if self.ci95 else None,
            "polarised": self.polarised,
            "largest_gap": self.largest_gap,
            "spread": self.spread.text(lang) if self.spread else None,
            "interpretation": self.interpretation.text(lang),
            "interpretation_key": self.interpretation.value,
            "overridden": self.overridden,
            "mean_text": self.mean_text(lang),
            "values_text": self.values_text(lang),
        }


OVERRIDE_MARK = {"sv": "justerad", "en": "adjusted"}


@dataclass(frozen=True)
class ProfileSummary:
    groups: tuple[str, ...]
    axes: tuple[AxisSummary, ...]
    scale: Scale
    thresholds: Thresholds

    def footnotes(self, lang: str = "sv") -> list[str]:
        notes = []
        n_groups = len(self.groups)
        for a in self.axes:
            if a.has_missing:
                who = ", ".join(a.missing)
                if lang == "en":
                    notes.append(
                        f"* {a.axis.name('en')}: {len(a.missing)} of {n_groups} groups gave no rating ({who}); "
                        f"the figures are based on {a.n} answers."
                    )
                else:
                    notes.append(
                        f"* {a.axis.name('sv')}: {len(a.missing)} av {n_groups} grupper saknar värde ({who}); "
                        f"siffrorna bygger på {a.n} svar."
                    )
        if any(a.overridden for a in self.axes):
            notes.append(
                "(adjusted) The facilitator changed the label the rules gave."
                if lang == "en"
                else "(justerad) Tolkningen är ändrad av processledaren, inte given av reglerna."
            )
        return notes

    def axis(self, key: str) -> AxisSummary:
        for a in self.axes:
            if a.axis.key == key:
                return a
        raise KeyError(key)

    def with_overrides(self, overrides: Mapping[str, Interpretation | str]) -> "ProfileSummary":
        """Replace the rule's label on some axes; the rule's own label is kept for the record."""
        axes = []
        for a in self.axes:
            label = overrides.get(a.axis.key)
            if label is None:
                axes.append(a)
                continue
            label = Interpretation(label)
            if label == (a.rule_interpretation or a.interpretation):
                axes.append(replace(a, interpretation=label, overridden=False))
                continue
            axes.append(
                replace(a, interpretation=label, overridden=True,
                        rule_interpretation=a.rule_interpretation or a.interpretation)
            )
        return replace(self, axes=tuple(axes))

    def to_dict(self, lang: str = "sv") -> dict[str, Any]:
        return {
            "groups": list(self.groups),
            "scale": {"min": self.scale.min, "max": self.scale.max, "step": self.scale.step},
            "axes": [a.to_dict(lang) for a in self.axes],
            "footnotes": self.footnotes(lang),
        }


def category_counts(ratings: Ratings) -> np.ndarray:
    """Axes × categories matrix of how many groups gave each scale value."""
    scale = ratings.scale
    k = scale.n_categories
    v = ratings.values
    n_axes = v.shape[1]
    present = ~np.isnan(v)
    idx = np.rint((np.where(present, v, scale.min) - scale.min) / scale.step).astype(np.int64)
    flat = (idx + np.arange(n_axes, dtype=np.int64) * k)[present]
    return np.bincount(flat, minlength=n_axes * k).reshape(n_axes, k)


def _f(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


def summarize(ratings: Ratings, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> ProfileSummary:
    """Every statistic and label per axis, missing values left out per axis."""
    scale = ratings.scale
    t = thresholds.for_scale(scale)
    counts = category_counts(ratings)
    cats = np.array(scale.categories)
    k = len(cats)
    n = counts.sum(axis=1)
    n_safe = np.maximum(n, 1)
    p = counts / n_safe[:, None]
    mean = p @ cats
    dev = np.abs(cats[None, :] - mean[:, None])
    mad = (p * dev).sum(axis=1)
    ss = (counts * dev**2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        sd = np.sqrt(ss / (n - 1))
        logs = np.where(counts > 0, p * np.log2(np.maximum(1 - dev / scale.span, 1e-300)), 0.0)
    cns = 1 + logs.sum(axis=1)
    nonzero = counts > 0
    first = np.argmax(nonzero, axis=1)
    last = k - 1 - np.argmax(nonzero[:, ::-1], axis=1)
    cum = np.cumsum(counts, axis=1)
    lo_pos = (n - 1) // 2
    hi_pos = n // 2
    med = (cats[np.argmax(cum > lo_pos[:, None], axis=1)] + cats[np.argmax(cum > hi_pos[:, None], axis=1)]) / 2
    fcum = cum / n_safe[:, None]
    leik_d = np.where(fcum <= 0.5, fcum, 1 - fcum).sum(axis=1) / (0.5 * (k - 1))
    tq = t_quantiles_975(n - 1)
    half = tq * sd / np.sqrt(n_safe)
    high_from = int(np.searchsorted(cats, t.high - 1e-9))
    share_high = counts[:, high_from:].sum(axis=1) / n_safe

    exact_cats = [scale.exact_category(i) for i in range(k)]
    axes: list[AxisSummary] = []
    for j, axis in enumerate(ratings.axes):
        nj = int(n[j])
        row = counts[j]
        if nj < 2:
            exact = None
            stats_ = dict(mean=None, median=None, sd=None, min=None, max=None, mean_abs_dev=None,
                          consensus=None, agreement=None, leik=None, ci95=None)
            polarised, gap, smaller = False, None, 0
            spread = None
            share = None
            value_range = None
        else:
            exact = sum((int(c) * exact_cats[i] for i, c in enumerate(row) if c), Fraction(0)) / nj
            m = float(mean[j])
            ci = None
            if math.isfinite(half[j]):
                ci = (max(scale.min, m - float(half[j])), min(scale.max, m + float(half[j])))
            stats_ = dict(
                mean=m, median=float(med[j]), sd=_f(sd[j]), min=float(cats[first[j]]), max=float(cats[last[j]]),
                mean_abs_dev=float(mad[j]), consensus=min(1.0, max(0.0, float(cns[j]))),
                agreement=agreement(row) if k >= 3 else None, leik=float(leik_d[j]), ci95=ci,
            )
            polarised, gap, smaller = _polarisation(row, cats, nj, t.polar_gap, t.polar_share)
            spread = spread_label(float(mad[j]), t)
            share = float(share_high[j])
            value_range = float(cats[last[j]] - cats[first[j]])
        label = interpret(nj, stats_["mean"], spread, polarised, value_range, share, t)
        axes.append(
            AxisSummary(
                axis=axis, column=ratings.values[:, j], group_names=ratings.groups, n=nj, **stats_, polarised=polarised,
                largest_gap=gap, gap_smaller_side=smaller, share_high=share, spread=spread,
                interpretation=label, mean_exact=exact,
            )
        )
    return ProfileSummary(ratings.groups, tuple(axes), scale, thresholds)


def _polarisation(row: np.ndarray, cats: np.ndarray, n: int, min_gap: float, min_share: float
                  ) -> tuple[bool, float | None, int]:
    """Largest gap between neighbouring sorted values, and how many values lie on its smaller side.

    Among gaps of the largest size, the one with the most even split is reported.
    """
    occupied = np.flatnonzero(row)
    if len(occupied) < 2:
        return False, 0.0, 0
    below = np.cumsum(row[occupied])[:-1]
    gaps = np.diff(cats[occupied])
    largest = float(gaps.max())
    smaller_sides = np.minimum(below, n - below)
    smaller = int(smaller_sides[np.isclose(gaps, largest)].max())
    polarised = largest >= min_gap - 1e-9 and smaller >= min_share * n - 1e-9
    return bool(polarised), largest, smaller
