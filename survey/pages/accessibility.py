"""Tillgänglighet: the accessibility statement (tillgänglighetsredogörelse) that DOS-lagen (lag 2018:1937) asks
of a public body's web service, in the structure of DIGG's model statement. Static text: no login, no
workshop, nothing from the store; who runs Spindeln and how to reach them come from SPINDELN_ORGANISATION
and SPINDELN_CONTACT_EMAIL, with a Swedish (or English) default text when unset.

Every other page links here at its foot (survey.pages.statement_link), the ones without navigation too."""

from __future__ import annotations

import re
from datetime import date

import streamlit as st

from .. import config
from ..ui import lang, language_switch, plain, t

REVIEWED = date(2026, 12, 1)  # the latest assessment; update it with the statement
DIGG_FORM = "https://www.digg.se/tdosanmalan"
MONTHS = {"sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                 "november", "december"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December")}
GAPS = ("a11y_gap_pdf", "a11y_gap_cards", "a11y_gap_pointer", "a11y_gap_updates")
_EMAIL = re.compile(r"[^@\s<>()\[\]\\`*_]+@[^@\s<>()\[\]\\`*_]+\.[^@\s<>()\[\]\\`*_]+")


def long_date(day: date, lg: str) -> str:
    return f"{day.day} {MONTHS[lg][day.month - 1]} {day.year}"


def contact() -> str:
    """How to reach whoever runs Spindeln, as Markdown: a mail link when SPINDELN_CONTACT_EMAIL holds an
    address, else the federation that invited you."""
    email = (config.setting("SPINDELN_CONTACT_EMAIL") or "").strip()
    if _EMAIL.fullmatch(email):
        return t("a11y_contact_email", email=f"[{plain(email)}](mailto:{email})")
    return t("a11y_contact_none")


def page() -> None:
    language_switch()
    lg = lang()
    organisation = (config.setting("SPINDELN_ORGANISATION") or "").strip()
    reach = contact()
    st.title(t("a11y_title"), anchor=False)
    st.markdown(t("a11y_intro", organisation=plain(organisation) if organisation else t("a11y_default_organisation")))
    st.header(t("a11y_how_heading"), anchor=False)
    st.markdown(t("a11y_how"))
    st.header(t("a11y_cannot_heading"), anchor=False)
    st.markdown(t("a11y_cannot", contact=reach))
    st.header(t("a11y_report_heading"), anchor=False)
    st.markdown(t("a11y_report", contact=reach))
    st.header(t("a11y_supervision_heading"), anchor=False)
    st.markdown(t("a11y_supervision", form=f"[{DIGG_FORM}]({DIGG_FORM})"))
    st.header(t("a11y_technical_heading"), anchor=False)
    st.markdown(t("a11y_technical"))
    st.header(t("a11y_gaps_heading"), anchor=False)
    st.markdown(t("a11y_gaps_intro"))
    st.subheader(t("a11y_noncompliance_heading"), anchor=False)
    st.markdown("\n".join(f"- {t(key)}" for key in GAPS))
    st.header(t("a11y_tested_heading"), anchor=False)
    st.markdown(t("a11y_tested"))
    st.markdown(t("a11y_reviewed", date=long_date(REVIEWED, lg)))
