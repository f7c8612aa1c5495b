"""Streamlit pages. Thin: read from the store, call `analysis`, lay out.

A group's link (?w=…&g=…) and a chief's link (?view=…) each reach one page and nothing else; everyone
else gets the navigation.
"""

from __future__ import annotations

import streamlit as st


def run() -> None:
    from ..ui import guarded

    st.set_page_config(page_title="Spindeln", page_icon="🕸️", layout="centered")
    guarded(_navigate)()


def _navigate() -> None:
    from ..ui import get_store, guarded, t

    get_store()  # first start: schema, sample workshop, admin password
    params = st.query_params
    if "g" in params:
        from .group_form import page as group_form

        st.navigation([st.Page(guarded(group_form), title=t("nav_form"), url_path="form")], position="hidden").run()
        return
    if "view" in params:
        from .chiefs import page as chiefs

        st.navigation([st.Page(guarded(chiefs), title=t("nav_view"), url_path="view")], position="hidden").run()
        return
    from .appendix import page as appendix
    from .compare import page as compare
    from .console import page as console
    from .dashboard import page as dashboard

    pages = [
        st.Page(guarded(dashboard), title=t("nav_dashboard"), icon=":material/radar:", default=True),
        st.Page(guarded(compare), title=t("nav_compare"), icon=":material/compare_arrows:", url_path="jamfor"),
        st.Page(guarded(appendix), title=t("nav_appendix"), icon=":material/description:", url_path="bilaga"),
        st.Page(guarded(console), title=t("nav_console"), icon=":material/admin_panel_settings:", url_path="processledare"),
    ]
    st.navigation(pages).run()
