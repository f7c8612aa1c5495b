"""The appendix model: what every format shows, decided once."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from analysis import Ratings
from analysis.appendix.model import build_appendix
from analysis.workshop import GroupAnswer, Question
from analysis.appendix.narrative import Block, Section
from tests.conftest import SEED_TABLE


def sample_appendix(ratings, **kwargs):
    kwargs.setdefault("title", "Medlemssamråd 2026")
    return build_appendix(ratings, **kwargs)


def test_table_is_the_minutes_table(sample_ratings):
    a = sample_appendix(sample_ratings, date="2026-02-27", place="Vrigstad")
    assert a.table_header() == ("Axel", "Värden", "Medel", "Spridning", "Tolkning")
    rows = a.table_rows()
    assert len(rows) == 8
    for ours, seed in zip(rows, SEED_TABLE):
        assert (ours[0], ours[1], ours[2], ours[4]) == (seed[0], seed[1], seed[2], seed[4])
    assert rows[5] == ("Mötesplats", "2,5; 5; 2", "3,2 *", "Hög", "Polariserat")
    assert len(a.footnotes()) == 1 and "Mötesplats" in a.footnotes()[0]
    assert a.n_groups == 4 and a.lang == "sv"


def test_meta_leaves_out_what_is_empty(sample_ratings):
    a = sample_appendix(sample_ratings, date=dt.date(2026, 2, 27), place="  ")
    assert a.meta() == [("Datum", "2026-02-27"), ("Antal grupper", "4"), ("Skala", "1–5 i steg om 0,5")]
    assert a.intro() == "Fyra grupper har var för sig skattat axlarna i spindeldiagrammet."
    en = sample_appendix(sample_ratings, lang="en", federation="Södra Vätterbygden")
    assert ("Federation", "Södra Vätterbygden") in en.meta() and ("Scale", "1–5 in steps of 0.5") in en.meta()


def test_empty_title_gets_a_heading(sample_ratings):
    assert build_appendix(sample_ratings, title=" ").title == "Sammanställning av gruppernas skattningar"
    assert build_appendix(sample_ratings, title="", lang="en").title == "Summary of the groups' ratings"


def test_override_is_marked(sample_ratings):
    a = sample_appendix(sample_ratings, overrides={"forvalta": "low_medium"})
    assert a.table_rows()[7][4] == "Låg-medel (justerad)"
    assert any("(justerad)" in n for n in a.footnotes())
    en = sample_appendix(sample_ratings, overrides={"forvalta": "low_medium"}, lang="en")
    assert en.table_rows()[7][4] == "Low-medium (adjusted)"


def test_override_reaches_the_draft(sample_ratings):
    a = sample_appendix(sample_ratings, overrides={"motesplats": "high"})
    split = [s for s in a.narrative if s.heading == "Delade meningar"][0]
    assert "Mötesplats" not in " ".join(b.text for b in split.blocks)


def test_narrative_draft_edited_or_none(sample_ratings):
    draft = sample_appendix(sample_ratings)
    assert not draft.narrative_edited and draft.narrative[0].heading == "Tydlig samsyn och höga skattningar"
    edited = sample_appendix(sample_ratings, narrative="## Vår bild\n\nFinansiering först.\n- **Finansiera**\n")
    assert edited.narrative_edited
    assert edited.narrative == (Section("Vår bild", (Block("Finansiering först."), Block("**Finansiera**", True))),)
    assert sample_appendix(sample_ratings, narrative="").narrative == ()
    sections = [Section("X", (Block("y"),))]
    assert sample_appendix(sample_ratings, narrative=sections).narrative == tuple(sections)


def test_questions_from_the_store_shape(sample_ratings):
    questions = [
        ("Var gör förbundet störst skillnad?", [("Grupp 1", ["Individnära insatser", " "]), ("Grupp 2", [])],
         "**Individen först.**"),
        {"text": "Vilken roll?", "answers": {"Grupp 3": "- Neutral samordnare\n- Drivande"}, "description": "Roll"},
        Question("Tom fråga"),
        ("", [], ""),
    ]
    a = sample_appendix(sample_ratings, questions=questions)
    assert [q.text for q in a.questions] == ["Var gör förbundet störst skillnad?", "Vilken roll?", "Tom fråga"]
    assert a.questions[0].answers == (GroupAnswer("Grupp 1", ("Individnära insatser",)),)
    assert a.questions[0].summary == "**Individen först.**"
    assert a.questions[1].answers == (GroupAnswer("Grupp 3", ("Neutral samordnare", "Drivande")),)
    assert a.questions[1].description == "Roll"


def test_comments_in_axis_order_by_key_or_name(sample_ratings):
    comments = {
        "Förvalta": [("Grupp 1", "Inte vår roll")],
        "motesplats": [("Grupp 2", "Viktig arena"), ("Grupp 3", "  ")],
        "Meeting place": [("Grupp 1", "Also this")],
        "Okänd axel": [("Grupp 1", "Kvar ändå")],
        "finansiera": [],
    }
    a = sample_appendix(sample_ratings, comments=comments)
    assert [c.name for c in a.comments] == ["Mötesplats", "Förvalta", "Okänd axel"]
    assert a.comments[0].comments == (("Grupp 2", "Viktig arena"), ("Grupp 1", "Also this"))
    en = sample_appendix(sample_ratings, comments=comments, lang="en")
    assert [c.name for c in en.comments][:2] == ["Meeting place", "Manage"]


def round2_ratings(sample_ratings):
    r2 = sample_ratings.subset_axes(["motesplats", "metodutveckling"])
    return Ratings(r2.groups, r2.axes, np.array([[3, 3], [4, 2.5], [3, 3], [3.5, 3]]), r2.scale)


def test_round_two_comparison(sample_ratings):
    a = sample_appendix(sample_ratings, round2=round2_ratings(sample_ratings))
    assert a.round2 is not None and [c.axis.key for c in a.round2.changes] == ["motesplats", "metodutveckling"]
    assert a.comparison_header() == ("Axel", "Medel (omgång 1 → 2)", "Konsensus (omgång 1 → 2)", "Tolkning omgång 1",
                                     "Tolkning omgång 2")
    rows = a.comparison_rows()
    assert rows[0][0] == "Mötesplats" and rows[0][1] == "3,2 * → 3,4" and rows[0][3] == "Polariserat"
    assert rows[1][1] == "2,5 → 2,9" and rows[1][3] == "Oenighet" and rows[1][4] == "Stark samsyn"
    assert a.round2_intro() == "Efter diskussionen skattades två axlar om."
    c = a.round2.changes[1]
    assert c.round2.consensus > c.round1.consensus


def test_round_two_axis_new_in_round_two(sample_ratings):
    from analysis.model import Axis

    r2 = Ratings.from_rows([(g, [3]) for g in sample_ratings.groups], [Axis("ny", "Ny axel", "New axis")])
    a = sample_appendix(sample_ratings, round2=r2, lang="en")
    assert a.comparison_rows()[0][:2] == ("New axis", "– → 3")
    assert a.round2_intro() == "After the discussion, one axis was rated again."


def test_language_is_checked(sample_ratings):
    with pytest.raises(ValueError):
        sample_appendix(sample_ratings, lang="de")


def test_marks_legend(sample_ratings):
    a = sample_appendix(sample_ratings, date="2026-02-27")
    assert a.marks_legend() == "✔ Stark samsyn · ⇄ Polariserat · ≠ Oenighet"


def test_a_workshop_nobody_has_rated_yet():
    from analysis.appendix.formats import FORMATS, render
    from analysis.model import DEFAULT_AXES

    r = Ratings((), DEFAULT_AXES[:3], np.empty((0, 3)))
    for lang, intro, overall in (("sv", "Ingen grupp har skattat axlarna än.", "Ingen grupp har skattat något än."),
                                 ("en", "No group has rated the axes yet.", "No group has rated anything yet.")):
        a = build_appendix(r, title="Tom", lang=lang)
        assert a.intro() == intro and a.narrative[-1].blocks[0].text.startswith(overall)
        for fmt in FORMATS:
            assert render(a, fmt)
