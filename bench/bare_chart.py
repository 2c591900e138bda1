"""The baseline page of the crowd and first-chart benchmarks: one Streamlit chart, nothing else.

Served exactly like the dashboard (`streamlit run`, same config), so the ratio to it
leaves out what any Streamlit page costs (the websocket, the session, the frontend,
plotly.js) and shows what the Overview adds.
"""

import plotly.express as px
import streamlit as st

st.plotly_chart(px.bar(x=[2019, 2020, 2021, 2022], y=[316, 364, 418, 450]))
