"""Every value checked before it is written: the limits, and the rules for who may write when."""

from __future__ import annotations

import math
import numbers
import secrets
from datetime import date as Date
from datetime import datetime
from typing import Any, Mapping, Sequence

from analysis.model import Axis
from analysis.names import clean_name, name_key, unsafe_character

from .errors import _FIELDS, ClosedError, ValidationError, _Both
from .rows import ENTERED_BY, LANGS, PARTIES, Group, Workshop

MIN_AXES, MAX_AXES = 3, 24
MAX_TITLE = 200
MAX_AXIS_KEY, MAX_AXIS_NAME, MAX_AXIS_DESCRIPTION = 64, 100, 500
MAX_GROUP_NAME = 80
MAX_COMMENT = 200
MAX_QUESTIONS, MAX_QUESTION = 20, 500
MAX_POINTS, MAX_POINT = 20, 300
MAX_SUMMARY = 5000
MAX_TIMER_MINUTES = 120  # the projector's countdown: two hours at most
MAX_NARRATIVE = 20000


def _text(value: Any, field: str, limit: int, *, required: bool = False) -> str:
    what = _FIELDS.get(field, _Both(field, field))
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError("not_text", field=field, what=what)
    value = value.strip()
    bad = unsafe_character(value)
    if bad:
        raise ValidationError("bad_character", field=field, what=what, char=bad)
    if required and not value:
        raise ValidationError("title_empty", field=field)
    if len(value) > limit:
        raise ValidationError("too_long", field=field, what=what, limit=limit)
    return value


def _iso_date(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, Date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return Date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ValidationError("bad_date", field="date", value=str(value)[:40])


def _check_axes(given: Sequence[Axis]) -> tuple[Axis, ...]:
    result = tuple(given)
    if len(result) < MIN_AXES:
        raise ValidationError("too_few_axes", field="axes", limit=MIN_AXES)
    if len(result) > MAX_AXES:
        raise ValidationError("too_many_axes", field="axes", limit=MAX_AXES)
    keys: set[str] = set()
    names: set[str] = set()
    cleaned = []
    for i, axis in enumerate(result, start=1):
        if not isinstance(axis, Axis) or not isinstance(axis.key, str) or not isinstance(axis.name_sv, str) \
                or not axis.key.strip() or not axis.name_sv.strip():
            raise ValidationError("bad_axis", field="axes", position=i)
        bad = next(filter(None, map(unsafe_character, (axis.key, axis.name_sv, axis.name_en or "",
                                                       axis.description_sv or "", axis.description_en or ""))), None)
        if bad:
            raise ValidationError("axis_bad_character", field="axes", position=i, char=bad)
        axis = Axis(axis.key.strip(), axis.name_sv.strip(), (axis.name_en or "").strip(),
                    (axis.description_sv or "").strip(), (axis.description_en or "").strip())
        if len(axis.key) > MAX_AXIS_KEY or max(len(axis.name_sv), len(axis.name_en)) > MAX_AXIS_NAME \
                or max(len(axis.description_sv), len(axis.description_en)) > MAX_AXIS_DESCRIPTION:
            raise ValidationError("axis_too_long", field=axis.key, axis=axis.name_sv[:40])
        if axis.key in keys:
            raise ValidationError("duplicate_axis_key", field=axis.key, key=axis.key)
        for name in {name_key(axis.name_sv), name_key(axis.name_en)} - {""}:
            if name in names:
                raise ValidationError("duplicate_axis_name", field=axis.key,
                                      name=axis.name_sv if name == name_key(axis.name_sv) else axis.name_en)
            names.add(name)
        keys.add(axis.key)
        cleaned.append(axis)
    return tuple(cleaned)


def _check_questions(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        texts = [texts]
    texts = list(texts)
    if len(texts) > MAX_QUESTIONS:
        raise ValidationError("too_many_questions", field="questions", limit=MAX_QUESTIONS)
    cleaned = []
    for i, q in enumerate(texts, start=1):
        q = q.strip() if isinstance(q, str) else ""
        if not q:
            raise ValidationError("question_empty", field="questions", position=i)
        bad = unsafe_character(q)
        if bad:
            raise ValidationError("question_bad_character", field="questions", position=i, char=bad)
        if len(q) > MAX_QUESTION:
            raise ValidationError("question_too_long", field="questions", position=i, limit=MAX_QUESTION)
        cleaned.append(q)
    return cleaned


def _check_group_name(name: Any) -> str:
    """The name as stored: `clean_name` (NFC, invisible characters dropped, whitespace collapsed)."""
    name = clean_name(name) if isinstance(name, str) else ""
    if not name:
        raise ValidationError("group_empty", field="name")
    bad = unsafe_character(name)
    if bad:
        raise ValidationError("group_bad_character", field="name", char=bad)
    if len(name) > MAX_GROUP_NAME:
        raise ValidationError("group_too_long", field="name", name=name[:MAX_GROUP_NAME] + "…", limit=MAX_GROUP_NAME)
    return name


def _check_party(party: Any) -> str | None:
    if party is None or party == "":
        return None
    if party not in PARTIES:
        raise ValidationError("bad_party", field="party", party=str(party)[:40])
    return party


def _check_round(round: Any) -> int:
    if isinstance(round, bool) or round not in (1, 2):
        raise ValidationError("bad_round", field="round", round=str(round)[:10])
    return int(round)


def _check_entered_by(entered_by: Any) -> str:
    if entered_by not in ENTERED_BY:
        raise ValidationError("bad_entered_by", field="entered_by", value=str(entered_by)[:20])
    return entered_by


def _check_values(w: Workshop, values: Mapping[str, Any], round: int) -> dict[str, float | None]:
    """Each value None (skipped; NaN counts as skipped too) or exactly on the scale, snapped to its category."""
    if not values:
        raise ValidationError("no_values", field="values")
    by_key = {a.key: a for a in w.axes}
    allowed = set(w.round2_axes) if round == 2 else set(by_key)
    clean: dict[str, float | None] = {}
    for key, value in values.items():
        axis = by_key.get(key) if isinstance(key, str) else None
        if axis is None:
            raise ValidationError("unknown_axis", field=str(key)[:MAX_AXIS_KEY], axis=str(key)[:MAX_AXIS_KEY])
        if key not in allowed:
            raise ValidationError("not_in_round", field=key, axis=axis, round=round)
        if value is None:
            clean[key] = None
            continue
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValidationError("not_a_number", field=key, axis=axis, value=str(value)[:40])
        number = float(value)
        if math.isnan(number):
            clean[key] = None
            continue
        # The range check comes first: Scale.category_index overflows on huge values (round(inf)).
        index = w.scale.category_index(number) if w.scale.min <= number <= w.scale.max else None
        if index is None:
            s = w.scale
            raise ValidationError("off_scale", field=key, axis=axis, value=number,
                                  min=float(s.min), max=float(s.max), step=float(s.step))
        clean[key] = float(w.scale.exact_category(index))
    return clean


def _check_comments(w: Workshop, comments: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, str | None]:
    by_key = {a.key: a for a in w.axes}
    for key in comments:
        if key not in values:
            axis = by_key.get(key, str(key)[:MAX_AXIS_KEY])
            raise ValidationError("comment_without_value", field=str(key)[:MAX_AXIS_KEY], axis=axis)
    clean: dict[str, str | None] = {}
    for key in values:
        comment = comments.get(key)
        if comment is None:
            clean[key] = None
            continue
        if not isinstance(comment, str):
            raise ValidationError("not_text", field=key, what=by_key[key])
        comment = comment.strip()
        if "\n" in comment or "\r" in comment:
            raise ValidationError("comment_multiline", field=key, axis=by_key[key])
        bad = unsafe_character(comment)
        if bad:
            raise ValidationError("comment_bad_character", field=key, axis=by_key[key], char=bad)
        if len(comment) > MAX_COMMENT:
            raise ValidationError("comment_too_long", field=key, axis=by_key[key], limit=MAX_COMMENT)
        clean[key] = comment or None
    return clean


def _check_points(points: Sequence[str]) -> list[str]:
    if isinstance(points, str):
        points = [points]
    cleaned = []
    for i, point in enumerate(points, start=1):
        if point is None:
            continue
        if not isinstance(point, str):
            raise ValidationError("not_text", field="points", what=_FIELDS["point"])
        point = " ".join(point.split())
        if not point:
            continue
        if len(point) > MAX_POINT:
            raise ValidationError("point_too_long", field="points", position=i, limit=MAX_POINT)
        bad = unsafe_character(point)
        if bad:
            raise ValidationError("point_bad_character", field="points", position=i, char=bad)
        cleaned.append(point)
    if len(cleaned) > MAX_POINTS:
        raise ValidationError("too_many_points", field="points", limit=MAX_POINTS)
    return cleaned


def _check_lang(lang: Any) -> str:
    if lang not in LANGS:
        raise ValidationError("bad_lang", field="lang", lang=str(lang)[:10])
    return lang


def _may_write(w: Workshop, group: Group, round: int, entered_by: str, token: str | None = None, *,
               rating: bool = False) -> None:
    """Groups write only to the current round of an open workshop, only through the link their page was
    opened with (`token`, when given), and ratings of round 1 not once the results are shown
    (`Workshop.group_may_rate`); the facilitator always may."""
    if round == 2 and not w.round2_axes:
        raise ValidationError("round2_not_open", field="round")
    if entered_by == "facilitator":
        return
    if group.revoked:
        raise ClosedError("revoked")
    if token is not None and not secrets.compare_digest(str(token).encode(), group.token.encode()):
        raise ClosedError("stale_link")
    if w.deleted_at is not None:
        raise ClosedError("closed")
    if w.state == "draft":
        raise ClosedError("not_open")
    if not w.group_may_write:
        raise ClosedError("closed")
    if round != w.current_round:
        raise ClosedError("wrong_round", round=round)
    if rating and not w.group_may_rate(round):
        raise ClosedError("rating_locked")
