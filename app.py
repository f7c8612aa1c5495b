"""Spindeln: entry point. Only navigation lives here; each page is in survey/pages/.

`streamlit run app.py` finds the `st.App` below and serves it (Streamlit 1.67's ASGI mode), which adds the
two routes of the facilitator's session cookie (survey/web.py); the App then runs this same file as the
page script, where `__name__` is "__main__".
"""

import streamlit as st

if __name__ == "__main__":
    from survey.pages import run

    run()
else:
    from survey.web import routes

    app = st.App(__file__, routes=routes())
