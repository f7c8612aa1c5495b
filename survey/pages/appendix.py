"""The minutes appendix: edit the drafted narrative, then download Word, PDF, Markdown, Excel, CSV or the chart."""

from __future__ import annotations

import streamlit as st

from ..store import ClosedError
from ..ui import get_store, is_admin, lang, language_switch, t
from .dashboard import follow_visibility, pick_workshop, visible_workshops

FORMATS = (("docx", "Word (.docx)"), ("pdf", "PDF"), ("md", "Markdown"), ("xlsx", "Excel (.xlsx)"),
           ("csv", "CSV"), ("png", "PNG"), ("svg", "SVG"))


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
    from analysis.narrative import narrative_text

    ratings, _ = _summary(store, workshop)
    if not ratings.groups:
        st.info(t("no_ratings_yet"))
        return
    saved = store.narrative(workshop.id, lg)
    draft = saved if saved is not None else narrative_text(_appendix(store, workshop, lg, narrative=None))
    st.caption(t("narrative_help"))
    text = st.text_area(t("narrative_label"), value=draft, height=320, key=f"narrative-{workshop.id}-{lg}")
    cols = st.columns(3)
    if admin:
        if cols[0].button(t("narrative_save"), key="narrative-save"):
            store.set_narrative(workshop.id, lg, text)
            st.success(t("saved"))
        if saved is not None and cols[1].button(t("narrative_reset"), key="narrative-reset"):
            store.set_narrative(workshop.id, lg, None)
            st.session_state.pop(f"narrative-{workshop.id}-{lg}", None)
            st.rerun()
    st.subheader(t("downloads"), anchor=False)
    st.caption(t("downloads_help"))
    cols = st.columns(4)
    for i, (fmt, label) in enumerate(FORMATS):
        cols[i % 4].download_button(
            label, data=lambda fmt=fmt: _render(store, workshop.id, lg, text, fmt, admin),
            file_name=_file_name(workshop, fmt, lg), mime=_media_type(fmt), key=f"dl-{fmt}", width="stretch",
            on_click="ignore",
        )


def _summary(store, workshop):
    from .dashboard import summary_for

    return summary_for(store, workshop)


def _appendix(store, workshop, lg: str, narrative: str | None):
    from analysis.appendix import build_appendix

    ratings = store.ratings(workshop.id)
    questions = [(q.text, store.answers(workshop.id).get(q.id, []), q.summary or "") for q in store.questions(workshop.id)]
    round2 = None
    if workshop.current_round == 2 and workshop.round2_axes:
        r2 = store.ratings(workshop.id, 2)
        if r2.groups:
            round2 = r2
    return build_appendix(
        ratings, title=workshop.title, date=workshop.date, place=workshop.place, federation=workshop.federation,
        lang=lg, overrides=store.overrides(workshop.id), narrative=narrative, questions=questions,
        comments=store.comments(workshop.id), round2=round2,
    )


def _render(store, workshop_id: str, lg: str, narrative: str, fmt: str, admin: bool) -> bytes:
    """Built when the button is pressed, perhaps long after the page was drawn: the workshop is read again,
    and a visitor gets nothing once its results are hidden (or it is in the bin)."""
    from analysis.export import render

    workshop = store.get_workshop(workshop_id)
    if workshop is None or not (admin or workshop.results_visible):
        raise ClosedError("results_hidden")
    return render(_appendix(store, workshop, lg, narrative), fmt)


def _media_type(fmt: str) -> str:
    from analysis.export import MEDIA_TYPES

    return MEDIA_TYPES[fmt]


def _file_name(workshop, fmt: str, lg: str) -> str:
    stem = "bilaga" if lg == "sv" else "appendix"
    return f"{stem}-{workshop.date or workshop.id}.{fmt}"
