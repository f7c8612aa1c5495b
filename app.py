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
    import logging
    import os

    if "FORWARDED_ALLOW_IPS" not in os.environ:  # start.sh sets it; uvicorn reads it before importing us
        logging.getLogger("spindeln").warning(
            "FORWARDED_ALLOW_IPS is not set: uvicorn takes X-Forwarded-For from any loopback peer as the client's "
            "address, so login lock-outs can be dodged through a tunnel. Start with start.sh, or set "
            "FORWARDED_ALLOW_IPS='' (Spindeln reads the header itself, from SPINDELN_TRUSTED_PROXIES only).")

    from survey.web import middleware, routes

    app = st.App(__file__, routes=routes(), middleware=middleware())
