"""What the store refuses and how it says so: the error classes and their messages in Swedish and English."""

from __future__ import annotations

import math
from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy.exc import DBAPIError, IntegrityError

from analysis.formatting import format_value
from analysis.model import Axis


class _Both:
    """A text in both languages, resolved when the message is rendered."""

    def __init__(self, sv: str, en: str) -> None:
        self.sv, self.en = sv, en

    def name(self, lang: str = "sv") -> str:
        return self.en if lang == "en" else self.sv


_FIELDS = {
    "title": _Both("titeln", "the title"),
    "place": _Both("platsen", "the place"),
    "federation": _Both("förbundet", "the federation"),
    "summary": _Both("sammanfattningen", "the summary"),
    "narrative": _Both("texten", "the text"),
    "point": _Both("punkten", "the point"),
}

MESSAGES: dict[str, dict[str, str]] = {
    "sv": {
        "workshop_not_found": "workshopen finns inte",
        "group_not_found": "gruppen finns inte",
        "question_not_found": "frågan finns inte",
        "group_not_in_workshop": "gruppen hör inte till den här workshopen",
        "question_not_in_workshop": "frågan hör inte till den här workshopen",
        "title_empty": "workshopen behöver en titel",
        "too_long": "{what} får vara högst {limit} tecken",
        "not_text": "{what} ska vara text",
        "bad_date": "'{value}' är inget datum (skriv ÅÅÅÅ-MM-DD)",
        "bad_scale": "skalan är ogiltig",
        "too_few_axes": "en workshop behöver minst {limit} axlar",
        "too_many_axes": "en workshop kan ha högst {limit} axlar",
        "bad_axis": "axel nummer {position} saknar nyckel eller namn",
        "axis_too_long": "axeln '{axis}' har för lång nyckel, namn eller beskrivning",
        "duplicate_axis_key": "axelnyckeln '{key}' finns två gånger",
        "duplicate_axis_name": "axeln '{name}' finns två gånger",
        "group_empty": "gruppen behöver ett namn",
        "group_too_long": "gruppnamnet '{name}' är längre än {limit} tecken",
        "group_duplicate": "det finns redan en grupp som heter '{name}'",
        "bad_party": "'{party}' är ingen känd part",
        "bad_state": "'{state}' är inget giltigt läge",
        "bad_round": "omgång {round} finns inte",
        "round2_not_open": "omgång 2 är inte öppnad",
        "no_round2_axes": "välj minst en axel till omgång 2",
        "bad_entered_by": "'{value}' är inte 'group' eller 'facilitator'",
        "no_values": "det finns inga värden att spara",
        "unknown_axis": "axeln '{axis}' finns inte i den här workshopen",
        "bad_timer": "nedräkningen ska vara mer än 0 och högst {limit} minuter",
        "not_in_round": "axeln {axis} ingår inte i omgång {round}",
        "not_a_number": "{axis}: '{value}' är inget tal",
        "off_scale": "{axis}: {value} ligger inte på skalan {min}–{max} i steg om {step}",
        "comment_without_value": "{axis}: en kommentar kräver att axeln finns bland värdena",
        "comment_too_long": "{axis}: kommentaren är längre än {limit} tecken",
        "comment_multiline": "{axis}: kommentaren ska vara en enda rad",
        "too_many_questions": "högst {limit} frågor",
        "question_empty": "fråga {position} är tom",
        "question_too_long": "fråga {position} är längre än {limit} tecken",
        "question_has_answers": "fråga {position} har redan svar och tas inte bort",
        "question_twice": "samma fråga finns två gånger i listan",
        "too_many_points": "högst {limit} punkter per fråga",
        "point_too_long": "punkt {position} är längre än {limit} tecken",
        "bad_label": "'{label}' är ingen känd tolkning",
        "bad_lang": "'{lang}' är inget språk som stöds (sv, en)",
        "not_open": "formuläret är inte öppet än",
        "closed": "workshopen är stängd; svaren kan inte längre ändras",
        "revoked": "gruppens länk gäller inte längre – be processledaren om en ny",
        "wrong_round": "omgång {round} är inte den pågående omgången",
        "rating_locked": "resultatet visas, så skattningen är låst; punkterna på frågorna kan ni fortfarande spara",
        "bad_character": "{what} innehåller ett tecken som inte får finnas i text ({char})",
        "group_bad_character": "gruppnamnet innehåller ett osynligt styrtecken ({char})",
        "axis_bad_character": "axel nummer {position} innehåller ett osynligt styrtecken ({char})",
        "question_bad_character": "fråga {position} innehåller ett tecken som inte får finnas i text ({char})",
        "point_bad_character": "punkt {position} innehåller ett tecken som inte får finnas i text ({char})",
        "comment_bad_character": "{axis}: kommentaren innehåller ett tecken som inte får finnas i text ({char})",
        "override_changed": "{axis}: tolkningen har just ändrats av någon annan – sidan visar nu den nya",
        "workshop_duplicate": "det finns redan en workshop '{title}' den {date}; välj en annan titel",
        "stale_link": "gruppens länk har bytts ut – öppna den nya länken från processledaren",
        "import_revoked": "gruppen '{name}' har en spärrad länk; öppna den igen innan filen läses in",
        "import_row": "gruppen '{name}': {reason}",
        "results_hidden": "resultatet är inte visat längre – ladda om sidan",
        "busy": "det är många som sparar just nu och inget sparades – försök igen om några sekunder",
        "unreachable": "databasen går inte att nå just nu och inget sparades – säg till den som driftar Spindeln",
        "unavailable": "databasen går inte att skriva till just nu (full disk eller skrivskyddad) och inget "
                       "sparades – säg till den som driftar Spindeln",
    },
    "en": {
        "workshop_not_found": "the workshop does not exist",
        "group_not_found": "the group does not exist",
        "question_not_found": "the question does not exist",
        "group_not_in_workshop": "the group does not belong to this workshop",
        "question_not_in_workshop": "the question does not belong to this workshop",
        "title_empty": "the workshop needs a title",
        "too_long": "{what} may be at most {limit} characters",
        "not_text": "{what} must be text",
        "bad_date": "'{value}' is not a date (write YYYY-MM-DD)",
        "bad_scale": "the scale is not valid",
        "too_few_axes": "a workshop needs at least {limit} axes",
        "too_many_axes": "a workshop can have at most {limit} axes",
        "bad_axis": "axis number {position} has no key or name",
        "axis_too_long": "the axis '{axis}' has a too long key, name or description",
        "duplicate_axis_key": "the axis key '{key}' appears twice",
        "duplicate_axis_name": "the axis '{name}' appears twice",
        "group_empty": "the group needs a name",
        "group_too_long": "the group name '{name}' is longer than {limit} characters",
        "group_duplicate": "there is already a group called '{name}'",
        "bad_party": "'{party}' is not a known member organisation",
        "bad_state": "'{state}' is not a valid state",
        "bad_round": "there is no round {round}",
        "round2_not_open": "round 2 has not been opened",
        "no_round2_axes": "choose at least one axis for round 2",
        "bad_entered_by": "'{value}' is neither 'group' nor 'facilitator'",
        "no_values": "there are no values to save",
        "unknown_axis": "the axis '{axis}' is not part of this workshop",
        "bad_timer": "the countdown must be more than 0 and at most {limit} minutes",
        "not_in_round": "the axis {axis} is not part of round {round}",
        "not_a_number": "{axis}: '{value}' is not a number",
        "off_scale": "{axis}: {value} is not on the scale {min}–{max} in steps of {step}",
        "comment_without_value": "{axis}: a comment needs the axis among the values",
        "comment_too_long": "{axis}: the comment is longer than {limit} characters",
        "comment_multiline": "{axis}: the comment must be a single line",
        "too_many_questions": "at most {limit} questions",
        "question_empty": "question {position} is empty",
        "question_too_long": "question {position} is longer than {limit} characters",
        "question_has_answers": "question {position} already has answers and is not removed",
        "question_twice": "the same question is in the list twice",
        "too_many_points": "at most {limit} points per question",
        "point_too_long": "point {position} is longer than {limit} characters",
        "bad_label": "'{label}' is not a known interpretation",
        "bad_lang": "'{lang}' is not a supported language (sv, en)",
        "not_open": "the form is not open yet",
        "closed": "the workshop is closed; answers can no longer be changed",
        "revoked": "the group's link is no longer valid – ask the facilitator for a new one",
        "wrong_round": "round {round} is not the current round",
        "rating_locked": "the results are shown, so the rating is locked; you can still save your points on the questions",
        "bad_character": "{what} holds a character that text may not contain ({char})",
        "group_bad_character": "the group name holds an invisible control character ({char})",
        "axis_bad_character": "axis number {position} holds an invisible control character ({char})",
        "question_bad_character": "question {position} holds a character that text may not contain ({char})",
        "point_bad_character": "point {position} holds a character that text may not contain ({char})",
        "comment_bad_character": "{axis}: the comment holds a character that text may not contain ({char})",
        "override_changed": "{axis}: someone else has just changed the interpretation – the page now shows it",
        "workshop_duplicate": "there is already a workshop '{title}' on {date}; choose another title",
        "stale_link": "the group's link has been replaced – open the new link from the facilitator",
        "import_revoked": "the group '{name}' has a revoked link; restore it before importing the file",
        "import_row": "the group '{name}': {reason}",
        "results_hidden": "the results are no longer shown – reload the page",
        "busy": "many are saving right now and nothing was saved – try again in a few seconds",
        "unreachable": "the database cannot be reached right now and nothing was saved – tell whoever runs Spindeln",
        "unavailable": "the database cannot be written to right now (disk full or read-only) and nothing was "
                       "saved – tell whoever runs Spindeln",
    },
}


class StoreError(Exception):
    """A refused store operation, with a message for the user in Swedish or English."""

    def __init__(self, code: str, *, field: str | None = None, **params: Any) -> None:
        self.code, self.field, self.params = code, field, params
        super().__init__(self.message("sv"))

    def message(self, lang: str = "sv") -> str:
        lang = lang if lang in MESSAGES else "sv"
        return MESSAGES[lang][self.code].format(**{k: _render(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.message("sv")


class ValidationError(StoreError, ValueError):
    """The input itself is wrong; nothing was written. `field` names the axis key or field when there is one."""


class ClosedError(StoreError):
    """The group may not write now (workshop not open, closed, another round, or its link revoked)."""


class NotFoundError(StoreError, LookupError):
    """No workshop, group or question with that id."""


class UnavailableError(StoreError):
    """The database refused the operation itself (busy past its timeout, disk full, read-only, gone); nothing
    was written. `busy` says whether trying again in a moment is likely to help."""

    @property
    def busy(self) -> bool:
        return self.code == "busy"


_BUSY_MARKERS = ("database is locked", "database is busy", "deadlock detected", "could not serialize",
                 "lock timeout", "canceling statement due to lock timeout")


# A server that is down, refuses or cannot be found (psycopg's wording): not a full disk, and saying so
# sends whoever runs Spindeln to the right place.
_UNREACHABLE_MARKERS = ("connection refused", "could not connect", "connection failed", "connection timeout",
                        "could not translate host name", "name or service not known", "server closed the connection",
                        "no route to host", "connection is lost", "terminating connection")


def _unavailable(exc: DBAPIError) -> UnavailableError:
    text = str(getattr(exc, "orig", exc)).lower()
    if any(m in text for m in _BUSY_MARKERS):
        return UnavailableError("busy")
    if any(m in text for m in _UNREACHABLE_MARKERS):
        return UnavailableError("unreachable")
    return UnavailableError("unavailable")


@contextmanager
def _refusals() -> Iterator[None]:
    """The database's own refusals as `UnavailableError`; a constraint violation stays what it is (a bug)."""
    try:
        yield
    except IntegrityError:
        raise
    except DBAPIError as exc:
        raise _unavailable(exc) from exc


def _render(value: Any, lang: str) -> str:
    if isinstance(value, (Axis, _Both)):
        return value.name(lang)
    if isinstance(value, StoreError):
        return value.message(lang)
    if isinstance(value, float):
        if math.isfinite(value) and abs(value) < 1e12:
            return format_value(value, lang)
        return f"{value:g}"
    return str(value)
