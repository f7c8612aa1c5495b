"""What the store hands back besides `analysis.workshop`'s Workshop and Question: groups, their status and the
rating history, what a group's form is filled in from, and the values the fields take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from analysis.model import LANGS  # noqa: F401 - one definition each, here and in analysis
from analysis.statistics.compare import PARTIES, PARTY_NAMES  # noqa: F401
from analysis.workshop import GROUP_WRITABLE_STATES, Question, Workshop  # noqa: F401

STATES = ("draft", "open", "revealed", "closed")
ENTERED_BY = ("group", "facilitator")


@dataclass(frozen=True)
class Group:
    id: int
    workshop_id: str
    name: str
    party: str | None
    token: str
    revoked: bool
    position: int
    join_code: str | None = None  # stored without the dash: codes.format_join_code shows it


@dataclass(frozen=True)
class GroupStatus:
    group: Group
    submitted_at: datetime | None
    skipped: tuple[str, ...]
    entered_by: str | None


@dataclass(frozen=True)
class SavedForm:
    """What a group has stored for one round, to fill in its form: values (None = skipped; an axis never
    written is absent), comments, whether it has submitted, and its points per question id."""
    values: dict[str, float | None]
    comments: dict[str, str]
    submitted: bool
    answers: dict[int, list[str]]


@dataclass(frozen=True)
class HistoryRow:
    id: int
    group_id: int
    group_name: str
    axis_key: str
    round: int
    old_value: float | None
    new_value: float | None
    had_previous: bool
    comment: str | None
    entered_by: str
    at: datetime
