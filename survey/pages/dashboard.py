"""The consensus dashboard: live radar, the minutes table, axis detail. Pages only lay out."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import summarize
from analysis.labels import Interpretation
from analysis.radar import group_lines_by_default
from analysis.tables import DETAIL_HEADERS, HEADERS, detail_rows, minutes_rows

from ..store import StoreError
from ..ui import get_store, guarded, is_admin, lang, language_switch, plain, plain_table, t, workshop_labels

POLL = "1s"  # the live results on the results page and the chiefs' view; benchmarks/floor_app.py polls alike
GROUP_POLL = "5s"  # the same results under each group's form: fifty phones need not ask every second


def visible_workshops(store, chief_federation: str | None = None):
    """The facilitator sees every workshop; everyone else only those whose results are revealed."""
    workshops = store.list_workshops(chief_federation)
    if is_admin() and chief_federation is None:
        return workshops
    return [w for w in workshops if w.results_visible]


def pick_workshop(workshops, key: str):
    if not workshops:
        st.info(t("no_workshops"))
        return None
    ids = [w.id for w in workshops]
    wanted = st.query_params.get("w")
    index = ids.index(wanted) if wanted in ids else 0
    by_id = {w.id: w for w in workshops}
    chosen = st.selectbox(t("workshop_label"), ids, index=index, key=key,
                          format_func=workshop_labels(workshops, lang()).get)
    return by_id[chosen]


def page() -> None:
    language_switch()
    store = get_store()
    st.title(t("dashboard_title"), anchor=False)
    workshop = pick_workshop(visible_workshops(store), "dashboard-workshop")
    if workshop is None:
        return
    show_results(workshop, read_only=not is_admin(), key_prefix="dash")


def summary_for(store, workshop, round_: int = 1):
    ratings = store.ratings(workshop.id, round_)
    summary = summarize(ratings).with_overrides(store.overrides(workshop.id) if round_ == 1 else {})
    return ratings, summary


def show_results(workshop, *, read_only: bool, key_prefix: str, poll: str = POLL) -> None:
    """Heading, then the live part (radar and table) in a polling fragment, then the axis detail."""
    st.subheader(plain(workshop.title), anchor=False)
    meta = " · ".join(plain(x) for x in (workshop.date, workshop.place, workshop.federation) if x)
    if meta:
        st.caption(meta)
    if not workshop.results_visible:
        st.warning(t("not_revealed_banner"))
    n_groups = len(get_store().groups(workshop.id, include_revoked=False))
    show_groups = st.toggle(t("show_groups"), value=group_lines_by_default(n_groups),
                            key=f"{key_prefix}-groups-{workshop.id}")  # each workshop starts from its own default
    {POLL: _live, GROUP_POLL: _live_slow}[poll](workshop.id, show_groups, key_prefix)
    _detail(workshop, read_only, key_prefix)


@dataclass(frozen=True)
class _LiveView:
    radar: object
    table: pd.DataFrame
    statistics: pd.DataFrame
    footnotes: tuple[str, ...] = ()


@st.cache_resource(max_entries=32, show_spinner=False)
def _live_view(workshop_id: str, marker: str, lg: str, show_groups: bool, dark: bool) -> _LiveView:
    """What the live part shows for one state of the workshop, built once per change and shared by every
    session that polls it (the facilitator, chiefs, every group of a revealed workshop): a poll that finds
    nothing new costs one query instead of a plotly figure (~50 ms at 50 groups). `marker` is read before
    the data, so what is cached under it is never older than it. cache_resource, not cache_data: loading a
    pickled figure validates it all over again. Nothing changes the figure or the frames afterwards.

    Before the first rating it is the empty frame: the axes on the scale and the table's rows, so the board
    looks the same from the start and the browser has its chart and table code loaded when ratings arrive."""
    from analysis.figures import radar_figure

    store = get_store()
    ratings, summary = summary_for(store, store.get_workshop(workshop_id))
    table = pd.DataFrame(minutes_rows(summary, lg), columns=HEADERS[lg])
    table.insert(1, "n", [a.n for a in summary.axes])
    return _LiveView(
        radar_figure(summary, ratings, lg, show_groups=show_groups, dark=dark), table,
        pd.DataFrame(detail_rows(summary, lg), columns=DETAIL_HEADERS[lg]), tuple(summary.footnotes(lg)),
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def _board_state(workshop_id: str, marker: str) -> tuple[int, int, bool]:
    """(groups submitted, groups, results visible) for one change marker: two COUNT queries and one row.
    A workshop moved to the bin counts as hidden."""
    store = get_store()
    done, total = store.progress(workshop_id)
    workshop = store.get_workshop(workshop_id)
    return done, total, workshop is not None and workshop.results_visible


def _live_part(workshop_id: str, show_groups: bool, key_prefix: str) -> None:
    """The count first, so it reaches the browser before the chart is built. A reader who is not the
    facilitator loses the results the moment they are hidden again (the page reruns and leaves them out)."""
    dark = (getattr(st.context, "theme", None) or {}).get("type") == "dark"
    marker = get_store().change_marker(workshop_id)
    done, total, visible = _board_state(workshop_id, marker)
    if not visible and not is_admin():
        st.rerun(scope="app")
    st.caption(t("groups_submitted", done=done, total=total))
    if not done:
        st.info(t("no_ratings_yet"))
    view = _live_view(workshop_id, marker, lang(), show_groups, dark)
    st.plotly_chart(view.radar, key=f"{key_prefix}-radar", config={"displaylogo": False})
    st.dataframe(view.table, hide_index=True, key=f"{key_prefix}-table")
    for note in view.footnotes:
        st.caption(plain(note))
    with st.expander(t("all_statistics")):
        st.dataframe(view.statistics, hide_index=True)
        st.caption(t("statistics_help"))


@st.fragment(run_every=GROUP_POLL)
@guarded
def follow_visibility(workshop_id: str) -> None:
    """On a page without a live board (the appendix): rerun the page the moment the results are hidden
    again or the workshop goes to the bin, so a reader who is not the facilitator loses them."""
    workshop = get_store().get_workshop(workshop_id)
    if workshop is None or not workshop.results_visible:
        st.rerun(scope="app")


@st.fragment(run_every=POLL)
@guarded
def _live(workshop_id: str, show_groups: bool, key_prefix: str) -> None:
    _live_part(workshop_id, show_groups, key_prefix)


@st.fragment(run_every=GROUP_POLL)
@guarded
def _live_slow(workshop_id: str, show_groups: bool, key_prefix: str) -> None:
    _live_part(workshop_id, show_groups, key_prefix)


def _detail(workshop, read_only: bool, key_prefix: str) -> None:
    from analysis.explain import explain
    from analysis.figures import strip_figure

    store = get_store()
    lg = lang()
    ratings, summary = summary_for(store, workshop)
    if not ratings.groups:
        return
    st.subheader(t("axis_detail"), anchor=False)
    sort_labels = {"order": t("sort_order"), "mean": t("sort_mean"), "consensus": t("sort_consensus")}
    sort_by = st.segmented_control(t("sort_by"), list(sort_labels), default="order", format_func=sort_labels.get,
                                   key=f"{key_prefix}-sort") or "order"
    st.plotly_chart(strip_figure(summary, ratings, lg, sort_by=sort_by), key=f"{key_prefix}-strip",
                    config={"displaylogo": False})
    keys = [a.axis.key for a in summary.axes]
    names = {a.axis.key: a.axis.name(lg) for a in summary.axes}
    chosen = st.selectbox(t("choose_axis"), keys, format_func=names.get, key=f"{key_prefix}-axis")
    a = summary.axis(chosen)
    cols = st.columns(3)
    cols[0].metric(t("metric_mean"), a.mean_text(lg))
    cols[1].metric(t("metric_n"), f"{a.n} / {len(summary.groups)}")
    cols[2].metric(t("metric_consensus"), _num(a.consensus, lg))
    st.markdown(f"**{t('metric_label')}: {plain(a.interpretation_text(lg))}**")
    st.markdown(plain(explain(a, summary.thresholds, summary.scale, lg)))
    comments = store.comments(workshop.id).get(chosen, [])
    if comments:
        st.markdown(f"**{t('comments_heading')}**")
        for group, text in comments:
            st.markdown(f"- **{plain(group)}**: {plain(text)}")
    if workshop.current_round == 2 and workshop.round2_axes:
        _rounds(store, workshop, summary, key_prefix)
    if not read_only and is_admin():
        _overrides(store, workshop, summary, key_prefix)


def _rounds(store, workshop, round1, key_prefix: str) -> None:
    from analysis.compare import compare_rounds
    from analysis.figures import rounds_radar

    lg = lang()
    ratings2, round2 = summary_for(store, workshop, 2)
    st.subheader(t("rounds_heading"), anchor=False)
    if not ratings2.groups:
        st.info(t("round2_waiting"))
        return
    st.plotly_chart(rounds_radar(round1, round2, lg), key=f"{key_prefix}-rounds", config={"displaylogo": False})
    headers, rows = compare_rounds(round1, round2, lg).table(lg)
    st.table(plain_table(headers, rows))


def _overrides(store, workshop, summary, key_prefix: str) -> None:
    """One select per axis. It writes only when the facilitator changes it (its callback), saying which label
    it showed, so a second facilitator's stale page can neither write back an old value on a rerun nor
    silently undo a newer choice; its key follows the stored label, so it shows another's change at once."""
    lg = lang()
    labels = [None, *Interpretation]
    with st.expander(t("override_heading")):
        st.caption(t("override_help"))
        current = store.overrides(workshop.id)
        for a in summary.axes:
            rule = a.rule_interpretation or a.interpretation
            shown = current.get(a.axis.key)
            index = labels.index(Interpretation(shown)) if shown else 0
            key = f"{key_prefix}-ov-{workshop.id}-{a.axis.key}-{shown or 'rule'}"
            st.selectbox(
                plain(a.axis.name(lg)), labels, index=index, key=key,
                format_func=lambda x, rule=rule: t("override_rule", label=rule.text(lg)) if x is None else x.text(lg),
                on_change=_override_changed, args=(store, workshop.id, a.axis.key, key, rule, shown),
            )
        error = st.session_state.pop(f"{key_prefix}-ov-error", None)
        if error:
            st.warning(error)


def _override_changed(store, workshop_id: str, axis_key: str, key: str, rule, shown: str | None) -> None:
    choice = st.session_state.get(key)
    new = None if choice is None or choice == rule else choice.value
    if new == shown:
        return
    try:
        store.set_override(workshop_id, axis_key, new, expected=shown)
    except StoreError as exc:  # changed by someone else meanwhile, or the database refused: say so
        st.session_state[f"{key.split('-ov-')[0]}-ov-error"] = plain(exc.message(lang()))


def _num(x, lg: str) -> str:
    from analysis.formatting import format_number

    return format_number(x, 2, lg)
