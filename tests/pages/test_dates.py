"""A workshop's date is typed as 2026-12-01 (Streamlit's date picker speaks only English: issue 13), and a date
that is not one is refused in Swedish, naming the field, with nothing created or changed."""

from __future__ import annotations

from tests.pages.helpers import console_app, run_ok, sv, unescape


def _new_workshop(at, title: str, day: str):
    [w for w in at.text_input if w.label == sv("new_title")][0].set_value(title)
    [w for w in at.text_input if w.label == sv("new_date")][0].set_value(day)
    return run_ok([b for b in at.button if b.label == sv("new_create")][0].click())


def test_a_date_that_is_not_one_is_refused_by_name_and_nothing_is_created(store):
    at = run_ok(console_app(admin=True))
    before = len(store.list_workshops())
    at = _new_workshop(at, "Medlemssamråd 2027", "1 december")
    assert [unescape(e.value) for e in at.error] == [sv("bad_date", field=sv("new_date"), value="1 december")]
    assert len(store.list_workshops()) == before


def test_a_date_typed_as_iso_makes_the_workshop_on_that_day(store):
    at = run_ok(console_app(admin=True))
    at = _new_workshop(at, "Medlemssamråd 2027", " 2027-02-26 ")
    assert not at.error, [e.value for e in at.error]
    made = [w for w in store.list_workshops() if w.title == "Medlemssamråd 2027"]
    assert [w.date for w in made] == ["2027-02-26"]


def test_renaming_keeps_a_good_date_and_refuses_a_bad_one(store, workshop):
    workshop, _ = workshop
    at = console_app(admin=True)
    at.query_params["w"] = workshop.id
    at = run_ok(at)
    field = [w for w in at.text_input if w.label == sv("rename_date")][0]
    assert field.value == workshop.date
    field.set_value("2026-13-01")
    at = run_ok([b for b in at.button if b.label == sv("rename_save")][0].click())
    assert sv("bad_date", field=sv("rename_date"), value="2026-13-01") in [unescape(e.value) for e in at.error]
    assert store.get_workshop(workshop.id).date == workshop.date
