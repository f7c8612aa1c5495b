"""What the store hands back: the workshop, group, history and question rows, and the values their fields take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from analysis.model import Axis, Scale

STATES = ("draft", "open", "revealed", "closed")
GROUP_WRITABLE_STATES = ("open", "revealed")
ENTERED_BY = ("group", "facilitator")
PARTIES = ("kommun", "region", "forsakringskassan", "arbetsformedlingen")
PARTY_NAMES = {
    "sv": {"kommun": "Kommun", "region": "Region", "forsakringskassan": "Försäkringskassan",
           "arbetsformedlingen": "Arbetsförmedlingen"},
    "en": {"kommun": "Municipality", "region": "Region", "forsakringskassan": "Social Insurance Agency",
           "arbetsformedlingen": "Public Employment Service"},
}
LANGS = ("sv", "en")


@dataclass(frozen=True)
class Workshop:
    id: str
    title: str
    date: str
    place: str
    federation: str
    scale: Scale
    axes: tuple[Axis, ...]
    state: str
    current_round: int
    round2_axes: tuple[str, ...]
    view_token: str
    created_at: datetime
    revealed: bool = False
    deleted_at: datetime | None = None

    @property
    def results_visible(self) -> bool:
        """Whether groups, chiefs and visitors may see the results: only once the facilitator revealed them
        (closing the rating never reveals)."""
        return self.revealed and self.deleted_at is None

    @property
    def group_may_write(self) -> bool:
        """Whether a group's link may save ratings and answers now."""
        return self.state in GROUP_WRITABLE_STATES and self.deleted_at is None

    def axes_for_round(self, round: int = 1) -> tuple[Axis, ...]:
        """The axes a form shows in `round`: all of them, or the ones chosen for round 2."""
        if round == 2:
            chosen = set(self.round2_axes)
            return tuple(a for a in self.axes if a.key in chosen)
        return self.axes


@dataclass(frozen=True)
class Group:
    id: int
    workshop_id: str
    name: str
    party: str | None
    token: str
    revoked: bool
    position: int


@dataclass(frozen=True)
class GroupStatus:
    group: Group
    submitted_at: datetime | None
    skipped: tuple[str, ...]
    entered_by: str | None


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


@dataclass(frozen=True)
class Question:
    id: int
    position: int
    text: str
    summary: str | None
