"""Names as people mean them: one rule for when two group or axis names are "the same name".

"Grupp 1", "grupp  1", "Grupp\u200b1" and a decomposed "Grupp 1" are one group to a facilitator; the store,
the importer and the console compare names by `name_key`. Characters that change how text is *shown*
without being visible (bidirectional overrides, control characters) are refused in names, since they let
"Grupp 1" display as something else.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that show nothing yet make two names differ: every format character (Unicode category Cf: zero-width
# space and joiners, word joiner, BOM, soft hyphen, tag characters …, bidi controls aside, which are refused),
# variation selectors, the combining grapheme joiner, the Hangul fillers and the blank Braille pattern.
_FILLERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")


def _invisible(ch: str) -> bool:
    o = ord(ch)
    return ((unicodedata.category(ch) == "Cf" and not _BIDI.match(ch)) or ch in _FILLERS
            or 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF)


# Bidirectional embeddings, overrides, isolates and marks: refused (a name could read backwards on screen).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Control characters (C0, DEL, C1) other than the whitespace that `clean_name` folds.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_name(text: str) -> str:
    """The form a name is stored and shown in: NFC, invisible characters dropped, whitespace collapsed."""
    text = "".join(ch for ch in unicodedata.normalize("NFC", text) if not _invisible(ch))
    return " ".join(text.split())


def name_key(text: str) -> str:
    """The key two names are compared by: `clean_name`, then compatibility forms and case folded."""
    return unicodedata.normalize("NFKC", clean_name(text)).casefold()


def unsafe_character(text: str) -> str | None:
    """The first bidi control or control character (tab, CR and LF are not counted) as U+XXXX, else None.

    For names and for free text alike: NUL, for one, cannot be stored in PostgreSQL."""
    match = _BIDI.search(text) or _CONTROL.search(text)
    return None if match is None else f"U+{ord(match.group()):04X}"

