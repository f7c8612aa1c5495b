"""Förbundsprofil: the chiefs' and board members' read-only view (?view=…): a federation's revealed
workshops, any one of them, or a comparison. Changes nothing."""

from __future__ import annotations

import streamlit as st

from ..ui import get_store, lang, language_switch, plain, t
from .shared import show_comparison, show_results, snapshot, visible_workshops, workshop_labels


def page() -> None:
    language_switch(st.container())
    store = get_store()
    origin = store.workshop_by_view_token(st.query_params.get("view", ""))
    if origin is None:
        st.error(t("bad_view_link"))
        return
    federation = origin.federation
    st.header(plain(federation) if federation else t("nav_profile"), anchor=False)
    workshops = visible_workshops(store, federation) if federation else [origin]
    workshops = [w for w in workshops if w.results_visible]
    if not workshops:
        st.info(t("not_revealed_yet"))
        return
    tab_one, tab_compare = st.tabs([t("profile_workshop"), t("nav_compare")])
    with tab_one:
        by_id = {w.id: w for w in workshops}
        if origin.id not in by_id:  # the link's own workshop is not revealed: say so, never show another instead
            st.info(t("view_workshop_hidden", title=plain(origin.title)))
        wid = st.selectbox(t("workshop_label"), list(by_id), key="profile-w",
                           index=list(by_id).index(origin.id) if origin.id in by_id else None,
                           placeholder=t("choose_workshop"), format_func=workshop_labels(workshops, lang()).get)
        if wid is not None:
            show_results(snapshot(wid), read_only=True, key_prefix="profile")
    with tab_compare:
        show_comparison(workshops, key_prefix="profile-cmp")
