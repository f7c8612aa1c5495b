"""Comparisons: several workshops' mean profiles on one radar, and a breakdown by member party."""

from __future__ import annotations

import streamlit as st

from analysis import summarize

from ..ui import get_store, lang, language_switch, plain, plain_table, t, workshop_labels
from .dashboard import visible_workshops


def page(chief_federation: str | None = None) -> None:
    if chief_federation is None:
        language_switch()
        st.title(t("compare_title"), anchor=False)
    show_comparison(visible_workshops(get_store(), chief_federation), key_prefix="cmp")


def show_comparison(workshops, key_prefix: str) -> None:
    from analysis.compare import by_party, compare_profiles
    from analysis.figures import comparison_radar

    store = get_store()
    lg = lang()
    if len(workshops) < 2:
        st.info(t("compare_need_two"))
    else:
        by_id = {w.id: w for w in workshops}
        chosen = st.multiselect(t("compare_choose"), list(by_id), default=list(by_id)[:2], key=f"{key_prefix}-pick", placeholder=t("choose_placeholder"),
                                format_func=workshop_labels(workshops, lg).get)
        if len(chosen) >= 2:
            chosen = sorted(chosen, key=lambda i: (by_id[i].date, by_id[i].title))
            profiles = [(workshop_labels(workshops, lg)[i], summarize(store.ratings(i)).with_overrides(store.overrides(i)))
                        for i in chosen]
            comparison = compare_profiles(profiles, lg)
            st.plotly_chart(comparison_radar(profiles, lg), key=f"{key_prefix}-radar", config={"displaylogo": False})
            headers, rows = comparison.table(lg)
            st.table(plain_table(headers, rows))  # st.table reads Markdown in cells, headers and index
            for note in comparison.notes(lg):
                st.caption(plain(note))
    st.subheader(t("party_heading"), anchor=False)
    if not workshops:
        return
    by_id = {w.id: w for w in workshops}
    wid = st.selectbox(t("workshop_label"), list(by_id), key=f"{key_prefix}-party-w",
                       format_func=workshop_labels(workshops, lg).get)
    ratings = store.ratings(wid)
    parties = {g.name: g.party for g in store.groups(wid)}
    buckets = by_party(ratings, parties)
    if not buckets:
        st.info(t("party_none_set"))
        return
    profiles = [(t(f"party_{p}"), s) for p, s in buckets.items()]
    st.plotly_chart(comparison_radar(profiles, lg), key=f"{key_prefix}-party-radar", config={"displaylogo": False})
    headers, rows = compare_profiles(profiles, lg).table(lg)
    st.table(plain_table(headers, rows))
