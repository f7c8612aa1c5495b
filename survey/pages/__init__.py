"""Streamlit pages. Thin: read from the store, call `analysis`, lay out."""

from __future__ import annotations


def run() -> None:
    import streamlit as st

    from analysis import summarize
    from analysis.tables import HEADERS, minutes_rows
    from survey.importer import read_ratings
    from pathlib import Path

    st.set_page_config(page_title="Spindeln", layout="wide")
    st.title("Spindeln")
    ratings = read_ratings(Path(__file__).resolve().parents[2] / "sample_data" / "medlemssamrad-2026.csv")
    summary = summarize(ratings)
    import pandas as pd

    st.dataframe(pd.DataFrame(minutes_rows(summary), columns=HEADERS["sv"]), hide_index=True)
    for note in summary.footnotes():
        st.caption(note)
