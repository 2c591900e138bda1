"""Upload: bring a new survey round in, checked, compared and stored only when asked."""

import streamlit as st

from ui import shell
from ui.auth import editor_gate
from ui.text import tr
from ui.upload import downloads, flow

context = shell.current()
st.title(tr("upload.title"))
st.caption(tr("upload.subtitle"))
downloads.render()
actor = editor_gate()
if actor is None:
    st.stop()
flow.run(context, actor)
