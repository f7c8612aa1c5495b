"""Properties of the core `analysis.summarize` on random ratings, and the measures against published values."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import Axis, Interpretation, Ratings, Scale, summarize
from analysis.statistics import tables
from analysis.statistics.explain import explain
from analysis.statistics.measures import agreement, consensus, leik
from analysis.statistics.summary import category_counts

SCALES = ["1:5:0.5", "1:7:1", "1:10:1", "1:4:1", "0:10:0.5", "1:3:1", "1:2:1"]
EPS = 1e-9
STATS = ("n", "mean", "median", "sd", "min", "max", "mean_abs_dev", "consensus", "agreement", "leik", "ci95",
         "polarised", "largest_gap", "gap_smaller_side", "share_high", "spread", "interpretation", "mean_exact")

property_settings = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def ratings(draw, min_groups: int = 0, max_groups: int = 9, skips: bool = True) -> Ratings:
    scale = Scale.parse(draw(st.sampled_from(SCALES)))
    n_groups = draw(st.integers(min_groups, max_groups))
    n_axes = draw(st.integers(1, 4))
    value = st.sampled_from(scale.categories)
    cell = st.one_of(st.none(), value) if skips and draw(st.booleans()) else value
    rows = [(f"Grupp {i + 1}", [draw(cell) for _ in range(n_axes)]) for i in range(n_groups)]
    axes = [Axis(f"a{j}", f"Axel {j}", f"Axis {j}") for j in range(n_axes)]
    return Ratings.from_rows(rows, axes, scale)


def column(r: Ratings, j: int) -> np.ndarray:
    v = np.asarray(r.values)[:, j]
    return v[~np.isnan(v)]


@property_settings
@given(data=st.data())
def test_group_order_changes_no_statistic(data):
    r = data.draw(ratings(min_groups=1))
    perm = data.draw(st.permutations(range(len(r.groups))))
    shuffled = Ratings(tuple(r.groups[i] for i in perm), r.axes, np.asarray(r.values)[list(perm)], r.scale)
    for a, b in zip(summarize(r).axes, summarize(shuffled).axes):
        for name in STATS:
            assert getattr(a, name) == getattr(b, name), name
        assert sorted(a.missing) == sorted(b.missing)
        assert sorted(a.values, key=str) == sorted(b.values, key=str)


@property_settings
@given(r=ratings())
def test_measures_stay_in_their_ranges(r):
    for a in summarize(r).axes:
        if a.n < 2:
            continue
        assert 0 <= a.consensus <= 1
        assert a.agreement is None if r.scale.n_categories < 3 else -1 - EPS <= a.agreement <= 1 + EPS
        assert -EPS <= a.leik <= 1 + EPS
        assert 0 <= a.mean_abs_dev <= r.scale.span / 2 + EPS
        lo, hi = a.ci95
        assert r.scale.min <= lo <= a.mean + EPS and a.mean - EPS <= hi <= r.scale.max
        assert a.min <= a.median <= a.max and a.min - EPS <= a.mean <= a.max + EPS
        assert 0 <= a.share_high <= 1


@property_settings
@given(r=ratings())
def test_statistics_equal_numpy(r):
    s = summarize(r)
    for j, a in enumerate(s.axes):
        x = column(r, j)
        assert a.n == len(x)
        assert len(a.missing) == len(r.groups) - len(x)
        if len(x) < 2:
            continue
        assert a.mean == pytest.approx(np.mean(x), abs=1e-12)
        assert float(a.mean_exact) == pytest.approx(np.mean(x), abs=1e-12)
        assert a.sd == pytest.approx(np.std(x, ddof=1), abs=1e-9)
        assert a.median == pytest.approx(np.median(x), abs=1e-12)
        assert (a.min, a.max) == (np.min(x), np.max(x))
        assert a.mean_abs_dev == pytest.approx(np.mean(np.abs(x - np.mean(x))), abs=1e-12)


@property_settings
@given(r=ratings(min_groups=2))
def test_statistics_equal_nan_aware_numpy_on_the_raw_matrix(r):
    values = np.asarray(r.values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        means = np.nanmean(values, axis=0)
        sds = np.nanstd(values, axis=0, ddof=1)
    for j, a in enumerate(summarize(r).axes):
        if a.n >= 2:
            assert a.mean == pytest.approx(means[j], abs=1e-12)
            assert a.sd == pytest.approx(sds[j], abs=1e-9)


@property_settings
@given(r=ratings())
def test_vectorised_measures_equal_the_reference_functions(r):
    counts = category_counts(r)
    cats = r.scale.categories
    for j, a in enumerate(summarize(r).axes):
        if a.n < 2:
            continue
        assert a.consensus == pytest.approx(consensus(counts[j], cats, r.scale.span), abs=1e-12)
        assert a.leik == pytest.approx(leik(counts[j]), abs=1e-12)
        if len(cats) >= 3:
            assert a.agreement == pytest.approx(agreement(counts[j]), abs=1e-12)


@property_settings
@given(scale=st.sampled_from(SCALES), data=st.data())
def test_all_equal_ratings_are_strong_consensus(scale, data):
    scale = Scale.parse(scale)
    value = data.draw(st.sampled_from(scale.categories))
    n = data.draw(st.integers(3, 12))
    r = Ratings.from_rows([(f"G{i}", [value]) for i in range(n)], [Axis("a", "A")], scale)
    a = summarize(r).axes[0]
    assert a.consensus == 1
    assert a.interpretation is Interpretation.STRONG_CONSENSUS
    assert a.interpretation_text() == "Stark samsyn"
    assert a.sd == 0 and a.mean_abs_dev == 0 and a.leik == 0 and a.ci95 == (value, value)
    assert a.agreement is None if scale.n_categories < 3 else a.agreement == 1
    assert not a.polarised


@property_settings
@given(r=ratings(max_groups=1))
def test_zero_or_one_answer_gives_no_numbers_and_too_few(r):
    s = summarize(r)
    for a in s.axes:
        assert a.n <= 1
        for name in ("mean", "median", "sd", "min", "max", "mean_abs_dev", "consensus", "agreement", "leik",
                     "ci95", "share_high", "spread", "mean_exact"):
            assert getattr(a, name) is None, name
        assert a.interpretation is Interpretation.TOO_FEW
        assert a.interpretation_text() == "För få svar"
        assert a.mean_text() == "–"
    everything_renders(s, r)


def everything_renders(s, r):
    """Every view of a summary the app and the exports build, in both languages, without a crash."""
    from analysis.figures.plotly_figures import radar_figure, strip_figure
    from analysis.figures.radar import radar_data

    for lang in ("sv", "en"):
        d = s.to_dict(lang)
        assert len(d["axes"]) == len(r.axes)
        s.footnotes(lang)
        tables.minutes_rows(s, lang)
        tables.detail_rows(s, lang)
        tables.to_text(s, lang)
        tables.to_markdown(s, lang)
        tables.to_csv(s, lang)
        radar_data(s, r, lang)
        for a in s.axes:
            line = explain(a, s.thresholds, s.scale, lang)
            assert line.endswith("→ " + a.interpretation.text(lang))
    radar_figure(s, r).to_dict()
    strip_figure(s, r, sort_by="consensus").to_dict()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(r=ratings())
def test_nothing_crashes_and_explanations_match_the_labels(r):
    everything_renders(summarize(r), r)


@property_settings
@given(r=ratings())
def test_labels_follow_the_documented_order(r):
    """First match wins: too few, polarised, very low spread, disagreement, then by mean."""
    t = summarize(r).thresholds.for_scale(r.scale)
    for a in summarize(r).axes:
        if a.n < t.min_n:
            assert a.interpretation is Interpretation.TOO_FEW
        elif a.polarised:
            assert a.interpretation is Interpretation.POLARISED
        elif a.mean_abs_dev < t.spread_very_low - 1e-12:
            assert a.interpretation is Interpretation.STRONG_CONSENSUS
        if a.interpretation in (Interpretation.HIGH, Interpretation.MOSTLY_HIGH, Interpretation.FAIRLY_HIGH):
            assert a.mean >= t.fairly_high - EPS


# measures against published values --------------------------------------------------------------------

AGRMT_V = (30, 40, 210, 130, 530, 50, 10)


def test_agrmt_documented_example():
    """The R package agrmt's example vector: agreement(V), consensus(V) and Leik(V)."""
    assert agreement(AGRMT_V) == pytest.approx(0.6113333, abs=1e-7)
    assert consensus(AGRMT_V) == pytest.approx(0.7256876, abs=1e-7)
    assert leik(AGRMT_V) == pytest.approx(0.287, abs=5e-4)


@pytest.mark.parametrize("k", [3, 5, 7, 9])
def test_van_der_eijk_reference_cases(k):
    assert agreement([10] * k) == pytest.approx(0)            # uniform
    single = [0] * k
    single[k // 2] = 7
    assert agreement(single) == 1                               # everyone in one category
    ends = [0] * k
    ends[0] = ends[-1] = 5
    assert agreement(ends) == pytest.approx(-1)                 # split between the two extremes


def test_tastle_wierman_reference_cases():
    assert consensus([1, 1, 1, 1, 1]) == pytest.approx(0.4340, abs=5e-4)  # uniform over five
    assert round(consensus([20, 20, 20, 20, 20]), 3) == 0.434
    assert consensus([10, 0, 0, 0, 10]) == pytest.approx(0)                # half at each end
    assert consensus([0, 0, 6, 0, 0]) == 1                                   # all in one category
    # positions and span are what matter, not the category index
    assert consensus([1, 0, 0, 0, 1], [1, 2, 3, 4, 5], 4) == pytest.approx(0)


def test_leik_reference_cases():
    assert leik([0, 0, 9, 0, 0]) == 0
    assert leik([5, 0, 0, 0, 5]) == pytest.approx(1)
    assert leik([1, 1, 1, 1, 1]) == pytest.approx(0.6)


def test_measures_refuse_empty_input():
    for f in (consensus, leik, agreement):
        with pytest.raises(ValueError):
            f([0, 0, 0])
    with pytest.raises(ValueError):
        agreement([1, 1])


def test_no_groups_at_all():
    r = Ratings.from_rows([], [Axis("a", "A"), Axis("b", "B")], Scale.parse("1:7:1"))
    s = summarize(r)
    assert [a.n for a in s.axes] == [0, 0]
    assert all(a.interpretation is Interpretation.TOO_FEW for a in s.axes)
    assert s.footnotes() == []
    everything_renders(s, r)


def reference_label(x: np.ndarray, t) -> tuple[Interpretation, bool, float]:
    """DESIGN.md's rules written out directly on the sorted values, as a check on the counting version."""
    n = len(x)
    if n < 2:
        return Interpretation.TOO_FEW, False, math.nan
    xs = np.sort(x)
    gaps = np.diff(xs)
    largest = gaps.max()
    smaller = max(min(i + 1, n - i - 1) for i, g in enumerate(gaps) if math.isclose(g, largest))
    polarised = largest >= t.polar_gap - EPS and smaller >= t.polar_share * n - EPS
    mean = x.mean()
    ad = np.abs(x - mean).mean()
    share = np.mean(x >= t.high - EPS)
    if n < t.min_n:
        label = Interpretation.TOO_FEW
    elif polarised:
        label = Interpretation.POLARISED
    elif ad < t.spread_very_low - 1e-12:
        label = Interpretation.STRONG_CONSENSUS
    elif ad > t.spread_medium + 1e-12 and xs[-1] - xs[0] >= t.disagreement_range - EPS:
        label = Interpretation.DISAGREEMENT
    elif mean >= t.high - EPS:
        label = Interpretation.HIGH
    elif mean >= t.fairly_high - EPS:
        label = Interpretation.MOSTLY_HIGH if share >= t.mostly_high_share - EPS else Interpretation.FAIRLY_HIGH
    elif mean >= t.medium - EPS:
        label = Interpretation.MEDIUM
    elif mean >= t.medium_lower - EPS:
        label = Interpretation.MEDIUM_LOWER
    elif mean >= t.low_medium - EPS:
        label = Interpretation.LOW_MEDIUM
    else:
        label = Interpretation.CLEARLY_LOW
    return label, bool(polarised), float(share)


@settings(max_examples=300, deadline=None)
@given(r=ratings(max_groups=12))
def test_labels_equal_a_direct_reading_of_the_rules(r):
    s = summarize(r)
    t = s.thresholds.for_scale(r.scale)
    for j, a in enumerate(s.axes):
        label, polarised, share = reference_label(column(r, j), t)
        assert a.interpretation is label
        if a.n >= 2:
            assert a.polarised == polarised
            assert a.share_high == pytest.approx(share)


def test_the_confidence_interval_uses_the_published_t_quantiles():
    """95 % interval = mean ± t(0.975, n − 1) · sd / √n, with t from the table in every statistics book."""
    table = {2: 12.706, 3: 4.303, 4: 3.182, 5: 2.776, 11: 2.228, 31: 2.042}
    for n, t in table.items():
        values = [[1.0], [5.0]] + [[3.0]] * (n - 2)
        a = summarize(Ratings([f"G{i}" for i in range(n)], (Axis("x", "X"),), np.array(values),
                              Scale(1, 5, 0.5))).axes[0]
        sd = float(np.std(np.ravel(values), ddof=1))
        expected = t * sd / math.sqrt(n)
        assert (a.mean - a.ci95[0]) == pytest.approx(min(expected, a.mean - 1), abs=2e-3)
