"""The floor of benchmarks/first_load.py: the least a Streamlit page can be."""

import streamlit as st

st.write("Hello")
