"""A group's join code: six characters a group can type from a printed card or the projector (`K7M-4QP`),
from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B)."""

from __future__ import annotations

import re
import secrets

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # 25 letters and digits a phone keyboard and a projector cannot confuse
LENGTH = 6  # 25^6 ≈ 244 million codes; guessing is slowed per client (survey.auth.join_with_code)

_SEPARATORS = re.compile(r"[\s\-–—_.·]+")


def new_join_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_join_code(typed: object) -> str | None:
    """What a person typed (any case, with or without the dash or spaces) as a stored code; None when it
    cannot be one. Look-alikes are read as what they look like (O as 0 is not in the alphabet, so 'O' → 'Q'
    is not guessed: an impossible character means no code)."""
    if not isinstance(typed, str) or len(typed) > 20:
        return None
    code = _SEPARATORS.sub("", typed).upper()
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def format_join_code(code: str) -> str:
    """`K7M4QP` → `K7M-4QP`, as printed and shown."""
    return f"{code[:3]}-{code[3:]}" if len(code) == LENGTH else code
