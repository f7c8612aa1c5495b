"""Spread and interpretation labels, and the rules that pick them."""

from __future__ import annotations

from enum import Enum

from analysis.model import ScaledThresholds


class Spread(str, Enum):
    VERY_LOW = "very_low"
    LOW_MEDIUM = "low_medium"
    MEDIUM = "medium"
    HIGH = "high"

    def text(self, lang: str = "sv") -> str:
        return SPREAD_TEXT[lang][self]


class Interpretation(str, Enum):
    TOO_FEW = "too_few"
    POLARISED = "polarised"
    STRONG_CONSENSUS = "strong_consensus"
    DISAGREEMENT = "disagreement"
    HIGH = "high"
    MOSTLY_HIGH = "mostly_high"
    FAIRLY_HIGH = "fairly_high"
    MEDIUM = "medium"
    MEDIUM_LOWER = "medium_lower"
    LOW_MEDIUM = "low_medium"
    CLEARLY_LOW = "clearly_low"

    def text(self, lang: str = "sv") -> str:
        return INTERPRETATION_TEXT[lang][self]


SPREAD_TEXT = {
    "sv": {Spread.VERY_LOW: "Mycket låg", Spread.LOW_MEDIUM: "Låg-medel", Spread.MEDIUM: "Medel", Spread.HIGH: "Hög"},
    "en": {Spread.VERY_LOW: "Very low", Spread.LOW_MEDIUM: "Low-medium", Spread.MEDIUM: "Medium", Spread.HIGH: "High"},
}

INTERPRETATION_TEXT = {
    "sv": {
        Interpretation.TOO_FEW: "För få svar",
        Interpretation.POLARISED: "Polariserat",
        Interpretation.STRONG_CONSENSUS: "Stark samsyn",
        Interpretation.DISAGREEMENT: "Oenighet",
        Interpretation.HIGH: "Högt",
        Interpretation.MOSTLY_HIGH: "Övervägande högt",
        Interpretation.FAIRLY_HIGH: "Relativt högt",
        Interpretation.MEDIUM: "Medel",
        Interpretation.MEDIUM_LOWER: "Medel/lite lägre",
        Interpretation.LOW_MEDIUM: "Låg-medel",
        Interpretation.CLEARLY_LOW: "Tydligt lågt",
    },
    "en": {
        Interpretation.TOO_FEW: "Too few answers",
        Interpretation.POLARISED: "Polarised",
        Interpretation.STRONG_CONSENSUS: "Strong consensus",
        Interpretation.DISAGREEMENT: "Disagreement",
        Interpretation.HIGH: "High",
        Interpretation.MOSTLY_HIGH: "Mostly high",
        Interpretation.FAIRLY_HIGH: "Fairly high",
        Interpretation.MEDIUM: "Medium",
        Interpretation.MEDIUM_LOWER: "Medium/slightly lower",
        Interpretation.LOW_MEDIUM: "Low-medium",
        Interpretation.CLEARLY_LOW: "Clearly low",
    },
}

#: A short mark for each label, for radar axis labels and compact tables.
def marks_legend(interpretations, lang: str = "sv") -> str:
    """'✔ Stark samsyn · ⇄ Polariserat': what the marks on the radar's axis labels mean, for the labels in use."""
    used = set(interpretations)
    return " · ".join(f"{mark} {label.text(lang)}" for label, mark in INTERPRETATION_MARK.items() if label in used)


INTERPRETATION_MARK = {
    Interpretation.STRONG_CONSENSUS: "✔",
    Interpretation.POLARISED: "⇄",
    Interpretation.DISAGREEMENT: "≠",
    Interpretation.TOO_FEW: "?",
}


def spread_label(mean_abs_dev: float | None, t: ScaledThresholds) -> Spread | None:
    if mean_abs_dev is None:
        return None
    if mean_abs_dev < t.spread_very_low - 1e-12:
        return Spread.VERY_LOW
    if mean_abs_dev < t.spread_low - 1e-12:
        return Spread.LOW_MEDIUM
    if mean_abs_dev <= t.spread_medium + 1e-12:
        return Spread.MEDIUM
    return Spread.HIGH


def interpret(
    n: int,
    mean: float | None,
    spread: Spread | None,
    polarised: bool,
    value_range: float | None,
    share_high: float | None,
    t: ScaledThresholds,
) -> Interpretation:
    """First matching rule wins, in the order the analyst read the table."""
    eps = 1e-9
    if n < t.min_n or mean is None:
        return Interpretation.TOO_FEW
    if polarised:
        return Interpretation.POLARISED
    if spread is Spread.VERY_LOW:
        return Interpretation.STRONG_CONSENSUS
    if spread is Spread.HIGH and value_range is not None and value_range >= t.disagreement_range - eps:
        return Interpretation.DISAGREEMENT
    if mean >= t.high - eps:
        return Interpretation.HIGH
    if mean >= t.fairly_high - eps:
        if share_high is not None and share_high >= t.mostly_high_share - eps:
            return Interpretation.MOSTLY_HIGH
        return Interpretation.FAIRLY_HIGH
    if mean >= t.medium - eps:
        return Interpretation.MEDIUM
    if mean >= t.medium_lower - eps:
        return Interpretation.MEDIUM_LOWER
    if mean >= t.low_medium - eps:
        return Interpretation.LOW_MEDIUM
    return Interpretation.CLEARLY_LOW
