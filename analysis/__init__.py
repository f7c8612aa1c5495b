"""Spindeln's computing core: ratings in, summaries, figures and appendices out. No Streamlit here."""

from analysis.statistics.labels import Interpretation, Spread
from analysis.model import DEFAULT_AXES, DEFAULT_THRESHOLDS, Axis, Ratings, Scale, ScaleError, Thresholds
from analysis.statistics.summary import AxisSummary, ProfileSummary, summarize

__all__ = [
    "Axis", "AxisSummary", "DEFAULT_AXES", "DEFAULT_THRESHOLDS", "Interpretation", "ProfileSummary",
    "Ratings", "Scale", "ScaleError", "Spread", "Thresholds", "summarize",
]
