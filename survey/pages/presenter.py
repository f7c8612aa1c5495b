"""Projektor: the room's screen (?present=…), for a 1920×1080 projector. No login, and only what is meant
for the room: before the reveal a large QR code of the join address (/kod) beside that address, the count,
the groups that are in and the countdown, never a result; after it the radar filling the screen with 24 px
labels and the marks explained, or the one axis the facilitator has put in focus. The QR code goes with the
reveal rather than shrinking to a corner: the round-1 rating is locked while the results show, so nobody
needs to join then, and the chart needs the whole height to be read from the back of the room (a group that
comes late still has its card and the console's links). The facilitator drives it from the console on their
own device."""

from __future__ import annotations

import html
import time

import streamlit as st

from analysis.statistics.labels import marks_legend
from analysis.workshop import WorkshopData, countdown_text

from ..ui import get_store, guarded, join_address, lang, qr_html, t
from .shared import radar_caption, snapshot

REFRESH = "1s"  # the countdown ticks; everything else changes only when the workshop does (cached by marker)
QR_PX = 540  # the join code's least size on the screen: read by phones from the back of a room

_STYLE = """<style>
.spindeln-room { font-size: 2.4rem; line-height: 1.3; color: #1f1f1f; }
.spindeln-room .big { font-size: 7rem; font-weight: 700; line-height: 1.1; }
.spindeln-room .label { font-size: 2.4rem; color: #333333; }
.spindeln-room .names { font-size: 2.6rem; }
.spindeln-room .clock { font-size: 5rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.spindeln-room .axis { font-size: 4.5rem; font-weight: 700; }
.spindeln-room .legend { font-size: 1.8rem; }
.spindeln-room.right { text-align: right; }
.spindeln-room .join { font-size: 3.2rem; font-weight: 700; overflow-wrap: anywhere; }
.spindeln-qr img { display: block; image-rendering: pixelated; max-width: 100%; height: auto; }
.spindeln-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; padding-bottom: 1rem; }
</style>"""


def page() -> None:
    origin = get_store().workshop_by_view_token(st.query_params.get("present", ""))
    if origin is None:
        st.error(t("bad_view_link"))
        return
    st.html(_STYLE)
    _screen(origin.id)


def _room(*lines: tuple[str, str], where=st, right: bool = False) -> None:
    """Large text in the room's sizes: (css class, text) pairs, every text escaped."""
    where.html(f'<div class="spindeln-room{" right" if right else ""}">' + "".join(
        f'<div class="{cls}">{html.escape(text)}</div>' for cls, text in lines) + "</div>")


@st.fragment(run_every=REFRESH)
@guarded
def _screen(workshop_id: str) -> None:
    data = snapshot(workshop_id)
    w = data.workshop
    lg = lang()
    head, clock = st.columns([4, 1], vertical_alignment="center")
    head.title(w.title, anchor=False)
    left = data.presenter.seconds_left(time.time())
    if left is not None:  # beside the title, so the chart below keeps the whole height of the screen
        _room(("label", t("timer_left") if left else t("timer_done")), ("clock", countdown_text(left)),
              where=clock, right=True)
    if w.deleted_at is not None or not w.results_visible:
        _before_reveal(data)
        return
    if data.presenter.focus:
        _focus(data, data.presenter.focus, lg)
    else:
        _radar(data, lg)


def _before_reveal(data: WorkshopData) -> None:
    """The QR code of the join address on the left, at least QR_PX square; the address, the count and the
    groups in on the right, large enough for the back of the room."""
    done, total = data.progress
    names = ", ".join(data.groups_in)
    address = join_address()
    code, text = st.columns([2, 3], vertical_alignment="center", gap="large")
    code.html(f'<div class="spindeln-qr">{qr_html(address, t("presenter_qr_alt", address=address), QR_PX)}</div>')
    _room(("join", t("presenter_join", address=address)), ("big", f"{done} / {total}"),
          ("label", t("presenter_count", done=done, total=total)),
          ("names", t("presenter_in", names=names) if names else t("presenter_none_in")),
          ("label", t("presenter_waiting")), where=text)



@st.cache_resource(max_entries=16, show_spinner=False)
def _figure(workshop_id: str, revision: str, lg: str, _data: WorkshopData):
    """Built once per change of the workshop and shared by every projector showing it."""
    from analysis.figures.plotly_figures import radar_figure
    from analysis.figures.radar import group_lines_by_default

    return radar_figure(_data.summary, _data.ratings, lg, show_groups=group_lines_by_default(_data.active_groups),
                        height=800, text_scale=2)


def _radar(data: WorkshopData, lg: str) -> None:
    from analysis.figures.radar import group_lines_by_default

    # The chart's name for a screen reader, out of sight: the room reads the chart, and it keeps the height.
    caption = radar_caption(data, group_lines_by_default(data.active_groups), table_below=False)
    st.html(f'<p class="spindeln-sr-only">{html.escape(caption)}</p>')
    st.plotly_chart(_figure(data.id, data.revision, lg, data), key="presenter-radar",
                    config={"displayModeBar": False, "staticPlot": True})
    legend = marks_legend([a.interpretation for a in data.summary.axes], lg)
    if legend:
        _room(("legend", f"{t('marks_heading')}: {legend}"))


def _focus(data: WorkshopData, key: str, lg: str) -> None:
    from analysis.statistics.explain import explain

    a = data.summary.axis(key)
    _room(("axis", a.axis.name(lg)), ("big", a.mean_text(lg)), ("names", a.interpretation_text(lg)),
          ("label", t("presenter_values", values=a.values_text(lg) or "–")),
          ("label", explain(a, data.summary.thresholds, data.summary.scale, lg)))
