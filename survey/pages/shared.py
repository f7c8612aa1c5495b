"""What the pages share: which workshops a reader may see, choosing one and its label, the snapshot a page
is drawn from, and the results block (radar, minutes table, axis detail, rounds, comparison).

Every page that shows results reads the workshop through `snapshot()` (one read transaction, cached per
change of the workshop) and lays out what `analysis` computes from it; the forms (rating, facilitator) read
and write the store for what they collect. No page imports another page; they all import this.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from dataclasses import dataclass
from html import escape

import pandas as pd
import streamlit as st

from analysis.figures.radar import group_lines_by_default
from analysis.statistics.labels import Interpretation, marks_legend
from analysis.statistics.tables import DETAIL_HEADERS, HEADERS, detail_rows, minutes_rows
from analysis.workshop import Workshop, WorkshopData, comparison_profiles

from ..store import StoreError
from ..texts import TEXTS
from ..ui import get_store, guarded, is_admin, lang, plain, plain_table, t

POLL = "1s"  # the live results on the results page and the federation profile; benchmarks/floor_app.py polls alike
GROUP_POLL = "5s"  # the same results under each group's form: fifty phones need not ask every second
BOARD_LAG = 5.0  # seconds the chart may stay behind the count before the whole page runs again (no client.js)
# No Plotly toolbar: its buttons speak English only ("Download plot as a PNG", "Zoom") and the appendix page
# has the chart as PNG and SVG. Hovering a point and the legend's switches still work.
CHART_CONFIG = {"displaylogo": False, "displayModeBar": False}


# ---------------------------------------------------------------------------------------------- who sees what

def visible_workshops(store, federation: str | None = None) -> list[Workshop]:
    """The facilitator sees every workshop; everyone else, and every federation profile, only those whose
    results are revealed."""
    workshops = store.list_workshops(federation)
    if is_admin() and federation is None:
        return workshops
    return [w for w in workshops if w.results_visible]


def workshop_labels(workshops, lang: str = "sv") -> dict[str, str]:
    """How a workshop is named in every list: "Titel (2026-02-27)", and where two would read the same, the
    time each was created too, so the facilitator can tell them apart."""
    base = {w.id: f"{w.title} ({w.date})" for w in workshops}
    seen: dict[str, int] = {}
    for label in base.values():
        seen[label] = seen.get(label, 0) + 1
    created = "skapad" if lang == "sv" else "created"
    return {w.id: base[w.id] if seen[base[w.id]] == 1
            else f"{base[w.id]} · {created} {w.created_at.astimezone().strftime('%Y-%m-%d %H:%M:%S')}"
            for w in workshops}


def pick_workshop(workshops, key: str) -> Workshop | None:
    """A select of the workshops, starting at the one in the address (?w=…), which then follows the choice so
    a reload (or the projector's link) stays on it. An address naming a workshop this reader may not see, or
    none at all, says so and shows nothing until a workshop is chosen: never another one in its place."""
    ids = [w.id for w in workshops]
    wanted = st.query_params.get("w")
    unknown = bool(wanted) and wanted not in ids
    if unknown:
        st.warning(t("link_workshop_unknown"))
    if not workshops:
        if not unknown:
            st.info(t("no_workshops"))
        return None
    by_id = {w.id: w for w in workshops}
    chosen = st.selectbox(t("workshop_label"), ids, index=None if unknown else ids.index(wanted) if wanted else 0,
                          key=key, placeholder=t("choose_workshop"), format_func=workshop_labels(workshops, lang()).get)
    if chosen is None:
        return None
    if chosen != wanted:
        st.query_params["w"] = chosen
    return by_id[chosen]


# ---------------------------------------------------------------------------------------------- the snapshot

def snapshot(workshop_id: str) -> WorkshopData:
    """The workshop as it is now, read in one transaction. Shared by every session for one state of the
    workshop: a rerun that finds nothing changed costs one small query (the change marker)."""
    return _snapshot(workshop_id, get_store().change_marker(workshop_id))


@st.cache_resource(max_entries=64, show_spinner=False)
def _snapshot(workshop_id: str, marker: str) -> WorkshopData:
    """`marker` is read before the data, so what is cached under it is never older than it. cache_resource,
    not cache_data: the value is frozen and never copied; its summaries are computed once, on first use."""
    return get_store().snapshot(workshop_id)


@st.fragment(run_every=GROUP_POLL)
@guarded
def follow_visibility(workshop_id: str) -> None:
    """On a page without a live board (the appendix): rerun the page the moment the results are hidden
    again or the workshop goes to the bin, so a reader who is not the facilitator loses them."""
    workshop = get_store().get_workshop(workshop_id)
    if workshop is None or not workshop.results_visible:
        st.rerun(scope="app")


# ---------------------------------------------------------------------------------------------- results

def show_results(data: WorkshopData, *, read_only: bool, key_prefix: str, poll: str = POLL,
                 fold_detail: bool = False) -> None:
    """Heading, then the live part (radar and table) in a polling fragment, then the axis detail, all from
    `data` except the live part, which follows the workshop by itself. `fold_detail` puts the axis detail in
    a closed expander (under a group's form, where the radar and the cards are what the group came for)."""
    workshop = data.workshop
    st.subheader(plain(workshop.title), anchor=False)
    meta = " · ".join(plain(x) for x in (workshop.date, workshop.place, workshop.federation) if x)
    if meta:
        st.caption(meta)
    if not workshop.results_visible:
        st.warning(t("not_revealed_banner"))
    {POLL: _live, GROUP_POLL: _live_slow}[poll](workshop.id, key_prefix)
    _live_board(workshop.id, key_prefix)
    _detail(data, read_only, key_prefix, folded=fold_detail)


@dataclass(frozen=True)
class _LiveView:
    radar: object
    table: pd.DataFrame
    statistics: pd.DataFrame
    footnotes: tuple[str, ...] = ()
    marks: str = ""  # what ✔ ⇄ ≠ on the axis labels mean
    cards: str = ""  # the table as one card per axis, for a narrow screen (result_cards)


@st.cache_resource(max_entries=32, show_spinner=False)
def _live_view(workshop_id: str, marker: str, lg: str, show_groups: bool, dark: bool, _data: WorkshopData) -> _LiveView:
    """What the live part shows for one state of the workshop, built once per change and shared by every
    session that polls it (the facilitator, federation profiles, every group of a revealed workshop): a poll
    that finds nothing new costs one query instead of a plotly figure (~50 ms at 50 groups). Nothing changes
    the figure or the frames afterwards. `_data` (not part of the key) is the snapshot the caller has just
    judged visible under `marker`, so the view is drawn from that very value.

    Before the first rating it is the empty frame: the axes on the scale and the table's rows, so the board
    looks the same from the start and the browser has its chart and table code loaded when ratings arrive."""
    from analysis.figures.plotly_figures import radar_figure

    summary = _data.summary
    table = pd.DataFrame(minutes_rows(summary, lg), columns=HEADERS[lg])
    table.insert(1, "n", [a.n for a in summary.axes])
    return _LiveView(
        radar_figure(summary, _data.ratings, lg, show_groups=show_groups, dark=dark), table,
        pd.DataFrame(detail_rows(summary, lg), columns=DETAIL_HEADERS[lg]), tuple(summary.footnotes(lg)),
        marks_legend([a.interpretation for a in summary.axes], lg), result_cards(summary, lg),
    )


def radar_caption(data: WorkshopData, show_groups: bool, *, table_below: bool = True) -> str:
    """The radar in words: what it shows for how many groups on which scale (WCAG 1.1.1: a chart's text
    alternative; its values are in the table under it), set right before the chart so a screen reader meets it
    first. Plain text: nothing in it comes from a user."""
    from analysis.formatting import format_value

    lg = lang()
    n = len(data.summary.groups)
    scale = data.summary.scale
    parts = [t("chart_radar", groups=t("chart_groups_one") if n == 1 else t("chart_groups_n", n=n),
               min=format_value(scale.min, lg), max=format_value(scale.max, lg))]
    if show_groups and n:
        parts.append(t("chart_radar_lines"))
    if table_below:
        parts.append(t("chart_table_below"))
    return " ".join(parts)


def result_cards(summary, lg: str) -> str:
    """The minutes table as one card per axis, as HTML: a list with the axis as each item's heading and a
    description list after it, so a screen reader reads axis, mean, interpretation, then spread and values.
    Every text is escaped (axis names are the workshop's own)."""
    _, values_h, mean_h, spread_h, label_h = HEADERS[lg]

    def facts(cls: str, *pairs: tuple[str, str]) -> str:
        rows = "".join(f"<div><dt>{escape(dt)}</dt><dd>{escape(dd)}</dd></div>" for dt, dd in pairs)
        return f'<dl class="{cls}">{rows}</dl>'

    items = "".join(
        f'<li class="sp-card"><h4>{escape(a.axis.name(lg))}</h4>'
        + facts("sp-main", (mean_h, a.mean_text(lg)), (label_h, a.interpretation_text(lg)))
        + facts("sp-minor", (spread_h, a.spread_text(lg)), (values_h, a.values_text(lg) or "–")) + "</li>"
        for a in summary.axes)
    return f'<ul class="sp-cards" role="list" aria-label="{escape(TEXTS[lg]["result_cards"])}">{items}</ul>'


def _group_lines(data: WorkshopData, key_prefix: str) -> bool:
    """The switch for each group's line: it follows the number of groups (lines up to eight, then the mean and
    its band: a board opened when three groups had links must not go on drawing the lines of the twelve there
    are now) until the reader sets it; then it stays as set. Each workshop has its own."""
    key = f"{key_prefix}-groups-{data.workshop.id}"
    touched = f"{key}-set"
    if not st.session_state.get(touched):
        st.session_state[key] = group_lines_by_default(data.active_groups)
    return st.toggle(t("show_groups"), key=key, on_change=st.session_state.__setitem__, args=(touched, True))


def _drawn_key(workshop_id: str, key_prefix: str) -> str:
    return f"{key_prefix}-drawn-{workshop_id}"


def _live_count(workshop_id: str, key_prefix: str) -> None:
    """What a board asks every poll: one small query (the change marker), the count, and the marker in the
    page. Nothing else is sent while nothing changes. When the marker differs from the one the chart and table
    below were drawn from, survey/client.js presses their hidden button and they are drawn again, within a
    moment of the count; a page without client.js runs again as a whole once the chart has lagged BOARD_LAG
    seconds. A reader who is not the facilitator loses the results the moment they are hidden again."""
    marker = get_store().change_marker(workshop_id)
    data = _snapshot(workshop_id, marker)
    if not data.workshop.results_visible and not is_admin():
        st.rerun(scope="app")
    done, total = data.progress
    st.caption(t("groups_submitted", done=done, total=total))
    if not done:
        st.info(t("no_ratings_yet"))
    key = _drawn_key(workshop_id, key_prefix)
    drawn, stale = st.session_state.get(key), f"{key}-stale"
    if drawn is None or drawn == marker:
        st.session_state.pop(stale, None)
    else:
        since = st.session_state.get(stale)
        if since is None or since[0] != drawn:  # behind since now (or behind again, after a redraw)
            st.session_state[stale] = (drawn, time.monotonic())
        elif time.monotonic() - since[1] > BOARD_LAG:
            st.session_state.pop(stale, None)
            st.rerun(scope="app")
    with st.container(key=f"{key_prefix}-live-mark"):  # never shown (survey/ui.py's page style)
        st.html(f'<span hidden data-spindeln-live="{escape(key_prefix)}" data-marker="{escape(marker)}"></span>',
                width="content")


def _live_part(workshop_id: str, key_prefix: str) -> None:
    """The chart and the tables of the live results, drawn once per change the count above has seen (and when
    the reader switches the groups' lines): a poll that finds nothing new redraws none of it."""
    dark = (getattr(st.context, "theme", None) or {}).get("type") == "dark"
    marker = get_store().change_marker(workshop_id)
    data = _snapshot(workshop_id, marker)
    if not data.workshop.results_visible and not is_admin():
        st.rerun(scope="app")
    show_groups = _group_lines(data, key_prefix)
    view = _live_view(workshop_id, marker, lang(), show_groups, dark, data)
    st.caption(radar_caption(data, show_groups))  # the chart's name in words, read before the chart
    st.plotly_chart(view.radar, key=f"{key_prefix}-radar", config=CHART_CONFIG)
    if view.marks:
        st.caption(f"{t('marks_heading')}: {plain(view.marks)}")
    # Both go to the browser; survey.ui's page style shows the table on a wide screen, the cards on a phone, where
    # the table's last columns (the interpretation) would be off screen.
    with st.container(key=f"{key_prefix}-minutes-wide"):
        st.dataframe(view.table, hide_index=True, key=f"{key_prefix}-table")
    with st.container(key=f"{key_prefix}-minutes-narrow"):
        st.html(view.cards)
    for note in view.footnotes:
        st.caption(plain(note))
    with st.expander(t("all_statistics")):
        st.dataframe(view.statistics, hide_index=True)
        st.caption(t("statistics_help"))
    st.session_state[_drawn_key(workshop_id, key_prefix)] = marker
    with st.container(key=f"{key_prefix}-live-redraw"):  # never shown; survey/client.js presses the button
        st.html(f'<span hidden data-spindeln-drawn="{escape(key_prefix)}" data-marker="{escape(marker)}"></span>',
                width="content")
        st.button(t("live_redraw"), key=f"{key_prefix}-live-redraw-now")


@st.fragment(run_every=POLL)
@guarded
def _live(workshop_id: str, key_prefix: str) -> None:
    _live_count(workshop_id, key_prefix)


@st.fragment(run_every=GROUP_POLL)
@guarded
def _live_slow(workshop_id: str, key_prefix: str) -> None:
    _live_count(workshop_id, key_prefix)


@st.fragment
@guarded
def _live_board(workshop_id: str, key_prefix: str) -> None:
    _live_part(workshop_id, key_prefix)


def _detail(data: WorkshopData, read_only: bool, key_prefix: str, folded: bool = False) -> None:
    if not data.ratings.groups:
        return
    with st.expander(t("axis_detail")) if folded else nullcontext():
        if not folded:
            st.subheader(t("axis_detail"), anchor=False)
        _axis_detail(data, key_prefix)
    if data.workshop.in_round2:
        _rounds(data, key_prefix)
    if not read_only and is_admin():
        _overrides(data, key_prefix)


def _axis_detail(data: WorkshopData, key_prefix: str) -> None:
    from analysis.figures.plotly_figures import strip_figure
    from analysis.formatting import format_number
    from analysis.statistics.explain import explain

    lg = lang()
    summary = data.summary
    sort_labels = {"order": t("sort_order"), "mean": t("sort_mean"), "consensus": t("sort_consensus")}
    sort_by = st.segmented_control(t("sort_by"), list(sort_labels), default="order", format_func=sort_labels.get,
                                   key=f"{key_prefix}-sort") or "order"
    st.caption(t("chart_strip"))
    st.plotly_chart(strip_figure(summary, data.ratings, lg, sort_by=sort_by), key=f"{key_prefix}-strip",
                    config=CHART_CONFIG)
    keys = [a.axis.key for a in summary.axes]
    names = {a.axis.key: a.axis.name(lg) for a in summary.axes}
    chosen = st.selectbox(t("choose_axis"), keys, format_func=names.get, key=f"{key_prefix}-axis")
    a = summary.axis(chosen)
    cols = st.columns(3)
    cols[0].metric(t("metric_mean"), a.mean_text(lg))
    cols[1].metric(t("metric_n"), f"{a.n} / {len(summary.groups)}")
    cols[2].metric(t("metric_consensus"), format_number(a.consensus, 2, lg))
    st.markdown(f"**{t('metric_label')}: {plain(a.interpretation_text(lg))}**")
    st.markdown(plain(explain(a, summary.thresholds, summary.scale, lg)))
    comments = data.comments.get(chosen, ())
    if comments:
        st.markdown(f"**{t('comments_heading')}**")
        for group, text in comments:
            st.markdown(f"- **{plain(group)}**: {plain(text)}")


def _rounds(data: WorkshopData, key_prefix: str) -> None:
    from analysis.figures.plotly_figures import rounds_radar

    lg = lang()
    st.subheader(t("rounds_heading"), anchor=False)
    changes = data.round_changes(lg)
    if changes is None:
        st.info(t("round2_waiting"))
        return
    st.caption(t("chart_rounds"))
    st.plotly_chart(rounds_radar(data.summary, data.round2_summary, lg), key=f"{key_prefix}-rounds",
                    config=CHART_CONFIG)
    headers, rows = changes.table(lg)
    st.table(plain_table(headers, rows))


def _overrides(data: WorkshopData, key_prefix: str) -> None:
    """One select per axis. It writes only when the facilitator changes it (its callback), saying which label
    it showed, so a second facilitator's stale page can neither write back an old value on a rerun nor
    silently undo a newer choice; its key follows the stored label, so it shows another's change at once."""
    lg = lang()
    labels = [None, *Interpretation]
    workshop_id = data.id
    with st.expander(t("override_heading")):
        st.caption(t("override_help"))
        for a in data.summary.axes:
            rule = a.rule_interpretation or a.interpretation
            shown = data.overrides.get(a.axis.key)
            index = labels.index(Interpretation(shown)) if shown else 0
            key = f"{key_prefix}-ov-{workshop_id}-{a.axis.key}-{shown or 'rule'}"
            st.selectbox(
                plain(a.axis.name(lg)), labels, index=index, key=key,
                format_func=lambda x, rule=rule: t("override_rule", label=rule.text(lg)) if x is None else x.text(lg),
                on_change=_override_changed, args=(workshop_id, a.axis.key, key, rule, shown),
            )
        error = st.session_state.pop(f"{key_prefix}-ov-error", None)
        if error:
            st.warning(error)


def _override_changed(workshop_id: str, axis_key: str, key: str, rule, shown: str | None) -> None:
    choice = st.session_state.get(key)
    new = None if choice is None or choice == rule else choice.value
    if new == shown:
        return
    try:
        get_store().set_override(workshop_id, axis_key, new, expected=shown)
    except StoreError as exc:  # changed by someone else meanwhile, or the database refused: say so
        st.session_state[f"{key.split('-ov-')[0]}-ov-error"] = plain(exc.message(lang()))


# ---------------------------------------------------------------------------------------------- comparisons

def show_comparison(workshops, key_prefix: str) -> None:
    """Several workshops' mean profiles on one radar, then one workshop broken down by member party."""
    from analysis.figures.plotly_figures import comparison_radar
    from analysis.statistics.compare import compare_profiles, party_name, party_values_table, too_few_per_party

    lg = lang()
    labels = workshop_labels(workshops, lg)
    if len(workshops) < 2:
        st.info(t("compare_need_two"))
    else:
        ids = [w.id for w in workshops]
        chosen = st.multiselect(t("compare_choose"), ids, default=ids[:2], key=f"{key_prefix}-pick",
                                placeholder=t("choose_placeholder"), format_func=labels.get)
        if len(chosen) >= 2:
            profiles = comparison_profiles([snapshot(i) for i in chosen], labels)
            comparison = compare_profiles(profiles, lg)
            st.caption(t("chart_compare", n=len(chosen)))
            st.plotly_chart(comparison_radar(profiles, lg), key=f"{key_prefix}-radar", config=CHART_CONFIG)
            headers, rows = comparison.table(lg)
            st.table(plain_table(headers, rows))  # st.table reads Markdown in cells, headers and index
            for note in comparison.notes(lg):
                st.caption(plain(note))
    st.subheader(t("party_heading"), anchor=False)
    if not workshops:
        return
    wid = st.selectbox(t("workshop_label"), [w.id for w in workshops], key=f"{key_prefix}-party-w",
                       format_func=labels.get)
    buckets = snapshot(wid).party_profiles()
    if not buckets:
        st.info(t("party_none_set"))
        return
    if too_few_per_party(buckets):  # one group per party: its own values, not an empty chart of "too few"
        st.caption(t("party_too_few"))
        st.table(plain_table(*party_values_table(buckets, lg)))
        return
    profiles = [(party_name(p, lg), s) for p, s in buckets.items()]
    st.caption(t("chart_party"))
    st.plotly_chart(comparison_radar(profiles, lg), key=f"{key_prefix}-party-radar", config=CHART_CONFIG)
    headers, rows = compare_profiles(profiles, lg).table(lg)
    st.table(plain_table(headers, rows))
