"""The page texts: both languages have every key, with the same placeholders, and none is empty."""

from __future__ import annotations

import string

from survey.texts import TEXTS


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders():
    assert list(TEXTS) == ["sv", "en"] and TEXTS["sv"].keys() == TEXTS["en"].keys()
    for key, sv in TEXTS["sv"].items():
        en = TEXTS["en"][key]
        assert sv.strip() and en.strip(), key
        assert _fields(sv) == _fields(en), key
