"""Presentation: the deck's slides one at a time, full width, and the deck to download.

The slides are `analysis.deck.content`'s, so what is shown here is what the .pptx holds;
they follow the interface language and the sidebar's filters (a regional event gets a
regional deck). Next and Previous also answer the → and ← keys (Streamlit shortcuts).
"""

import streamlit as st

from analysis.charts.theme import ACCENT, TEXT_MUTED
from analysis.core.markup import escape_html
from analysis.deck.figures import chart_figure
from analysis.deck.spec import SlideContent
from ui import phone, shell, view_options
from ui.components import chart, empty_state, require_round
from ui.deck_download import deck_download_button, deck_slides, template_uploader
from ui.report_download import fact_sheet_button
from ui.text import md_escape, tr

#: Session-state key of the slide shown.
SLIDE_KEY = "slide"

#: Widget (and link) key of the stage view: the slide alone on the screen.
STAGE_KEY = "present_stage"
#: Keys (CSS classes `st-key-…`) of the slide's frame and of the navigation under it.
SLIDE_BOX_KEY = "slide_box"
NAV_KEY = "slide_nav"
#: Key of the stage's exit (the Escape key; its button is hidden with the navigation).
LEAVE_KEY = "leave_stage"
#: What the stage view hides: the sidebar, Streamlit's header, the banners, the stage
#: toggle and the navigation (the arrow keys still turn the slides and Escape leaves the
#: stage: their buttons stay in the page, unseen); the slide's frame is pinned to the
#: screen's edges, its content centred, and the text grows with the screen (1.25 % of its
#: width per rem). Our own constant CSS, never user text.
STAGE_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], .st-key-shell_banners, .st-key-present_stage,
.st-key-slide_nav, .st-key-leave_stage { display: none !important; }
html { font-size: clamp(16px, 1.25vw, 40px); }
.st-key-slide_box { position: fixed; inset: 0.5rem; width: auto !important;
  height: auto !important; z-index: 999990; overflow: auto; background: #ffffff;
  justify-content: center; }
</style>"""
#: Every slide view: the title's lines balanced (no word alone on the last one), the
#: Method slide's lines hanging from their bullet, and one arrow per button (Streamlit
#: draws the keyboard shortcut's arrow beside the button's own icon: the hint is hidden
#: from sight, still read by screen readers, and the shortcut kept).
SLIDE_CSS = """<style>
.slide-title { text-wrap: balance; font-size: min(3.4rem, 7.5vw) !important; }
.slide-bullet { padding-left: 1.2em; text-indent: -1.2em; }
.st-key-slide_nav kbd { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
</style>"""


def as_flag(text: str) -> bool:
    """`1`, `true`, `yes` from a link: on; anything else: off."""
    return text.strip().lower() in ("1", "true", "yes", "on")


context = shell.current()
stage = st.toggle(
    tr("deck.stage"),
    key=STAGE_KEY,
    help=tr("deck.stage_help"),
    **view_options.start(STAGE_KEY, (True, False), False, keyword="value", parse=as_flag),
)
view_options.keep(STAGE_KEY, "1" if stage else None, None)
#: On a phone the slide comes first (no page title above it) in smaller type.
compact = phone.is_phone()
PHONE_SCALE = 0.55
st.html(SLIDE_CSS)
if stage:
    st.html(STAGE_CSS)
elif not compact:
    st.title(tr("deck.page_title"))
    st.caption(tr("deck.page_intro"))

survey, view = require_round(context)
if view.responses.empty:
    empty_state("ui.no_match")
    st.stop()

deck = deck_slides(context)
count = len(deck.slides)
if SLIDE_KEY not in st.session_state:  # opened from a link: the slide it names (1-based)
    numbers = view_options.linked(SLIDE_KEY, range(1, count + 1), parse=int)
    st.session_state[SLIDE_KEY] = int(numbers[0]) - 1 if numbers else 0
index = min(max(int(st.session_state.get(SLIDE_KEY, 0)), 0), count - 1)
st.session_state[SLIDE_KEY] = index
view_options.keep(SLIDE_KEY, index + 1, 1)


def move(step: int) -> None:
    """Go `step` slides forward or back, staying within the deck."""
    st.session_state[SLIDE_KEY] = min(
        max(int(st.session_state.get(SLIDE_KEY, 0)) + step, 0), count - 1
    )


def block(
    text: str, *, size: float, colour: str = "inherit", weight: int = 400, kind: str = ""
) -> None:
    """One line of slide text at a projector size; the text is escaped, never HTML.

    `kind` is a class of `SLIDE_CSS` (`slide-title`, `slide-bullet`), a constant of ours.
    """
    size = round(size * PHONE_SCALE, 2) if compact else size
    style = (
        f"font-size:{size}rem;font-weight:{weight};color:{colour};line-height:1.15;margin:0.2rem 0"
    )
    css_class = f'class="{kind}" ' if kind else ""
    st.markdown(
        f'<div {css_class}style="{style}">{escape_html(text)}</div>', unsafe_allow_html=True
    )


def footer(slide: SlideContent, *, source: bool = True) -> None:
    """Footnote and source line (charts carry their own source line)."""
    if slide.footnote:
        st.caption(md_escape(slide.footnote))
    if slide.source and source:
        st.caption(md_escape(slide.source))


def show(slide: SlideContent, number: int) -> None:
    """Draw one slide."""
    if slide.kind == "title":
        block(slide.title, size=3.4, colour=ACCENT, weight=700, kind="slide-title")
        block(slide.subtitle, size=2)
        for line in slide.lines:
            block(line, size=1.4, colour=TEXT_MUTED)
        if slide.notice:
            st.warning(md_escape(slide.notice), icon=":material/science:")
        return
    if slide.kind == "headline":
        block(slide.title, size=1.8, colour=ACCENT, weight=700)
        block(slide.big, size=8, colour=ACCENT, weight=800)
        block(slide.meaning, size=2.4)
        block(slide.subtitle, size=1.2, colour=TEXT_MUTED)
        footer(slide)
        return
    block(slide.title, size=2.6, weight=700)
    if slide.subtitle:
        block(slide.subtitle, size=1.5, colour=TEXT_MUTED)
    if slide.kind == "method":
        for line in slide.lines:
            block("•\u00a0" + line, size=1.3, kind="slide-bullet")
        footer(slide)
        return
    several = len(slide.charts) > 1
    columns = st.columns((2, 1) if len(slide.charts) == 2 else (1,) * len(slide.charts))
    for position, (column, spec) in enumerate(zip(columns, slide.charts, strict=True)):
        with column:
            fig = chart_figure(
                spec,
                info=survey.info,
                n=slide.n,
                lang=context.lang,
                titled=several,
                narrow=several and position > 0,  # the side column of a two-chart slide
            )
            chart(
                fig,
                key=f"slide_{number}_{position}",
                filename=f"{slide.key}_{deck.label}",
                alternative=not stage,  # on stage, the slide alone
            )
    footer(slide, source=False)


# Keyed: `ui/static/phone.css` keeps the three on one row on a phone.
navigation = st.container(key=NAV_KEY)
previous, counter, following = navigation.columns(
    (3, 2, 3) if compact else (1, 3, 1), vertical_alignment="center"
)
previous.button(
    tr("deck.previous"),
    key="slide_previous",
    icon=":material/arrow_back:",
    on_click=move,
    args=(-1,),
    disabled=index == 0,
    shortcut="Left",
    width="stretch",
)
counter.markdown(tr("deck.counter", index=index + 1, count=count), text_alignment="center")
following.button(
    tr("deck.next"),
    key="slide_next",
    icon=":material/arrow_forward:",
    icon_position="right",
    on_click=move,
    args=(1,),
    disabled=index == count - 1,
    shortcut="Right",
    width="stretch",
)

current = deck.slides[index]
with st.container(border=True, key=SLIDE_BOX_KEY):
    show(current, index + 1)
if stage:

    def leave_stage() -> None:
        """Back to the page view (the stage's toggle is hidden)."""
        st.session_state[STAGE_KEY] = False

    # Unseen on stage (`STAGE_CSS`), answering the Escape key.
    st.button(tr("deck.leave_stage"), key=LEAVE_KEY, on_click=leave_stage, shortcut="Escape")
    st.stop()  # on stage, the slide alone: no speaker notes, no uploader, no download
with st.expander(tr("deck.notes_label")):
    st.text(current.notes)

st.divider()
# The uploader takes the whole width: in a narrow column Streamlit draws its button as an
# icon alone, with no accessible name (axe's `button-name`).
template = template_uploader()
download, sheet = st.columns(2)
with download:
    deck_download_button(context, key="deck_download_present", template=template)
with sheet:
    fact_sheet_button(context, key="report_sheet_present")
