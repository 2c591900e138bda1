"""The product's two honesty rules about small numbers, declared once.

A survey of about fifty poles is small: a figure resting on a handful of answers is fragile,
and a figure about one or two poles *is* those poles' own answers, which anyone knowing the
region or sector can read off. Every page, chart, export and slide asks this module, so the
policy changes in one place. Modules read the values as `policy.SMALL_BASE` at call time
(not copied at import), which is also how the tests check that the policy drives them.
"""

from __future__ import annotations

#: A figure resting on fewer answering poles than this is flagged as a small base (⚠, hollow
#: marker, footnote): it is shown, but the reader is warned that a few answers move it.
SMALL_BASE = 5

#: A group (region, sector, "Other", the whole filtered view) of fewer answering poles than
#: this is not shown: its figure would be one or two poles' own answers. The exception is a
#: single pole chosen on purpose in the filters: looking at it is what the user asked for.
MIN_GROUP_POLES = 3


def is_small_base(n: int) -> bool:
    """Whether a figure resting on `n` answers carries the small-base warning."""
    return n < SMALL_BASE


def group_minimum(single_pole_chosen: bool) -> int:
    """The fewest answering poles a group needs to be shown (1 when a pole was chosen).

    For vectorised code (`counts >= group_minimum(chosen)`); scalars use `may_show_group`.
    """
    return 1 if single_pole_chosen else MIN_GROUP_POLES


def may_show_group(n: int, single_pole_chosen: bool = False) -> bool:
    """Whether a figure resting on `n` answering poles may be shown without revealing a pole.

    True from `MIN_GROUP_POLES` poles, or from one pole when a single pole was chosen on
    purpose; never for no answer at all.
    """
    return n >= group_minimum(single_pole_chosen)
