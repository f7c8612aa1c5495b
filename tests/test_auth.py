"""Admin password: generated once and stored as a hash, lock-out shared through the store (both backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey import auth
from survey.store import Store, settings_table

T0 = 1_800_000_000.0


@pytest.fixture(autouse=True)
def no_password_in_environment(monkeypatch):
    monkeypatch.delenv(auth.PASSWORD_ENV, raising=False)


@pytest.fixture
def sqlite_store(tmp_path):
    """The counting logic is backend-neutral (update_setting is tested on both); each check costs ~0.2 s."""
    s = Store(f"sqlite:///{tmp_path / 'auth.db'}")
    yield s
    s.dispose()


def settings_rows(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return {r.key: r.value for r in conn.execute(select(settings_table))}


def fail(store: Store, n: int, now: float) -> list[auth.LoginResult]:
    return [auth.check_password(store, "fel lösenord", now=now) for _ in range(n)]


def test_generated_password_is_returned_once_and_only_its_hash_is_stored(store, store_url):
    password = auth.ensure_admin_password(store)
    assert password and len(password) >= 12
    assert auth.ensure_admin_password(store) is None
    other_process = Store(store_url)
    assert auth.ensure_admin_password(other_process) is None
    other_process.dispose()
    rows = settings_rows(store)
    assert all(password not in value and password not in key for key, value in rows.items())
    algorithm, iterations, salt, digest = rows[auth.HASH_SETTING].split("$")
    assert algorithm == "pbkdf2_sha256" and int(iterations) >= 200_000 and salt and digest
    assert auth.check_password(store, password, now=T0) == auth.LoginResult(True, 0, 5)


def test_wrong_password_counts_down(sqlite_store):
    password = auth.ensure_admin_password(sqlite_store)
    assert [r.remaining_tries for r in fail(sqlite_store, 3, T0)] == [4, 3, 2]
    assert not any(r.ok for r in fail(sqlite_store, 1, T0))
    assert auth.check_password(sqlite_store, password, now=T0).ok
    assert auth.check_password(sqlite_store, "", now=T0).ok is False
    assert auth.check_password(sqlite_store, password + " ", now=T0).ok is False


def test_five_wrong_tries_lock_everyone_out_for_a_minute(store, store_url):
    password = auth.ensure_admin_password(store)
    results = fail(store, 5, T0)
    assert results[-1] == auth.LoginResult(False, 60, 0)
    assert auth.check_password(store, password, now=T0 + 30) == auth.LoginResult(False, 30, 0)  # right one too
    other_process = Store(store_url)
    assert auth.check_password(other_process, password, now=T0 + 59.5) == auth.LoginResult(False, 1, 0)
    other_process.dispose()
    assert auth.check_password(store, password, now=T0 + 60) == auth.LoginResult(True, 0, 5)


def test_an_expired_lock_out_gives_five_new_tries(sqlite_store):
    auth.ensure_admin_password(sqlite_store)
    fail(sqlite_store, 5, T0)
    assert fail(sqlite_store, 1, T0 + 61)[0] == auth.LoginResult(False, 0, 4)


def test_success_resets_the_count(sqlite_store):
    password = auth.ensure_admin_password(sqlite_store)
    fail(sqlite_store, 4, T0)
    assert auth.check_password(sqlite_store, password, now=T0).ok
    assert [r.remaining_tries for r in fail(sqlite_store, 4, T0)] == [4, 3, 2, 1]
    assert fail(sqlite_store, 1, T0)[0].locked_for == 60


def test_environment_password_takes_precedence(sqlite_store, monkeypatch):
    generated = auth.ensure_admin_password(sqlite_store)
    monkeypatch.setenv(auth.PASSWORD_ENV, "från miljön")
    assert auth.admin_password_from_environment()
    assert auth.check_password(sqlite_store, "från miljön", now=T0).ok
    assert not auth.check_password(sqlite_store, generated, now=T0).ok


def test_environment_password_means_nothing_is_generated(sqlite_store, monkeypatch):
    monkeypatch.setenv(auth.PASSWORD_ENV, "hemligt")
    assert auth.ensure_admin_password(sqlite_store) is None
    assert sqlite_store.get_setting(auth.HASH_SETTING) is None
    assert auth.check_password(sqlite_store, "hemligt", now=T0) == auth.LoginResult(True, 0, 5)
    assert auth.check_password(sqlite_store, "Hemligt", now=T0).remaining_tries == 4


def test_no_password_at_all_lets_nobody_in(sqlite_store):
    assert auth.check_password(sqlite_store, "", now=T0).ok is False
    assert auth.check_password(sqlite_store, "anything", now=T0).ok is False


def test_set_admin_password(sqlite_store):
    auth.ensure_admin_password(sqlite_store)
    auth.set_admin_password(sqlite_store, "nytt lösenord")
    assert auth.check_password(sqlite_store, "nytt lösenord", now=T0).ok
    with pytest.raises(ValueError):
        auth.set_admin_password(sqlite_store, "")


def test_hash_format_and_tampering():
    encoded = auth.hash_password("abc", iterations=1000)
    assert auth.verify_password(encoded, "abc")
    assert not auth.verify_password(encoded, "abd")
    algorithm, iterations, salt, digest = encoded.split("$")
    assert not auth.verify_password(f"{algorithm}${iterations}${salt}$AAAA", "abc")
    assert not auth.verify_password("garbage", "abc")
    assert not auth.verify_password(f"md5${iterations}${salt}${digest}", "abc")
    assert auth.hash_password("abc", iterations=1000) != encoded  # salted
    assert len(set(auth.generate_password() for _ in range(50))) == 50
