"""One description of the spider diagram, drawn by Plotly in the app and by matplotlib for print."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.statistics.labels import INTERPRETATION_MARK
from analysis.model import Ratings
from analysis.statistics.summary import AxisSummary, ProfileSummary

#: Okabe–Ito, safe for the common colour-vision deficiencies; black is kept for the mean.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
MEAN_COLOUR = "#000000"
MEAN_COLOUR_DARK = "#FFFFFF"
BAND_COLOUR = "rgba(0, 114, 178, 0.15)"



def group_lines_by_default(n_groups: int) -> bool:
    """Draw each group's line unless there are more groups than colours: past eight the lines repeat colours
    and tangle, and the mean with its min–max band says more (the reader can still switch the lines on)."""
    return n_groups <= len(OKABE_ITO)


MEAN_NAME = {"sv": "Medel", "en": "Mean"}
BAND_NAME = {"sv": "Min–max", "en": "Min–max"}


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per axis, None where the group skipped the axis
    colour: str


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
    groups = tuple(
        Series(name, tuple(ratings.column(j)[i] for j in range(len(ratings.axes))), OKABE_ITO[i % len(OKABE_ITO)])
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
        mean=Series(MEAN_NAME[lang], tuple(a.mean for a in summary.axes), MEAN_COLOUR),
        band_min=tuple(a.min for a in summary.axes),
        band_max=tuple(a.max for a in summary.axes),
        scale_min=scale.min,
        scale_max=scale.max,
        ticks=tuple(ticks),
    )
