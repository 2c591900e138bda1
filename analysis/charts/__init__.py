"""Plotly figure builders: pure functions from metric frames to styled figures.

Builders never call Streamlit; pages render what they return. Every figure goes through
`theme.finish`, which applies the one house style and writes the title and the source
line ("Source: survey round 2023, n = 40 poles") into the figure itself, so a PNG
exported from the modebar still says what it rests on.
"""
