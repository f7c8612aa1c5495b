"""Gå med: a group types the short code from its card or the projector (`K7M-4QP`) and gets its own form.
Wrong codes are counted per device or address (survey.auth.join_with_code), so codes cannot be guessed."""

from __future__ import annotations

import streamlit as st

from .. import auth
from ..store.codes import format_join_code
from ..ui import get_store, join_link, language_switch, login_client, plain, t


def page() -> None:
    language_switch()
    st.title(t("join_title"), anchor=False)
    st.caption(t("join_help"))
    with st.form("join", border=False):
        typed = st.text_input(t("join_code_label"), max_chars=20, placeholder="K7M-4QP", key="join-code")
        sent = st.form_submit_button(t("join_button"), type="primary")
    if not sent:
        return
    result = auth.join_with_code(get_store(), typed, login_client())
    if result.status == auth.OK:
        g = result.group
        st.success(t("join_found", group=plain(g.name), code=format_join_code(g.join_code or "")))
        st.link_button(t("join_open"), join_link(g.workshop_id, g.token), type="primary", width="stretch")
    elif result.status == auth.LOCKED:
        st.error(t("join_locked", seconds=result.locked_for))
    elif result.status == auth.UNAVAILABLE:
        st.error(t("join_unavailable"))
    else:
        st.error(t("join_wrong", code=plain(typed.strip()[:20])))
