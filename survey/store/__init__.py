"""The workshop store, one job per file; import everything from here (`from survey.store import Store`).

    store.py       the `Store` class: every read and write, each one short transaction
    validation.py  the limits (MAX_*) and the checks every value passes before it is written
    schema.py      the tables (SQLAlchemy Core); survey/migrations brings a database to them
    rows.py        the rows the store hands back (Workshop, Group, …) and the values their fields take
    errors.py      the refusals (StoreError and its kinds) and their messages in Swedish and English
    engine.py      connecting to SQLite or PostgreSQL
    sample.py      the 2026 sample workshop's details and the default questions
"""

from .errors import MESSAGES, ClosedError, NotFoundError, StoreError, UnavailableError, ValidationError
from .rows import (
    ENTERED_BY, GROUP_WRITABLE_STATES, LANGS, PARTIES, PARTY_NAMES, STATES, Group, GroupStatus, HistoryRow,
    Question, SavedForm, Workshop,
)
from .sample import (
    DEFAULT_QUESTIONS, DEFAULT_QUESTIONS_EN, DEFAULT_QUESTIONS_SV, SAMPLE_DATE, SAMPLE_FEDERATION, SAMPLE_PLACE,
    SAMPLE_TITLE,
)
from .schema import (
    UTCDateTime, answers_table, axes, groups, metadata, narratives_table, overrides_table, questions_table,
    rating_history, ratings_table, settings_table, submissions, workshops,
)
from .store import Store
from .validation import (
    MAX_AXES, MAX_AXIS_DESCRIPTION, MAX_AXIS_KEY, MAX_AXIS_NAME, MAX_COMMENT, MAX_GROUP_NAME, MAX_NARRATIVE,
    MAX_POINT, MAX_POINTS, MAX_QUESTION, MAX_QUESTIONS, MAX_SUMMARY, MAX_TITLE, MIN_AXES,
)

__all__ = [
    # store.py
    "Store",
    # errors.py
    "MESSAGES", "StoreError", "ValidationError", "ClosedError", "NotFoundError", "UnavailableError",
    # rows.py
    "STATES", "GROUP_WRITABLE_STATES", "ENTERED_BY", "PARTIES", "PARTY_NAMES", "LANGS",
    "Workshop", "Group", "GroupStatus", "HistoryRow", "Question", "SavedForm",
    # validation.py
    "MIN_AXES", "MAX_AXES", "MAX_TITLE", "MAX_AXIS_KEY", "MAX_AXIS_NAME", "MAX_AXIS_DESCRIPTION",
    "MAX_GROUP_NAME", "MAX_COMMENT", "MAX_QUESTIONS", "MAX_QUESTION", "MAX_POINTS", "MAX_POINT", "MAX_SUMMARY",
    "MAX_NARRATIVE",
    # schema.py
    "UTCDateTime", "metadata", "workshops", "axes", "groups", "ratings_table", "rating_history", "submissions",
    "questions_table", "answers_table", "overrides_table", "narratives_table", "settings_table",
    # sample.py
    "SAMPLE_TITLE", "SAMPLE_DATE", "SAMPLE_PLACE", "SAMPLE_FEDERATION",
    "DEFAULT_QUESTIONS", "DEFAULT_QUESTIONS_SV", "DEFAULT_QUESTIONS_EN",
]
