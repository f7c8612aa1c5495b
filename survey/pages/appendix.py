"""Protokollsbilaga: edit the drafted narrative, then download Word, PDF, Markdown, Excel, CSV or the chart.

The page and every file come from snapshots of the workshop, with the text in the box, exactly as
`python -m survey report --workshop ID` builds them."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

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
    st.caption(t("narrative_help") if saved is None else t("narrative_help_saved"))  # say which it is
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
    files = appendix_files(store, workshop.id, lg, text, admin)
    cols = st.columns(4)
    for i, f in enumerate(FORMATS.values()):
        cols[i % 4].download_button(
            f.label, data=files[f.key], file_name=appendix_file_name(workshop, f.suffix, lg), mime=f.media_type,
            key=f"dl-{f.key}", width="stretch", on_click="ignore",
        )


def appendix_files(store, workshop_id: str, lg: str, narrative: str, admin: bool) -> Mapping[str, bytes]:
    """Every format's file, from a fresh snapshot and the text in the box; a visitor gets nothing once the
    results are hidden (or the workshop is in the bin), and the page follows that within a poll.

    Built with the page, not when a button is pressed: Streamlit 1.67 leaves a file built at the click
    unreferenced, so the next script run of *any* session may delete it before the browser fetches it,
    and in a room every phone polls; the download then failed with a 404 (found under load in CI)."""
    data = store.snapshot(workshop_id)
    if data.workshop.deleted_at is not None or not (admin or data.workshop.results_visible):
        raise ClosedError("results_hidden")
    return _files(workshop_id, data.revision, lg, narrative, data)


@st.cache_resource(max_entries=16, show_spinner=False)
def _files(workshop_id: str, revision: str, lg: str, narrative: str, _data) -> Mapping[str, bytes]:
    """Once per state of the workshop and text (about 0,8 s for all seven; the chart is drawn once)."""
    appendix = workshop_appendix(_data, lg, narrative)
    return MappingProxyType({key: render(appendix, key) for key in FORMATS})
