"""One rule for "the same name": case, whitespace, Unicode forms and invisible characters do not count."""

import pytest

from analysis.names import clean_name, name_key, unsafe_character


@pytest.mark.parametrize("other", ["grupp 1", "Grupp  1", " Grupp 1 ", "Grupp\u200b 1", "Grupp\u00a01", "GRUPP 1",
                                   "Grupp\t1", "Grupp\ufeff 1"])
def test_names_that_look_alike_share_a_key(other):
    assert name_key(other) == name_key("Grupp 1")


def test_composed_and_decomposed_letters_are_one_name():
    assert name_key("Vårdcentral") == name_key("Va\u030ardcentral")
    assert clean_name("Va\u030ardcentral") == "Vårdcentral"


def test_different_names_keep_different_keys():
    assert name_key("Grupp 1") != name_key("Grupp 11")
    assert name_key("Ålands") != name_key("Alands")


def test_clean_name_drops_invisible_characters_and_collapses_whitespace():
    assert clean_name("  Grupp\u200d   1\u00ad ") == "Grupp 1"


@pytest.mark.parametrize("text, found", [("Grupp \u202e1", "U+202E"), ("\u2066x\u2069", "U+2066"), ("a\x00b", "U+0000"),
                                         ("a\x1bb", "U+001B"), ("\u200fx", "U+200F"), ("a\x85b", "U+0085")])
def test_unsafe_characters_are_named(text, found):
    assert unsafe_character(text) == found


def test_ordinary_text_is_safe():
    assert unsafe_character("Grupp 1 – Försäkringskassan\tok\nrad två") is None


@pytest.mark.parametrize("blank", ["\u3164", "\u2800", "\u115f", "\U000e0041", "\ufe0f", "\u034f", "\u2063"])
def test_fillers_tags_and_variation_selectors_do_not_make_a_new_name(blank):
    assert name_key(f"x{blank}") == name_key("x") and clean_name(f"Grupp{blank} 1") == "Grupp 1"


def test_bidi_controls_are_kept_for_refusal_not_dropped():
    assert unsafe_character(clean_name("Grupp \u202e1")) == "U+202E"
