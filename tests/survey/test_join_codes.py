"""Join codes (issue 13): a short code per group that a person can type, unique, and not guessable."""

from __future__ import annotations

import pytest

from survey import auth
from survey.store.codes import ALPHABET, format_join_code, new_join_code, normalize_join_code
from tests.conftest import SAMPLE_CSV


def test_codes_are_typable_and_typing_is_forgiving():
    code = new_join_code()
    assert len(code) == 6 and set(code) <= set(ALPHABET)
    assert not set("0O1IL2Z5S8B") & set(ALPHABET)  # no look-alikes on a card or a projector
    shown = format_join_code(code)
    assert shown == f"{code[:3]}-{code[3:]}"
    for typed in (shown, shown.lower(), f" {code[:3]} {code[3:]} ", code):
        assert normalize_join_code(typed) == code
    for bad in ("", "ABC", "K7M-4QPX", "O00000", None, 123, "K7M–4Q" + "P" * 20):
        assert normalize_join_code(bad) is None


def test_every_group_has_its_own_code_and_renewing_changes_it(store):
    w = store.ensure_sample_workshop(SAMPLE_CSV)
    groups = store.groups(w.id)
    codes = [g.join_code for g in groups]
    assert all(codes) and len(set(codes)) == len(codes)
    g = groups[0]
    assert store.group_by_code(format_join_code(g.join_code).lower()).id == g.id
    renewed = store.renew_token(g.id)
    assert renewed.join_code != g.join_code and renewed.token != g.token
    assert store.group_by_code(g.join_code) is None  # a lost card stops working
    store.revoke_group(groups[1].id)
    assert store.group_by_code(groups[1].join_code) is None
    store.delete_workshop(w.id)
    assert store.group_by_code(renewed.join_code) is None  # nothing in the bin can be joined


def test_guessing_codes_locks_the_guesser_out_not_the_room(store):
    w = store.ensure_sample_workshop(SAMPLE_CSV)
    right = store.groups(w.id)[0].join_code
    now = 1_000_000.0
    for i in range(auth.MAX_JOIN_TRIES - 1):
        assert auth.join_with_code(store, "AAAAAA", "203.0.113.9", now=now + i).status == auth.WRONG
    assert auth.join_with_code(store, "AAAAAA", "203.0.113.9", now=now + 30).status == auth.LOCKED
    locked = auth.join_with_code(store, right, "203.0.113.9", now=now + 31)
    assert locked.status == auth.LOCKED and locked.locked_for > 0  # even the right code waits out the lock
    ok = auth.join_with_code(store, right, "198.51.100.7", now=now + 31)  # another device is not affected
    assert ok.status == auth.OK and ok.group.join_code == right
    assert auth.join_with_code(store, right, "203.0.113.9", now=now + 31 + 61).status == auth.OK
    auth.unlock(store)
    assert store.get_setting(auth.JOIN_THROTTLE_SETTING) is None


@pytest.mark.parametrize("typed", ["", "x" * 500, "'; DROP TABLE groups; --", "\u202eABCDEF"])
def test_hostile_codes_are_just_wrong(store, typed):
    store.ensure_sample_workshop(SAMPLE_CSV)
    assert auth.join_with_code(store, typed, "203.0.113.9").status == auth.WRONG
