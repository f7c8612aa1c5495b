"""How a group's phone follows the facilitator (open, reveal, round 2, close, new questions, a revoked link)
without a Streamlit run every two seconds.

The rating page renders the phase it was drawn in (`phase`, a short digest) into a hidden marker; the page's
own script (survey/client.js) asks `PATH` for the phase now while the page is in view; the server holds the
question until the phase differs from the one the page shows (or HOLD_SECONDS pass), and only then does the
page have Streamlit run it again (a hidden button). Fifty phones waiting cost one small query a second per
process (the workshop's change marker) and a few requests a minute per phone; a Streamlit fragment polling
did a script run per phone and redrew every phone's page, twenty-five times a second.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import signal
import threading
import time

from .store import NotFoundError

PATH = "/spindeln/phase"

FRESH_SECONDS = 1.0  # a phone's question is answered from memory when the database was asked this recently
HOLD_SECONDS = 20  # how long the server holds a phone's question when nothing changes (then "unchanged")

_GONE = ("gone",)
# This server process: a page drawn by another one (before a restart, or by a replica that has gone) has a
# session the server no longer knows, whose form the server would ignore, so it must be drawn again.
PROCESS = secrets.token_hex(8)
# workshop id → (change marker, state, live links, when the marker was last read: time.monotonic())
_latest: dict[str, tuple[str, tuple, dict[str, str], float]] = {}
_lock = threading.Lock()
_KEEP = 256  # workshops remembered at once; more are simply read again


def phase(store, workshop_id: str, token: str) -> str:
    """The phase of the group page `?w=workshop_id&g=token`: it changes exactly when that page must be drawn
    again (and PROCESS says when the server is another one). Shared by every phone of a workshop for one state
    of it: asking again when nothing changed costs one small query."""
    return _page_phase(_read(store, workshop_id), token)


def looks(store, workshop_id: str) -> tuple:
    """What every group page of the workshop is drawn from now (its state and the live links), read as `phase`
    reads it: what a watcher of held questions compares (survey/web.py) to know when to look at them again."""
    _, state, live, _ = _read(store, workshop_id)
    return state, live


def recent_phase(workshop_id: str, token: str, within: float = FRESH_SECONDS) -> str | None:
    """The phase as this process read it less than `within` seconds ago, without asking the database (fifty
    phones share one read a second); None when it is older or unknown. So a change made through another
    process reaches a phone held here within about `within`."""
    known = _latest.get(workshop_id)
    if known is None or time.monotonic() - known[3] > within:
        return None
    return _page_phase(known, token)


def _read(store, workshop_id: str) -> tuple[str | None, tuple, dict[str, str], float]:
    """(change marker, state, live links, when read) of the workshop, remembered for every phone of this
    process. The marker is read before the state, so what is remembered under it is never older; a workshop
    that is not there (or no longer) is remembered as gone."""
    read_at = time.monotonic()
    try:
        marker = store.change_marker(workshop_id)
        known = _latest.get(workshop_id)
        if known is None or known[0] != marker:
            known = (marker, *store.follow_state(workshop_id), read_at)
        else:
            known = (*known[:3], read_at)
    except NotFoundError:
        known = (None, _GONE, {}, read_at)
    with _lock:
        if len(_latest) >= _KEEP and workshop_id not in _latest:
            _latest.clear()
        _latest[workshop_id] = known
    return known


def _page_phase(known: tuple[str, tuple, dict[str, str], float], token: str) -> str:
    _, state, live, _ = known
    return _digest(_GONE) if state == _GONE else _digest((*state, live.get(token)))


def _digest(value: tuple) -> str:
    return hashlib.sha256(json.dumps(value, default=str, ensure_ascii=False).encode()).hexdigest()[:16]


def stopping() -> bool:
    """Whether the server is shutting down, so that held questions are answered now rather than keeping it
    waiting for them (uvicorn waits for every request in progress). uvicorn's own SIGTERM handler is a method of
    its server, which says `should_exit`; with any other handler this is False and a stop waits at most
    HOLD_SECONDS (tests/survey/test_follow.py stops a server with a question held)."""
    server = getattr(signal.getsignal(signal.SIGTERM), "__self__", None)
    return bool(getattr(server, "should_exit", False))
