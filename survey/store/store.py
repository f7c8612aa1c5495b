"""The one place ratings are kept: workshops, groups, ratings (with history), questions and settings.

SQLAlchemy Core on SQLite (a file, WAL) or PostgreSQL (psycopg 3), same schema and behaviour on both.
Every write is one short transaction that first bumps the workshop's `revision`: on PostgreSQL that row
lock serialises writers of one workshop (so a state check and the write it guards cannot interleave), on
SQLite `BEGIN IMMEDIATE` does the same for the whole file. The revision doubles as the change marker a
live board polls. Every value is validated here, whatever the page in front of it already checked.
"""

from __future__ import annotations

import json
import math
import secrets
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterator, Mapping, Sequence

import numpy as np
from sqlalchemy import Table, delete, func, or_, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine, make_url

from sqlalchemy.exc import OperationalError

from analysis.statistics.labels import Interpretation
from analysis.model import DEFAULT_AXES, Axis, Ratings, Scale
from analysis.names import name_key
from analysis.workshop import GroupAnswer, GroupInfo, PresenterState, WorkshopData

from .. import config
from .codes import new_join_code, normalize_join_code
from .engine import _looks_like_id, _make_engine, _now
from .errors import NotFoundError, ValidationError, _refusals, _unavailable
from .rows import STATES, Group, GroupStatus, HistoryRow, Question, SavedForm, Workshop
from .sample import DEFAULT_QUESTIONS_SV, SAMPLE_DATE, SAMPLE_FEDERATION, SAMPLE_PLACE, SAMPLE_TITLE
from .schema import (
    answers_table, axes, groups, narratives_table, overrides_table, questions_table, rating_history,
    ratings_table, settings_table, submissions, workshops,
)
from .validation import (
    MAX_AXIS_KEY, MAX_GROUP_NAME, MAX_NARRATIVE, MAX_SUMMARY, MAX_TIMER_MINUTES, MAX_TITLE, _check_axes, _check_comments,
    _check_entered_by, _check_group_name, _check_lang, _check_party, _check_points, _check_questions,
    _check_round, _check_values, _iso_date, _may_write, _text,
)

_SCHEMA_LOCK_KEY = 73_951_001  # pg_advisory_xact_lock keys: one per kind of "only one process may do this"
_SAMPLE_LOCK_KEY = 73_951_002
_SETTINGS_LOCK_KEY = 73_951  # two-key form: (this, hashtext(setting key))


def _new_workshop_id() -> str:
    """Twelve URL-safe characters that never start with "-": a shell would read `--workshop -n63…` as an option."""
    while True:
        workshop_id = secrets.token_urlsafe(9)
        if not workshop_id.startswith("-"):
            return workshop_id


class Store:
    """Workshops and everything rated in them, in one SQLite file or PostgreSQL database."""

    def __init__(self, url: str | None = None) -> None:
        self.url = config.normalize_url(url) if url else config.database_url()
        self._engine, serialise = _make_engine(self.url)
        self._pg = self._engine.dialect.name == "postgresql"
        self._serial: threading.RLock | None = threading.RLock() if serialise else None
        # SQLite has one writer at a time. Writers of this process queue on a lock, so each starts the moment
        # the one before commits; SQLite's own busy handler (for other processes) waits by sleeping in
        # growing steps up to 100 ms, which under a burst of fifty groups stretches every wait.
        self._writer: threading.RLock | None = (
            threading.RLock() if self._engine.dialect.name == "sqlite" and not serialise else None)
        self._schema_ready = False
        self._schema_lock = threading.Lock()
        self._upserts: dict[str, Any] = {}

    def dispose(self) -> None:
        """Close pooled connections (tests, and before a process forks)."""
        self._engine.dispose()

    @property
    def engine(self) -> Engine:
        return self._engine

    def __repr__(self) -> str:
        return f"Store({make_url(self.url).render_as_string(hide_password=True)!r})"

    # -- plumbing

    def _serialised(self) -> ContextManager[Any]:
        return self._serial if self._serial is not None else nullcontext()

    def _ensure_schema(self) -> None:
        """Bring the database to the newest schema (Alembic, survey/migrations) once per process."""
        if self._schema_ready:
            return
        from .. import migrations

        with self._schema_lock:
            if self._schema_ready:
                return
            try:
                with self._serialised(), self._engine.connect() as conn:
                    conn = conn.execution_options(spindeln_write=True)
                    with conn.begin():
                        if self._pg:  # two processes starting at once must not both migrate
                            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK_KEY})
                        migrations.upgrade(conn)
            except OperationalError as exc:  # busy, read-only, disk full; a failing migration itself stays loud
                raise _unavailable(exc) from exc
            self._schema_ready = True

    def ensure_schema(self) -> None:
        """Upgrade the database to the newest schema now rather than on first use (`python -m survey restore`)."""
        self._ensure_schema()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """One consistent snapshot for reads that span several tables."""
        self._ensure_schema()
        with _refusals(), self._serialised(), self._engine.connect() as conn:
            if self._pg:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One short write transaction. A refusal of the database itself (busy, disk full, read-only) becomes
        an `UnavailableError`: nothing was written, and the page says so instead of showing a traceback."""
        self._ensure_schema()
        with _refusals(), self._writer or nullcontext(), self._serialised(), self._engine.connect() as conn:
            conn = conn.execution_options(spindeln_write=True)
            with conn.begin():
                yield conn

    def _insert(self, table: Table) -> Any:
        if self._pg:  # imported only where it is used: 2 MB less in a server on SQLite
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        return sqlite_insert(table)

    def _upsert(self, table: Table, index: Sequence[str], update: Sequence[str]) -> Any:
        """INSERT … ON CONFLICT (index) DO UPDATE SET update, built once per store and run with a list of rows
        (executemany): the statement is compiled once, not rebuilt and compiled on every submission."""
        name = f"{table.name}:{','.join(index)}:{','.join(update)}"  # two callers that update other columns differ
        stmt = self._upserts.get(name)
        if stmt is None:
            insert = self._insert(table)
            stmt = insert.on_conflict_do_update(index_elements=[table.c[c] for c in index],
                                                set_={c: insert.excluded[c] for c in update})
            self._upserts[name] = stmt
        return stmt

    @staticmethod
    def _bump(conn: Connection, workshop_id: str) -> None:
        """Mark the workshop changed; on PostgreSQL this also locks its row until commit."""
        result = conn.execute(
            update(workshops).where(workshops.c.id == workshop_id)
            .values(revision=workshops.c.revision + 1, updated_at=_now())
        )
        if result.rowcount == 0:
            raise NotFoundError("workshop_not_found")

    @staticmethod
    def _workshops_where(conn: Connection, *conditions: Any, order: Sequence[Any] = ()) -> list[Workshop]:
        rows = conn.execute(select(workshops).where(*conditions).order_by(*order)).all()
        if not rows:
            return []
        ids = [r.id for r in rows]
        by_workshop: dict[str, list[Axis]] = {i: [] for i in ids}
        for a in conn.execute(select(axes).where(axes.c.workshop_id.in_(ids)).order_by(axes.c.workshop_id, axes.c.position)):
            by_workshop[a.workshop_id].append(Axis(a.key, a.name_sv, a.name_en, a.description_sv, a.description_en))
        return [
            Workshop(
                id=r.id, title=r.title, date=r.date, place=r.place, federation=r.federation,
                scale=Scale(r.scale_min, r.scale_max, r.scale_step), axes=tuple(by_workshop[r.id]),
                state=r.state, current_round=r.current_round, round2_axes=tuple(json.loads(r.round2_axes)),
                view_token=r.view_token, created_at=r.created_at, revealed=bool(r.revealed), deleted_at=r.deleted_at,
            )
            for r in rows
        ]

    def _workshop(self, conn: Connection, workshop_id: str) -> Workshop:
        found = self._workshops_where(conn, workshops.c.id == workshop_id)
        if not found:
            raise NotFoundError("workshop_not_found")
        return found[0]

    @staticmethod
    def _group_from(row: Any) -> Group:
        return Group(id=row.id, workshop_id=row.workshop_id, name=row.name, party=row.party, token=row.token,
                     revoked=bool(row.revoked), position=row.position, join_code=row.join_code)

    def _group(self, conn: Connection, group_id: int) -> Group:
        row = conn.execute(select(groups).where(groups.c.id == group_id)).first() \
            if isinstance(group_id, int) and not isinstance(group_id, bool) else None
        if row is None:
            raise NotFoundError("group_not_found")
        return self._group_from(row)

    def _group_in(self, conn: Connection, workshop_id: str, group_id: int) -> Group:
        group = self._group(conn, group_id)
        if group.workshop_id != workshop_id:
            raise ValidationError("group_not_in_workshop", field="group")
        return group

    def _insert_workshop(self, conn: Connection, *, title: str, date: str, place: str, federation: str,
                         scale: Scale, axis_list: Sequence[Axis], question_texts: Sequence[str], state: str) -> str:
        workshop_id = _new_workshop_id()
        now = _now()
        conn.execute(workshops.insert().values(
            id=workshop_id, title=title, date=date, place=place, federation=federation,
            scale_min=float(scale.min), scale_max=float(scale.max), scale_step=float(scale.step),
            state=state, current_round=1, round2_axes="[]", view_token=secrets.token_urlsafe(16),
            revision=1, created_at=now, updated_at=now, revealed=state == "revealed",
        ))
        conn.execute(axes.insert(), [
            dict(workshop_id=workshop_id, key=a.key, position=i, name_sv=a.name_sv, name_en=a.name_en,
                 description_sv=a.description_sv, description_en=a.description_en)
            for i, a in enumerate(axis_list)
        ])
        if question_texts:
            conn.execute(questions_table.insert(), [
                dict(workshop_id=workshop_id, position=i, text=q, summary=None)
                for i, q in enumerate(question_texts)
            ])
        return workshop_id

    def _insert_group(self, conn: Connection, workshop_id: str, name: str, party: str | None) -> Group:
        key = name_key(name)
        existing = conn.execute(
            select(groups.c.name).where(groups.c.workshop_id == workshop_id, groups.c.name_key == key)
        ).first()
        if existing is not None:
            raise ValidationError("group_duplicate", field="name", name=existing.name)
        position = conn.scalar(
            select(func.coalesce(func.max(groups.c.position) + 1, 0)).where(groups.c.workshop_id == workshop_id)
        )
        group_id = conn.execute(groups.insert().values(
            workshop_id=workshop_id, name=name, name_key=key, party=party, token=secrets.token_urlsafe(16),
            revoked=False, position=position, created_at=_now(), join_code=self._free_join_code(conn),
        ).returning(groups.c.id)).scalar_one()
        return self._group(conn, group_id)

    @staticmethod
    def _free_join_code(conn: Connection) -> str:
        """A code no group has (a clash is one in millions; the unique index is the last word)."""
        while True:
            code = new_join_code()
            if conn.scalar(select(groups.c.id).where(groups.c.join_code == code)) is None:
                return code

    def _write_ratings(self, conn: Connection, w: Workshop, group: Group, values: Mapping[str, float | None],
                       round: int, entered_by: str, comments: Mapping[str, str | None] | None) -> datetime:
        """Upsert the values, append every write to the history, and record the submission."""
        now = _now()
        r = ratings_table
        previous = {
            row.axis_key: row for row in conn.execute(
                select(r.c.axis_key, r.c.value, r.c.comment).where(
                    r.c.workshop_id == w.id, r.c.group_id == group.id, r.c.round == round))
        }
        rows = [
            dict(workshop_id=w.id, group_id=group.id, axis_key=key, round=round, value=value,
                 comment=(comments.get(key) if comments is not None
                          else previous[key].comment if key in previous else None),
                 entered_by=entered_by, updated_at=now)
            for key, value in values.items()
        ]
        conn.execute(self._upsert(r, ("workshop_id", "group_id", "axis_key", "round"),
                                  ("value", "comment", "entered_by", "updated_at")), rows)
        conn.execute(rating_history.insert(), [
            dict(workshop_id=w.id, group_id=group.id, axis_key=row["axis_key"], round=round,
                 old_value=previous[row["axis_key"]].value if row["axis_key"] in previous else None,
                 new_value=row["value"], had_previous=row["axis_key"] in previous, comment=row["comment"],
                 entered_by=entered_by, at=now)
            for row in rows
        ])
        conn.execute(self._upsert(submissions, ("workshop_id", "group_id", "round"), ("submitted_at", "entered_by")),
                     [dict(workshop_id=w.id, group_id=group.id, round=round, submitted_at=now, entered_by=entered_by)])
        return now

    # -- workshops

    def create_workshop(self, title: str, date: str | Date, place: str = "", federation: str = "",
                        scale: Scale = Scale(), axes: Sequence[Axis] = DEFAULT_AXES,
                        questions: Sequence[str] = DEFAULT_QUESTIONS_SV, unique_title: bool = False) -> Workshop:
        """A new workshop in state 'draft', so links can be handed out before the form opens.

        `unique_title` refuses a second workshop with the same title (by `name_key`) and date, so that the
        facilitator's list can tell them apart (the console asks for it; imports and tests need not)."""
        title = _text(title, "title", MAX_TITLE, required=True)
        iso = _iso_date(date)
        place = _text(place, "place", MAX_TITLE)
        federation = _text(federation, "federation", MAX_TITLE)
        if not isinstance(scale, Scale):
            raise ValidationError("bad_scale", field="scale")
        axis_list = _check_axes(axes)
        question_texts = _check_questions(questions)
        with self._write() as conn:
            if unique_title:
                self._refuse_duplicate_title(conn, title, iso)
            workshop_id = self._insert_workshop(
                conn, title=title, date=iso, place=place, federation=federation, scale=scale,
                axis_list=axis_list, question_texts=question_texts, state="draft")
            return self._workshop(conn, workshop_id)

    @staticmethod
    def _refuse_duplicate_title(conn: Connection, title: str, date: str, other_than: str | None = None) -> None:
        """Two workshops in the list must be told apart: no second one with the same title and date."""
        rows = conn.execute(select(workshops.c.id, workshops.c.title).where(
            workshops.c.date == date, workshops.c.deleted_at.is_(None))).all()
        for row in rows:
            if row.id != other_than and name_key(row.title) == name_key(title):
                raise ValidationError("workshop_duplicate", field="title", title=row.title, date=date)

    def get_workshop(self, workshop_id: str, *, include_deleted: bool = False) -> Workshop | None:
        """None for an unknown id (or one in the bin), so a page can say "no such workshop" for a mistyped link."""
        if not _looks_like_id(workshop_id):
            return None
        conditions = [workshops.c.id == workshop_id]
        if not include_deleted:
            conditions.append(workshops.c.deleted_at.is_(None))
        with self._read() as conn:
            found = self._workshops_where(conn, *conditions)
        return found[0] if found else None

    def workshop_by_view_token(self, token: str) -> Workshop | None:
        """The workshop a read-only board link points at (None when it is in the bin)."""
        if not _looks_like_id(token):
            return None
        with self._read() as conn:
            found = self._workshops_where(conn, workshops.c.view_token == token, workshops.c.deleted_at.is_(None))
        return found[0] if found else None

    def list_workshops(self, federation: str | None = None) -> list[Workshop]:
        """Newest workshop date first (then newest created); workshops in the bin are left out."""
        conditions = [workshops.c.deleted_at.is_(None)]
        if federation is not None:
            conditions.append(workshops.c.federation == federation)
        with self._read() as conn:
            return self._workshops_where(conn, *conditions,
                                         order=(workshops.c.date.desc(), workshops.c.created_at.desc()))

    def deleted_workshops(self) -> list[Workshop]:
        """The bin: workshops moved there, most recently deleted first, each one click from coming back."""
        with self._read() as conn:
            return self._workshops_where(conn, workshops.c.deleted_at.is_not(None),
                                         order=(workshops.c.deleted_at.desc(),))

    def delete_workshop(self, workshop_id: str) -> Workshop:
        """Move a workshop to the bin: gone from every list and link, nothing of it removed (undo: restore)."""
        with self._write() as conn:
            self._bump(conn, workshop_id)
            conn.execute(update(workshops).where(workshops.c.id == workshop_id).values(deleted_at=_now()))
            return self._workshop(conn, workshop_id)

    def restore_workshop(self, workshop_id: str) -> Workshop:
        """Bring a workshop back from the bin, as it was."""
        with self._write() as conn:
            self._bump(conn, workshop_id)
            conn.execute(update(workshops).where(workshops.c.id == workshop_id).values(deleted_at=None))
            return self._workshop(conn, workshop_id)

    def federations(self) -> list[str]:
        """Federation names in use, for a filter."""
        with self._read() as conn:
            names = conn.scalars(select(workshops.c.federation).distinct().where(workshops.c.federation != "")).all()
        return sorted(names, key=str.casefold)

    def update_workshop(self, workshop_id: str, *, title: str | None = None, date: str | Date | None = None,
                        place: str | None = None, federation: str | None = None,
                        unique_title: bool = False) -> Workshop:
        """Change the descriptive fields (rename); None leaves a field as it is. `unique_title` as for
        `create_workshop`."""
        values: dict[str, Any] = {}
        if title is not None:
            values["title"] = _text(title, "title", MAX_TITLE, required=True)
        if date is not None:
            values["date"] = _iso_date(date)
        if place is not None:
            values["place"] = _text(place, "place", MAX_TITLE)
        if federation is not None:
            values["federation"] = _text(federation, "federation", MAX_TITLE)
        with self._write() as conn:
            self._bump(conn, workshop_id)
            if values:
                current = self._workshop(conn, workshop_id)
                if unique_title and ("title" in values or "date" in values):
                    self._refuse_duplicate_title(conn, values.get("title", current.title),
                                                 values.get("date", current.date), other_than=workshop_id)
                conn.execute(update(workshops).where(workshops.c.id == workshop_id).values(**values))
            return self._workshop(conn, workshop_id)

    def set_state(self, workshop_id: str, state: str) -> Workshop:
        """Move between draft, open, revealed and closed (any direction, so a closed workshop can reopen).

        Only 'revealed' shows the results; 'draft' and 'open' hide them again; 'closed' stops the groups
        writing and leaves the results as visible or hidden as they were."""
        if state not in STATES:
            raise ValidationError("bad_state", field="state", state=str(state)[:20])
        values: dict[str, Any] = {"state": state}
        if state != "closed":
            values["revealed"] = state == "revealed"
        with self._write() as conn:
            self._bump(conn, workshop_id)
            conn.execute(update(workshops).where(workshops.c.id == workshop_id).values(**values))
            return self._workshop(conn, workshop_id)

    def set_revealed(self, workshop_id: str, revealed: bool) -> Workshop:
        """Show or hide the results without changing whether the groups may write: an open workshop becomes
        'revealed' (and back), a closed one stays closed."""
        revealed = bool(revealed)
        with self._write() as conn:
            self._bump(conn, workshop_id)
            w = self._workshop(conn, workshop_id)
            state = w.state
            if revealed and state == "open":  # a draft stays a draft: revealing never opens the form
                state = "revealed"
            elif not revealed and state == "revealed":
                state = "open"
            conn.execute(update(workshops).where(workshops.c.id == workshop_id).values(state=state, revealed=revealed))
            return self._workshop(conn, workshop_id)

    def open_round2(self, workshop_id: str, axis_keys: Sequence[str]) -> Workshop:
        """Start a second round on the chosen axes (kept in the workshop's axis order) and open the form.

        Opening it again on other axes starts it afresh: earlier round-2 submissions no longer count (a group
        has not rated an axis it never saw), though every value stays in the history and pre-fills the form.
        The results are hidden again until the facilitator reveals them."""
        if isinstance(axis_keys, str):
            axis_keys = [axis_keys]
        with self._write() as conn:
            self._bump(conn, workshop_id)
            w = self._workshop(conn, workshop_id)
            known = {a.key: a for a in w.axes}
            for key in axis_keys:
                if key not in known:
                    raise ValidationError("unknown_axis", field=str(key)[:MAX_AXIS_KEY], axis=str(key)[:MAX_AXIS_KEY])
            chosen = [a.key for a in w.axes if a.key in set(axis_keys)]
            if not chosen:
                raise ValidationError("no_round2_axes", field="axes")
            if tuple(chosen) != w.round2_axes:
                conn.execute(delete(submissions).where(submissions.c.workshop_id == workshop_id,
                                                       submissions.c.round == 2))
            conn.execute(update(workshops).where(workshops.c.id == workshop_id).values(
                current_round=2, round2_axes=json.dumps(chosen), state="open", revealed=False))
            return self._workshop(conn, workshop_id)

    def change_marker(self, workshop_id: str) -> str:
        """Changes whenever anything of the workshop changes; a live board polls this one cheap value."""
        with self._read() as conn:
            revision = conn.scalar(select(workshops.c.revision).where(workshops.c.id == workshop_id))
        if revision is None:
            raise NotFoundError("workshop_not_found")
        return str(revision)

    def follow_state(self, workshop_id: str) -> tuple[tuple, dict[str, str]]:
        """What decides how a group's page looks, read in one transaction: the workshop's state, whether the
        results show, the round and its axes, whether it is in the bin, and its questions; and the group name
        behind every live link (token → name). `survey.follow` turns it into the phase a phone compares."""
        if not _looks_like_id(workshop_id):
            raise NotFoundError("workshop_not_found")
        w, q = workshops, questions_table
        with self._read() as conn:
            row = conn.execute(select(w.c.state, w.c.revealed, w.c.current_round, w.c.round2_axes, w.c.deleted_at)
                               .where(w.c.id == workshop_id)).first()
            if row is None:
                raise NotFoundError("workshop_not_found")
            asked = conn.execute(select(q.c.id, q.c.text).where(q.c.workshop_id == workshop_id)
                                 .order_by(q.c.position)).all()
            live = conn.execute(select(groups.c.token, groups.c.name).where(
                groups.c.workshop_id == workshop_id, groups.c.revoked.is_(False))).all()
        state = (row.state, bool(row.revealed), row.current_round, tuple(json.loads(row.round2_axes)),
                 row.deleted_at is None, tuple((r.id, r.text) for r in asked))
        return state, {r.token: r.name for r in live}

    # -- groups

    def add_group(self, workshop_id: str, name: str, party: str | None = None) -> Group:
        """A group with its own secret link token; names are unique within a workshop, ignoring case."""
        name = _check_group_name(name)
        party = _check_party(party)
        with self._write() as conn:
            self._bump(conn, workshop_id)
            return self._insert_group(conn, workshop_id, name, party)

    def groups(self, workshop_id: str, include_revoked: bool = True) -> list[Group]:
        conditions = [groups.c.workshop_id == workshop_id]
        if not include_revoked:
            conditions.append(groups.c.revoked.is_(False))
        with self._read() as conn:
            rows = conn.execute(select(groups).where(*conditions).order_by(groups.c.position)).all()
        return [self._group_from(r) for r in rows]

    def group_by_token(self, workshop_id: str, token: str) -> Group | None:
        """The group whose link this is; None when the token is wrong, revoked, or another workshop's."""
        if not _looks_like_id(token):
            return None
        with self._read() as conn:
            row = conn.execute(select(groups).where(groups.c.token == token)).first()
        if row is None or row.workshop_id != workshop_id or row.revoked:
            return None
        return self._group_from(row)

    def _change_group(self, group_id: int, **values: Any) -> Group:
        with self._write() as conn:
            group = self._group(conn, group_id)
            self._bump(conn, group.workshop_id)
            conn.execute(update(groups).where(groups.c.id == group_id).values(**values))
            return self._group(conn, group_id)

    def revoke_group(self, group_id: int) -> Group:
        """Disable a group's link; its ratings stay."""
        return self._change_group(group_id, revoked=True)

    def restore_group(self, group_id: int) -> Group:
        return self._change_group(group_id, revoked=False)

    def renew_token(self, group_id: int) -> Group:
        """A new link and join code for the group (the old ones stop working at once: a lost card)."""
        with self._write() as conn:
            group = self._group(conn, group_id)
            self._bump(conn, group.workshop_id)
            conn.execute(update(groups).where(groups.c.id == group_id).values(
                token=secrets.token_urlsafe(16), join_code=self._free_join_code(conn)))
            return self._group(conn, group_id)

    def group_by_code(self, typed: str) -> Group | None:
        """The group a typed join code belongs to (any case, dash or not); None when there is none, it is
        revoked, or its workshop is in the bin. Guessing is slowed by the caller (survey.auth.join_with_code)."""
        code = normalize_join_code(typed)
        if code is None:
            return None
        with self._read() as conn:
            row = conn.execute(select(groups).join(workshops, workshops.c.id == groups.c.workshop_id).where(
                groups.c.join_code == code, groups.c.revoked.is_(False), workshops.c.deleted_at.is_(None))).first()
        return None if row is None else self._group_from(row)

    # -- ratings

    def submit(self, workshop_id: str, group_id: int, values: Mapping[str, float | None], *, round: int = 1,
               entered_by: str = "group", comments: Mapping[str, str] | None = None,
               answers: Mapping[int, Sequence[str]] | None = None, token: str | None = None) -> datetime:
        """Save one group's values (None = skipped) in one transaction; returns the submission time.

        `comments=None` keeps the stored comments; a mapping sets the comment of every axis in `values`
        (absent or blank clears it). `answers` maps question ids to the group's points, written in the same
        transaction: the one button a group presses saves everything it typed, or nothing. A group's page
        passes the `token` of the link it was opened with, so a page left open on a renewed link cannot
        write. A refused write changes nothing.
        """
        round = _check_round(round)
        entered_by = _check_entered_by(entered_by)
        cleaned_answers = {q: _check_points(p) for q, p in (answers or {}).items()}
        with self._write() as conn:
            self._bump(conn, workshop_id)
            w = self._workshop(conn, workshop_id)
            group = self._group_in(conn, workshop_id, group_id)
            _may_write(w, group, round, entered_by, token, rating=True)
            clean = _check_values(w, values, round)
            clean_comments = None if comments is None else _check_comments(w, comments, clean)
            at = self._write_ratings(conn, w, group, clean, round, entered_by, clean_comments)
            self._write_answers(conn, w, group, cleaned_answers, entered_by, at)
            return at

    def import_ratings(self, workshop_id: str, ratings: Ratings) -> list[Group]:
        """A ratings file's groups into the current round, all or none, entered by the facilitator.

        A group whose name is already in the workshop (by `name_key`: case, spacing and invisible characters
        do not count) gets its values replaced; any other name becomes a new group. Any problem — an axis the
        workshop does not have, a revoked group, a value off the scale — refuses the whole file, naming the
        group (and the axis) where it is."""
        with self._write() as conn:
            self._bump(conn, workshop_id)
            w = self._workshop(conn, workshop_id)
            round = w.current_round
            known = {a.key for a in w.axes}
            for axis in ratings.axes:
                if axis.key not in known:
                    raise ValidationError("unknown_axis", field=axis.key, axis=axis.name_sv)
            existing = {r.name_key: r for r in conn.execute(select(groups).where(groups.c.workshop_id == workshop_id))}
            written: list[Group] = []
            for i, raw_name in enumerate(ratings.groups):
                try:
                    name = _check_group_name(raw_name)
                    row = existing.get(name_key(name))
                    if row is not None and row.revoked:
                        raise ValidationError("import_revoked", field="name", name=row.name)
                    group = self._group_from(row) if row is not None else self._insert_group(conn, workshop_id, name, None)
                    values = {a.key: ratings.values[i, j] for j, a in enumerate(ratings.axes)}
                    _may_write(w, group, round, "facilitator")
                    self._write_ratings(conn, w, group, _check_values(w, values, round), round, "facilitator", None)
                except ValidationError as exc:
                    raise ValidationError("import_row", field=exc.field, name=str(raw_name)[:MAX_GROUP_NAME],
                                          reason=exc) from exc
                written.append(group)
            return written

    def saved_values(self, workshop_id: str, group_id: int, round: int = 1) -> dict[str, float | None]:
        """What the group has stored, to pre-fill its form (an axis never written is absent)."""
        r = ratings_table
        with self._read() as conn:
            rows = conn.execute(select(r.c.axis_key, r.c.value).where(
                r.c.workshop_id == workshop_id, r.c.group_id == group_id, r.c.round == round)).all()
        return {row.axis_key: row.value for row in rows}

    def saved_comments(self, workshop_id: str, group_id: int, round: int = 1) -> dict[str, str]:
        r = ratings_table
        with self._read() as conn:
            rows = conn.execute(select(r.c.axis_key, r.c.comment).where(
                r.c.workshop_id == workshop_id, r.c.group_id == group_id, r.c.round == round,
                r.c.comment.is_not(None))).all()
        return {row.axis_key: row.comment for row in rows}

    def saved_form(self, workshop_id: str, group_id: int, round: int = 1, answers: bool = True) -> SavedForm:
        """`saved_values`, `saved_comments`, `has_submitted` and (with `answers`) `saved_answers` in one read
        transaction, as a group's form is drawn after every press: one connection instead of four."""
        r, s, q, a = ratings_table, submissions, questions_table, answers_table
        with self._read() as conn:
            rows = conn.execute(select(r.c.axis_key, r.c.value, r.c.comment).where(
                r.c.workshop_id == workshop_id, r.c.group_id == group_id, r.c.round == round)).all()
            submitted = conn.scalar(select(s.c.id).where(
                s.c.workshop_id == workshop_id, s.c.group_id == group_id, s.c.round == round)) is not None
            points = conn.execute(select(a.c.question_id, a.c.points).join(q, q.c.id == a.c.question_id).where(
                q.c.workshop_id == workshop_id, a.c.group_id == group_id)).all() if answers else []
        return SavedForm({row.axis_key: row.value for row in rows},
                         {row.axis_key: row.comment for row in rows if row.comment is not None}, submitted,
                         {row.question_id: json.loads(row.points) for row in points})

    def has_submitted(self, workshop_id: str, group_id: int, round: int = 1) -> bool:
        s = submissions
        with self._read() as conn:
            return conn.scalar(select(s.c.id).where(
                s.c.workshop_id == workshop_id, s.c.group_id == group_id, s.c.round == round)) is not None

    def snapshot(self, workshop_id: str) -> WorkshopData:
        """Everything a view, an export or the CLI shows of one workshop, read in ONE read transaction
        (SQLite's read snapshot, PostgreSQL's REPEATABLE READ): a rating submitted meanwhile is in every
        part of it or in none. Unknown ids raise `NotFoundError`; a workshop in the bin is returned with
        `deleted_at` set, so a page's visibility check (`results_visible`) decides."""
        if not _looks_like_id(workshop_id):
            raise NotFoundError("workshop_not_found")
        with self._read() as conn:
            w = self._workshop(conn, workshop_id)
            revision = conn.scalar(select(workshops.c.revision).where(workshops.c.id == workshop_id))
            group_rows = conn.execute(select(groups.c.name, groups.c.party, groups.c.revoked).where(
                groups.c.workshop_id == workshop_id).order_by(groups.c.position)).all()
            ratings = self._ratings(conn, w, 1)
            round2 = self._ratings(conn, w, 2) if w.in_round2 else None
            overrides = self._overrides(conn, workshop_id)
            comments = self._comments(conn, workshop_id, 1)
            answers = self._answers(conn, workshop_id)
            questions = self._questions(conn, workshop_id)
            presenter = self._presenter(conn, workshop_id)
            narratives = {r.lang: r.text for r in conn.execute(select(narratives_table.c.lang, narratives_table.c.text)
                                                               .where(narratives_table.c.workshop_id == workshop_id))}
        return WorkshopData(
            workshop=w, revision=str(revision), ratings=ratings, round2=round2, overrides=overrides,
            comments={k: tuple(v) for k, v in comments.items()},
            questions=tuple(replace(q, answers=tuple(GroupAnswer(g, tuple(p)) for g, p in answers.get(q.id, ())))
                            for q in questions),
            narratives=narratives,
            groups=tuple(GroupInfo(g.name, g.party, bool(g.revoked)) for g in group_rows),
            presenter=presenter,
        )

    def ratings(self, workshop_id: str, round: int = 1, include_revoked: bool = True) -> Ratings:
        """The analysis input: groups that submitted in `round`, in group order; NaN where skipped."""
        round = _check_round(round)
        with self._read() as conn:
            return self._ratings(conn, self._workshop(conn, workshop_id), round, include_revoked)

    @staticmethod
    def _ratings(conn: Connection, w: Workshop, round: int, include_revoked: bool = True) -> Ratings:
        workshop_id = w.id
        axis_list = w.axes_for_round(round)
        conditions = [submissions.c.workshop_id == workshop_id, submissions.c.round == round]
        if not include_revoked:
            conditions.append(groups.c.revoked.is_(False))
        submitted = conn.execute(
            select(groups.c.id, groups.c.name).join(submissions, submissions.c.group_id == groups.c.id)
            .where(*conditions).order_by(groups.c.position)).all()
        r = ratings_table
        stored = conn.execute(select(r.c.group_id, r.c.axis_key, r.c.value).where(
            r.c.workshop_id == workshop_id, r.c.round == round)).all()
        row_of = {g.id: i for i, g in enumerate(submitted)}
        col_of = {a.key: j for j, a in enumerate(axis_list)}
        values = np.full((len(submitted), len(axis_list)), np.nan)
        at = [(row_of[g], col_of[k], v) for g, k, v in stored if g in row_of and k in col_of and v is not None]
        if at:  # one assignment, not one per stored value: 400 at 50 groups, a third of a board's snapshot
            i, j, v = zip(*at)
            values[list(i), list(j)] = v
        return Ratings(tuple(g.name for g in submitted), axis_list, values, w.scale)

    def progress(self, workshop_id: str, round: int = 1) -> tuple[int, int]:
        """(groups that have submitted in `round`, groups) for the live "N av M": a revoked group counts
        only if it submitted, since its ratings stay in the results. Two COUNT queries."""
        round = _check_round(round)
        s = submissions
        submitted = select(s.c.group_id).where(s.c.workshop_id == workshop_id, s.c.round == round)
        with self._read() as conn:
            done = conn.scalar(select(func.count()).select_from(s).where(
                s.c.workshop_id == workshop_id, s.c.round == round))
            total = conn.scalar(select(func.count()).select_from(groups).where(
                groups.c.workshop_id == workshop_id,
                or_(groups.c.revoked.is_(False), groups.c.id.in_(submitted))))
        return int(done), int(total)

    def status(self, workshop_id: str, round: int = 1) -> list[GroupStatus]:
        """Every group with when it submitted (None if not yet) and which axes it skipped."""
        round = _check_round(round)
        with self._read() as conn:
            w = self._workshop(conn, workshop_id)
            group_rows = conn.execute(
                select(groups).where(groups.c.workshop_id == workshop_id).order_by(groups.c.position)).all()
            sub = {row.group_id: row for row in conn.execute(select(submissions).where(
                submissions.c.workshop_id == workshop_id, submissions.c.round == round))}
            r = ratings_table
            answered: dict[int, set[str]] = {}
            for row in conn.execute(select(r.c.group_id, r.c.axis_key).where(
                    r.c.workshop_id == workshop_id, r.c.round == round, r.c.value.is_not(None))):
                answered.setdefault(row.group_id, set()).add(row.axis_key)
        keys = [a.key for a in w.axes_for_round(round)]
        result = []
        for g in group_rows:
            s = sub.get(g.id)
            skipped = tuple(k for k in keys if k not in answered.get(g.id, set())) if s else ()
            result.append(GroupStatus(self._group_from(g), s.submitted_at if s else None, skipped,
                                      s.entered_by if s else None))
        return result

    def history(self, workshop_id: str) -> list[HistoryRow]:
        """Every rating write in order, so an overwritten value can always be found again."""
        h = rating_history
        with self._read() as conn:
            rows = conn.execute(select(h, groups.c.name.label("group_name"))
                                .join(groups, groups.c.id == h.c.group_id)
                                .where(h.c.workshop_id == workshop_id).order_by(h.c.id)).all()
        return [HistoryRow(id=r.id, group_id=r.group_id, group_name=r.group_name, axis_key=r.axis_key,
                           round=r.round, old_value=r.old_value, new_value=r.new_value,
                           had_previous=bool(r.had_previous), comment=r.comment, entered_by=r.entered_by, at=r.at)
                for r in rows]

    def comments(self, workshop_id: str, round: int = 1) -> dict[str, list[tuple[str, str]]]:
        """Comments per axis key (axis order, then group order); axes without comments are left out."""
        with self._read() as conn:
            return self._comments(conn, workshop_id, round)

    @staticmethod
    def _comments(conn: Connection, workshop_id: str, round: int) -> dict[str, list[tuple[str, str]]]:
        r = ratings_table
        rows = conn.execute(
            select(r.c.axis_key, groups.c.name, r.c.comment)
            .join(groups, groups.c.id == r.c.group_id)
            .join(axes, (axes.c.workshop_id == r.c.workshop_id) & (axes.c.key == r.c.axis_key))
            .where(r.c.workshop_id == workshop_id, r.c.round == round, r.c.comment.is_not(None))
            .order_by(axes.c.position, groups.c.position)).all()
        result: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            result.setdefault(row.axis_key, []).append((row.name, row.comment))
        return result

    # -- questions

    def questions(self, workshop_id: str) -> list[Question]:
        """The discussion questions in order, without answers (`snapshot` has them with answers)."""
        with self._read() as conn:
            return self._questions(conn, workshop_id)

    @staticmethod
    def _questions(conn: Connection, workshop_id: str) -> list[Question]:
        q = questions_table
        rows = conn.execute(select(q).where(q.c.workshop_id == workshop_id).order_by(q.c.position)).all()
        return [Question(r.text, summary=r.summary or "", id=r.id, position=r.position) for r in rows]

    def set_questions(self, workshop_id: str, items: Sequence[str | tuple[int | None, str]], *,
                      force: bool = False) -> list[Question]:
        """The workshop's questions in the order given: `(id, text)` keeps that question (its answers and
        summary go with it, whatever its place), a plain text or `(None, text)` adds a new one, and a
        question left out is removed — refused when it has answers, unless `force`.
        """
        if isinstance(items, str):
            items = [items]
        pairs = [item if isinstance(item, tuple) and len(item) == 2 else (None, item) for item in items]
        cleaned = _check_questions([t for _, t in pairs])
        ids = [qid for qid, _ in pairs if qid is not None]
        if len(ids) != len(set(ids)):
            raise ValidationError("question_twice", field="questions")
        q, a = questions_table, answers_table
        with self._write() as conn:
            self._bump(conn, workshop_id)
            existing = {r.id: r for r in conn.execute(select(q).where(q.c.workshop_id == workshop_id)).all()}
            kept = [qid for qid, _ in pairs if qid is not None]
            for qid in kept:
                if qid not in existing:
                    raise NotFoundError("question_not_found")
            removed = sorted((r for r in existing.values() if r.id not in set(kept)), key=lambda r: r.position)
            if removed:
                answered = set(conn.scalars(select(a.c.question_id).where(
                    a.c.question_id.in_([r.id for r in removed]), a.c.points != "[]")).all())
                if answered and not force:
                    first = next(r for r in removed if r.id in answered)
                    raise ValidationError("question_has_answers", field="questions", position=first.position + 1)
                ids = [r.id for r in removed]
                conn.execute(delete(a).where(a.c.question_id.in_(ids)))
                conn.execute(delete(q).where(q.c.id.in_(ids)))
            # Positions are unique: move the kept ones out of the way first, then number everything anew.
            for qid in kept:
                conn.execute(update(q).where(q.c.id == qid).values(position=-1 - existing[qid].position))
            for position, ((qid, _), new_text) in enumerate(zip(pairs, cleaned)):
                if qid is None:
                    conn.execute(q.insert().values(workshop_id=workshop_id, position=position, text=new_text,
                                                   summary=None))
                else:
                    conn.execute(update(q).where(q.c.id == qid).values(position=position, text=new_text))
        return self.questions(workshop_id)

    def _question(self, conn: Connection, question_id: int) -> Any:
        row = conn.execute(select(questions_table).where(questions_table.c.id == question_id)).first() \
            if isinstance(question_id, int) and not isinstance(question_id, bool) else None
        if row is None:
            raise NotFoundError("question_not_found")
        return row

    def save_answers(self, workshop_id: str, group_id: int, question_id: int, points: Sequence[str], *,
                     entered_by: str = "group", token: str | None = None) -> datetime:
        """A group's bullet points for one question (blank ones dropped); same write rules as ratings."""
        return self.save_all_answers(workshop_id, group_id, {question_id: points}, entered_by=entered_by, token=token)

    def save_all_answers(self, workshop_id: str, group_id: int, answers: Mapping[int, Sequence[str]], *,
                         entered_by: str = "group", token: str | None = None) -> datetime:
        """A group's points for several questions in one transaction (all or none); same rules as ratings."""
        entered_by = _check_entered_by(entered_by)
        cleaned = {q: _check_points(p) for q, p in answers.items()}
        with self._write() as conn:
            self._bump(conn, workshop_id)
            w = self._workshop(conn, workshop_id)
            group = self._group_in(conn, workshop_id, group_id)
            _may_write(w, group, w.current_round, entered_by, token)
            now = _now()
            self._write_answers(conn, w, group, cleaned, entered_by, now)
        return now

    def _write_answers(self, conn: Connection, w: Workshop, group: Group, answers: Mapping[int, list[str]],
                       entered_by: str, now: datetime) -> None:
        if not answers:
            return
        q = questions_table
        ids = [i for i in answers if isinstance(i, int) and not isinstance(i, bool)]
        owner = dict(conn.execute(select(q.c.id, q.c.workshop_id).where(q.c.id.in_(ids))).all()) if ids else {}
        for question_id in answers:
            if question_id not in owner:
                raise NotFoundError("question_not_found")
            if owner[question_id] != w.id:
                raise ValidationError("question_not_in_workshop", field="question")
        conn.execute(self._upsert(answers_table, ("question_id", "group_id"), ("points", "entered_by", "updated_at")), [
            dict(question_id=question_id, group_id=group.id, entered_by=entered_by,
                 points=json.dumps(points, ensure_ascii=False), updated_at=now)
            for question_id, points in answers.items()])

    def answers(self, workshop_id: str) -> dict[int, list[tuple[str, list[str]]]]:
        """Every question id → (group name, points) in group order; a question nobody answered maps to []."""
        with self._read() as conn:
            return self._answers(conn, workshop_id)

    @staticmethod
    def _answers(conn: Connection, workshop_id: str) -> dict[int, list[tuple[str, list[str]]]]:
        q, a = questions_table, answers_table
        question_ids = conn.scalars(select(q.c.id).where(q.c.workshop_id == workshop_id).order_by(q.c.position)).all()
        rows = conn.execute(
            select(a.c.question_id, groups.c.name, a.c.points)
            .join(q, q.c.id == a.c.question_id).join(groups, groups.c.id == a.c.group_id)
            .where(q.c.workshop_id == workshop_id).order_by(q.c.position, groups.c.position)).all()
        result: dict[int, list[tuple[str, list[str]]]] = {qid: [] for qid in question_ids}
        for row in rows:
            points = json.loads(row.points)
            if points:
                result[row.question_id].append((row.name, points))
        return result

    def saved_answers(self, workshop_id: str, group_id: int) -> dict[int, list[str]]:
        q, a = questions_table, answers_table
        with self._read() as conn:
            rows = conn.execute(select(a.c.question_id, a.c.points).join(q, q.c.id == a.c.question_id)
                                .where(q.c.workshop_id == workshop_id, a.c.group_id == group_id)).all()
        return {row.question_id: json.loads(row.points) for row in rows}

    def set_question_summary(self, question_id: int, text: str | None) -> None:
        """The facilitator's summary of the groups' answers (None or blank removes it)."""
        summary = None if text is None else _text(text, "summary", MAX_SUMMARY) or None
        with self._write() as conn:
            row = self._question(conn, question_id)
            self._bump(conn, row.workshop_id)
            conn.execute(update(questions_table).where(questions_table.c.id == question_id).values(summary=summary))

    # -- labels and text

    def set_override(self, workshop_id: str, axis_key: str, label: str | Interpretation | None, *,
                     expected: str | None | object = ...) -> None:
        """A facilitator's own interpretation label for an axis (None goes back to the computed one).

        `expected` is the label (or None) the facilitator's page showed: when another facilitator has changed
        it since, the write is refused instead of silently undoing theirs."""
        if label is not None:
            try:
                label = Interpretation(label).value
            except ValueError:
                raise ValidationError("bad_label", field=axis_key, label=str(label)[:40]) from None
        o = overrides_table
        with self._write() as conn:
            self._bump(conn, workshop_id)
            w = self._workshop(conn, workshop_id)
            by_key = {a.key: a for a in w.axes}
            if axis_key not in by_key:
                raise ValidationError("unknown_axis", field=str(axis_key)[:MAX_AXIS_KEY], axis=str(axis_key)[:MAX_AXIS_KEY])
            if expected is not ...:
                stored = conn.scalar(select(o.c.label).where(o.c.workshop_id == workshop_id, o.c.axis_key == axis_key))
                wanted = None if expected is None else Interpretation(expected).value
                if stored != wanted:
                    raise ValidationError("override_changed", field=axis_key, axis=by_key[axis_key])
            conn.execute(delete(o).where(o.c.workshop_id == workshop_id, o.c.axis_key == axis_key))
            if label is not None:
                conn.execute(o.insert().values(workshop_id=workshop_id, axis_key=axis_key, label=label))

    def overrides(self, workshop_id: str) -> dict[str, str]:
        with self._read() as conn:
            return self._overrides(conn, workshop_id)

    @staticmethod
    def _overrides(conn: Connection, workshop_id: str) -> dict[str, str]:
        o = overrides_table
        rows = conn.execute(select(o.c.axis_key, o.c.label).where(o.c.workshop_id == workshop_id)).all()
        return {r.axis_key: r.label for r in rows}

    def set_narrative(self, workshop_id: str, lang: str, text: str | None) -> None:
        """The edited narrative for the minutes in one language (None or blank removes it)."""
        lang = _check_lang(lang)
        value = None if text is None else _text(text, "narrative", MAX_NARRATIVE) or None
        n = narratives_table
        with self._write() as conn:
            self._bump(conn, workshop_id)
            conn.execute(delete(n).where(n.c.workshop_id == workshop_id, n.c.lang == lang))
            if value is not None:
                conn.execute(n.insert().values(workshop_id=workshop_id, lang=lang, text=value))

    def narrative(self, workshop_id: str, lang: str) -> str | None:
        n = narratives_table
        with self._read() as conn:
            return conn.scalar(select(n.c.text).where(n.c.workshop_id == workshop_id, n.c.lang == lang))

    # -- settings

    def get_setting(self, key: str) -> str | None:
        with self._read() as conn:
            return conn.scalar(select(settings_table.c.value).where(settings_table.c.key == key))

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a value (None deletes it)."""
        self.update_setting(key, lambda _old: value)

    def update_setting(self, key: str, change: Callable[[str | None], str | None]) -> str | None:
        """Read-modify-write one setting atomically across threads and processes; returns the new value.

        `change` gets the current value (None when absent) and returns the new one (None deletes);
        it runs inside the transaction, so keep it quick and free of I/O.
        """
        s = settings_table
        with self._write() as conn:
            if self._pg:  # SQLite's BEGIN IMMEDIATE already excludes other writers; PostgreSQL locks the key
                conn.execute(text("SELECT pg_advisory_xact_lock(:k, hashtext(:key))"),
                             {"k": _SETTINGS_LOCK_KEY, "key": key})
            current = conn.scalar(select(s.c.value).where(s.c.key == key))
            new = change(current)
            if new is None:
                if current is not None:
                    conn.execute(delete(s).where(s.c.key == key))
            elif new != current:
                self._put_setting(conn, key, new)
        return new

    def _put_setting(self, conn: Connection, key: str, value: str) -> None:
        conn.execute(self._upsert(settings_table, ("key",), ("value",)), [dict(key=key, value=value)])

    # -- the projector

    def set_presenter(self, workshop_id: str, *, timer_minutes: float | None | object = ...,
                      focus: str | None | object = ...) -> PresenterState:
        """Start (minutes) or stop (None) the projector's countdown, and put one axis in focus (None: all);
        an argument left out keeps its value. Bumps the workshop, so every screen follows at once."""
        with self._write() as conn:
            self._bump(conn, workshop_id)
            w = self._workshop(conn, workshop_id)
            state = self._presenter(conn, workshop_id)
            if timer_minutes is not ...:
                if timer_minutes is not None:
                    minutes = float(timer_minutes) if isinstance(timer_minutes, (int, float)) else math.nan
                    if not 0 < minutes <= MAX_TIMER_MINUTES:
                        raise ValidationError("bad_timer", field="timer", limit=MAX_TIMER_MINUTES)
                    state = replace(state, timer_end=time.time() + minutes * 60)
                else:
                    state = replace(state, timer_end=None)
            if focus is not ...:
                if focus is not None and focus not in {a.key for a in w.axes}:
                    raise ValidationError("unknown_axis", field=str(focus)[:MAX_AXIS_KEY], axis=str(focus)[:MAX_AXIS_KEY])
                state = replace(state, focus=focus)
            self._put_setting(conn, f"presenter:{workshop_id}",
                              json.dumps({"timer_end": state.timer_end, "focus": state.focus}))
        return state

    @staticmethod
    def _presenter(conn: Connection, workshop_id: str) -> PresenterState:
        raw = conn.scalar(select(settings_table.c.value).where(settings_table.c.key == f"presenter:{workshop_id}"))
        try:
            data = json.loads(raw) if raw else {}
            return PresenterState(data.get("timer_end"), data.get("focus"))
        except (ValueError, TypeError, AttributeError):
            return PresenterState()

    # -- sample data

    def ensure_sample_workshop(self, csv_path: str | Path) -> Workshop | None:
        """On an empty database, create the 2026 member-consultation workshop from its CSV; else None.

        Safe when several processes start at once: the emptiness check and the creation share one locked
        transaction, so exactly one of them creates it.
        """
        with self._read() as conn:
            if conn.scalar(select(workshops.c.id).limit(1)) is not None:
                return None
        from ..importer import read_ratings

        sample = read_ratings(csv_path)
        axis_list = _check_axes(sample.axes)
        with self._write() as conn:
            if self._pg:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SAMPLE_LOCK_KEY})
            if conn.scalar(select(workshops.c.id).limit(1)) is not None:
                return None
            workshop_id = self._insert_workshop(
                conn, title=SAMPLE_TITLE, date=SAMPLE_DATE, place=SAMPLE_PLACE, federation=SAMPLE_FEDERATION,
                scale=sample.scale, axis_list=axis_list, question_texts=DEFAULT_QUESTIONS_SV, state="revealed")
            w = self._workshop(conn, workshop_id)
            for name, row in zip(sample.groups, sample.values):
                group = self._insert_group(conn, workshop_id, _check_group_name(name), None)
                values = {a.key: (None if math.isnan(v) else float(v)) for a, v in zip(axis_list, row)}
                self._write_ratings(conn, w, group, values, 1, "facilitator", None)
            return self._workshop(conn, workshop_id)
