"""Streamlit pages, one module per page and named as the navigation names it: results (Resultat), compare
(Jämför), appendix (Protokollsbilaga), facilitator (Processledare), rating (a group's Skattning) and
federation_profile (Förbundsprofil), presenter (Projektor), join (Gå med, /kod) and accessibility
(Tillgänglighet, /tillganglighet: the accessibility statement). Thin: a page takes a workshop's snapshot (shared.snapshot), calls
`analysis`, lays out. What pages share is in shared.py; no page imports another.

A group's link (?w=…&g=…), a chief's link (?view=…) and the projector's (?present=…) each reach one page
and nothing else; everyone else gets the navigation. Those three pages end with a link to the accessibility
statement (`statement_link`), which opens without their query, so it needs no login and carries no token.
"""

from __future__ import annotations

import streamlit as st


def run() -> None:
    from ..ui import guarded

    wide = "present" in st.query_params  # the projector fills the screen; every other page is a readable column
    st.set_page_config(page_title="Spindeln", page_icon="🕸️", layout="wide" if wide else "centered")
    guarded(_navigate)()


STATEMENT_PATH = "tillganglighet"


def statement_link() -> None:
    """The foot of a page without navigation: a link to the accessibility statement. A plain address under
    the app's base path, with the language but none of this page's query (no workshop, no token), so anyone
    holding only a group's, a chief's or the projector's link can open it; it opens in a new tab, so the
    form and what is typed in it stay."""
    from ..ui import lang, t
    from ..web import base_path

    query = "?lang=en" if lang() == "en" else ""
    st.markdown(f"[{t('a11y_link')}]({base_path()}/{STATEMENT_PATH}{query})")


def _navigate() -> None:
    from ..ui import get_store, guarded, t

    get_store()  # first start: schema, sample workshop, admin password
    from ..ui import document_language

    document_language()
    params = st.query_params
    if "g" in params:
        from .rating import page as rating

        st.navigation([st.Page(guarded(rating), title=t("nav_rating"), url_path="form")], position="hidden").run()
        statement_link()
        return
    if "present" in params:
        from .presenter import page as presenter

        st.navigation([st.Page(guarded(presenter), title=t("nav_presenter"), url_path="projektor")],
                      position="hidden").run()
        statement_link()
        return
    if "view" in params:
        from .federation_profile import page as federation_profile

        st.navigation([st.Page(guarded(federation_profile), title=t("nav_profile"), url_path="view")],
                      position="hidden").run()
        statement_link()
        return
    from .accessibility import page as accessibility
    from .appendix import page as appendix
    from .compare import page as compare
    from .facilitator import page as facilitator
    from .join import page as join
    from .results import page as results

    pages = [
        st.Page(guarded(results), title=t("nav_results"), icon=":material/radar:", default=True),
        st.Page(guarded(compare), title=t("nav_compare"), icon=":material/compare_arrows:", url_path="jamfor"),
        st.Page(guarded(appendix), title=t("nav_appendix"), icon=":material/description:", url_path="bilaga"),
        st.Page(guarded(facilitator), title=t("nav_facilitator"), icon=":material/admin_panel_settings:",
                url_path="processledare"),
        st.Page(guarded(join), title=t("nav_join"), icon=":material/login:", url_path="kod"),
        st.Page(guarded(accessibility), title=t("nav_accessibility"), icon=":material/accessibility:",
                url_path=STATEMENT_PATH),
    ]
    st.navigation(pages).run()
