"""One description of the spider diagram, drawn by Plotly in the app and by matplotlib for print."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.statistics.labels import INTERPRETATION_MARK
from analysis.model import Ratings
from analysis.statistics.summary import AxisSummary, ProfileSummary

#: The groups' line colours, one place for the app's Plotly figures and the printed chart. Each has at least 3:1
#: contrast against white (WCAG 2.1 1.4.11, non-text contrast) and against Streamlit's dark background #0E1117:
#: Okabe–Ito's darker members first (blue, vermillion, bluish green, reddish purple; its orange, sky blue, yellow
#: and grey are under 3:1 on white), then brown, violet, slate and lavender, chosen to stay apart from those
#: and from each other under simulated deuteranopia, protanopia and tritanopia (tests/analysis/test_palette.py).
#: Colour is never the only cue: every group also has its own dash pattern and marker (`group_style`).
GROUP_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#885533", "#9933FF", "#556666", "#9977FF")

#: Dash patterns as on/off lengths in line widths (empty: a solid line), so both renderers draw the same
#: pattern: Plotly as a px list (`plotly_dash`), matplotlib as an on/off sequence it scales by the line width.
DASHES: dict[str, tuple[float, ...]] = {
    "solid": (),
    "dash": (4, 2),
    "dot": (1, 1.5),
    "dashdot": (4, 1.5, 1, 1.5),
    "longdash": (7, 3),
    "longdashdot": (8, 2, 1, 2),
    "dashdotdot": (4, 1.5, 1, 1.5, 1, 1.5),
    "dashdash": (2.5, 1.5, 2.5, 4),
}

#: Marker shapes by name, as (Plotly symbol, matplotlib marker). The diamond is the mean's alone.
MARKERS: dict[str, tuple[str, str]] = {
    "circle": ("circle", "o"),
    "square": ("square", "s"),
    "triangle-up": ("triangle-up", "^"),
    "triangle-down": ("triangle-down", "v"),
    "x": ("x", "X"),
    "cross": ("cross", "P"),
    "star": ("star", "*"),
    "pentagon": ("pentagon", "p"),
    "diamond": ("diamond", "D"),
}
GROUP_MARKERS = ("circle", "square", "triangle-up", "triangle-down", "x", "cross", "star", "pentagon")
GROUP_DASHES = tuple(DASHES)


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dash: str = "solid"    # a key of DASHES
    marker: str = "circle"  # a key of MARKERS

    @property
    def plotly_marker(self) -> str:
        return MARKERS[self.marker][0]

    @property
    def mpl_marker(self) -> str:
        return MARKERS[self.marker][1]

    def plotly_dash(self, width: float) -> str:
        """Plotly's dash for a line `width` px wide: "solid" or a px list such as "8px,4px"."""
        pattern = DASHES[self.dash]
        return "solid" if not pattern else ",".join(f"{round(x * width, 1):g}px" for x in pattern)

    @property
    def mpl_dash(self):
        """matplotlib's linestyle: "-" or (offset, on/off sequence), which it scales by the line width."""
        pattern = DASHES[self.dash]
        return "-" if not pattern else (0, pattern)


def group_style(i: int) -> LineStyle:
    """The i-th group's colour, dash and marker. The first eight differ in all three; past eight the colours
    repeat but never with the same marker and dash, so no two groups (up to 512) look alike."""
    n = len(GROUP_COLOURS)
    shape = i + i // n + i // (n * n)
    return LineStyle(GROUP_COLOURS[i % n], GROUP_DASHES[shape % len(GROUP_DASHES)],
                     GROUP_MARKERS[(i + i // n) % len(GROUP_MARKERS)])


MEAN_COLOUR = "#000000"
MEAN_COLOUR_DARK = "#FFFFFF"
MEAN_STYLE = LineStyle(MEAN_COLOUR, "solid", "diamond")
BAND_COLOUR = "rgba(0, 114, 178, 0.15)"
#: The rounds radar: round 1 a dashed dark grey (#666666, 5.7:1 on white; Okabe–Ito's #999999 was 2.85:1),
#: round 2 solid blue, each with its own marker.
ROUND_STYLES = (LineStyle("#666666", "dash", "circle"), LineStyle("#0072B2", "solid", "diamond"))


def group_lines_by_default(n_groups: int) -> bool:
    """Draw each group's line unless there are more groups than colours: past eight the lines repeat colours
    and tangle, and the mean with its min–max band says more (the reader can still switch the lines on)."""
    return n_groups <= len(GROUP_COLOURS)


MEAN_NAME = {"sv": "Medel", "en": "Mean"}
BAND_NAME = {"sv": "Min–max", "en": "Min–max"}


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per axis, None where the group skipped the axis
    style: LineStyle

    @property
    def colour(self) -> str:
        return self.style.colour


@dataclass(frozen=True)
class RadarData:
    axis_labels: tuple[str, ...]      # axis name with its label mark and n when values are missing
    axis_names: tuple[str, ...]
    interpretations: tuple[str, ...]
    groups: tuple[Series, ...]
    mean: Series
    band_min: tuple[float | None, ...]
    band_max: tuple[float | None, ...]
    scale_min: float
    scale_max: float
    ticks: tuple[float, ...]


def axis_label(a: AxisSummary, lang: str = "sv") -> str:
    """'Finansiera ✔', 'Mötesplats ⇄ (n=3)': the label and the answer count at a glance."""
    label = a.axis.name(lang)
    mark = INTERPRETATION_MARK.get(a.interpretation)
    if mark:
        label += f" {mark}"
    if a.has_missing:
        label += f" (n={a.n})"
    return label


def radar_data(summary: ProfileSummary, ratings: Ratings, lang: str = "sv") -> RadarData:
    scale = summary.scale
    columns = [ratings.column(j) for j in range(len(ratings.axes))]
    groups = tuple(
        Series(name, tuple(column[i] for column in columns), group_style(i))
        for i, name in enumerate(ratings.groups)
    )
    step = scale.step if scale.n_categories <= 11 else scale.span / 10
    ticks = []
    t = scale.min
    while t <= scale.max + 1e-9:
        ticks.append(round(t, 10))
        t += step
    return RadarData(
        axis_labels=tuple(axis_label(a, lang) for a in summary.axes),
        axis_names=tuple(a.axis.name(lang) for a in summary.axes),
        interpretations=tuple(a.interpretation_text(lang) for a in summary.axes),
        groups=groups,
        mean=Series(MEAN_NAME[lang], tuple(a.mean for a in summary.axes), MEAN_STYLE),
        band_min=tuple(a.min for a in summary.axes),
        band_max=tuple(a.max for a in summary.axes),
        scale_min=scale.min,
        scale_max=scale.max,
        ticks=tuple(ticks),
    )
