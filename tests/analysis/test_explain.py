"""One line per label that says why the rules gave it: every branch of analysis.statistics.labels.interpret."""

from __future__ import annotations

import pytest

from analysis import DEFAULT_THRESHOLDS, Axis, Interpretation, Ratings, Scale, Thresholds, summarize
from analysis.statistics.explain import _pair, explain

AXIS = Axis("x", "X", "X")


def axis_summary(values, scale=Scale(), thresholds=DEFAULT_THRESHOLDS):
    ratings = Ratings.from_rows([(f"G{i}", [v]) for i, v in enumerate(values, 1)], [AXIS], scale)
    return summarize(ratings, thresholds).axes[0]


# (values, label, Swedish line, English line) on the 1–5 half-step scale with the default thresholds
BRANCHES = [
    ([4, 5], Interpretation.TOO_FEW,
     "n = 2 < 3 → För få svar", "n = 2 < 3 → Too few answers"),
    ([2.5, 5, 2], Interpretation.POLARISED,
     "största glappet 2,5 steg, minsta sidan 1 av 3 grupper → Polariserat",
     "largest gap 2.5 points, smaller side 1 of 3 groups → Polarised"),
    ([5, 5, 4, 5], Interpretation.STRONG_CONSENSUS,
     "medelabsolutavvikelse 0,38 < 0,50 → Mycket låg spridning → Stark samsyn",
     "mean absolute deviation 0.38 < 0.50 → Very low spread → Strong consensus"),
    ([3, 2, 4, 1], Interpretation.DISAGREEMENT,
     "spridning Hög och variationsvidd 3 ≥ 3 → Oenighet",
     "spread High and range 3 ≥ 3 → Disagreement"),
    ([5, 3, 5, 4, 5], Interpretation.HIGH,
     "medel 4,4 ≥ 4 → Högt", "mean 4.4 ≥ 4 → High"),
    ([4, 2, 4, 4.5], Interpretation.MOSTLY_HIGH,
     "medel 3,63 ≥ 3,5 och 3 av 4 grupper (75 %) ≥ 4 → Övervägande högt",
     "mean 3.63 ≥ 3.5 and 3 of 4 groups (75%) ≥ 4 → Mostly high"),
    ([4.5, 3, 4, 3], Interpretation.FAIRLY_HIGH,
     "medel 3,63 ≥ 3,5, men 2 av 4 grupper (50 %) ≥ 4 är under 75 % → Relativt högt",
     "mean 3.63 ≥ 3.5, but 2 of 4 groups (50%) ≥ 4 is under 75% → Fairly high"),
    ([2, 4, 3, 4], Interpretation.MEDIUM,
     "medel 3,25 ≥ 3 och < 3,5 → Medel", "mean 3.25 ≥ 3 and < 3.5 → Medium"),
    ([4, 2, 3, 2], Interpretation.MEDIUM_LOWER,
     "medel 2,75 ≥ 2,5 och < 3 → Medel/lite lägre", "mean 2.75 ≥ 2.5 and < 3 → Medium/slightly lower"),
    ([1, 2, 3, 3.5], Interpretation.LOW_MEDIUM,
     "medel 2,38 ≥ 2 och < 2,5 → Låg-medel", "mean 2.38 ≥ 2 and < 2.5 → Low-medium"),
    ([3, 1.5, 2, 1], Interpretation.CLEARLY_LOW,
     "medel 1,88 < 2 → Tydligt lågt", "mean 1.88 < 2 → Clearly low"),
]


@pytest.mark.parametrize(("values", "label", "sv", "en"), BRANCHES, ids=[b[1].value for b in BRANCHES])
def test_every_branch_of_interpret(values, label, sv, en):
    a = axis_summary(values)
    assert a.interpretation is label
    assert explain(a, DEFAULT_THRESHOLDS, Scale()) == sv
    assert explain(a, DEFAULT_THRESHOLDS, Scale(), "en") == en


def test_the_branches_cover_every_label():
    assert {b[1] for b in BRANCHES} == set(Interpretation)


def test_the_sample_workshop_explained(sample_summary):
    lines = [explain(a, sample_summary.thresholds, sample_summary.scale) for a in sample_summary.axes]
    assert lines[0] == "medelabsolutavvikelse 0,38 < 0,50 → Mycket låg spridning → Stark samsyn"
    assert lines[1] == "medel 3,63 ≥ 3,5 och 3 av 4 grupper (75 %) ≥ 4 → Övervägande högt"
    assert lines[4] == "spridning Hög och variationsvidd 3 ≥ 3 → Oenighet"
    assert lines[5] == "största glappet 2,5 steg, minsta sidan 1 av 3 grupper → Polariserat"
    for a, line in zip(sample_summary.axes, lines):
        assert line.endswith("→ " + a.interpretation_text())
        assert "\n" not in line


def test_overridden_label_names_the_rule_and_the_facilitator(sample_summary):
    adjusted = sample_summary.with_overrides({"uppfoljning": Interpretation.MOSTLY_HIGH})
    a = adjusted.axis("uppfoljning")
    assert explain(a, adjusted.thresholds, adjusted.scale) == (
        "medel 3,63 ≥ 3,5, men 2 av 4 grupper (50 %) ≥ 4 är under 75 % → Relativt högt; "
        "processledaren ändrade till Övervägande högt"
    )
    assert explain(a, adjusted.thresholds, adjusted.scale, "en").endswith(
        "→ Fairly high; the facilitator changed it to Mostly high"
    )
    # overriding with the rule's own label is no change
    same = sample_summary.with_overrides({"uppfoljning": Interpretation.FAIRLY_HIGH}).axis("uppfoljning")
    assert explain(same, DEFAULT_THRESHOLDS, Scale()).endswith("→ Relativt högt")


def test_thresholds_are_mapped_to_the_scale():
    seven = Scale(1, 7, 1)
    a = axis_summary([6, 6, 7, 6], seven)
    assert explain(a, DEFAULT_THRESHOLDS, seven) == (
        "medelabsolutavvikelse 0,38 < 0,75 → Mycket låg spridning → Stark samsyn"
    )
    b = axis_summary([7, 4, 7, 6, 7], seven)
    assert b.interpretation is Interpretation.HIGH
    assert explain(b, DEFAULT_THRESHOLDS, seven) == "medel 6,2 ≥ 5,5 → Högt"
    c = axis_summary([1, 1, 7, 7], seven)
    assert explain(c, DEFAULT_THRESHOLDS, seven, "en") == (
        "largest gap 6 points, smaller side 2 of 4 groups → Polarised"
    )
    ten = Scale(0, 10, 0.5)
    d = axis_summary([0, 0.5, 10], ten)
    assert d.interpretation is Interpretation.POLARISED


def test_custom_thresholds():
    strict = Thresholds(min_n=5)
    a = axis_summary([5, 5, 4, 5], thresholds=strict)
    assert explain(a, strict, Scale()) == "n = 4 < 5 → För få svar"
    lenient = Thresholds(min_n=1)
    one = axis_summary([4], thresholds=lenient)
    assert one.interpretation is Interpretation.TOO_FEW
    assert explain(one, lenient, Scale()) == "n = 1, ett medelvärde kräver minst 2 svar → För få svar"
    assert explain(one, lenient, Scale(), "en") == "n = 1, a mean needs at least 2 answers → Too few answers"


def test_nobody_answered():
    a = axis_summary([None, None, None])
    assert explain(a, DEFAULT_THRESHOLDS, Scale()) == "n = 0 < 3 → För få svar"


def test_unequal_numbers_never_print_alike():
    assert _pair(2.499, 2.5, "sv") == ("2,499", "2,5")
    assert _pair(3.4999, 3.5, "en") == ("3.4999", "3.5")
    assert _pair(0.5, 0.5, "sv", trim=False) == ("0,50", "0,50")
    assert _pair(3.625, 3.5, "sv") == ("3,63", "3,5")
