"""The spider diagram for print, drawn by matplotlib from the same `radar_data` the app's Plotly chart uses.

matplotlib needs no browser (kaleido needs Chromium and is not thread-safe), and an object-oriented
`Figure` with its own Agg canvas keeps no global state, so two sessions can render at the same time.
"""

from __future__ import annotations

import io
import math
import warnings

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from analysis.formatting import format_value
from analysis.model import Ratings
from analysis.figures.radar import BAND_NAME, RadarData, radar_data
from analysis.statistics.summary import ProfileSummary

BAND_RGBA = (0 / 255, 114 / 255, 178 / 255, 0.15)
GRID_COLOUR = "#C8C8C8"
LABEL_COLOUR = "#222222"
TICK_COLOUR = "#666666"
GROUP_LW, GROUP_MS = 1.6, 5.5
MEAN_LW = 2.4
LEGEND_MAX_COLUMNS = 7
FONT = "DejaVu Sans"  # bundled with matplotlib; has å ä ö and the marks ✔ ⇄ ≠

# A name in a script DejaVu lacks is drawn as a box; saying so on every export helps nobody.
warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)


def _closed(values: tuple[float | None, ...]) -> list[float]:
    vals = [math.nan if v is None else float(v) for v in values]
    return vals + vals[:1]


def _runs(present: list[bool]) -> list[list[int]]:
    """Runs of neighbouring axes that have a value, going round from a missing one."""
    n = len(present)
    start = next(i for i in range(n) if not present[i])
    runs, run = [], []
    for k in range(1, n + 1):
        i = (start + k) % n
        if present[i]:
            run.append(i)
        else:
            if len(run) >= 2:
                runs.append(run)
            run = []
    return runs


def _band_path(theta: list[float], lo: tuple[float | None, ...], hi: tuple[float | None, ...]) -> Path | None:
    """The min–max band: a ring with a hole, or one polygon per run of axes without gaps."""
    n = len(theta)
    present = [a is not None and b is not None for a, b in zip(lo, hi)]
    if all(present):
        outer = [(theta[i], hi[i]) for i in range(n)]
        inner = [(theta[i], lo[i]) for i in reversed(range(n))]
        rings = [outer, inner]
    else:
        rings = [[(theta[i], hi[i]) for i in run] + [(theta[i], lo[i]) for i in reversed(run)]
                 for run in _runs(present)]
    if not rings:
        return None
    verts: list[tuple[float, float]] = []
    codes: list[int] = []
    for ring in rings:
        verts.extend(ring + ring[:1])
        codes.extend([Path.MOVETO] + [Path.LINETO] * (len(ring) - 1) + [Path.CLOSEPOLY])
    return Path(verts, codes)


def radar_figure(data: RadarData, lang: str = "sv", width: float = 6.6) -> Figure:
    """One figure: grid polygons, min–max band, each group (broken where it skipped), the mean in black.

    Each group is drawn in its own colour, dash and marker (`analysis.figures.radar.group_style`), the same
    as in the app, so a grey-scale print or a reader who cannot tell the colours apart still tells the lines apart.

    The figure grows downwards when the legend needs more than one row, so the diagram keeps its size.
    Every text is drawn with mathtext off (`parse_math=False` on the artist, not an rcParam, so no state
    is shared between sessions): a name like "Budget $100 vs $200" is drawn as typed, and one like "$x_$"
    cannot make the export fail.
    """
    n = len(data.axis_labels)
    fig = Figure(figsize=(width, 6.2), layout=None)
    ax = fig.add_axes((0.19, 0.84 / 6.2, 0.62, 4.59 / 6.2), projection="polar")
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    theta = [2 * math.pi * i / n for i in range(n)]
    theta_closed = theta + theta[:1]
    lo, hi = data.scale_min, data.scale_max
    ax.set_ylim(lo, hi)
    ax.grid(False)
    ax.spines["polar"].set_visible(False)
    ax.set_xticks([])
    ax.set_yticks([])

    # A gridline per scale step, as polygons so they follow the straight edges of the data.
    for tick in data.ticks:
        major = abs(tick - round(tick)) < 1e-9 or len(data.ticks) <= 6
        ax.plot(theta_closed, [tick] * (n + 1), color=GRID_COLOUR, lw=0.9 if major else 0.5,
                ls="-" if major else (0, (2, 2)), zorder=1)
    for t in theta:
        ax.plot([t, t], [lo, hi], color=GRID_COLOUR, lw=0.8, zorder=1)
    label_ticks = [t for t in data.ticks if abs(t - round(t)) < 1e-9] if len(data.ticks) > 6 else list(data.ticks)
    for tick in label_ticks:
        ax.text(math.pi / n, tick, format_value(tick, lang), fontsize=7.5, color=TICK_COLOUR, ha="center",
                va="center", zorder=6, family=FONT, parse_math=False,
                bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.8))

    band = _band_path(theta, data.band_min, data.band_max)
    if band is not None:
        ax.add_patch(PathPatch(band, facecolor=BAND_RGBA, edgecolor="none", zorder=2))

    for series in data.groups:
        r = _closed(series.values)
        ax.plot(theta_closed, r, color=series.colour, lw=GROUP_LW, ls=series.style.mpl_dash, zorder=3,
                solid_capstyle="round", dash_capstyle="butt")
        ax.plot(theta, r[:-1], ls="none", marker=series.style.mpl_marker, ms=GROUP_MS, color=series.colour,
                markeredgecolor="white", markeredgewidth=0.5, zorder=4)
    mean = _closed(data.mean.values)
    ax.plot(theta_closed, mean, color=data.mean.colour, lw=MEAN_LW, ls=data.mean.style.mpl_dash, zorder=5)
    ax.plot(theta, mean[:-1], ls="none", marker=data.mean.style.mpl_marker, ms=5, color=data.mean.colour, zorder=5)

    pad = (hi - lo) * 0.07
    for t, label in zip(theta, data.axis_labels):
        s, c = math.sin(t), math.cos(t)
        ha = "center" if abs(s) < 0.2 else ("left" if s > 0 else "right")
        va = "bottom" if c > 0.5 else ("top" if c < -0.5 else "center")
        ax.text(t, hi + pad, _wrap(label), ha=ha, va=va, fontsize=10, color=LABEL_COLOUR, family=FONT,
                linespacing=1.1, parse_math=False)

    handles = [Line2D([], [], color=s.colour, lw=GROUP_LW, ls=s.style.mpl_dash, marker=s.style.mpl_marker, ms=GROUP_MS,
                      markeredgecolor="white", markeredgewidth=0.5, label=s.name) for s in data.groups]
    handles.append(Line2D([], [], color=data.mean.colour, lw=MEAN_LW, ls=data.mean.style.mpl_dash,
                          marker=data.mean.style.mpl_marker, ms=4.5, label=data.mean.name))
    if band is not None:
        handles.append(Patch(facecolor=BAND_RGBA, edgecolor="none", label=BAND_NAME[lang]))
    rows = _legend(fig, handles)
    extra = 0.24 * (rows - 1)
    height = 6.2 + extra
    fig.set_size_inches(width, height)
    ax.set_position((0.19, (0.84 + extra) / height, 0.62, 4.59 / height))
    return fig


def _legend(fig: Figure, handles: list) -> int:
    """The legend below the diagram in as few rows as fit the figure's width (at most seven entries a row,
    each with a sample long enough to show its dash pattern and marker); returns the number of rows."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    for ncol in range(min(len(handles), LEGEND_MAX_COLUMNS), 0, -1):
        rows = -(-len(handles) // ncol)
        ncol = -(-len(handles) // rows)  # rows as even as they come
        legend = fig.legend(handles=handles, loc="lower center", ncol=ncol, frameon=False, fontsize=9,
                            bbox_to_anchor=(0.5, 0.0), prop={"family": FONT, "size": 9}, handlelength=2.8,
                            handletextpad=0.5, columnspacing=1.0)
        for text in legend.get_texts():
            text.set_parse_math(False)
        if ncol == 1 or legend.get_window_extent(renderer).width <= 0.97 * fig.bbox.width:
            return rows
        legend.remove()
    return len(handles)  # pragma: no cover - ncol 1 always returns


def _wrap(label: str, width: int = 15) -> str:
    """Break a long axis label at a space or slash; a mark (✔, ⇄, ≠) stays with the word before it."""
    if len(label) <= width:
        return label
    tokens: list[str] = []
    for word in label.replace("/", "/ ").split(" "):
        if not word:
            continue
        if tokens and len(word) <= 2:
            tokens[-1] += ("" if tokens[-1].endswith("/") else " ") + word
        else:
            tokens.append(word)
    lines, line = [], ""
    for w in tokens:
        candidate = line + w if line.endswith("/") else f"{line} {w}".strip()
        if line and len(candidate) > width:
            lines.append(line)
            line = w
        else:
            line = candidate
    lines.append(line)
    return "\n".join(lines)


# The ids of an SVG's clip paths are hashes salted with a random value unless this is set: with it the same
# workshop gives the same bytes, from the web and from the CLI alike. Set once here, never per render.
matplotlib.rcParams["svg.hashsalt"] = "spindeln"


def _render(fig: Figure, fmt: str, dpi: int) -> bytes:
    # Each figure gets its own canvas and no render changes rcParams, so sessions may render side by side.
    buffer = io.BytesIO()
    if fmt == "svg":
        FigureCanvasSVG(fig)
        fig.savefig(buffer, format="svg", metadata={"Date": None}, facecolor="white")
    else:
        FigureCanvasAgg(fig)
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def radar_png(summary: ProfileSummary, ratings: Ratings, lang: str = "sv", dpi: int = 200) -> bytes:
    """The spider diagram as PNG bytes (white background, for Word and PDF)."""
    return _render(radar_figure(radar_data(summary, ratings, lang), lang), "png", dpi)


def radar_svg(summary: ProfileSummary, ratings: Ratings, lang: str = "sv", dpi: int = 200) -> bytes:
    """The spider diagram as SVG bytes; text is drawn as paths so it looks the same without the font."""
    return _render(radar_figure(radar_data(summary, ratings, lang), lang), "svg", dpi)
