"""The facilitator's admin password: from SPINDELN_ADMIN_PASSWORD, or generated once and kept only as a hash.

Wrong tries are counted in the store, not in the browser session, so a lock-out holds across tabs,
browsers and app processes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .config import setting

if TYPE_CHECKING:
    from .store import Store

PASSWORD_ENV = "SPINDELN_ADMIN_PASSWORD"
HASH_SETTING = "admin_password_hash"
LOGIN_STATE_SETTING = "admin_login_state"
MAX_TRIES = 5
LOCKOUT_SECONDS = 60
ITERATIONS = 300_000  # PBKDF2-HMAC-SHA256; the stored hash is of a 59-bit random password, ~0.1 s a check
MAX_PASSWORD_LENGTH = 1024
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a console and typed on a phone
_ALGORITHM = "pbkdf2_sha256"


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    locked_for: int  # seconds until the next try is accepted; 0 when not locked
    remaining_tries: int


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """`pbkdf2_sha256$<iterations>$<salt>$<hash>`, one string for one settings row."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{_ALGORITHM}${iterations}${_b64(salt)}${_b64(digest)}"


def verify_password(encoded: str, attempt: str) -> bool:
    """Hash `attempt` the way `encoded` was made and compare in constant time."""
    try:
        algorithm, iterations, salt, digest = encoded.split("$")
        if algorithm != _ALGORITHM:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", attempt.encode("utf-8"), base64.b64decode(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def generate_password() -> str:
    """Twelve characters in three groups (about 59 bits), easy to read off a console: `k7mq-x3tz-9bfa`."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


_env_hashes: dict[str, str] = {}


def _configured_hash(store: "Store") -> str | None:
    """The hash to check against: of the configured password (env/secrets) if any, else the stored one."""
    configured = setting(PASSWORD_ENV)
    if configured:
        if configured not in _env_hashes:  # hash once per process, the same way as a stored password
            _env_hashes.clear()
            _env_hashes[configured] = hash_password(configured)
        return _env_hashes[configured]
    return store.get_setting(HASH_SETTING)


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


def _load_state(raw: str | None) -> tuple[int, float]:
    try:
        data = json.loads(raw) if raw else {}
        return int(data.get("failures", 0)), float(data.get("locked_until", 0.0))
    except (ValueError, TypeError, AttributeError):
        return 0, 0.0


def _dump_state(failures: int, locked_until: float) -> str | None:
    return None if failures == 0 and locked_until == 0 else json.dumps(
        {"failures": failures, "locked_until": locked_until})


def _locked_for(locked_until: float, now: float) -> int:
    return max(0, math.ceil(locked_until - now))


def check_password(store: "Store", attempt: str, now: float | None = None) -> LoginResult:
    """Check an admin login; after five wrong tries every try is refused for 60 s, the right one too.

    `now` (seconds since the epoch) is for tests; the state is wall-clock based because it is shared
    between processes.
    """
    now = time.time() if now is None else now
    _, locked_until = _load_state(store.get_setting(LOGIN_STATE_SETTING))
    if _locked_for(locked_until, now):
        return LoginResult(False, _locked_for(locked_until, now), 0)
    encoded = _configured_hash(store)
    ok = (isinstance(attempt, str) and 0 < len(attempt) <= MAX_PASSWORD_LENGTH and encoded is not None
          and verify_password(encoded, attempt))
    outcome: list[LoginResult] = []

    def record(raw: str | None) -> str | None:
        failures, until = _load_state(raw)
        if _locked_for(until, now):  # another try locked it while this one was being hashed
            outcome.append(LoginResult(False, _locked_for(until, now), 0))
            return raw
        if until:  # an expired lock-out starts a fresh count
            failures, until = 0, 0.0
        if ok:
            outcome.append(LoginResult(True, 0, MAX_TRIES))
            return None
        failures += 1
        if failures >= MAX_TRIES:
            outcome.append(LoginResult(False, LOCKOUT_SECONDS, 0))
            return _dump_state(0, now + LOCKOUT_SECONDS)
        outcome.append(LoginResult(False, 0, MAX_TRIES - failures))
        return _dump_state(failures, 0.0)

    store.update_setting(LOGIN_STATE_SETTING, record)
    return outcome[-1]
