"""The analyst's table in the 2026 minutes is the acceptance test of the label rules."""

import pytest

from tests.conftest import SEED_TABLE



def test_axes_and_values_in_seed_order(sample_summary):
    assert [(a.axis.name_sv, a.values_text()) for a in sample_summary.axes] == [r[:2] for r in SEED_TABLE]


def test_medel_8_of_8(sample_summary):
    assert [a.mean_text() for a in sample_summary.axes] == [r[2] for r in SEED_TABLE]


def test_tolkning_8_of_8(sample_summary):
    assert [a.interpretation_text() for a in sample_summary.axes] == [r[4] for r in SEED_TABLE]


def test_spridning_7_of_8_with_forvalta_the_documented_deviation(sample_summary):
    ours = [a.spread_text() for a in sample_summary.axes]
    theirs = [r[3] for r in SEED_TABLE]
    differing = [SEED_TABLE[i][0] for i, (o, t) in enumerate(zip(ours, theirs)) if o != t]
    assert differing == ["Förvalta"]
    forvalta = sample_summary.axis("forvalta")
    uppfoljning = sample_summary.axis("uppfoljning")
    # Förvalta (3; 1,5; 2; 1) and Uppföljning (4,5; 3; 4; 3) have the same mean absolute deviation,
    # so no rule on spread can call one "Medel" and the other "Låg-medel" as the analyst did.
    assert forvalta.mean_abs_dev == pytest.approx(uppfoljning.mean_abs_dev) == pytest.approx(0.625)
    assert forvalta.spread_text() == uppfoljning.spread_text() == "Medel"


def test_missing_value_footnote_names_axis_and_group(sample_summary):
    motesplats = sample_summary.axis("motesplats")
    assert motesplats.n == 3 and motesplats.missing == ("Grupp 4",)
    notes = sample_summary.footnotes()
    assert len(notes) == 1 and "Mötesplats" in notes[0] and "Grupp 4" in notes[0]


def test_english_labels(sample_summary):
    assert [a.interpretation_text("en") for a in sample_summary.axes] == [
        "Strong consensus", "Mostly high", "Fairly high", "Medium/slightly lower", "Disagreement",
        "Polarised", "Low-medium", "Clearly low",
    ]
    assert sample_summary.axes[0].mean_text("en") == "4.75"
    assert "Meeting place" in sample_summary.footnotes("en")[0]
