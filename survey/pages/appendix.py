"""Protokollsbilaga: edit the drafted narrative, then download Word, PDF, Markdown, Excel, CSV or the chart.

The page and every file come from one snapshot of the workshop; a file is built from a fresh one when its
button is pressed, with the text in the box, exactly as `python -m survey report --workshop ID` builds it."""

from __future__ import annotations

import streamlit as st

from analysis.appendix import FORMATS, render
from analysis.appendix.narrative import narrative_text
from analysis.workshop import appendix_file_name, workshop_appendix

from ..store import ClosedError
from ..ui import get_store, is_admin, lang, language_switch, t
from .shared import follow_visibility, pick_workshop, snapshot, visible_workshops


def page() -> None:
    language_switch()
    st.title(t("appendix_title"), anchor=False)
    store = get_store()
    workshop = pick_workshop(visible_workshops(store), "appendix-workshop")
    if workshop is None:
        return
    admin = is_admin()
    if not admin:
        follow_visibility(workshop.id)  # hidden again, or moved to the bin: the page leaves it at once
    lg = lang()
    data = snapshot(workshop.id)
    if not data.ratings.groups:
        st.info(t("no_ratings_yet"))
        return
    saved = data.narrative(lg)
    draft = saved if saved is not None else narrative_text(workshop_appendix(data, lg, narrative=None))
    st.caption(t("narrative_help"))
    text = st.text_area(t("narrative_label"), value=draft, height=320, key=f"narrative-{workshop.id}-{lg}")
    cols = st.columns(3)
    saved_now = False
    if admin:
        if cols[0].button(t("narrative_save"), key="narrative-save"):
            store.set_narrative(workshop.id, lg, text)
            st.success(t("saved"))
            saved_now = True
        if saved is not None and cols[1].button(t("narrative_reset"), key="narrative-reset"):
            store.set_narrative(workshop.id, lg, None)
            st.session_state.pop(f"narrative-{workshop.id}-{lg}", None)
            st.rerun()
    if text != draft and not saved_now:  # an edit that a reload would drop: say so before it can be lost
        st.warning(t("narrative_unsaved") if admin else t("narrative_not_saved_visitor"))
    st.subheader(t("downloads"), anchor=False)
    st.caption(t("downloads_help"))
    cols = st.columns(4)
    for i, f in enumerate(FORMATS.values()):
        cols[i % 4].download_button(
            f.label, data=lambda fmt=f.key: _render(store, workshop.id, lg, text, fmt, admin),
            file_name=appendix_file_name(workshop, f.suffix, lg), mime=f.media_type, key=f"dl-{f.key}",
            width="stretch", on_click="ignore",
        )


def _render(store, workshop_id: str, lg: str, narrative: str, fmt: str, admin: bool) -> bytes:
    """Built when the button is pressed, perhaps long after the page was drawn: from a fresh snapshot, and
    a visitor gets nothing once its results are hidden (or it is in the bin)."""
    data = store.snapshot(workshop_id)
    if data.workshop.deleted_at is not None or not (admin or data.workshop.results_visible):
        raise ClosedError("results_hidden")
    return render(workshop_appendix(data, lg, narrative), fmt)
