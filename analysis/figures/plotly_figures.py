"""Plotly figures of the consensus dashboard, built from the same radar description the print renderer uses.

Figures are transparent so they sit on a light or a dark page, keep their legend below the chart so a
390 px phone still has room for the radar, and draw a skipped rating as a gap, never as a zero.

Plotly reads a subset of HTML (`<b>`, `<br>`, `<a href>`, `<span style>`) in every text it draws, so every
user string (group, axis and workshop names) goes through `plotly_text` on its way into a trace name, a
tick label or hover data; user text is never put into a hover template, where `%{…}` would be read too.
"""

from __future__ import annotations

import html
from typing import Sequence

import plotly.graph_objects as go

from analysis.statistics.compare import check_comparable, shared_axes
from analysis.formatting import format_number, format_value
from analysis.model import Ratings, Scale
from analysis.figures.radar import (
    BAND_COLOUR, BAND_NAME, MEAN_COLOUR, MEAN_COLOUR_DARK, ROUND_STYLES, LineStyle, RadarData, group_style, radar_data,
)
from analysis.statistics.summary import AxisSummary, ProfileSummary

TRANSPARENT = "rgba(0,0,0,0)"
TEXT_COLOUR = "#262730"        # Streamlit's light-theme text
TEXT_COLOUR_DARK = "#FAFAFA"   # Streamlit's dark-theme text
GRID_COLOUR = "rgba(128,128,128,0.35)"  # mid grey reads on white and on near-black

GROUP_WIDTH = 2
MEAN_WIDTH = 4

ROUND_NAME = {"sv": "Omgång {}", "en": "Round {}"}
CI_NAME = {"sv": "95 % KI", "en": "95% CI"}
SORT_KEYS = ("order", "mean", "consensus")


def _closed(values: Sequence) -> list:
    """The polygon's first point repeated at the end, so the line closes the shape."""
    values = list(values)
    return values + values[:1]


def _scale_ticks(scale: Scale) -> tuple[float, ...]:
    """A gridline per scale step, or ten when the scale has more steps than a radar can show."""
    step = scale.step if scale.n_categories <= 11 else scale.span / 10
    ticks, t = [], scale.min
    while t <= scale.max + 1e-9:
        ticks.append(round(t, 10))
        t += step
    return tuple(ticks)


def plotly_text(text: str) -> str:
    """User text as Plotly shows it literally: `&`, `<` and `>` as entities, so no tag or entity is read."""
    return html.escape(str(text), quote=False)


def _plain_rows(rows: Sequence[Sequence]) -> list[list]:
    """Hover data with every string made literal for Plotly (numbers and None pass through)."""
    return [[plotly_text(v) if isinstance(v, str) else v for v in row] for row in rows]


def wrap_label(label: str, width: int = 12) -> str:
    """An axis label broken into lines of about `width` characters (after '/' or at spaces) with <br>.

    Plotly does not make room for long angular labels, so on a 390 px phone they would be cut off.
    The label is plain text: each line is escaped for Plotly and only the breaks are markup.
    """
    words = [w for w in label.replace("/", "/ ").split(" ") if w]
    lines: list[str] = []
    for word in words:
        joiner = "" if lines and lines[-1].endswith("/") else " "
        fits = len(lines[-1]) + len(joiner) + len(word) <= width if lines else False
        if lines and (fits or len(word) <= 2):  # a mark like ✔ stays with its axis name
            lines[-1] += joiner + word
        else:
            lines.append(word)
    return "<br>".join(plotly_text(line) for line in lines)


def _radial_tick_text(ticks: Sequence[float], lang: str) -> list[str]:
    """Every tick labelled up to six ticks; beyond that every other one, so a phone radar stays legible.

    Every tick keeps its gridline; only the text is thinned, always keeping both ends of the scale.
    """
    if len(ticks) <= 6:
        return [format_value(t, lang) for t in ticks]
    last = len(ticks) - 1
    shown = {i for i in range(0, last + 1, 2) if i != last - 1} | {last}
    return [format_value(t, lang) if i in shown else "" for i, t in enumerate(ticks)]


def _text_colour(dark: bool) -> str:
    return TEXT_COLOUR_DARK if dark else TEXT_COLOUR


def _mean_colour(dark: bool) -> str:
    return MEAN_COLOUR_DARK if dark else MEAN_COLOUR


def _polar_layout(fig: go.Figure, scale_min: float, scale_max: float, ticks: Sequence[float],
                  labels: Sequence[str], lang: str, dark: bool, height: int, text_scale: float = 1.0) -> go.Figure:
    """`text_scale` enlarges every text (the projector uses 2: axis labels 24 px, read from the back of a room)."""
    def px(size: float) -> int:
        return round(size * text_scale)

    # One Layout assigned at once: fig.update_layout(**kwargs) parses every keyword as a property path and
    # cost ~15 ms per radar, which a live board pays on every change. Every caller starts from a bare figure.
    fig.layout = go.Layout(dict(
        height=height,
        margin=dict(l=px(80), r=px(80), t=px(44), b=12),
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        font=dict(color=_text_colour(dark), size=px(13)),
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.04, yanchor="top", font=dict(size=px(12))),
        uirevision="radar",  # a live refresh keeps the groups a viewer switched off in the legend
        polar=dict(
            bgcolor=TRANSPARENT,
            radialaxis=dict(
                range=[scale_min, scale_max],
                tickmode="array",
                tickvals=list(ticks),
                ticktext=_radial_tick_text(ticks, lang),
                tickfont=dict(size=px(10)),
                angle=90 - 180 / max(len(labels), 1),  # between the first two spokes, off every axis label
                gridcolor=GRID_COLOUR,
                linecolor=GRID_COLOUR,
                showline=False,
            ),
            angularaxis=dict(
                rotation=90,
                direction="clockwise",
                tickmode="array",
                tickvals=list(labels),
                ticktext=[wrap_label(label) for label in labels],
                gridcolor=GRID_COLOUR,
                linecolor=GRID_COLOUR,
                tickfont=dict(size=px(12)),
            ),
        ),
    ))
    return fig


def _band_polygon(rd: RadarData) -> tuple[list, list]:
    """The min–max band as one closed ring: around the maxima, then back around the minima.

    The two loops run in opposite directions, so the fill covers only the ring between them. An axis
    without a minimum and maximum (fewer than two answers) is left out of the ring.
    """
    points = [(label, lo, hi) for label, lo, hi in zip(rd.axis_labels, rd.band_min, rd.band_max)
              if lo is not None and hi is not None]
    if not points:
        return [], []
    labels = [p[0] for p in points]
    outer_r = _closed([p[2] for p in points])
    inner = points[:1] + points[:0:-1]  # same start, opposite direction: the step between loops is radial
    inner_r = _closed([p[1] for p in inner])
    return outer_r + inner_r, _closed(labels) + _closed([p[0] for p in inner])


def radar_figure(
    summary: ProfileSummary,
    ratings: Ratings,
    lang: str = "sv",
    *,
    show_groups: bool = True,
    dark: bool = False,
    height: int = 520,
    text_scale: float = 1.0,
) -> go.Figure:
    """The spider diagram: min–max band, one polygon per group and the mean polygon on top.

    Traces in order: the band, the groups (when `show_groups`), the mean. Every polygon is closed by
    repeating its first point; a group's skipped axis is None with `connectgaps=False`. Lines and markers grow
    half as much as `text_scale`, so a projector's dash patterns and markers can be told apart from afar.
    """
    if [a.axis.key for a in summary.axes] != [a.key for a in ratings.axes]:
        raise ValueError("summary and ratings must have the same axes in the same order")
    rd = radar_data(summary, ratings, lang)
    theta = _closed(rd.axis_labels)
    grow = (1 + text_scale) / 2
    width, mean_width = GROUP_WIDTH * grow, MEAN_WIDTH * grow
    fig = go.Figure()
    band_r, band_theta = _band_polygon(rd)
    fig.add_trace(go.Scatterpolar(
        r=band_r, theta=band_theta, name=BAND_NAME[lang], mode="lines", fill="toself",
        fillcolor=BAND_COLOUR, line=dict(width=0, color=BAND_COLOUR), hoverinfo="skip",
    ))
    if show_groups:
        for series in rd.groups:
            fig.add_trace(go.Scatterpolar(
                r=_closed(series.values), theta=theta, name=plotly_text(series.name), mode="lines+markers",
                connectgaps=False,
                line=dict(color=series.colour, width=width, dash=series.style.plotly_dash(width)),
                marker=dict(color=series.colour, size=8 * grow, symbol=series.style.plotly_marker),
                customdata=_closed(_plain_rows([
                    [axis, series.name, None if v is None else format_value(v, lang)]
                    for axis, v in zip(rd.axis_names, series.values)
                ])),
                hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]}: %{customdata[2]}<extra></extra>",
            ))
    colour = _mean_colour(dark)
    fig.add_trace(go.Scatterpolar(
        r=_closed(rd.mean.values), theta=theta, name=rd.mean.name, mode="lines+markers", connectgaps=False,
        line=dict(color=colour, width=mean_width),
        marker=dict(color=colour, size=10 * grow, symbol=rd.mean.style.plotly_marker),
        customdata=_closed(_plain_rows([[axis, a.mean_text(lang), label]
                                        for axis, a, label in zip(rd.axis_names, summary.axes, rd.interpretations)])),
        hovertemplate=(f"<b>{rd.mean.name}</b><br>%{{customdata[0]}}: %{{customdata[1]}}"
                       "<br>%{customdata[2]}<extra></extra>"),
    ))
    return _polar_layout(fig, rd.scale_min, rd.scale_max, rd.ticks, rd.axis_labels, lang, dark, height, text_scale)


def _sort_order(summary: ProfileSummary, sort_by: str) -> list[int]:
    """Axis indices top to bottom: as rated, or highest mean / consensus first with missing values last."""
    if sort_by not in SORT_KEYS:
        raise ValueError(f"sort_by must be one of {SORT_KEYS}, got {sort_by!r}")
    indices = list(range(len(summary.axes)))
    if sort_by == "order":
        return indices

    def key(i: int) -> tuple[bool, float]:
        value = getattr(summary.axes[i], sort_by)
        return (value is None, -(value or 0.0))

    return sorted(indices, key=key)  # stable: ties keep the workshop's order


def strip_figure(
    summary: ProfileSummary,
    ratings: Ratings,
    lang: str = "sv",
    *,
    sort_by: str = "order",
    dark: bool = False,
    height: int | None = None,
) -> go.Figure:
    """Every group's rating as a dot per axis, with the mean and its 95 % t-interval below the dots.

    Axes run down the y axis (numbered rows, labelled by tick text), the scale along x. Groups sit a
    little apart within a row so equal ratings stay visible.
    """
    if [a.axis.key for a in summary.axes] != [a.key for a in ratings.axes]:
        raise ValueError("summary and ratings must have the same axes in the same order")
    rd = radar_data(summary, ratings, lang)
    order = _sort_order(summary, sort_by)
    rows = list(range(len(order)))
    n_groups = len(rd.groups)
    fig = go.Figure()
    for g, series in enumerate(rd.groups):
        offset = -0.32 + (0.34 * g / (n_groups - 1) if n_groups > 1 else 0.17)
        values = [series.values[i] for i in order]
        fig.add_trace(go.Scatter(
            x=values, y=[row + offset for row in rows], name=plotly_text(series.name), mode="markers",
            marker=dict(color=series.colour, size=10, symbol=series.style.plotly_marker,
                        line=dict(width=1, color=TRANSPARENT)),
            cliponaxis=False,
            customdata=_plain_rows([[rd.axis_names[i], series.name, None if v is None else format_value(v, lang)]
                                    for i, v in zip(order, values)]),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]}: %{customdata[2]}<extra></extra>",
        ))
    colour = _mean_colour(dark)
    means = [summary.axes[i].mean for i in order]
    cis = [summary.axes[i].ci95 for i in order]
    fig.add_trace(go.Scatter(
        x=means, y=[row + 0.24 for row in rows], name=f"{rd.mean.name} ({CI_NAME[lang]})", mode="markers",
        marker=dict(color=colour, size=12, symbol="diamond"), cliponaxis=False,
        error_x=dict(
            type="data", symmetric=False, color=colour, thickness=2, width=5,
            array=[None if ci is None or m is None else ci[1] - m for m, ci in zip(means, cis)],
            arrayminus=[None if ci is None or m is None else m - ci[0] for m, ci in zip(means, cis)],
        ),
        customdata=_plain_rows([[rd.axis_names[i], summary.axes[i].mean_text(lang), _ci_text(summary.axes[i], lang)]
                                for i in order]),
        hovertemplate=(f"<b>{rd.mean.name}</b><br>%{{customdata[0]}}: %{{customdata[1]}}"
                       f"<br>{CI_NAME[lang]}: %{{customdata[2]}}<extra></extra>"),
    ))
    fig.update_layout(
        height=height or 90 + 56 * len(order),
        margin=dict(l=8, r=16, t=28, b=8),
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        font=dict(color=_text_colour(dark), size=13),
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.08, yanchor="top"),
        uirevision="strip",
        xaxis=dict(
            range=[rd.scale_min, rd.scale_max], tickmode="array", tickvals=list(rd.ticks),
            ticktext=[format_value(t, lang) for t in rd.ticks], gridcolor=GRID_COLOUR, zeroline=False,
            fixedrange=True,
        ),
        yaxis=dict(
            range=[len(order) - 0.5, -0.5], tickmode="array", tickvals=rows,
            ticktext=[plotly_text(rd.axis_labels[i]) for i in order], showgrid=False, zeroline=False, fixedrange=True,
            automargin=True, ticklabelstandoff=10,  # room for a dot on the scale minimum
        ),
    )
    return fig


def _ci_text(a: AxisSummary, lang: str) -> str:
    if a.ci95 is None:
        return "–"
    return f"{format_number(a.ci95[0], 2, lang)}–{format_number(a.ci95[1], 2, lang)}"


def _mean_trace(name: str, axes: Sequence[AxisSummary | None], labels: Sequence[str], style: LineStyle, lang: str,
                width: int = 3) -> go.Scatterpolar:
    """A mean polygon over `labels`; None in `axes` (axis not rated) becomes a gap."""
    return go.Scatterpolar(
        r=_closed([None if a is None else a.mean for a in axes]), theta=_closed(labels), name=plotly_text(name),
        mode="lines+markers", connectgaps=False,
        line=dict(color=style.colour, width=width, dash=style.plotly_dash(width)),
        marker=dict(color=style.colour, size=9, symbol=style.plotly_marker),
        customdata=_closed(_plain_rows([
            [label, name, "–" if a is None else a.mean_text(lang), "" if a is None else f"n = {a.n}",
             "" if a is None else a.interpretation_text(lang)]
            for label, a in zip(labels, axes)
        ])),
        hovertemplate=("<b>%{customdata[1]}</b><br>%{customdata[0]}: %{customdata[2]} (%{customdata[3]})"
                       "<br>%{customdata[4]}<extra></extra>"),
    )


def comparison_radar(
    profiles: Sequence[tuple[str, ProfileSummary]],
    lang: str = "sv",
    *,
    dark: bool = False,
    height: int = 520,
) -> go.Figure:
    """Several workshops' mean polygons on the axes they all share (compare.shared_axes), each in a group's
    colour, dash and marker.

    The axes left out are not drawn; name them next to the figure with `compare_profiles(...).notes()`.
    """
    check_comparable(profiles)
    keys, _ = shared_axes(profiles, lang)
    first = profiles[0][1]
    labels = [first.axis(k).axis.name(lang) for k in keys]
    fig = go.Figure()
    for i, (name, profile) in enumerate(profiles):
        fig.add_trace(_mean_trace(name, [profile.axis(k) for k in keys], labels, group_style(i), lang))
    scale = first.scale
    return _polar_layout(fig, scale.min, scale.max, _scale_ticks(scale), labels, lang, dark, height)


def rounds_radar(
    round1: ProfileSummary,
    round2: ProfileSummary,
    lang: str = "sv",
    *,
    dark: bool = False,
    height: int = 520,
) -> go.Figure:
    """Round 1's mean polygon (dashed dark grey, circles) under round 2's (solid blue, diamonds) on round 1's axes.

    Round 2 re-rates only some axes, so its polygon has a gap on every axis it did not re-rate rather
    than borrowing round 1's mean: the figure then shows only what the groups actually said in round 2,
    and a lone re-rated axis still shows as a marker. Axes only round 2 has are not drawn (as in
    compare.compare_rounds).
    """
    check_comparable([("1", round1), ("2", round2)])
    keys2 = {a.axis.key for a in round2.axes}
    labels = [a.axis.name(lang) for a in round1.axes]
    fig = go.Figure()
    fig.add_trace(_mean_trace(ROUND_NAME[lang].format(1), list(round1.axes), labels, ROUND_STYLES[0], lang, width=3))
    fig.add_trace(_mean_trace(
        ROUND_NAME[lang].format(2), [round2.axis(a.axis.key) if a.axis.key in keys2 else None for a in round1.axes],
        labels, ROUND_STYLES[1], lang, width=MEAN_WIDTH,
    ))
    scale = round1.scale
    return _polar_layout(fig, scale.min, scale.max, _scale_ticks(scale), labels, lang, dark, height)
