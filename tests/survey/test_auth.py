"""Admin login: Argon2id hash, lock-out per client with growing delays, fail-closed, server-side sessions.

Where the store is involved the tests run on both backends (`store` from tests/pg.py).
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from survey import auth, follow, web
from survey.store import Store, settings_table
from tests.asgi import post_form as _call

T0 = 1_800_000_000.0
ME, YOU = "198.51.100.7", "203.0.113.9"


@pytest.fixture(autouse=True)
def no_password_in_environment(monkeypatch):
    monkeypatch.delenv(auth.PASSWORD_ENV, raising=False)
    monkeypatch.delenv(auth.TRUSTED_PROXIES_ENV, raising=False)


@pytest.fixture
def sqlite_store(tmp_path):
    """For logic that is backend-neutral (update_setting is tested on both)."""
    s = Store(f"sqlite:///{tmp_path / 'auth.db'}")
    yield s
    s.dispose()


def settings_rows(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return {r.key: r.value for r in conn.execute(select(settings_table))}


def fail(store: Store, n: int, now: float, client: str = YOU) -> list[auth.LoginResult]:
    return [auth.check_password(store, "fel lösenord", client, now=now) for _ in range(n)]


def read_only_url(store_url: str) -> str:
    """The same database, opened so that the server itself refuses every write (root ignores chmod)."""
    url = make_url(store_url)
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///file:{url.database}?mode=ro&uri=true"
    return url.update_query_dict({"options": "-c default_transaction_read_only=on"}).render_as_string(
        hide_password=False)


# ---------------------------------------------------------------------------------------------- hashing (C)


def test_generated_password_is_returned_once_and_only_its_argon2id_hash_is_stored(store, store_url):
    password = auth.ensure_admin_password(store)
    assert password and len(password) >= 12
    assert auth.ensure_admin_password(store) is None
    other_process = Store(store_url)
    assert auth.ensure_admin_password(other_process) is None
    other_process.dispose()
    rows = settings_rows(store)
    assert all(password not in value and password not in key for key, value in rows.items())
    assert rows[auth.HASH_SETTING].startswith("$argon2id$v=19$m=19456,t=2,p=1$")  # OWASP's parameters
    assert auth.check_password(store, password, ME, now=T0).ok


def test_an_old_pbkdf2_hash_still_verifies_and_is_rehashed_on_the_next_good_login(store):
    store.set_setting(auth.HASH_SETTING, auth.hash_password_pbkdf2("gammalt", iterations=1000))
    assert not auth.check_password(store, "fel", ME, now=T0).ok
    assert store.get_setting(auth.HASH_SETTING).startswith("pbkdf2_sha256$")  # a wrong try changes nothing
    assert auth.check_password(store, "gammalt", ME, now=T0).ok
    assert store.get_setting(auth.HASH_SETTING).startswith("$argon2id$")
    assert auth.check_password(store, "gammalt", ME, now=T0).ok


def test_hash_format_and_tampering():
    encoded = auth.hash_password("abc")
    assert auth.verify_password(encoded, "abc") and not auth.verify_password(encoded, "abd")
    assert not auth.verify_password(encoded[:-4] + "AAAA", "abc")
    assert not auth.verify_password("garbage", "abc")
    assert auth.hash_password("abc") != encoded  # salted
    assert not auth.needs_rehash(encoded) and auth.needs_rehash(auth.hash_password_pbkdf2("abc", iterations=10))
    legacy = auth.hash_password_pbkdf2("abc", iterations=1000)
    assert auth.verify_password(legacy, "abc") and not auth.verify_password(legacy, "abd")
    algorithm, iterations, salt, digest = legacy.split("$")
    assert not auth.verify_password(f"md5${iterations}${salt}${digest}", "abc")
    assert len(set(auth.generate_password() for _ in range(50))) == 50


def test_a_locked_out_client_is_refused_before_any_hashing(sqlite_store, monkeypatch):
    auth.ensure_admin_password(sqlite_store)
    fail(sqlite_store, 5, T0)
    hashed = []
    monkeypatch.setattr(auth, "verify_password", lambda *a: hashed.append(a) or False)
    assert auth.check_password(sqlite_store, "x", YOU, now=T0 + 1).status == auth.LOCKED
    assert hashed == []


def test_concurrent_checks_are_bounded_and_the_rest_are_told_to_come_back(sqlite_store, monkeypatch):
    """Two slots per process: a third try at the same moment is refused as busy, not queued."""
    password = auth.ensure_admin_password(sqlite_store)
    release, inside = threading.Event(), threading.Semaphore(0)
    real_verify = auth.verify_password

    def slow_verify(encoded, attempt):
        inside.release()
        release.wait(10)
        return real_verify(encoded, attempt)

    monkeypatch.setattr(auth, "verify_password", slow_verify)
    monkeypatch.setattr(auth, "HASH_WAIT_SECONDS", 0.05)
    results = []
    threads = [threading.Thread(target=lambda: results.append(auth.check_password(sqlite_store, password, ME)))
               for _ in range(auth.HASH_SLOTS)]
    for th in threads:
        th.start()
    for _ in threads:
        assert inside.acquire(timeout=10)
    assert auth.check_password(sqlite_store, password, ME).status == auth.BUSY
    release.set()
    for th in threads:
        th.join(10)
    assert [r.status for r in results] == [auth.OK] * auth.HASH_SLOTS
    assert auth.check_password(sqlite_store, password, ME).ok  # the slots came back


# ---------------------------------------------------------------------------------------------- lock-out (A)


def test_wrong_password_counts_down(sqlite_store):
    password = auth.ensure_admin_password(sqlite_store)
    assert [r.remaining_tries for r in fail(sqlite_store, 3, T0)] == [4, 3, 2]
    assert {r.status for r in fail(sqlite_store, 1, T0)} == {auth.WRONG}
    assert auth.check_password(sqlite_store, password, YOU, now=T0).ok
    assert auth.check_password(sqlite_store, "", YOU, now=T0).ok is False
    assert auth.check_password(sqlite_store, password + " ", YOU, now=T0).ok is False


def test_five_wrong_tries_lock_out_that_client_and_nobody_else(store, store_url):
    password = auth.ensure_admin_password(store)
    results = fail(store, 5, T0, client=YOU)
    assert (results[-1].status, results[-1].locked_for) == (auth.LOCKED, 60)
    assert auth.check_password(store, password, YOU, now=T0 + 30).locked_for == 30  # the right one too, from YOU
    other_process = Store(store_url)
    assert auth.check_password(other_process, password, YOU, now=T0 + 59.5).locked_for == 1
    assert auth.check_password(other_process, password, ME, now=T0 + 1).ok  # the facilitator gets in
    other_process.dispose()
    assert auth.check_password(store, password, YOU, now=T0 + 60).ok


def test_the_delay_doubles_with_each_further_wrong_try_up_to_fifteen_minutes(sqlite_store):
    auth.ensure_admin_password(sqlite_store)
    now, delays = T0, []
    for _ in range(10):
        result = fail(sqlite_store, 1, now)[0]
        delays.append(result.locked_for)
        now += result.locked_for
    assert delays == [0, 0, 0, 0, 60, 120, 240, 480, 900, 900]
    assert fail(sqlite_store, 1, now - 1)[0].locked_for == 1  # refused while locked, and not counted
    assert fail(sqlite_store, 1, now)[0].locked_for == 900


def test_a_good_login_or_a_quiet_day_clears_the_count(sqlite_store):
    password = auth.ensure_admin_password(sqlite_store)
    fail(sqlite_store, 4, T0)
    assert auth.check_password(sqlite_store, password, YOU, now=T0).ok
    assert [r.remaining_tries for r in fail(sqlite_store, 4, T0)] == [4, 3, 2, 1]
    assert fail(sqlite_store, 1, T0)[0].locked_for == 60
    assert fail(sqlite_store, 1, T0 + auth.FORGET_AFTER_SECONDS + 61)[0].remaining_tries == 4


def test_unlock_clears_one_client_or_all(store):
    password = auth.ensure_admin_password(store)
    fail(store, 5, T0, client=YOU)
    fail(store, 5, T0, client=ME)
    assert auth.lockouts(store, now=T0) == {ME: (5, 60), YOU: (5, 60)}
    assert auth.unlock(store, ME) == 1
    assert auth.check_password(store, password, ME, now=T0).ok
    assert auth.check_password(store, password, YOU, now=T0).status == auth.LOCKED
    assert auth.unlock(store) == 1
    assert auth.check_password(store, password, YOU, now=T0).ok


def test_the_throttle_row_stays_bounded(sqlite_store, monkeypatch):
    monkeypatch.setattr(auth, "MAX_CLIENTS", 3)
    auth.ensure_admin_password(sqlite_store)
    for i in range(6):
        fail(sqlite_store, 1, T0 + i, client=f"192.0.2.{i}")
    assert sorted(auth.lockouts(sqlite_store, now=T0 + 10)) == ["192.0.2.3", "192.0.2.4", "192.0.2.5"]


def test_client_key_trusts_forwarded_for_only_from_a_named_proxy():
    assert auth.client_key("192.0.2.5") == "192.0.2.5"
    assert auth.client_key(None) == "127.0.0.1"  # Streamlit says None for a loopback peer
    assert auth.client_key("192.0.2.5", "10.9.9.9") == "192.0.2.5"  # no proxy named: the header is ignored
    assert auth.client_key(None, "10.9.9.9", trusted="") == "127.0.0.1"
    assert auth.client_key("192.0.2.5", "10.9.9.9", trusted="127.0.0.1") == "192.0.2.5"  # not from the proxy
    assert auth.client_key(None, "10.9.9.9", trusted="127.0.0.1") == "10.9.9.9"
    assert auth.client_key(None, "6.6.6.6, 10.9.9.9", trusted="::1") == "10.9.9.9"  # a forged left part
    assert auth.client_key("172.18.0.2", "10.9.9.9, 172.18.0.3", trusted="172.18.0.0/16") == "10.9.9.9"
    assert auth.client_key(None, "junk", trusted="127.0.0.1") == "127.0.0.1"
    assert auth.client_key("2001:db8:1:2:3:4:5:6") == auth.client_key("2001:db8:1:2:ffff::1") == "2001:db8:1:2::/64"
    assert auth.client_key("::ffff:192.0.2.5") == "192.0.2.5"
    assert auth.trusted_proxy("127.0.0.1", "127.0.0.1") and not auth.trusted_proxy("192.0.2.5", "127.0.0.1")


def test_environment_password_takes_precedence(sqlite_store, monkeypatch):
    generated = auth.ensure_admin_password(sqlite_store)
    monkeypatch.setenv(auth.PASSWORD_ENV, "från miljön")
    assert auth.admin_password_from_environment()
    assert auth.check_password(sqlite_store, "från miljön", ME, now=T0).ok
    assert not auth.check_password(sqlite_store, generated, ME, now=T0).ok


def test_environment_password_means_nothing_is_generated(sqlite_store, monkeypatch):
    monkeypatch.setenv(auth.PASSWORD_ENV, "hemligt")
    assert auth.ensure_admin_password(sqlite_store) is None
    assert sqlite_store.get_setting(auth.HASH_SETTING) is None
    assert auth.check_password(sqlite_store, "hemligt", ME, now=T0).ok
    assert auth.check_password(sqlite_store, "Hemligt", ME, now=T0).remaining_tries == 4


def test_no_password_at_all_lets_nobody_in(sqlite_store):
    assert auth.check_password(sqlite_store, "", ME, now=T0).ok is False
    assert auth.check_password(sqlite_store, "anything", ME, now=T0).ok is False


def test_set_admin_password(sqlite_store):
    auth.ensure_admin_password(sqlite_store)
    auth.set_admin_password(sqlite_store, "nytt lösenord")
    assert auth.check_password(sqlite_store, "nytt lösenord", ME, now=T0).ok
    with pytest.raises(ValueError):
        auth.set_admin_password(sqlite_store, "")


# ---------------------------------------------------------------------------------------------- fail closed (B)


def test_a_store_that_cannot_be_written_refuses_every_login(store, store_url):
    """A real read-only database (SQLite mode=ro; PostgreSQL read-only transactions): nothing can be counted,
    so nothing is accepted, the right password included, and nothing raises."""
    password = auth.ensure_admin_password(store)
    read_only = Store(read_only_url(store_url))
    try:
        for attempt in ["fel"] * 6 + [password]:
            assert auth.check_password(read_only, attempt, YOU, now=T0).status == auth.UNAVAILABLE
        assert auth.check_password(read_only, password, ME, now=T0).status == auth.UNAVAILABLE
    finally:
        read_only.dispose()
    assert auth.check_password(store, password, ME, now=T0).ok  # writable again: all is as before


def test_a_store_that_cannot_be_read_refuses_every_login(tmp_path):
    missing = Store(f"sqlite:///file:{tmp_path / 'absent.db'}?mode=ro&uri=true")
    try:
        assert auth.check_password(missing, "x", ME, now=T0).status == auth.UNAVAILABLE
        assert not auth.session_valid(missing, "some-token", now=T0)
    finally:
        missing.dispose()


# ---------------------------------------------------------------------------------------------- sessions (A)


def test_a_good_login_starts_a_server_side_session_kept_only_as_a_hash(store):
    password = auth.ensure_admin_password(store)
    result = auth.check_password(store, password, ME, now=T0)
    assert result.ok and len(result.token) >= 43  # 256 random bits
    assert result.token not in repr(result)
    assert all(result.token not in v for v in settings_rows(store).values())
    assert auth.session_valid(store, result.token, now=T0 + 60)
    assert not auth.session_valid(store, result.token + "x", now=T0)
    assert not auth.session_valid(store, None) and not auth.session_valid(store, "")
    other = auth.check_password(store, password, ME, now=T0).token
    assert other != result.token


def test_a_session_survives_a_lock_out_from_anywhere(store):
    password = auth.ensure_admin_password(store)
    token = auth.check_password(store, password, ME, now=T0).token
    fail(store, 10, T0 + 1, client=YOU)
    fail(store, 10, T0 + 1, client=ME)  # even from the facilitator's own address
    assert auth.session_valid(store, token, now=T0 + 2)


def test_a_session_ends_after_idle_time_or_twelve_hours(sqlite_store):
    token = auth.start_session(sqlite_store, now=T0)
    assert auth.session_valid(sqlite_store, token, now=T0 + auth.SESSION_IDLE_SECONDS - 1)
    assert not auth.session_valid(sqlite_store, token, now=T0 + 2 * auth.SESSION_IDLE_SECONDS - 1)  # seen - idle
    busy = auth.start_session(sqlite_store, now=T0)
    now = T0
    while now < T0 + auth.SESSION_ABSOLUTE_SECONDS - 600:
        now += 600
        assert auth.session_valid(sqlite_store, busy, now=now)
    assert not auth.session_valid(sqlite_store, busy, now=T0 + auth.SESSION_ABSOLUTE_SECONDS)


def test_logout_ends_the_session_on_the_server(store):
    token = auth.start_session(store, now=T0)
    kept = auth.start_session(store, now=T0)
    auth.end_session(store, [token])
    assert not auth.session_valid(store, token, now=T0)
    assert auth.session_valid(store, kept, now=T0)
    assert auth.end_all_sessions(store) == 1
    assert not auth.session_valid(store, kept, now=T0)


def test_a_login_code_is_single_use_short_lived_and_replaces_the_tab_session(store):
    tab = auth.start_session(store, now=T0)
    code = auth.issue_login_code(store, tab, now=T0)
    assert all(code not in v for v in settings_rows(store).values())
    assert auth.redeem_login_code(store, code + "x", now=T0) is None
    cookie = auth.redeem_login_code(store, code, now=T0 + 1)
    assert cookie and auth.session_valid(store, cookie, now=T0 + 2)
    assert not auth.session_valid(store, tab, now=T0 + 2)  # one session per login
    assert auth.redeem_login_code(store, code, now=T0 + 2) is None  # used
    late = auth.issue_login_code(store, auth.start_session(store, now=T0), now=T0)
    assert auth.redeem_login_code(store, late, now=T0 + auth.CODE_SECONDS) is None  # expired
    gone = auth.start_session(store, now=T0)
    code = auth.issue_login_code(store, gone, now=T0)
    auth.end_session(store, [gone])  # the tab logged out before its browser came for the cookie
    assert auth.redeem_login_code(store, code, now=T0 + 1) is None


# ---------------------------------------------------------------------------------------------- the cookie routes


@pytest.fixture
def app_store(store, monkeypatch):
    from survey import ui

    monkeypatch.setattr(ui, "get_store", lambda: store)
    monkeypatch.delenv("SPINDELN_PUBLIC_URL", raising=False)
    return store


def test_the_session_route_trades_a_code_for_an_httponly_strict_cookie(app_store):
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    response = _call(web.session_route, web.SESSION_PATH, {"code": code}, query="lang=en")
    assert response.status_code == 303 and response.headers["location"] == "/processledare?lang=en"
    assert response.headers["cache-control"] == "no-store" and response.headers["referrer-policy"] == "no-referrer"
    cookie = response.headers["set-cookie"]
    name, token = cookie.split(";")[0].split("=", 1)
    assert name == web.COOKIE and auth.session_valid(app_store, token)
    attributes = {a.strip().lower() for a in cookie.split(";")[1:]}
    assert {"httponly", "path=/", "samesite=strict", f"max-age={auth.SESSION_ABSOLUTE_SECONDS}"} <= attributes
    assert "secure" not in attributes
    again = _call(web.session_route, web.SESSION_PATH, {"code": code})
    assert "set-cookie" not in again.headers and again.headers["location"] == "/processledare"
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    assert "set-cookie" not in _call(web.session_route, web.SESSION_PATH, {"code": code, "pad": "x" * 5000}).headers
    assert {r.path: r.methods for r in web.routes()} == {web.SESSION_PATH: {"POST"}, web.LOGOUT_PATH: {"POST"},
                                                         web.CLIENT_PATH: {"GET", "HEAD"}, follow.PATH: {"POST"}}


def test_over_https_the_cookie_is_secure_and_host_only(app_store, monkeypatch):
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    cookie = _call(web.session_route, web.SESSION_PATH, {"code": code}, scheme="https").headers["set-cookie"]
    assert cookie.startswith(web.SECURE_COOKIE + "=") and "secure" in cookie.lower()
    proxied = [(b"x-forwarded-proto", b"https")]
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    assert "secure" not in _call(web.session_route, web.SESSION_PATH, {"code": code},
                                 headers=proxied).headers["set-cookie"].lower()  # an untrusted peer's word
    monkeypatch.setenv(auth.TRUSTED_PROXIES_ENV, "127.0.0.1")
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    assert "secure" in _call(web.session_route, web.SESSION_PATH, {"code": code},
                             headers=proxied).headers["set-cookie"].lower()


def test_the_logout_route_ends_the_session_and_deletes_the_cookie(app_store):
    token = auth.start_session(app_store)
    response = _call(web.logout_route, web.LOGOUT_PATH, cookies=f"{web.COOKIE}={token}")
    assert response.status_code == 303 and not auth.session_valid(app_store, token)
    deleted = response.headers.getlist("set-cookie")
    assert any(c.startswith(f"{web.COOKIE}=") and "max-age=0" in c.lower() for c in deleted)


@pytest.mark.parametrize("headers", [
    [(b"sec-fetch-site", b"cross-site")],
    [(b"sec-fetch-site", b"same-site")],
    [(b"origin", b"https://evil.example")],
    [(b"origin", b"null")],
])
def test_another_sites_page_can_neither_log_in_nor_log_out(app_store, headers):
    token = auth.start_session(app_store)
    response = _call(web.logout_route, web.LOGOUT_PATH, cookies=f"{web.COOKIE}={token}", headers=headers)
    assert auth.session_valid(app_store, token) and "set-cookie" not in response.headers
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    assert "set-cookie" not in _call(web.session_route, web.SESSION_PATH, {"code": code}, headers=headers).headers


@pytest.mark.parametrize("headers", [[(b"sec-fetch-site", b"same-origin")], [(b"origin", b"http://127.0.0.1:8501")], []])
def test_the_apps_own_page_may_log_in_and_out(app_store, headers):
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    assert "set-cookie" in _call(web.session_route, web.SESSION_PATH, {"code": code}, headers=headers).headers
    token = auth.start_session(app_store)
    _call(web.logout_route, web.LOGOUT_PATH, cookies=f"{web.COOKIE}={token}", headers=headers)
    assert not auth.session_valid(app_store, token)


def test_a_good_login_gives_the_browser_a_device_cookie_that_counts_it_apart(app_store):
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    cookies = _call(web.session_route, web.SESSION_PATH, {"code": code}).headers.getlist("set-cookie")
    [device] = [c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith(f"{web.DEVICE_COOKIE}=")]
    assert auth.device_known(app_store, device) and not auth.device_known(app_store, "x" * 43)
    assert auth.device_client(device).startswith("device:") and device not in auth.device_client(device)
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    again = _call(web.session_route, web.SESSION_PATH, {"code": code}, cookies=f"{web.DEVICE_COOKIE}={device}")
    assert f"{web.DEVICE_COOKIE}={device};" in " ".join(again.headers.getlist("set-cookie"))  # the same device


# ---------------------------------------------------------------------------------------------- the server's shell


def test_unlock_and_set_password_from_the_shell(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path / 'shell.db'}"
    store = Store(url)
    auth.ensure_admin_password(store)
    token = auth.start_session(store)
    fail(store, 5, time.time(), client=YOU)
    env = {**os.environ, "DATABASE_URL": url}
    env.pop(auth.PASSWORD_ENV, None)

    def run(*args, stdin=None):
        return subprocess.run([sys.executable, "-m", "survey", *args], cwd=ROOT, env=env, input=stdin,
                              capture_output=True, text=True, timeout=60)

    listed = run("lockouts")
    assert listed.returncode == 0 and listed.stdout.startswith(f"{YOU}\t5 fel\tspärrad i ")
    out = run("unlock")
    assert out.returncode == 0 and out.stdout.strip() == "upplåst (alla klienter): felförsöken nollställda för 1 klient"
    assert auth.check_password(store, "fel", YOU).remaining_tries == 4
    out = run("set-password", "--stdin", stdin="nytt från skalet\n")
    assert out.returncode == 0 and out.stdout.strip() == "lösenordet bytt; avslutade inloggningar: 1"
    assert not auth.session_valid(store, token)
    assert auth.check_password(store, "nytt från skalet", ME).ok
    assert run("set-password", "--stdin", stdin="\n").returncode == 1
    store.dispose()


@pytest.mark.parametrize("query, location", [
    ("w=Ab3_-x9", "/processledare?w=Ab3_-x9"),
    ("lang=en&w=Ab3", "/processledare?lang=en&w=Ab3"),
    ("w=https%3A%2F%2Fevil.example", "/processledare"),
    ("w=..%2F..%2Fx", "/processledare"),
    ("w=" + "a" * 40, "/processledare"),
])
def test_after_logging_in_the_console_opens_the_same_workshop(app_store, query, location):
    """A new login comes back to the workshop in the address, not to whichever one is newest."""
    code = auth.issue_login_code(app_store, auth.start_session(app_store))
    assert _call(web.session_route, web.SESSION_PATH, {"code": code}, query=query).headers["location"] == location


def test_start_sh_keeps_uvicorn_from_believing_forwarded_headers():
    """Uvicorn reads FORWARDED_ALLOW_IPS before it imports app.py, so only the launcher can set it; the browser
    test test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing starts the app the same way."""
    from pathlib import Path

    start = (Path(__file__).resolve().parents[2] / "start.sh").read_text()
    assert 'export FORWARDED_ALLOW_IPS="${FORWARDED_ALLOW_IPS-}"' in start
    assert start.index("FORWARDED_ALLOW_IPS") < start.index("streamlit run")
