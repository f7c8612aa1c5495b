"""Jämför: several workshops' mean profiles on one radar, and a breakdown by member party."""

from __future__ import annotations

import streamlit as st

from ..ui import get_store, language_switch, t
from .shared import show_comparison, visible_workshops


def page() -> None:
    language_switch()
    st.title(t("compare_title"), anchor=False)
    show_comparison(visible_workshops(get_store()), key_prefix="cmp")
