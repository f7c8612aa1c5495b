"""Why an axis got its label: the rule that matched, with its numbers, in one line.

The facilitator reads this next to the label when deciding whether to keep or change it, so it names the
measured value, the threshold it passed (mapped to the workshop's scale) and the label, e.g.
`medel 3,63 ≥ 3,5 och 3 av 4 grupper (75 %) ≥ 4 → Övervägande högt`.
"""

from __future__ import annotations

from analysis.formatting import format_number
from analysis.statistics.labels import Interpretation, Spread
from analysis.model import Scale, ScaledThresholds, Thresholds
from analysis.statistics.summary import AxisSummary

_EPS = 1e-9

WORDS = {
    "sv": {
        "n_mean": "n = {n}, ett medelvärde kräver minst 2 svar",
        "gap": "största glappet {gap} steg, minsta sidan {smaller} av {n} grupper",
        "ad": "medelabsolutavvikelse {ad} < {limit}",
        "spread": "{spread} spridning",
        "disagreement": "spridning {spread} och variationsvidd {range} ≥ {limit}",
        "mean_at_least": "medel {mean} ≥ {low}",
        "mean_between": "medel {mean} ≥ {low} och < {high}",
        "mean_below": "medel {mean} < {high}",
        "share_and": " och {k} av {n} grupper ({pct} %) ≥ {high}",
        "share_but": ", men {k} av {n} grupper ({pct} %) ≥ {high} är under {need} %",
        "override": "; processledaren ändrade till {label}",
    },
    "en": {
        "n_mean": "n = {n}, a mean needs at least 2 answers",
        "gap": "largest gap {gap} points, smaller side {smaller} of {n} groups",
        "ad": "mean absolute deviation {ad} < {limit}",
        "spread": "{spread} spread",
        "disagreement": "spread {spread} and range {range} ≥ {limit}",
        "mean_at_least": "mean {mean} ≥ {low}",
        "mean_between": "mean {mean} ≥ {low} and < {high}",
        "mean_below": "mean {mean} < {high}",
        "share_and": " and {k} of {n} groups ({pct}%) ≥ {high}",
        "share_but": ", but {k} of {n} groups ({pct}%) ≥ {high} is under {need}%",
        "override": "; the facilitator changed it to {label}",
    },
}


def _text(x: float, decimals: int, lang: str, trim: bool) -> str:
    text = format_number(x, decimals, lang)
    if trim and ("," in text or "." in text):
        text = text.rstrip("0").rstrip(",.")
    return text


def _pair(x: float, limit: float, lang: str, trim: bool = True) -> tuple[str, str]:
    """`x` and `limit` as text, with enough decimals that unequal numbers never print alike (2,495 < 2,5)."""
    decimals = 2
    while True:
        xs, ls = _text(x, decimals, lang, trim), _text(limit, decimals, lang, trim)
        if xs != ls or abs(x - limit) <= _EPS or decimals >= 6:
            return xs, ls
        decimals += 1


def _short(x: float, lang: str) -> str:
    return _text(x, 2, lang, trim=True)


def _mean_band(mean: float, low: float | None, high: float | None, w: dict[str, str], lang: str) -> str:
    if low is None:
        m, h = _pair(mean, high, lang)
        return w["mean_below"].format(mean=m, high=h)
    m, lo = _pair(mean, low, lang)
    if high is None:
        return w["mean_at_least"].format(mean=m, low=lo)
    _, hi = _pair(mean, high, lang)
    return w["mean_between"].format(mean=m, low=lo, high=hi)


def _reason(a: AxisSummary, label: Interpretation, t: ScaledThresholds, lang: str) -> str:
    """The left-hand side of the arrow: the numbers that made the rule give `label`."""
    w = WORDS[lang]
    if label is Interpretation.TOO_FEW:
        if a.n < t.min_n:
            return f"n = {a.n} < {t.min_n}"
        return w["n_mean"].format(n=a.n)
    if label is Interpretation.POLARISED:
        return w["gap"].format(gap=_short(a.largest_gap or 0.0, lang), smaller=a.gap_smaller_side, n=a.n)
    if label is Interpretation.STRONG_CONSENSUS:
        ad, limit = _pair(a.mean_abs_dev or 0.0, t.spread_very_low, lang, trim=False)
        spread = Spread.VERY_LOW.text(lang)
        return w["ad"].format(ad=ad, limit=limit) + " → " + w["spread"].format(spread=spread)
    if label is Interpretation.DISAGREEMENT:
        value_range = (a.max or 0.0) - (a.min or 0.0)
        r, limit = _pair(value_range, t.disagreement_range, lang)
        return w["disagreement"].format(spread=a.spread_text(lang), range=r, limit=limit)
    mean = a.mean if a.mean is not None else float("nan")
    if label is Interpretation.HIGH:
        return _mean_band(mean, t.high, None, w, lang)
    if label in (Interpretation.MOSTLY_HIGH, Interpretation.FAIRLY_HIGH):
        share = a.share_high or 0.0
        m, lo = _pair(mean, t.fairly_high, lang)
        words = dict(
            k=round(share * a.n), n=a.n, pct=format_number(share * 100, 0, lang), high=_short(t.high, lang),
            need=format_number(t.mostly_high_share * 100, 0, lang),
        )
        key = "share_and" if label is Interpretation.MOSTLY_HIGH else "share_but"
        return w["mean_at_least"].format(mean=m, low=lo) + w[key].format(**words)
    bands = {
        Interpretation.MEDIUM: (t.medium, t.fairly_high),
        Interpretation.MEDIUM_LOWER: (t.medium_lower, t.medium),
        Interpretation.LOW_MEDIUM: (t.low_medium, t.medium_lower),
        Interpretation.CLEARLY_LOW: (None, t.low_medium),
    }
    low, high = bands[label]
    return _mean_band(mean, low, high, w, lang)


def explain(a: AxisSummary, thresholds: Thresholds, scale: Scale, lang: str = "sv") -> str:
    """Why the rules gave `a` its label, e.g. 'n = 2 < 3 → För få svar'.

    Pass the thresholds the summary was made with (`summary.thresholds`, `summary.scale`); they are
    mapped to the scale the same way the rules map them. For a label the facilitator changed, the line
    explains the rule's own label and then says what the facilitator changed it to.
    """
    t = thresholds.for_scale(scale)
    rule_label = a.rule_interpretation if a.overridden and a.rule_interpretation else a.interpretation
    line = f"{_reason(a, rule_label, t, lang)} → {rule_label.text(lang)}"
    if a.overridden:
        line += WORDS[lang]["override"].format(label=a.interpretation.text(lang))
    return line
