"""The drafted analysis: grouped like an analyst's, in the app's own words, in one language at a time."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import Ratings, Scale, summarize
from analysis.statistics.labels import INTERPRETATION_TEXT, SPREAD_TEXT
from analysis.model import DEFAULT_AXES
from analysis.appendix.narrative import (
    Block, Section, draft_narrative, narrative_text, parse_narrative, plain, polar_sides, spans,
)

SV_WORDS = sorted({*INTERPRETATION_TEXT["sv"].values(), *SPREAD_TEXT["sv"].values(), "Axel", "Värden", "Medel",
                   "Spridning", "Tolkning", "grupper", "medel", "och"})
EN_WORDS = sorted({*INTERPRETATION_TEXT["en"].values(), *SPREAD_TEXT["en"].values(), "Mean", "Values", "Spread",
                   "Axis", "groups", "mean", "and"})

# Sentences from the analyst's narrative in the 2026 minutes: the draft must say such things in its own words.
SEED_SENTENCES = [
    "Den starkaste samsynen finns kring",
    "Samtliga grupper placerar förbundet mycket högt på denna axel",
    "När det gäller initiera samverkan hamnar svaren på en mellannivå",
    "Här finns olika uppfattningar om hur stark utvecklings- och innovationsroll förbundet bör ha",
    "Lägre skattningar syns på att",
    "Några ser detta som en mycket viktig funktion, medan andra skattar den betydligt lägre",
    "Helhetsbilden som framträder är att grupperna i hög grad vill att förbundet ska vara",
]


def text_of(sections) -> str:
    return "\n".join([s.heading for s in sections] + [b.text for s in sections for b in s.blocks])


def words_in(text: str, words) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\wåäöÅÄÖ]){re.escape(w)}(?![\wåäöÅÄÖ])", text)]


def section(sections, heading: str) -> str:
    found = [s for s in sections if s.heading == heading]
    assert found, f"no section {heading!r} in {[s.heading for s in sections]}"
    return "\n".join(b.text for b in found[0].blocks)


def test_sample_sections_in_the_analysts_order(sample_summary):
    sections = draft_narrative(sample_summary, "sv")
    assert [s.heading for s in sections] == [
        "Tydlig samsyn och höga skattningar", "Mellannivå", "Lägst skattat", "Delade meningar", "Samlad bild",
    ]
    assert "**Finansiera** (medel 4,75)" in section(sections, "Tydlig samsyn och höga skattningar")
    assert "**Uppföljning**" in section(sections, "Tydlig samsyn och höga skattningar")
    assert "**Initiera samverkan** (medel 2,75)" in section(sections, "Mellannivå")
    lowest = section(sections, "Lägst skattat")
    assert lowest.index("**Förvalta**") < lowest.index("**Påverka samverkan**")
    split = section(sections, "Delade meningar")
    assert "**Metodutveckling**" in split and "**Mötesplats**" in split
    assert "en grupp vid 5 och två grupper vid 2–2,5" in split
    assert "svar från tre av fyra grupper" in split
    overall = sections[-1]
    assert any(b.bullet for b in overall.blocks) and overall.blocks[0].text.startswith("Fyra grupper")


def test_english_sample(sample_summary):
    sections = draft_narrative(sample_summary, "en")
    assert [s.heading for s in sections] == [
        "Clear agreement and high ratings", "Middle ground", "Rated lowest", "Divided views", "Overall picture",
    ]
    text = text_of(sections)
    assert "**Finance** (mean 4.75)" in text and "**Meeting place**" in text
    assert "one group at 5 and two groups at 2–2.5" in text


def test_no_other_language_leaks(sample_summary):
    sv, en = text_of(draft_narrative(sample_summary, "sv")), text_of(draft_narrative(sample_summary, "en"))
    assert words_in(en, SV_WORDS) == []
    assert not re.search("[åäöÅÄÖ]", en)
    assert words_in(sv, [w for w in EN_WORDS if w not in ("Medium",)]) == []
    assert not re.search(r"\d\.\d", sv), "Swedish numbers use a decimal comma"
    assert not re.search(r"\d,\d", en), "English numbers use a decimal point"


def test_own_words_not_the_minutes(sample_summary):
    text = plain(text_of(draft_narrative(sample_summary, "sv")))
    for sentence in SEED_SENTENCES:
        assert sentence.casefold() not in text.casefold()


def test_override_moves_an_axis(sample_summary):
    changed = sample_summary.with_overrides({"motesplats": "high"})
    sections = draft_narrative(changed, "sv")
    assert "**Mötesplats**" in section(sections, "Tydlig samsyn och höga skattningar")
    assert "**Mötesplats**" not in section(sections, "Delade meningar")


def test_every_axis_too_few_answers():
    ratings = Ratings.from_rows([("A", [4, None, 3]), ("B", [5, 2, None])], DEFAULT_AXES[:3])
    summary = summarize(ratings)
    for lang, needle in (("sv", "minst tre svar"), ("en", "at least three")):
        sections = draft_narrative(summary, lang)
        assert len(sections) == 1
        assert needle in sections[0].blocks[0].text


def test_some_axes_too_few_are_named():
    ratings = Ratings.from_rows([("A", [4, 4, None]), ("B", [4, 4, None]), ("C", [4, 4.5, 2])], DEFAULT_AXES[:3])
    sections = draft_narrative(summarize(ratings), "sv")
    assert "För **Uppföljning** (svar från en av tre grupper) finns för få svar" in text_of(sections)
    assert "stark samsyn på två av två axlar" in text_of(sections)


def test_only_middle_ratings_give_a_flat_picture():
    ratings = Ratings.from_rows([("A", [3, 3]), ("B", [3.5, 2.5]), ("C", [2.5, 3.5]), ("D", [3, 3])], DEFAULT_AXES[:2])
    sections = draft_narrative(summarize(ratings), "en")
    assert "No axis stands out either way" in text_of(sections)


def test_lang_is_checked(sample_summary):
    with pytest.raises(ValueError):
        draft_narrative(sample_summary, "de")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_groups=st.integers(1, 7),
    n_axes=st.integers(1, 8),
    data=st.data(),
)
def test_any_workshop_gets_a_sensible_draft(n_groups, n_axes, data):
    cats = [1 + 0.5 * k for k in range(9)]
    values = np.array([[data.draw(st.one_of(st.none(), st.sampled_from(cats))) for _ in range(n_axes)]
                       for _ in range(n_groups)], dtype=float)
    ratings = Ratings(tuple(f"G{i}" for i in range(n_groups)), DEFAULT_AXES[:n_axes], values, Scale())
    summary = summarize(ratings)
    all_too_few = all(a.interpretation.value == "too_few" for a in summary.axes)
    for lang in ("sv", "en"):
        sections = draft_narrative(summary, lang)
        assert sections and sections[-1].heading == ("Samlad bild" if lang == "sv" else "Overall picture")
        text = text_of(sections)
        assert text.count("**") % 2 == 0
        assert all(s.blocks for s in sections)
        if not all_too_few:
            for a in summary.axes:
                assert f"**{a.axis.name(lang)}**" in text
        if lang == "en":
            assert words_in(text, SV_WORDS) == []


def test_plain_text_round_trip(sample_summary):
    sections = draft_narrative(sample_summary, "sv")
    text = narrative_text(sections)
    assert text.startswith("## Tydlig samsyn")
    assert "\n- Väger tyngst: **Finansiera**" in text
    assert parse_narrative(text) == sections


def test_parse_the_secretarys_text():
    text = "Inledning utan rubrik\nsom fortsätter.\n\n## Första\n\nEtt stycke.\n- punkt ett\n  fortsätter\n* punkt två\n\n# Andra\nSlut."
    assert parse_narrative(text) == [
        Section("", (Block("Inledning utan rubrik som fortsätter."),)),
        Section("Första", (Block("Ett stycke."), Block("punkt ett fortsätter", True), Block("punkt två", True))),
        Section("Andra", (Block("Slut."),)),
    ]
    assert parse_narrative("") == [] and parse_narrative("\n\n") == []
    assert parse_narrative("**Fet rad** först")[0].blocks == (Block("**Fet rad** först"),)


def test_bold_spans():
    assert spans("a **b** c") == [("a ", False), ("b", True), (" c", False)]
    assert spans("**x**") == [("x", True)]
    assert spans("3 ** 2 är nio") == [("3 ** 2 är nio", False)]
    assert spans("**a** och ** b") == [("a", True), (" och ** b", False)]
    assert plain("**Finansiera** (medel 4,75)") == "Finansiera (medel 4,75)"


def test_polar_sides(sample_summary):
    assert polar_sides(sample_summary.axis("motesplats")) == ([2.0, 2.5], [5.0])
