"""The facilitator's login: one admin password, throttled per client, and server-side sessions.

- The password comes from SPINDELN_ADMIN_PASSWORD, or is generated once and kept only as an Argon2id hash
  (older PBKDF2 hashes still verify and are re-hashed on the next good login).
- Wrong tries are counted per client address in the store, so a lock-out holds across tabs and app processes
  but one visitor's wrong tries never lock out the facilitator's own device; delays grow from 1 to 15 min.
- A good login starts a server-side session: a random token whose SHA-256 is kept in the store with its
  times; the browser carries the token in an HttpOnly cookie (survey/web.py), so a reload keeps it.
- Every step fails closed: when the store cannot be read or written, no login is accepted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import math
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .config import setting

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

PASSWORD_ENV = "SPINDELN_ADMIN_PASSWORD"
TRUSTED_PROXIES_ENV = "SPINDELN_TRUSTED_PROXIES"
HASH_SETTING = "admin_password_hash"
THROTTLE_SETTING = "auth_throttle"  # {client: [failures, locked_until, last_failure]}
SESSIONS_SETTING = "auth_sessions"  # {sha256(token): [created, last_seen]}
CODES_SETTING = "auth_login_codes"  # {sha256(code): [expires, sha256(tab session token)]}
DEVICES_SETTING = "auth_devices"  # {sha256(device token): last good login}
OLD_LOGIN_STATE_SETTING = "admin_login_state"  # the global lock-out of before; `unlock` clears it too

MAX_TRIES = 5  # wrong tries from one client before the first lock-out
LOCKOUT_SECONDS = 60  # the first lock-out; each further wrong try doubles it
MAX_LOCKOUT_SECONDS = 15 * 60
FORGET_AFTER_SECONDS = 24 * 3600  # a client's count is forgotten a day after its last wrong try
MAX_CLIENTS = 2000  # entries kept in the throttle row; the longest-quiet go first

SESSION_IDLE_SECONDS = 2 * 3600
SESSION_ABSOLUTE_SECONDS = 12 * 3600
SESSION_TOUCH_SECONDS = 60  # last_seen is rewritten at most this often
MAX_SESSIONS = 50
CODE_SECONDS = 60  # a login code is single-use and lives this long
DEVICE_SECONDS = 365 * 24 * 3600  # a device that logged in once is known for a year after its last login
MAX_DEVICES = 50

HASH_SLOTS = 2  # concurrent password checks per process (2 × 19 MiB, one core each)
HASH_WAIT_SECONDS = 1.0  # how long a try waits for a slot before being told to try again
MAX_PASSWORD_LENGTH = 1024

# OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1 (~0.03 s a check here).
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16)
_hash_slots = threading.BoundedSemaphore(HASH_SLOTS)
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a console and typed on a phone
_PBKDF2 = "pbkdf2_sha256"

OK, WRONG, LOCKED, BUSY, UNAVAILABLE = "ok", "wrong", "locked", "busy", "unavailable"


@dataclass(frozen=True)
class LoginResult:
    status: str  # ok | wrong | locked | busy (no hashing slot free) | unavailable (the store failed)
    locked_for: int = 0  # seconds until this client's next try is accepted
    remaining_tries: int = 0  # wrong tries left before this client is locked out
    token: str | None = field(default=None, repr=False, compare=False)  # the new session's token when ok

    @property
    def ok(self) -> bool:
        return self.status == OK


class StoreUnavailable(Exception):
    """The store could not be read or written; the login refuses rather than guess."""


# ---------------------------------------------------------------------------------------------- hashing


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """An Argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`), one string for one settings row."""
    return _hasher.hash(password)


def hash_password_pbkdf2(password: str, *, salt: bytes | None = None, iterations: int = 300_000) -> str:
    """The format of before (`pbkdf2_sha256$<iterations>$<salt>$<hash>`), kept to test the upgrade path."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{_PBKDF2}${iterations}${_b64(salt)}${_b64(digest)}"


def verify_password(encoded: str, attempt: str) -> bool:
    """Check `attempt` against an Argon2 or a legacy PBKDF2 hash, in constant time."""
    if encoded.startswith("$argon2"):
        try:
            return _hasher.verify(encoded, attempt)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
    try:
        algorithm, iterations, salt, digest = encoded.split("$")
        if algorithm != _PBKDF2:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", attempt.encode("utf-8"), base64.b64decode(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(encoded: str) -> bool:
    if not encoded.startswith("$argon2"):
        return True
    try:
        return _hasher.check_needs_rehash(encoded)
    except (InvalidHashError, ValueError):
        return True


def generate_password() -> str:
    """Twelve characters in three groups (about 59 bits), easy to read off a console: `k7mq-x3tz-9bfa`."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


_env_hashes: dict[str, str] = {}
_DUMMY_HASH = hash_password(secrets.token_hex(16))  # checked when no password exists, so timing says nothing


def _configured_hash(store: "Store") -> tuple[str | None, bool]:
    """The hash to check against and whether it is the stored one (else from SPINDELN_ADMIN_PASSWORD)."""
    configured = setting(PASSWORD_ENV)
    if configured:
        if configured not in _env_hashes:  # hash once per process, the same way as a stored password
            _env_hashes.clear()
            _env_hashes[configured] = hash_password(configured)
        return _env_hashes[configured], False
    return _read(store, HASH_SETTING), True


def ensure_admin_password(store: "Store") -> str | None:
    """Generate an admin password on first start; the plaintext is returned once, for the server console.

    None when SPINDELN_ADMIN_PASSWORD is set, when a password was generated before, or when another
    process generated it at the same moment.
    """
    if setting(PASSWORD_ENV) or store.get_setting(HASH_SETTING):
        return None
    password = generate_password()
    encoded = hash_password(password)
    stored = store.update_setting(HASH_SETTING, lambda old: old or encoded)
    return password if stored == encoded else None


def set_admin_password(store: "Store", password: str) -> None:
    """Replace the stored password (it has no effect while SPINDELN_ADMIN_PASSWORD is set)."""
    if not isinstance(password, str) or not password or len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError("the password must be 1–1024 characters")
    store.set_setting(HASH_SETTING, hash_password(password))


def admin_password_from_environment() -> bool:
    """Whether the password comes from SPINDELN_ADMIN_PASSWORD (so the app need not offer to change it)."""
    return bool(setting(PASSWORD_ENV))


# ---------------------------------------------------------------------------------------------- clients


def _networks(spec: str | None) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    nets = []
    for part in (spec or "").replace(",", " ").split():
        try:
            nets.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            log.warning("%s: ignoring %r, not an address or network", TRUSTED_PROXIES_ENV, part)
    return nets


def _parse_ip(value: str | None):
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":")[0]
    try:
        ip = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(ip, "ipv4_mapped", None)
    return mapped or ip


_LOOPBACK = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))


def _trusted(ip, nets, loopback: bool) -> bool:
    candidates = _LOOPBACK if loopback else (ip,)
    return any(c.version == n.version and c in n for c in candidates for n in nets)


def trusted_proxy(remote_ip: str | None, trusted: str | None = None) -> bool:
    """Whether the peer is one of SPINDELN_TRUSTED_PROXIES (None, as Streamlit says for loopback, is loopback)."""
    nets = _networks(trusted if trusted is not None else setting(TRUSTED_PROXIES_ENV))
    peer = _parse_ip(remote_ip) if remote_ip else _LOOPBACK[0]
    return peer is not None and _trusted(peer, nets, loopback=peer.is_loopback)


def client_key(remote_ip: str | None, forwarded_for: str | None = None, trusted: str | None = None) -> str:
    """Who a login try comes from: the peer's address, or the client named by a trusted proxy.

    `remote_ip` is Streamlit's `st.context.ip_address` (None for a loopback peer). X-Forwarded-For is
    read only when the peer is one of SPINDELN_TRUSTED_PROXIES (addresses or networks); then the
    right-most address that is not itself a trusted proxy is the client. IPv6 clients are keyed by
    their /64, the block one device usually has to itself.
    """
    nets = _networks(trusted if trusted is not None else setting(TRUSTED_PROXIES_ENV))
    peer = _parse_ip(remote_ip) if remote_ip else _LOOPBACK[0]
    if peer is None:
        return "unknown"
    client = peer
    if nets and forwarded_for and _trusted(peer, nets, loopback=peer.is_loopback):
        for hop in reversed(forwarded_for.split(",")):
            ip = _parse_ip(hop)
            if ip is None:
                break  # a malformed hop: trust nothing left of it
            client = ip
            if not _trusted(ip, nets, loopback=False):
                break
    if client.version == 6:
        return str(ipaddress.ip_network(f"{client}/64", strict=False))
    return str(client)


# ---------------------------------------------------------------------------------------------- throttle


def _load(raw: str | None) -> dict:
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _dump(data: dict) -> str | None:
    return json.dumps(data, separators=(",", ":"), sort_keys=True) if data else None


def _entry(data: dict, client: str) -> tuple[int, float, float]:
    try:
        failures, until, last = data[client]
        return int(failures), float(until), float(last)
    except (KeyError, TypeError, ValueError):
        return 0, 0.0, 0.0


def _locked_for(until: float, now: float) -> int:
    return max(0, math.ceil(until - now))


def lockout_seconds(failures: int) -> int:
    """0 below MAX_TRIES, then 60 s doubling with each further wrong try, at most 15 min."""
    if failures < MAX_TRIES:
        return 0
    return min(MAX_LOCKOUT_SECONDS, LOCKOUT_SECONDS * 2 ** min(failures - MAX_TRIES, 16))


def _prune(data: dict, now: float) -> dict:
    kept = {}
    for client in data:
        failures, until, last = _entry(data, client)
        if failures and (until > now or now - last < FORGET_AFTER_SECONDS):
            kept[client] = [failures, until, last]
    if len(kept) > MAX_CLIENTS:
        quiet_first = sorted(kept, key=lambda c: kept[c][2])
        for client in quiet_first[:len(kept) - MAX_CLIENTS]:
            del kept[client]
    return kept


def _read(store: "Store", key: str) -> str | None:
    try:
        return store.get_setting(key)
    except Exception as exc:  # noqa: BLE001 - whatever the driver raises, the answer is "no"
        log.error("login: cannot read %s from the store: %s", key, exc)
        raise StoreUnavailable from exc


def _update(store: "Store", key: str, change: Callable[[str | None], str | None]) -> str | None:
    try:
        return store.update_setting(key, change)
    except Exception as exc:  # noqa: BLE001
        log.error("login: cannot write %s to the store: %s", key, exc)
        raise StoreUnavailable from exc


def check_password(store: "Store", attempt: str, client: str = "unknown", now: float | None = None) -> LoginResult:
    """Check an admin login from `client` (see `client_key`); on success a new session's token comes back.

    The client's lock-out is read before any hashing; a try that cannot be counted, and a good one whose
    session cannot be stored, are refused as `unavailable`. `now` (seconds since the epoch) is for tests:
    the state is wall-clock based because it is shared between processes.
    """
    now = time.time() if now is None else now
    try:
        _, until, _ = _entry(_load(_read(store, THROTTLE_SETTING)), client)
        if _locked_for(until, now):
            return LoginResult(LOCKED, _locked_for(until, now))
        if not _hash_slots.acquire(timeout=HASH_WAIT_SECONDS):
            return LoginResult(BUSY)
        try:
            encoded, stored = _configured_hash(store)
            well_formed = isinstance(attempt, str) and 0 < len(attempt) <= MAX_PASSWORD_LENGTH
            # Always one hash: with no password set, or a malformed try, timing tells nothing either.
            matches = verify_password(encoded or _DUMMY_HASH, attempt if well_formed else "")
            ok = matches and well_formed and encoded is not None
            new_hash = hash_password(attempt) if ok and stored and needs_rehash(encoded) else None
        finally:
            _hash_slots.release()
        outcome: list[LoginResult] = []

        def record(raw: str | None) -> str | None:
            data = _prune(_load(raw), now)
            failures, until, _ = _entry(data, client)
            if _locked_for(until, now):  # another try locked it while this one was being hashed
                outcome.append(LoginResult(LOCKED, _locked_for(until, now)))
                return _dump(data)
            if ok:
                data.pop(client, None)
                outcome.append(LoginResult(OK))
                return _dump(data)
            failures += 1
            lock = lockout_seconds(failures)
            data[client] = [failures, now + lock if lock else 0.0, now]
            outcome.append(LoginResult(LOCKED, lock) if lock else LoginResult(WRONG, 0, MAX_TRIES - failures))
            return _dump(_prune(data, now))

        _update(store, THROTTLE_SETTING, record)
        result = outcome[-1]
        if not result.ok:
            return result
        if new_hash:
            _update(store, HASH_SETTING, lambda old: new_hash if old == encoded else old)
        return LoginResult(OK, token=start_session(store, now=now))
    except StoreUnavailable:
        return LoginResult(UNAVAILABLE)


def unlock(store: "Store", client: str | None = None) -> int:
    """Clear the lock-out of one client, or of all; returns how many clients were counted."""
    cleared: list[int] = []

    def change(raw: str | None) -> str | None:
        data = _load(raw)
        if client is None:
            cleared.append(len(data))
            return None
        cleared.append(1 if data.pop(client, None) is not None else 0)
        return _dump(data)

    store.update_setting(THROTTLE_SETTING, change)
    store.update_setting(JOIN_THROTTLE_SETTING, lambda raw: None if client is None else _dump(
        {k: v for k, v in _load(raw).items() if k != client}))  # wrong join codes are forgiven alike
    if client is None:
        store.set_setting(OLD_LOGIN_STATE_SETTING, None)
    return cleared[-1]


def lockouts(store: "Store", now: float | None = None) -> dict[str, tuple[int, int]]:
    """{client: (wrong tries, seconds still locked)} for the CLI."""
    now = time.time() if now is None else now
    data = _prune(_load(store.get_setting(THROTTLE_SETTING)), now)
    return {c: (_entry(data, c)[0], _locked_for(_entry(data, c)[1], now)) for c in sorted(data)}


# ---------------------------------------------------------------------------------------------- sessions


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _live_sessions(data: dict, now: float) -> dict:
    kept = {}
    for key, value in data.items():
        try:
            created, seen = float(value[0]), float(value[1])
        except (TypeError, ValueError, IndexError):
            continue
        if now - created < SESSION_ABSOLUTE_SECONDS and now - seen < SESSION_IDLE_SECONDS:
            kept[key] = [created, seen]
    if len(kept) > MAX_SESSIONS:
        for key in sorted(kept, key=lambda k: kept[k][1])[:len(kept) - MAX_SESSIONS]:
            del kept[key]
    return kept


def _live_devices(data: dict, now: float) -> dict:
    kept = {k: float(v) for k, v in data.items() if isinstance(v, (int, float)) and now - float(v) < DEVICE_SECONDS}
    for key in sorted(kept, key=kept.get)[:max(0, len(kept) - MAX_DEVICES)]:
        del kept[key]
    return kept


def remember_device(store: "Store", token: str | None = None, now: float | None = None) -> str:
    """After a good login: the browser's device token (a new one unless it already had a known one).

    OWASP's "device cookie": a browser that has logged in before is counted by its own key, not by its
    network address, so wrong tries from the same venue Wi-Fi (one address behind NAT) never lock it out.
    Raises StoreUnavailable."""
    now = time.time() if now is None else now
    known = device_known(store, token, now=now)
    token = token if known else secrets.token_urlsafe(32)

    def change(raw: str | None) -> str | None:
        data = _live_devices(_load(raw), now)
        data[_digest(token)] = now
        return _dump(_live_devices(data, now))

    _update(store, DEVICES_SETTING, change)
    return token


def device_known(store: "Store", token: str | None, now: float | None = None) -> bool:
    """Whether `token` is a device cookie of a browser that logged in within the last year."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return False
    now = time.time() if now is None else now
    seen = _load(_read(store, DEVICES_SETTING)).get(_digest(token))
    return isinstance(seen, (int, float)) and now - float(seen) < DEVICE_SECONDS


def device_client(token: str) -> str:
    """The throttle key of a known device (never an address, so it never shares a count with the room)."""
    return "device:" + _digest(token)[:32]


def start_session(store: "Store", now: float | None = None) -> str:
    """A new session: 256 random bits; only their SHA-256 is stored. Raises StoreUnavailable."""
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(32)

    def change(raw: str | None) -> str | None:
        data = _live_sessions(_load(raw), now)
        data[_digest(token)] = [now, now]
        return _dump(data)

    _update(store, SESSIONS_SETTING, change)
    return token


def session_valid(store: "Store", token: str | None, now: float | None = None) -> bool:
    """Whether `token` names a live session; it is kept alive (idle timer) by being checked.

    False when the store cannot be read: a session that cannot be confirmed is not one.
    """
    if not token or not isinstance(token, str) or len(token) > 200:
        return False
    now = time.time() if now is None else now
    key = _digest(token)
    try:
        entry = _live_sessions(_load(_read(store, SESSIONS_SETTING)), now).get(key)
    except StoreUnavailable:
        return False
    if entry is None:
        return False
    if now - entry[1] >= SESSION_TOUCH_SECONDS:

        def touch(raw: str | None) -> str | None:
            data = _live_sessions(_load(raw), now)
            if key in data:
                data[key][1] = now
            return _dump(data)

        try:
            _update(store, SESSIONS_SETTING, touch)
        except StoreUnavailable:
            pass  # not extended: the session then ends at its idle time, which is the safe side
    return True


def end_session(store: "Store", tokens: Iterable[str | None]) -> None:
    """Log out: the sessions of these tokens stop existing on the server."""
    keys = {_digest(t) for t in tokens if t}
    if not keys:
        return

    def change(raw: str | None) -> str | None:
        data = _load(raw)
        for key in keys:
            data.pop(key, None)
        return _dump(data)

    store.update_setting(SESSIONS_SETTING, change)


def end_all_sessions(store: "Store") -> int:
    count = len(_load(store.get_setting(SESSIONS_SETTING)))
    store.set_setting(SESSIONS_SETTING, None)
    store.set_setting(CODES_SETTING, None)
    return count


# ---------------------------------------------------------------------------------------------- login codes


def issue_login_code(store: "Store", tab_token: str, now: float | None = None) -> str:
    """A single-use code, valid CODE_SECONDS, that the cookie route (survey/web.py) trades for a session.

    The code stands for the tab's session `tab_token`, which ends when the code is redeemed: the browser
    then holds one session, in its cookie. Raises StoreUnavailable.
    """
    now = time.time() if now is None else now
    code = secrets.token_urlsafe(32)

    def change(raw: str | None) -> str | None:
        data = {k: v for k, v in _load(raw).items() if isinstance(v, list) and v and float(v[0]) > now}
        data[_digest(code)] = [now + CODE_SECONDS, _digest(tab_token)]
        return _dump(data)

    _update(store, CODES_SETTING, change)
    return code


def redeem_login_code(store: "Store", code: str | None, now: float | None = None) -> str | None:
    """Trade a login code for a new session's token (None when unknown, used or expired). Raises StoreUnavailable."""
    if not code or len(code) > 200:
        return None
    now = time.time() if now is None else now
    key = _digest(code)
    found: list = []

    def change(raw: str | None) -> str | None:
        data = _load(raw)
        entry = data.pop(key, None)
        if isinstance(entry, list) and len(entry) == 2 and float(entry[0]) > now:
            found.append(entry[1])
        return _dump({k: v for k, v in data.items() if isinstance(v, list) and v and float(v[0]) > now})

    _update(store, CODES_SETTING, change)
    if not found:
        return None
    tab_key = found[0]
    token = secrets.token_urlsafe(32)

    def swap(raw: str | None) -> str | None:
        data = _live_sessions(_load(raw), now)
        if tab_key not in data:  # the tab logged out in between
            return _dump(data)
        created = data.pop(tab_key)[0]  # the absolute lifetime counts from the password, not the redirect
        data[_digest(token)] = [created, now]
        return _dump(data)

    sessions = _update(store, SESSIONS_SETTING, swap)
    return token if _digest(token) in _load(sessions) else None


# ---------------------------------------------------------------------------------------------- join codes

JOIN_THROTTLE_SETTING = "join_throttle"  # {client: [wrong codes, locked_until, last wrong]}
MAX_JOIN_TRIES = 20  # a room of groups behind one address mistypes now and then; a guesser needs millions


@dataclass(frozen=True)
class JoinResult:
    status: str  # OK, WRONG, LOCKED or UNAVAILABLE
    group: object | None = None  # survey.store.Group when OK
    locked_for: int = 0


def join_lockout_seconds(wrong: int) -> int:
    """0 below MAX_JOIN_TRIES wrong codes, then 60 s doubling with each further one, at most 15 min."""
    if wrong < MAX_JOIN_TRIES:
        return 0
    return min(MAX_LOCKOUT_SECONDS, LOCKOUT_SECONDS * 2 ** min(wrong - MAX_JOIN_TRIES, 16))


def join_with_code(store: "Store", typed: str, client: str = "unknown", now: float | None = None) -> JoinResult:
    """The group a typed join code belongs to, with wrong codes counted per client like wrong passwords
    (at a gentler rate), so a code cannot be guessed; a right code clears nothing (it is not a secret of
    the client's). A code that cannot be counted is refused as unavailable."""
    now = time.time() if now is None else now
    try:
        _, until, _ = _entry(_load(_read(store, JOIN_THROTTLE_SETTING)), client)
        if _locked_for(until, now):
            return JoinResult(LOCKED, locked_for=_locked_for(until, now))
        try:
            group = store.group_by_code(typed)
        except Exception as exc:  # noqa: BLE001
            raise StoreUnavailable from exc
        if group is not None:
            return JoinResult(OK, group)
        outcome: list[JoinResult] = []

        def record(raw: str | None) -> str | None:
            data = _prune(_load(raw), now)
            wrong, _, _ = _entry(data, client)
            wrong += 1
            lock = join_lockout_seconds(wrong)
            data[client] = [wrong, now + lock if lock else 0.0, now]
            outcome.append(JoinResult(LOCKED, locked_for=lock) if lock else JoinResult(WRONG))
            return _dump(_prune(data, now))

        _update(store, JOIN_THROTTLE_SETTING, record)
        return outcome[-1]
    except StoreUnavailable:
        return JoinResult(UNAVAILABLE)
