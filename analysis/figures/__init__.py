"""The radar and its companions: one description of the radar (`radar.py`) drawn by Plotly for the pages
(`plotly_figures.py`) and by matplotlib for Word, PDF, PNG and SVG (`print_chart.py`)."""
