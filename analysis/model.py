"""The value types every view, export and the CLI share: scale, axis, ratings, settings."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Sequence

import numpy as np


LANGS = ("sv", "en")  # every text in Spindeln exists in these two, Swedish first


class ScaleError(ValueError):
    """A scale specification or a value that does not fit the scale."""


@dataclass(frozen=True)
class Scale:
    """A rating scale from `min` to `max` in steps of `step` (default 1–5 in half steps)."""

    min: float = 1.0
    max: float = 5.0
    step: float = 0.5

    def __post_init__(self) -> None:
        for name in ("min", "max", "step"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ScaleError(f"scale {name} must be a finite number, got {value!r}")
        if self.step <= 0:
            raise ScaleError("scale step must be positive")
        if self.max <= self.min:
            raise ScaleError("scale max must be greater than min")
        k = (Fraction(str(self.max)) - Fraction(str(self.min))) / Fraction(str(self.step))
        if k.denominator != 1:
            raise ScaleError("scale step must divide max − min")
        if k > 1000:
            raise ScaleError("scale has more than 1000 steps")

    @classmethod
    def parse(cls, spec: str) -> "Scale":
        """Parse `MIN:MAX:STEP` (or `MIN:MAX`, step 1); a decimal comma is accepted."""
        parts = spec.replace(",", ".").split(":")
        if len(parts) not in (2, 3):
            raise ScaleError(f"scale must be MIN:MAX:STEP, got {spec!r}")
        try:
            numbers = [float(Decimal(p.strip())) for p in parts]
        except (InvalidOperation, ValueError):
            raise ScaleError(f"scale must be MIN:MAX:STEP with numbers, got {spec!r}") from None
        if len(numbers) == 2:
            numbers.append(1.0)
        return cls(*numbers)

    @property
    def spec(self) -> str:
        return f"{_plain(self.min)}:{_plain(self.max)}:{_plain(self.step)}"

    @property
    def span(self) -> float:
        return self.max - self.min

    @property
    def n_categories(self) -> int:
        return int(round(self.span / self.step)) + 1

    @property
    def categories(self) -> tuple[float, ...]:
        """Every value the scale allows, ascending (1, 1.5, …, 5 gives nine)."""
        return tuple(float(self.exact_category(k)) for k in range(self.n_categories))

    def exact_category(self, k: int) -> Fraction:
        return Fraction(str(self.min)) + k * Fraction(str(self.step))

    def category_index(self, value: float) -> int | None:
        """Index of `value` among the categories, or None when it is off the scale or off the step."""
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            return None
        k = (value - self.min) / self.step
        if not math.isfinite(k) or abs(k) > 1e9:
            return None
        kr = round(k)
        if abs(k - kr) > 1e-9 or kr < 0 or kr >= self.n_categories:
            return None
        return int(kr)

    def contains(self, value: float) -> bool:
        return self.category_index(value) is not None


def _plain(x: float) -> str:
    return f"{x:g}"


@dataclass(frozen=True)
class Axis:
    """One spoke of the spider diagram."""

    key: str
    name_sv: str
    name_en: str = ""
    description_sv: str = ""
    description_en: str = ""

    def name(self, lang: str = "sv") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_sv

    def description(self, lang: str = "sv") -> str:
        return self.description_en if lang == "en" and self.description_en else self.description_sv


def slugify(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower().translate(table)).strip("_")
    return slug or "axel"


DEFAULT_AXES: tuple[Axis, ...] = (
    Axis("finansiera", "Finansiera", "Finance",
         "Förbundet fördelar medel till insatser som parterna inte gör var för sig.",
         "The federation funds joint efforts the members do not run on their own."),
    Axis("strategiskt", "Strategiskt/proaktivt", "Strategic/proactive",
         "Förbundet ser behov tidigt och styr medlen efter en långsiktig riktning.",
         "The federation spots needs early and steers funds by a long-term direction."),
    Axis("uppfoljning", "Uppföljning", "Follow-up",
         "Förbundet följer upp insatsernas resultat och effekter för individ och samhälle.",
         "The federation follows up results and effects of funded efforts."),
    Axis("initiera", "Initiera samverkan", "Initiate collaboration",
         "Förbundet tar initiativ till nya samarbeten mellan parterna.",
         "The federation takes the initiative to new collaboration between members."),
    Axis("metodutveckling", "Metodutveckling", "Method development",
         "Förbundet prövar och utvecklar nya arbetssätt och sprider dem som fungerar.",
         "The federation tries out new ways of working and spreads those that work."),
    Axis("motesplats", "Mötesplats", "Meeting place",
         "Förbundet är en arena där parterna möts, lär av varandra och löser frågor ihop.",
         "The federation is an arena where members meet, learn and solve issues together."),
    Axis("paverka", "Påverka samverkan", "Influence collaboration",
         "Förbundet påverkar hur parternas ordinarie verksamheter samverkar.",
         "The federation influences how the members' regular services work together."),
    Axis("forvalta", "Förvalta", "Manage",
         "Förbundet driver och förvaltar verksamhet långsiktigt i egen regi.",
         "The federation runs and manages services long-term in its own right."),
)


def axis_for_name(name: str, used_keys: set[str] | None = None) -> Axis:
    """The default axis with this Swedish or English name, or a new axis carrying the name."""
    wanted = name.strip().casefold()
    for axis in DEFAULT_AXES:
        if wanted in (axis.name_sv.casefold(), axis.name_en.casefold(), axis.key):
            return axis
    key = slugify(name)
    used = used_keys or set()
    base, i = key, 2
    while key in used:
        key, i = f"{base}_{i}", i + 1
    return Axis(key, name.strip(), name.strip())


@dataclass(frozen=True, eq=False)
class Ratings:
    """Groups × axes on one scale; NaN marks a skipped axis. The one input of all analysis."""

    groups: tuple[str, ...]
    axes: tuple[Axis, ...]
    values: np.ndarray
    scale: Scale = field(default_factory=Scale)

    def __post_init__(self) -> None:
        values = np.asarray(self.values, dtype=float)
        if values.ndim != 2 or values.shape != (len(self.groups), len(self.axes)):
            raise ValueError(
                f"values must be {len(self.groups)} groups × {len(self.axes)} axes, got {values.shape}"
            )
        if len(set(self.groups)) != len(self.groups):
            raise ValueError("group names must be unique")
        if len({a.key for a in self.axes}) != len(self.axes):
            raise ValueError("axis keys must be unique")
        present = values[~np.isnan(values)]
        if present.size:
            k = (present - self.scale.min) / self.scale.step
            off = (np.abs(k - np.round(k)) > 1e-9) | (k < -1e-9) | (k > self.scale.n_categories - 1 + 1e-9)
            if off.any():
                raise ScaleError(f"value {present[off][0]:g} is not on the scale {self.scale.spec}")
        values = values.copy()
        values.setflags(write=False)
        object.__setattr__(self, "values", values)

    @classmethod
    def from_rows(
        cls,
        rows: Sequence[tuple[str, Sequence[float | None]]],
        axes: Sequence[Axis] = DEFAULT_AXES,
        scale: Scale | None = None,
    ) -> "Ratings":
        values = np.array(
            [[np.nan if v is None else float(v) for v in vals] for _, vals in rows], dtype=float
        ).reshape(len(rows), len(axes))
        return cls(tuple(g for g, _ in rows), tuple(axes), values, scale or Scale())

    def column(self, axis_index: int) -> list[float | None]:
        return [None if math.isnan(v) else float(v) for v in self.values[:, axis_index]]

    def subset_axes(self, keys: Sequence[str]) -> "Ratings":
        index = {a.key: i for i, a in enumerate(self.axes)}
        cols = [index[k] for k in keys]
        return replace(self, axes=tuple(self.axes[i] for i in cols), values=self.values[:, cols])


@dataclass(frozen=True)
class Thresholds:
    """Label rules, written for the 1–5 reference scale; other scales are mapped linearly.

    The defaults reproduce the analyst's table in the 2026 minutes (Tolkning 8/8, Spridning 7/8).
    """

    spread_very_low: float = 0.50   # AD < this → Mycket låg
    spread_low: float = 0.60        # AD < this → Låg-medel
    spread_medium: float = 0.85     # AD ≤ this → Medel, else Hög
    polar_gap: float = 2.0          # largest gap between sorted values, in scale points
    polar_share: float = 1 / 3      # smaller side must hold at least this share
    disagreement_range: float = 3.0  # spread Hög and max − min ≥ this → Oenighet
    min_n: int = 3                  # fewer answers → För få svar
    high: float = 4.0
    fairly_high: float = 3.5
    mostly_high_share: float = 0.75  # share rating ≥ `high` for Övervägande högt
    medium: float = 3.0
    medium_lower: float = 2.5
    low_medium: float = 2.0
    reference_min: float = 1.0
    reference_span: float = 4.0

    def for_scale(self, scale: Scale) -> "ScaledThresholds":
        f = scale.span / self.reference_span

        def pos(t: float) -> float:
            return scale.min + (t - self.reference_min) * f

        return ScaledThresholds(
            spread_very_low=self.spread_very_low * f,
            spread_low=self.spread_low * f,
            spread_medium=self.spread_medium * f,
            polar_gap=self.polar_gap * f,
            polar_share=self.polar_share,
            disagreement_range=self.disagreement_range * f,
            min_n=self.min_n,
            high=pos(self.high),
            fairly_high=pos(self.fairly_high),
            mostly_high_share=self.mostly_high_share,
            medium=pos(self.medium),
            medium_lower=pos(self.medium_lower),
            low_medium=pos(self.low_medium),
        )


@dataclass(frozen=True)
class ScaledThresholds:
    spread_very_low: float
    spread_low: float
    spread_medium: float
    polar_gap: float
    polar_share: float
    disagreement_range: float
    min_n: int
    high: float
    fairly_high: float
    mostly_high_share: float
    medium: float
    medium_lower: float
    low_medium: float


DEFAULT_THRESHOLDS = Thresholds()
