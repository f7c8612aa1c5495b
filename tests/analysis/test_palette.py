"""The groups' lines can be told apart by everyone: every colour has 3:1 contrast (WCAG 2.1 1.4.11) against
white and against the dark theme's background, the colours stay apart for colour-blind readers, and no two
groups share colour, dash and marker, in the app's Plotly figures and in the printed chart alike."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from analysis.figures.radar import (
    DASHES, GROUP_COLOURS, MARKERS, MEAN_COLOUR, MEAN_COLOUR_DARK, MEAN_STYLE, ROUND_STYLES, group_style, radar_data,
)

WHITE = "#FFFFFF"
DARK_BACKGROUND = "#0E1117"  # Streamlit's dark theme


def _rgb(colour: str) -> np.ndarray:
    colour = colour.lstrip("#")
    return np.array([int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)])


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour."""
    r, g, b = _linear(_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_contrast_formula_gives_wcags_known_values():
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the lightest grey text passing AA
    assert contrast("#F0E442", WHITE) == pytest.approx(1.32, abs=0.01)  # Okabe–Ito's yellow: why it went
    assert contrast("#999999", WHITE) == pytest.approx(2.85, abs=0.01)  # and its grey


@pytest.mark.parametrize("colour", GROUP_COLOURS)
def test_every_group_colour_has_3_to_1_against_white_and_the_dark_theme(colour):
    assert contrast(colour, WHITE) >= 3.0, colour
    assert contrast(colour, DARK_BACKGROUND) >= 3.0, colour


def test_the_mean_and_the_rounds_lines_have_3_to_1_too():
    assert contrast(MEAN_COLOUR, WHITE) >= 3.0 and contrast(MEAN_COLOUR_DARK, DARK_BACKGROUND) >= 3.0
    for style in ROUND_STYLES:
        assert contrast(style.colour, WHITE) >= 3.0 and contrast(style.colour, DARK_BACKGROUND) >= 3.0
    assert len({(s.colour, s.dash, s.marker) for s in ROUND_STYLES}) == 2


def test_there_are_eight_distinct_group_colours_none_of_them_the_means():
    assert len(GROUP_COLOURS) >= 8 and len(set(GROUP_COLOURS)) == len(GROUP_COLOURS)
    assert MEAN_COLOUR not in GROUP_COLOURS and MEAN_COLOUR_DARK not in GROUP_COLOURS


# Machado, Oliveira & Fernandes (2009), severity 1: what a dichromat sees, in linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    "normal": np.eye(3),
}
XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    x, y, z = XYZ @ linear_rgb / np.array([0.95047, 1.0, 1.08883])
    f = [np.cbrt(t) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("vision", CVD)
def test_the_group_colours_stay_apart_for_colour_blind_readers(vision):
    """ΔE*ab of at least 15 between any two group colours as a dichromat sees them (Okabe–Ito's own eight
    come to 7 under deuteranopia: its pink and grey)."""
    seen = {c: _lab(np.clip(np.asarray(CVD[vision]) @ _linear(_rgb(c)), 0, 1)) for c in GROUP_COLOURS}
    closest = min((float(np.linalg.norm(seen[a] - seen[b])), a, b) for a, b in itertools.combinations(seen, 2))
    assert closest[0] >= 15, closest


def test_no_two_groups_look_alike():
    first = [group_style(i) for i in range(len(GROUP_COLOURS))]
    for attribute in ("colour", "dash", "marker"):  # the first eight differ in each of the three
        assert len({getattr(s, attribute) for s in first}) == len(first), attribute
    looks = [(s.colour, s.dash, s.marker) for s in map(group_style, range(200))]
    assert len(set(looks)) == len(looks)
    assert all(s.dash in DASHES and s.marker in MARKERS and s.marker != MEAN_STYLE.marker
               for s in map(group_style, range(200)))
    assert first[0].dash == "solid" and first[0].plotly_dash(2) == "solid"
    assert first[1].plotly_dash(2) == "8px,4px" and first[1].mpl_dash == (0, (4, 2))


def test_radar_data_gives_each_group_its_style(sample_summary, sample_ratings):
    rd = radar_data(sample_summary, sample_ratings)
    assert [s.style for s in rd.groups] == [group_style(i) for i in range(4)]
    assert rd.mean.style == MEAN_STYLE


def test_the_printed_chart_draws_the_same_styles(sample_summary, sample_ratings):
    from analysis.figures.print_chart import radar_figure

    rd = radar_data(sample_summary, sample_ratings)
    fig = radar_figure(rd)
    handles = {h.get_label(): h for h in fig.legends[0].legend_handles}
    for series in rd.groups:
        handle = handles[series.name]
        assert handle.get_color() == series.colour and handle.get_marker() == series.style.mpl_marker
        assert (handle.get_linestyle() == "-") == (series.style.dash == "solid")
        drawn = [line for line in fig.axes[0].get_lines() if line.get_color() == series.colour]
        assert {line.get_marker() for line in drawn} == {"None", series.style.mpl_marker}
        if series.style.dash != "solid":
            assert [line._unscaled_dash_pattern[1] for line in drawn if line.get_linestyle() != "None"] == [
                DASHES[series.style.dash]]
    assert handles["Medel"].get_marker() == "D"
    looks = {(h.get_color(), h.get_linestyle(), h.get_marker()) for h in handles.values() if hasattr(h, "get_marker")}
    assert len(looks) == len(rd.groups) + 1
