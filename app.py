"""Spindeln: entry point. Only navigation lives here; each page is in survey/pages/."""

from survey.pages import run

run()
