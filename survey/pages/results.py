"""Resultat: the consensus dashboard of one workshop: live radar, the minutes table, axis detail."""

from __future__ import annotations

import streamlit as st

from ..ui import get_store, is_admin, language_switch, t
from .shared import pick_workshop, show_results, snapshot, visible_workshops


def page() -> None:
    language_switch()
    st.title(t("results_title"), anchor=False)
    workshop = pick_workshop(visible_workshops(get_store()), "results-workshop")
    if workshop is None:
        return
    show_results(snapshot(workshop.id), read_only=not is_admin(), key_prefix="results")
