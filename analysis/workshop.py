"""A workshop as every view, export and the CLI sees it: one frozen snapshot, and the pure functions that
turn it into results.

`survey.store.Store.snapshot(workshop_id)` reads everything below in one read transaction, so a page,
an appendix or a CLI report is built from one moment of a live workshop: a rating that arrives meanwhile
is in all of it or in none of it. Nothing here reads a database or knows Streamlit.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Mapping, Sequence

from analysis.model import DEFAULT_THRESHOLDS, Axis, Ratings, Scale, Thresholds
from analysis.statistics.compare import RoundChanges, by_party, compare_rounds
from analysis.statistics.labels import Interpretation
from analysis.statistics.summary import ProfileSummary, summarize

GROUP_WRITABLE_STATES = ("open", "revealed")  # "revealed": the old name of open-and-shown, kept by migration 0002
SPLIT_LABELS = frozenset({Interpretation.POLARISED, Interpretation.DISAGREEMENT})


@dataclass(frozen=True)
class Workshop:
    """A workshop's metadata and the rules that follow from its state; the same value in the store and here."""

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
    created_at: _dt.datetime
    revealed: bool = False
    deleted_at: _dt.datetime | None = None

    @property
    def results_visible(self) -> bool:
        """Whether groups, chiefs and visitors may see the results: only once the facilitator revealed them
        (closing the rating never reveals)."""
        return self.revealed and self.deleted_at is None

    @property
    def group_may_write(self) -> bool:
        """Whether a group's link may save ratings and answers now."""
        return self.state in GROUP_WRITABLE_STATES and self.deleted_at is None

    def group_may_rate(self, round: int) -> bool:
        """Whether a group's link may change its ratings in `round`: the current round of a writable workshop,
        and not round 1 once everyone's lines are shown (a change made after seeing the others would pass
        unnoticed into the minutes). Hiding the results again, or a second round, opens rating again; the
        facilitator may always enter ratings, and groups may still save their discussion points."""
        return self.group_may_write and round == self.current_round and not (round == 1 and self.revealed)

    @property
    def in_round2(self) -> bool:
        """Whether a second round has been opened on some axes."""
        return self.current_round == 2 and bool(self.round2_axes)

    def axes_for_round(self, round: int = 1) -> tuple[Axis, ...]:
        """The axes a form shows in `round`: all of them, or the ones chosen for round 2."""
        if round == 2:
            chosen = set(self.round2_axes)
            return tuple(a for a in self.axes if a.key in chosen)
        return self.axes


@dataclass(frozen=True)
class GroupAnswer:
    """What one group noted under a discussion question, point by point, as typed."""

    group: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """A discussion question: its text, what each group noted, the facilitator's summary (may use `**`/`- `).
    `id` and `position` are the store's; a question written for a file-only appendix has neither."""

    text: str
    answers: tuple[GroupAnswer, ...] = ()
    summary: str = ""
    description: str = ""
    id: int | None = None
    position: int = 0


@dataclass(frozen=True)
class GroupInfo:
    """A group as the results need it (never its link token)."""

    name: str
    party: str | None = None
    revoked: bool = False


@dataclass(frozen=True)
class PresenterState:
    """What the facilitator has put on the projector besides the results: a countdown (its end, seconds
    since the epoch) and one axis in focus."""

    timer_end: float | None = None
    focus: str | None = None

    def seconds_left(self, now: float) -> int | None:
        """Whole seconds left on the countdown (0 once it has run out); None when none is running."""
        if self.timer_end is None:
            return None
        return max(0, math.ceil(self.timer_end - now))


def countdown_text(seconds: int) -> str:
    """`4:05`, `0:00`: minutes and seconds as a room reads a clock."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def _frozen(mapping: Mapping | None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, eq=False)
class WorkshopData:
    """Everything a view or an export shows of one workshop, read at one moment.

    `ratings` are round 1's; `round2` the second round's when one is open (None otherwise, and an empty
    `Ratings` while nobody has re-rated yet). `comments` map an axis key to (group, text) pairs of round 1,
    in axis then group order; `narratives` map a language to the secretary's saved text."""

    workshop: Workshop
    revision: str
    ratings: Ratings
    round2: Ratings | None = None
    overrides: Mapping[str, str] = field(default_factory=dict)
    comments: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    questions: tuple[Question, ...] = ()
    narratives: Mapping[str, str] = field(default_factory=dict)
    groups: tuple[GroupInfo, ...] = ()
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    presenter: PresenterState = PresenterState()

    def __post_init__(self) -> None:
        # Shared by every session that shows this state of the workshop, so nothing in it can change.
        object.__setattr__(self, "overrides", _frozen(self.overrides))
        object.__setattr__(self, "narratives", _frozen(self.narratives))
        object.__setattr__(self, "comments", _frozen({k: tuple(tuple(p) for p in v) for k, v in self.comments.items()}))
        object.__setattr__(self, "questions", tuple(self.questions))
        object.__setattr__(self, "groups", tuple(self.groups))

    @property
    def id(self) -> str:
        return self.workshop.id

    @cached_property
    def summary(self) -> ProfileSummary:
        """Round 1's summary with the facilitator's label overrides: the results every page and file shows."""
        return summarize(self.ratings, self.thresholds).with_overrides(self.overrides)

    @cached_property
    def round2_summary(self) -> ProfileSummary | None:
        """Round 2's summary once some group has re-rated (overrides belong to round 1 only)."""
        if self.round2 is None or not self.round2.groups:
            return None
        return summarize(self.round2, self.thresholds)

    def round_changes(self, lang: str = "sv") -> RoundChanges | None:
        """Each re-rated axis, round 1 against round 2; None before anyone has re-rated."""
        if self.round2_summary is None:
            return None
        return compare_rounds(self.summary, self.round2_summary, lang)

    @property
    def progress(self) -> tuple[int, int]:
        """(groups that submitted round 1, groups): a revoked group counts only if it submitted, since its
        ratings stay in the results."""
        submitted = set(self.ratings.groups)
        return len(submitted), sum(1 for g in self.groups if not g.revoked or g.name in submitted)

    @property
    def groups_in(self) -> tuple[str, ...]:
        """The groups that have submitted round 1, in group order: the names the projector shows as "in"."""
        return self.ratings.groups

    @property
    def active_groups(self) -> int:
        return sum(1 for g in self.groups if not g.revoked)

    def narrative(self, lang: str) -> str | None:
        """The secretary's saved text in `lang`, or None when the draft is in use."""
        return self.narratives.get(lang)

    def round2_suggestion(self) -> list[str]:
        """The axes worth a second round: those the results label polarised or in disagreement."""
        return [a.axis.key for a in self.summary.axes if a.interpretation in SPLIT_LABELS]

    def party_profiles(self) -> dict[str, ProfileSummary]:
        """Round 1 summarised per member party, for the groups whose party is set."""
        return by_party(self.ratings, {g.name: g.party for g in self.groups}, self.thresholds)


_SAVED = object()


def workshop_appendix(data: WorkshopData, lang: str = "sv", narrative: str | None | object = _SAVED):
    """The minutes appendix of a workshop, the same for the web's download and the CLI's report.

    `narrative`: left out, the saved text in `lang` (else the draft); a string, that text (what the secretary
    has in the text box); None, the draft."""
    from analysis.appendix.model import build_appendix

    w = data.workshop
    text = data.narrative(lang) if narrative is _SAVED else narrative
    return build_appendix(
        data.ratings, title=w.title, date=w.date, place=w.place, federation=w.federation, lang=lang,
        narrative=text, questions=data.questions, comments=data.comments,
        round2=data.round2 if data.round2_summary is not None else None,
        thresholds=data.thresholds, summary=data.summary,
    )


def appendix_file_name(workshop: Workshop, suffix: str, lang: str = "sv") -> str:
    """`bilaga-2026-02-27.docx` (`appendix-…` in English); the workshop's id when it has no date."""
    stem = "bilaga" if lang == "sv" else "appendix"
    return f"{stem}-{workshop.date or workshop.id}{suffix}"


def comparison_profiles(snapshots: Sequence[WorkshopData], labels: Mapping[str, str]
                        ) -> list[tuple[str, ProfileSummary]]:
    """(label, results) per workshop in date order, so a difference reads as change over time."""
    ordered = sorted(snapshots, key=lambda d: (d.workshop.date, d.workshop.title))
    return [(labels[d.id], d.summary) for d in ordered]
