"""Figure data, not pixels: traces, values, gaps, axes and colours of the dashboard figures."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analysis import Axis, Ratings, Scale, summarize
from analysis.figures.plotly_figures import (
    GROUP_WIDTH, MEAN_WIDTH, TEXT_COLOUR_DARK, TRANSPARENT, comparison_radar, radar_figure, rounds_radar,
    strip_figure, wrap_label,
)
from analysis.figures.radar import BAND_COLOUR, GROUP_COLOURS, MEAN_COLOUR, MEAN_COLOUR_DARK, ROUND_STYLES, group_style

GROUPS = ["Grupp 1", "Grupp 2", "Grupp 3", "Grupp 4"]
LABELS = [
    "Finansiera ✔", "Strategiskt/proaktivt", "Uppföljning", "Initiera samverkan", "Metodutveckling ≠",
    "Mötesplats ⇄ (n=3)", "Påverka samverkan", "Förvalta",
]
MOTESPLATS = 5
HALF_STEPS = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]


@pytest.fixture
def radar(sample_summary, sample_ratings):
    return radar_figure(sample_summary, sample_ratings)


def by_name(fig, name):
    [trace] = [t for t in fig.data if t.name == name]
    return trace


def closed(values):
    values = list(values)
    return values + values[:1]


def test_radar_traces_band_groups_then_mean(radar):
    assert [t.name for t in radar.data] == ["Min–max", *GROUPS, "Medel"]
    assert all(t.type == "scatterpolar" for t in radar.data)


def test_radar_without_groups_keeps_band_and_mean(sample_summary, sample_ratings):
    fig = radar_figure(sample_summary, sample_ratings, show_groups=False)
    assert [t.name for t in fig.data] == ["Min–max", "Medel"]


def test_group_polygons_are_closed_and_carry_the_ratings(radar, sample_ratings):
    for i, group in enumerate(GROUPS):
        trace = by_name(radar, group)
        assert list(trace.theta) == closed(LABELS)
        assert list(trace.r) == closed(sample_ratings.column(j)[i] for j in range(8))
        assert trace.r[0] == trace.r[-1] and trace.theta[0] == trace.theta[-1]
    assert list(by_name(radar, "Grupp 1").r) == [5, 4, 4.5, 4, 3, 2.5, 1, 3, 5]


def test_skipped_axis_is_a_gap_not_a_zero(radar):
    grupp4 = by_name(radar, "Grupp 4")
    assert grupp4.r[MOTESPLATS] is None
    assert grupp4.connectgaps is False
    assert 0 not in grupp4.r
    assert [i for i, v in enumerate(grupp4.r) if v is None] == [MOTESPLATS]
    # the other groups rated Mötesplats
    assert [by_name(radar, g).r[MOTESPLATS] for g in GROUPS[:3]] == [2.5, 5, 2]


def test_mean_polygon_is_emphasised(radar, sample_summary):
    mean = by_name(radar, "Medel")
    assert list(mean.r) == pytest.approx(closed(a.mean for a in sample_summary.axes))
    assert mean.r[0] == pytest.approx(4.75) and mean.r[MOTESPLATS] == pytest.approx(9.5 / 3)
    assert list(mean.theta) == closed(LABELS)
    assert mean.line.width == MEAN_WIDTH > GROUP_WIDTH == by_name(radar, "Grupp 1").line.width
    assert mean.line.color == MEAN_COLOUR == "#000000"
    assert "markers" in mean.mode and mean.marker.color == MEAN_COLOUR
    assert radar.data[-1] is mean  # drawn on top


def test_each_group_has_its_own_colour_dash_and_marker_in_order(radar):
    for i, group in enumerate(GROUPS):
        trace = by_name(radar, group)
        style = group_style(i)
        assert trace.line.color == trace.marker.color == style.colour == GROUP_COLOURS[i]
        assert trace.line.dash == style.plotly_dash(GROUP_WIDTH) and trace.marker.symbol == style.plotly_marker
    looks = {(t.line.color, t.line.dash, t.marker.symbol) for t in radar.data[1:]}
    assert len(looks) == len(GROUPS) + 1  # and the mean looks like none of them
    assert by_name(radar, "Grupp 1").line.dash == "solid" and by_name(radar, "Grupp 2").line.dash == "8px,4px"
    assert by_name(radar, "Medel").marker.symbol == "diamond"


def test_band_is_one_ring_around_maxima_and_back_around_minima(radar, sample_summary):
    band = radar.data[0]
    assert band.fill == "toself" and band.fillcolor == BAND_COLOUR and band.hoverinfo == "skip"
    maxima = [a.max for a in sample_summary.axes]
    minima = [a.min for a in sample_summary.axes]
    assert list(band.r[:9]) == closed(maxima)
    assert list(band.theta[:9]) == closed(LABELS)
    # back the other way from the same start, so the step between the loops is radial
    inner = minima[:1] + minima[:0:-1]
    assert list(band.r[9:]) == closed(inner)
    assert list(band.theta[9:]) == closed(LABELS[:1] + LABELS[:0:-1])
    assert band.theta[8] == band.theta[9] == LABELS[0]
    assert band.r[0] == 5 and band.r[9] == 4  # Finansiera 5; 5; 4; 5


def test_radial_axis_fixed_to_the_scale_with_a_tick_per_step(radar):
    radial = radar.layout.polar.radialaxis
    assert list(radial.range) == [1, 5]
    assert list(radial.tickvals) == HALF_STEPS
    assert radial.tickmode == "array"
    # every step has a gridline; the text is thinned to whole points so a phone stays legible
    assert list(radial.ticktext) == ["1", "", "2", "", "3", "", "4", "", "5"]


def test_angular_axis_clockwise_from_the_top_with_marked_labels(radar):
    angular = radar.layout.polar.angularaxis
    assert angular.rotation == 90 and angular.direction == "clockwise"
    assert list(angular.tickvals) == LABELS
    assert angular.ticktext[0] == "Finansiera ✔"
    assert "⇄" in angular.ticktext[MOTESPLATS] and "(n=3)" in angular.ticktext[MOTESPLATS]
    theta = list(by_name(radar, "Medel").theta)
    assert "✔" in theta[0] and theta[0].startswith("Finansiera")
    assert "⇄" in theta[MOTESPLATS] and "(n=3)" in theta[MOTESPLATS]


def test_transparent_background_and_horizontal_legend_below(radar):
    layout = radar.layout
    assert layout.paper_bgcolor == layout.plot_bgcolor == layout.polar.bgcolor == TRANSPARENT
    assert layout.legend.orientation == "h" and layout.legend.y < 0 and layout.legend.yanchor == "top"
    assert layout.height == 520
    assert max(layout.margin.l, layout.margin.r, layout.margin.t, layout.margin.b) <= 80


def test_dark_mode_white_mean_and_light_text(sample_summary, sample_ratings):
    fig = radar_figure(sample_summary, sample_ratings, dark=True, height=400)
    assert by_name(fig, "Medel").line.color == MEAN_COLOUR_DARK == "#FFFFFF"
    assert fig.layout.font.color == TEXT_COLOUR_DARK
    assert fig.layout.height == 400
    assert fig.layout.paper_bgcolor == TRANSPARENT


def test_hover_names_group_axis_and_value_with_decimal_comma(radar):
    grupp1 = by_name(radar, "Grupp 1")
    assert list(grupp1.customdata[2]) == ["Uppföljning", "Grupp 1", "4,5"]
    assert "%{customdata[1]}" in grupp1.hovertemplate and "%{customdata[2]}" in grupp1.hovertemplate
    mean = by_name(radar, "Medel")
    assert list(mean.customdata[MOTESPLATS]) == ["Mötesplats", "3,2 *", "Polariserat"]


def test_english_radar(sample_summary, sample_ratings):
    fig = radar_figure(sample_summary, sample_ratings, "en")
    assert fig.data[-1].name == "Mean"
    assert fig.data[-1].theta[MOTESPLATS] == "Meeting place ⇄ (n=3)"
    assert list(fig.layout.polar.radialaxis.ticktext)[:3] == ["1", "", "2"]
    assert list(by_name(fig, "Grupp 1").customdata[2])[2] == "4.5"


def test_figures_serialise(sample_summary, sample_ratings):
    """to_json runs Plotly's validation of every property the figure sets."""
    s2 = summarize(sample_ratings.subset_axes(["finansiera", "motesplats"]))
    for fig in (
        radar_figure(sample_summary, sample_ratings), strip_figure(sample_summary, sample_ratings),
        comparison_radar([("A", sample_summary), ("B", s2)]), rounds_radar(sample_summary, s2),
    ):
        assert json.loads(fig.to_json())["data"]


def test_axis_nobody_or_one_group_rated_is_a_gap_in_the_mean_and_left_out_of_the_band():
    axes = [Axis("a", "A"), Axis("b", "B"), Axis("c", "C")]
    ratings = Ratings.from_rows(
        [("G1", [3, None, 4]), ("G2", [4, None, None]), ("G3", [5, None, None])], axes, Scale(1, 5, 1)
    )
    fig = radar_figure(summarize(ratings), ratings)
    mean = by_name(fig, "Medel")
    assert [None if r is None else pytest.approx(r) for r in mean.r] == [4, None, None, 4]
    assert list(fig.data[0].theta) == ["A", "A", "A", "A"]  # only A has a min and a max
    assert list(fig.layout.polar.radialaxis.tickvals) == [1, 2, 3, 4, 5]
    assert list(fig.layout.polar.angularaxis.tickvals) == ["A", "B ? (n=0)", "C ? (n=1)"]


def test_long_scale_gets_ten_gridlines():
    axes = [Axis("a", "A"), Axis("b", "B"), Axis("c", "C")]
    ratings = Ratings.from_rows([("G1", [0, 50, 100]), ("G2", [10, 60, 90])], axes, Scale(0, 100, 1))
    radial = radar_figure(summarize(ratings), ratings).layout.polar.radialaxis
    assert list(radial.range) == [0, 100]
    assert list(radial.tickvals) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]


def test_summary_and_ratings_must_match(sample_summary, sample_ratings):
    with pytest.raises(ValueError):
        radar_figure(sample_summary, sample_ratings.subset_axes(["finansiera"]))


@pytest.mark.parametrize(("label", "wrapped"), [
    ("Finansiera ✔", "Finansiera ✔"),
    ("Strategiskt/proaktivt", "Strategiskt/<br>proaktivt"),
    ("Mötesplats ⇄ (n=3)", "Mötesplats ⇄<br>(n=3)"),
    ("Metodutveckling ≠", "Metodutveckling ≠"),
    ("Initiera samverkan", "Initiera<br>samverkan"),
])
def test_long_axis_labels_wrap_for_phones(label, wrapped):
    assert wrap_label(label) == wrapped


# strip ------------------------------------------------------------------------------------------------


def test_strip_dot_per_group_per_axis_and_mean_with_interval(sample_summary, sample_ratings):
    fig = strip_figure(sample_summary, sample_ratings)
    assert [t.name for t in fig.data] == [*GROUPS, "Medel (95 % KI)"]
    for i, group in enumerate(GROUPS):
        trace = by_name(fig, group)
        assert trace.type == "scatter" and trace.mode == "markers"
        assert list(trace.x) == [sample_ratings.column(j)[i] for j in range(8)]
        assert trace.marker.color == GROUP_COLOURS[i] and trace.marker.symbol == group_style(i).plotly_marker
        assert [round(y) for y in trace.y] == list(range(8))
    assert by_name(fig, "Grupp 4").x[MOTESPLATS] is None
    mean = fig.data[-1]
    assert list(mean.x) == pytest.approx([a.mean for a in sample_summary.axes])
    for j, a in enumerate(sample_summary.axes):
        assert mean.x[j] + mean.error_x.array[j] == pytest.approx(a.ci95[1])
        assert mean.x[j] - mean.error_x.arrayminus[j] == pytest.approx(a.ci95[0])
    assert mean.error_x.symmetric is False
    assert mean.error_x.array[0] == pytest.approx(0.25)  # 4,75 clipped at the scale's 5
    assert list(fig.layout.yaxis.ticktext) == LABELS
    assert list(fig.layout.xaxis.range) == [1, 5]
    assert list(fig.layout.xaxis.tickvals) == HALF_STEPS
    assert list(by_name(fig, "Grupp 1").customdata[0]) == ["Finansiera", "Grupp 1", "5"]


def test_strip_sorted_by_mean_and_by_consensus(sample_summary, sample_ratings):
    by_mean = strip_figure(sample_summary, sample_ratings, sort_by="mean")
    assert list(by_mean.layout.yaxis.ticktext) == [
        "Finansiera ✔", "Strategiskt/proaktivt", "Uppföljning", "Mötesplats ⇄ (n=3)", "Initiera samverkan",
        "Metodutveckling ≠", "Påverka samverkan", "Förvalta",
    ]
    assert list(by_mean.data[-1].x) == sorted(by_mean.data[-1].x, reverse=True)
    by_consensus = strip_figure(sample_summary, sample_ratings, sort_by="consensus")
    expected = sorted(sample_summary.axes, key=lambda a: -a.consensus)
    assert list(by_consensus.layout.yaxis.ticktext)[0] == "Finansiera ✔"
    assert [by_consensus.data[-1].x[i] for i in range(8)] == pytest.approx([a.mean for a in expected])
    assert list(by_name(by_consensus, "Grupp 1").x) == [a.values[0] for a in expected]
    with pytest.raises(ValueError):
        strip_figure(sample_summary, sample_ratings, sort_by="median")


# comparison and rounds --------------------------------------------------------------------------------


def test_comparison_radar_overlays_means_on_shared_axes(sample_summary, sample_ratings):
    other = Ratings(
        sample_ratings.groups, sample_ratings.axes[:6] + sample_ratings.axes[7:],
        np.delete(np.asarray(sample_ratings.values), 6, axis=1), sample_ratings.scale,
    )
    s2 = summarize(other)
    fig = comparison_radar([("Vår", sample_summary), ("Höst", s2)], "sv")
    assert [t.name for t in fig.data] == ["Vår", "Höst"]
    names = [a.axis.name_sv for a in sample_summary.axes if a.axis.key != "paverka"]
    for i, trace in enumerate(fig.data):
        assert list(trace.theta) == closed(names)
        assert trace.line.color == GROUP_COLOURS[i] and trace.line.dash == group_style(i).plotly_dash(3)
    assert list(fig.data[0].r) == pytest.approx(closed(a.mean for a in sample_summary.axes if a.axis.key != "paverka"))
    assert list(fig.layout.polar.radialaxis.range) == [1, 5]
    assert fig.layout.polar.angularaxis.direction == "clockwise"


def test_comparison_radar_needs_one_scale(sample_summary, sample_ratings):
    other = Ratings(sample_ratings.groups, sample_ratings.axes, np.asarray(sample_ratings.values) * 2,
                    Scale(2, 10, 1))
    with pytest.raises(ValueError, match="scales"):
        comparison_radar([("A", sample_summary), ("B", summarize(other))])


def test_rounds_radar_round_two_has_gaps_where_not_rerated(sample_summary, sample_ratings):
    rerated = ["strategiskt", "motesplats"]
    round2 = summarize(Ratings.from_rows(
        [("Grupp 1", [4, 3]), ("Grupp 2", [4, 4]), ("Grupp 3", [4.5, 3]), ("Grupp 4", [4, 3.5])],
        [sample_ratings.axes[1], sample_ratings.axes[5]],
    ))
    fig = rounds_radar(sample_summary, round2, "sv")
    r1, r2 = fig.data
    assert (r1.name, r2.name) == ("Omgång 1", "Omgång 2")
    assert list(r1.r) == pytest.approx(closed(a.mean for a in sample_summary.axes))
    expected = [round2.axis(a.axis.key).mean if a.axis.key in rerated else None for a in sample_summary.axes]
    assert list(r2.r) == closed(expected)
    assert r2.r[1] == pytest.approx(4.125) and r2.r[5] == pytest.approx(3.375)
    assert r2.connectgaps is False and "markers" in r2.mode  # a lone re-rated axis still shows
    assert r1.line.dash == ROUND_STYLES[0].plotly_dash(3) != r2.line.dash == "solid" and r2.line.width > r1.line.width
    assert (r1.line.color, r2.line.color) == ("#666666", "#0072B2") and r1.marker.symbol != r2.marker.symbol
    assert list(r1.theta) == list(r2.theta) == closed(a.axis.name_sv for a in sample_summary.axes)
    assert rounds_radar(sample_summary, round2, "en").data[1].name == "Round 2"


def test_group_lines_are_drawn_by_default_while_each_group_has_its_own_colour():
    from analysis.figures.radar import group_lines_by_default

    assert [group_lines_by_default(n) for n in (0, 1, 4, len(GROUP_COLOURS))] == [True] * 4
    assert not group_lines_by_default(len(GROUP_COLOURS) + 1) and not group_lines_by_default(50)


# user text is text, never Plotly markup (issue 11) ----------------------------------------------------

HTML_NAMES = ('<a href="https://x.example">länk</a>', "<b>fet</b> & <i>kursiv</i>", "rad<br>bryt",
              '<span style="font-size:60px">STOR</span>', "%{customdata[0]} %{x}")


def _markup_ratings():
    axes = [Axis(f"h{i}", name, name) for i, name in enumerate(HTML_NAMES)]
    rows = [(name, [1 + (i + j) % 5 for j in range(len(axes))]) for i, name in enumerate(HTML_NAMES)]
    return Ratings.from_rows(rows, axes)


def _user_strings(fig) -> tuple[list[str], list[str]]:
    """What Plotly draws as (pseudo-)HTML, apart from the templates: names and hover data, and tick labels."""
    spec = fig.to_plotly_json()
    texts = []
    for trace in spec["data"]:
        texts.append(trace.get("name") or "")
        for row in trace.get("customdata") or []:
            texts.extend(v for v in row if isinstance(v, str))
    layout = spec["layout"]
    ticks = [*layout.get("polar", {}).get("angularaxis", {}).get("ticktext", []),
             *layout.get("yaxis", {}).get("ticktext", [])]
    return texts, [t.replace("<br>", "") for t in ticks]


def _assert_literal(fig, names):
    import html

    texts, ticks = _user_strings(fig)
    assert not [s for s in texts + ticks if "<" in s or ">" in s], "a user's tag reached Plotly"
    assert ticks, "the axis labels are tick labels"
    shown = [html.unescape(s) for s in texts]
    for name in names:
        assert name in shown, name
    for trace in fig.data:
        template = trace.hovertemplate or ""
        assert not any(part in template for part in ("href", "font-size", "fet", "%{x}")), template


def test_radar_and_strip_show_group_and_axis_names_as_text():
    import html

    r = _markup_ratings()
    s = summarize(r)
    for fig in (radar_figure(s, r), strip_figure(s, r)):
        _assert_literal(fig, HTML_NAMES)
        assert [t.name for t in fig.data if t.name in {html.escape(n, quote=False) for n in HTML_NAMES}] == [
            html.escape(n, quote=False) for n in HTML_NAMES]
    radar = radar_figure(s, r)
    assert list(radar.data[1].customdata[0])[:2] == [html.escape(HTML_NAMES[0], quote=False),
                                                     html.escape(HTML_NAMES[0], quote=False)]
    assert radar.layout.polar.angularaxis.ticktext[1].startswith("&lt;b&gt;fet&lt;/b&gt; &amp;<br>&lt;i&gt;")


def test_comparison_and_rounds_radar_show_titles_and_axis_names_as_text():
    r = _markup_ratings()
    s = summarize(r)
    s2 = summarize(r.subset_axes([a.key for a in r.axes[:3]]))
    titles = ('<b>Vår</b> <a href="https://x.example">x</a> (2026-03-01)', "%{customdata[2]} <br> (2026-09-01)")
    fig = comparison_radar([(titles[0], s), (titles[1], s2)])
    _assert_literal(fig, HTML_NAMES[:3] + titles)
    _assert_literal(rounds_radar(s, s2), HTML_NAMES)


def test_the_projectors_lines_and_markers_grow_with_its_text(sample_summary, sample_ratings):
    big = radar_figure(sample_summary, sample_ratings, text_scale=2)
    grupp2 = by_name(big, "Grupp 2")
    assert grupp2.line.width == 1.5 * GROUP_WIDTH and grupp2.marker.size == 12
    assert grupp2.line.dash == group_style(1).plotly_dash(1.5 * GROUP_WIDTH) == "12px,6px"  # the pattern too
    assert by_name(big, "Medel").line.width == 1.5 * MEAN_WIDTH
