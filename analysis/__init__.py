"""Spindeln's computing core: ratings in, summaries, figures and appendices out. No Streamlit here."""

from .labels import Interpretation, Spread
from .model import DEFAULT_AXES, DEFAULT_THRESHOLDS, Axis, Ratings, Scale, ScaleError, Thresholds
from .summary import AxisSummary, ProfileSummary, summarize

__all__ = [
    "Axis", "AxisSummary", "DEFAULT_AXES", "DEFAULT_THRESHOLDS", "Interpretation", "ProfileSummary",
    "Ratings", "Scale", "ScaleError", "Spread", "Thresholds", "summarize",
]
