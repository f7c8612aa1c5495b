"""Workshops compared on shared axes, the member parties, and round 1 against round 2."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from analysis import Axis, Interpretation, Ratings, Scale, summarize
from analysis.statistics.compare import (
    PARTIES, Comparison, RoundChanges, by_party, compare_profiles, compare_rounds, format_difference, party_name,
    shared_axes,
)


@pytest.fixture
def autumn(sample_ratings):
    """The sample workshop again in the autumn, without Påverka samverkan and with Uppföljning raised."""
    values = np.asarray(sample_ratings.values).copy()
    values[:, 2] = [4.5, 4, 4, 4.5]  # Uppföljning: 4,25 and more groups at 4 or above
    keep = [j for j in range(8) if j != 6]
    return summarize(Ratings(sample_ratings.groups, tuple(sample_ratings.axes[j] for j in keep), values[:, keep],
                             sample_ratings.scale))


def test_shared_axes_in_first_order_and_left_out_named(sample_summary, autumn):
    keys, left_out = shared_axes([("Vår", sample_summary), ("Höst", autumn)])
    assert keys == ["finansiera", "strategiskt", "uppfoljning", "initiera", "metodutveckling", "motesplats",
                    "forvalta"]
    assert left_out == {"Vår": ["Påverka samverkan"]}
    assert shared_axes([("Vår", sample_summary), ("Höst", autumn)], "en")[1] == {"Vår": ["Influence collaboration"]}
    # the first profile's order wins
    keys_reversed, _ = shared_axes([("Höst", autumn), ("Vår", sample_summary)])
    assert keys_reversed == keys
    assert shared_axes([]) == ([], {})


def test_shared_axes_follow_the_first_profiles_order(sample_summary, sample_ratings):
    reordered = summarize(sample_ratings.subset_axes(["forvalta", "finansiera", "motesplats"]))
    keys, left_out = shared_axes([("B", reordered), ("A", sample_summary)])
    assert keys == ["forvalta", "finansiera", "motesplats"]
    assert list(left_out) == ["A"] and len(left_out["A"]) == 5


def test_compare_profiles_rows(sample_summary, autumn):
    comparison = compare_profiles([("Vår", sample_summary), ("Höst", autumn)], "sv")
    assert isinstance(comparison, Comparison)
    assert comparison.names == ("Vår", "Höst")
    assert [r.axis.key for r in comparison.rows] == shared_axes([("Vår", sample_summary), ("Höst", autumn)])[0]
    uppfoljning = comparison.rows[2]
    assert uppfoljning.means == pytest.approx((3.625, 4.25))
    assert uppfoljning.ns == (4, 4)
    assert uppfoljning.labels == (Interpretation.FAIRLY_HIGH, Interpretation.STRONG_CONSENSUS)
    assert uppfoljning.difference == Fraction(5, 8)
    assert uppfoljning.label_changed
    finansiera = comparison.rows[0]
    assert finansiera.difference == 0 and not finansiera.label_changed
    motesplats = comparison.rows[5]
    assert motesplats.ns == (3, 3)
    assert comparison.left_out == {"Vår": ["Påverka samverkan"]}


def test_compare_three_workshops_has_consecutive_differences(sample_summary, autumn, sample_ratings):
    values = np.asarray(sample_ratings.values).copy()
    values[:, 0] = [4, 4, 4, 4]
    winter = summarize(Ratings(sample_ratings.groups, sample_ratings.axes, values, sample_ratings.scale))
    comparison = compare_profiles([("Vår", sample_summary), ("Höst", autumn), ("Vinter", winter)])
    finansiera = comparison.rows[0]
    assert finansiera.steps == (Fraction(0), Fraction(-3, 4))
    assert finansiera.difference == Fraction(-3, 4)
    assert finansiera.label_changed is False  # 4; 4; 4; 4 is still strong consensus
    rows = comparison.to_rows()
    assert rows[0][-4:] == ("Höst − Vår", "Vinter − Höst", "Skillnad (Vinter − Vår)", "Tolkning ändrad")
    assert rows[1][-4:] == ("0,00", "-0,75", "-0,75", "nej")


def test_comparison_table_in_swedish_and_english(sample_summary, autumn):
    comparison = compare_profiles([("Vår", sample_summary), ("Höst", autumn)], "sv")
    rows = comparison.to_rows()
    assert rows[0] == ("Axel", "Vår: medel", "Vår: n", "Vår: tolkning", "Höst: medel", "Höst: n", "Höst: tolkning",
                       "Skillnad (Höst − Vår)", "Tolkning ändrad")
    assert rows[3] == ("Uppföljning", "3,6", "4", "Relativt högt", "4,25", "4", "Stark samsyn", "+0,63", "ja")
    # the comparison carries no footnotes, so no dangling asterisk; n says that a group is missing
    assert rows[6] == ("Mötesplats", "3,2", "3", "Polariserat", "3,2", "3", "Polariserat", "0,00", "nej")
    en = comparison.to_rows("en")
    assert en[0][0] == "Axis" and en[0][-2] == "Difference (Höst − Vår)"
    assert en[3] == ("Follow-up", "3.6", "4", "Fairly high", "4.25", "4", "Strong consensus", "+0.63", "yes")
    assert all(len(r) == len(rows[0]) for r in rows)


def test_notes_name_the_left_out_axes(sample_summary, autumn):
    comparison = compare_profiles([("Vår", sample_summary), ("Höst", autumn)])
    assert comparison.notes() == [
        "Utelämnat ur jämförelsen för Vår (bedömdes inte i alla workshoppar): Påverka samverkan."
    ]
    assert comparison.notes("en") == [
        "Left out of the comparison for Vår (not rated in every workshop): Influence collaboration."
    ]
    assert compare_profiles([("Vår", sample_summary), ("Kopia", sample_summary)]).notes() == []


def test_comparison_refuses_different_scales_and_duplicate_names(sample_summary, sample_ratings):
    ten = Ratings(sample_ratings.groups, sample_ratings.axes, np.asarray(sample_ratings.values) * 2, Scale(2, 10, 1))
    with pytest.raises(ValueError, match="scales"):
        compare_profiles([("A", sample_summary), ("B", summarize(ten))])
    with pytest.raises(ValueError, match="unique"):
        compare_profiles([("A", sample_summary), ("A", sample_summary)])
    with pytest.raises(ValueError):
        compare_profiles([])


def test_single_profile_comparison_has_no_difference_columns(sample_summary):
    comparison = compare_profiles([("Vår", sample_summary)])
    assert comparison.rows[0].difference is None
    assert comparison.to_rows()[0] == ("Axel", "Vår: medel", "Vår: n", "Vår: tolkning")


@pytest.mark.parametrize(("x", "sv", "en"), [
    (Fraction(5, 8), "+0,63", "+0.63"), (Fraction(-1, 2), "-0,50", "-0.50"), (0, "0,00", "0.00"),
    (0.001, "0,00", "0.00"), (-0.001, "0,00", "0.00"), (None, "–", "–"),
])
def test_format_difference(x, sv, en):
    assert format_difference(x, "sv") == sv and format_difference(x, "en") == en


# parties ----------------------------------------------------------------------------------------------


def test_by_party_summarises_each_partys_groups(sample_ratings):
    parties = {"Grupp 1": "kommun", "Grupp 2": "region", "Grupp 3": "kommun", "Grupp 4": None}
    result = by_party(sample_ratings, parties)
    assert list(result) == ["kommun", "region"]
    kommun = result["kommun"]
    assert kommun.groups == ("Grupp 1", "Grupp 3")
    assert kommun.axis("finansiera").values == (5.0, 4.0)
    assert kommun.axis("finansiera").mean == pytest.approx(4.5)
    assert kommun.axis("finansiera").interpretation is Interpretation.TOO_FEW  # two groups only
    assert result["region"].groups == ("Grupp 2",)
    assert result["region"].axis("finansiera").mean is None


def test_by_party_all_parties_in_the_laws_order(sample_ratings):
    parties = dict(zip(sample_ratings.groups, ["arbetsformedlingen", "forsakringskassan", "region", "kommun"]))
    assert list(by_party(sample_ratings, parties)) == list(PARTIES)
    assert by_party(sample_ratings, {}) == {}
    with pytest.raises(ValueError, match="party"):
        by_party(sample_ratings, {"Grupp 1": "landsting"})


def test_by_party_feeds_compare_profiles(sample_ratings):
    parties = {"Grupp 1": "kommun", "Grupp 2": "region", "Grupp 3": "kommun", "Grupp 4": "region"}
    profiles = [(party_name(p, "en"), s) for p, s in by_party(sample_ratings, parties).items()]
    comparison = compare_profiles(profiles, "en")
    assert comparison.names == ("Municipality", "Region")
    motesplats = [r for r in comparison.rows if r.axis.key == "motesplats"][0]
    assert motesplats.ns == (2, 1)


def test_party_names():
    assert [party_name(p) for p in PARTIES] == ["Kommun", "Region", "Försäkringskassan", "Arbetsförmedlingen"]
    assert [party_name(p, "en") for p in PARTIES] == [
        "Municipality", "Region", "Social Insurance Agency", "Public Employment Service",
    ]


# rounds -----------------------------------------------------------------------------------------------


@pytest.fixture
def round2(sample_ratings):
    """Round 2 re-rates the three axes without a clear picture in round 1."""
    axes = [sample_ratings.axes[j] for j in (4, 5, 6)]  # Metodutveckling, Mötesplats, Påverka samverkan
    return summarize(Ratings.from_rows(
        [("Grupp 1", [3, 3, 1]), ("Grupp 2", [3, 4, 4]), ("Grupp 3", [3.5, 3, 2]), ("Grupp 4", [2.5, 3.5, 5])],
        axes,
    ))


def test_compare_rounds_per_rerated_axis(sample_summary, round2):
    changes = compare_rounds(sample_summary, round2, "sv")
    assert isinstance(changes, list) and isinstance(changes, RoundChanges)
    assert [c.axis.key for c in changes] == ["metodutveckling", "motesplats", "paverka"]
    metod, motesplats, paverka = changes
    assert metod.round1.interpretation is Interpretation.DISAGREEMENT
    assert metod.round2.interpretation is Interpretation.STRONG_CONSENSUS
    assert metod.mean_change == Fraction(1, 2)
    assert metod.consensus_change > 0 and metod.direction == "up" and metod.label_changed
    assert motesplats.round1.n == 3 and motesplats.round2.n == 4
    assert motesplats.direction == "up"
    assert paverka.consensus_change < 0 and paverka.direction == "down"
    assert paverka.round2.consensus == pytest.approx(summarize_consensus([1, 4, 2, 5]))


def summarize_consensus(values):
    from analysis.statistics.measures import consensus

    cats = Scale().categories
    counts = [values.count(c) for c in cats]
    return consensus(counts, cats, 4.0)


def test_rounds_table(sample_summary, round2):
    rows = compare_rounds(sample_summary, round2, "sv").to_rows()
    assert rows[0] == ("Axel", "n omg. 1", "n omg. 2", "Medel omg. 1", "Medel omg. 2", "Förändring medel",
                       "Konsensus omg. 1", "Konsensus omg. 2", "Förändring konsensus", "Samsyn",
                       "Tolkning omg. 1", "Tolkning omg. 2")
    metod = rows[1]
    assert metod[:6] == ("Metodutveckling", "4", "4", "2,5", "3", "+0,50")
    assert metod[9:] == ("ökad samsyn", "Oenighet", "Stark samsyn")
    assert rows[2][1:3] == ("3", "4")
    en = compare_rounds(sample_summary, round2, "en").to_rows()
    assert en[0][0] == "Axis" and en[1][9] == "more consensus" and en[3][9] == "less consensus"
    assert "," not in en[1][6] and "," in rows[1][6]


def test_unchanged_round_and_axes_only_in_round_two(sample_summary, sample_ratings):
    same = summarize(sample_ratings.subset_axes(["finansiera"]))
    [change] = compare_rounds(sample_summary, same)
    assert change.direction == "same" and change.mean_change == 0 and not change.label_changed
    assert compare_rounds(sample_summary, same).to_rows()[1][9] == "oförändrad"
    extra = summarize(Ratings.from_rows([("G", [3])], [Axis("ny", "Ny axel")]))
    assert compare_rounds(sample_summary, extra) == []


def test_round_with_too_few_answers_has_no_direction(sample_summary, sample_ratings):
    one = summarize(Ratings.from_rows([("Grupp 1", [4])], [sample_ratings.axes[0]]))
    [change] = compare_rounds(sample_summary, one)
    assert change.round2.consensus is None and change.direction is None and change.consensus_change is None
    assert change.mean_change is None
    assert compare_rounds(sample_summary, one).to_rows()[1][5:10] == ("–", "0,86", "–", "–", "–")


def test_table_gives_headers_and_rows_for_a_data_frame(sample_summary, autumn, round2):
    import pandas as pd

    comparison = compare_profiles([("Vår", sample_summary), ("Höst", autumn)])
    headers, rows = comparison.table("en")
    assert [headers, *rows] == comparison.to_rows("en")
    frame = pd.DataFrame(rows, columns=headers)
    assert frame.shape == (7, 9) and frame.iloc[2, -2] == "+0.63"
    changes = compare_rounds(sample_summary, round2, "sv")
    headers, rows = changes.table()
    assert [headers, *rows] == changes.to_rows()
    assert rows == [c.to_row("sv") for c in changes] and headers == changes[0].headers("sv")
    assert pd.DataFrame(rows, columns=headers).shape == (3, 12)


def test_one_group_per_party_shows_each_partys_own_values(sample_ratings):
    """The usual four groups, one per party: no mean or label can be drawn per party, so the values are shown."""
    from analysis.statistics.compare import party_values_table, too_few_per_party

    parties = dict(zip(sample_ratings.groups, PARTIES))
    buckets = by_party(sample_ratings, parties)
    assert too_few_per_party(buckets)
    headers, rows = party_values_table(buckets, "sv")
    assert headers == ("Axel", "Kommun", "Region", "Försäkringskassan", "Arbetsförmedlingen")
    assert rows[0] == ("Finansiera", "5", "5", "4", "5")
    assert rows[5] == ("Mötesplats", "2,5", "5", "2", "–")  # Grupp 4 skipped Mötesplats
    assert party_values_table(buckets, "en")[0][2] == "Region"
    three = dict(zip(sample_ratings.groups, ["kommun", "kommun", "kommun", "region"]))
    assert not too_few_per_party(by_party(sample_ratings, three))  # three municipalities: a real profile
