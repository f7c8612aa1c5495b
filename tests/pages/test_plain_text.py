"""User text stays text on every page (issue 11): `survey.ui.plain` and the pages that show titles, names,
comments and answers.

Streamlit's Markdown rewrites some text after it has parsed it, where a backslash escape no longer counts:
GitHub-style autolinks (https://…, www.…, name@host), :shortcodes: (emoji, :material/…: icons, the
:streamlit: logo) and the typographic arrows. REWRITES copies those patterns from Streamlit 1.67's
frontend (static/js/StreamlitMarkdown.*.js); `test_the_rewrites_are_the_ones_streamlit_ships` fails when an
upgrade changes them, so the copy cannot silently go stale.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst
from streamlit.testing.v1 import AppTest

from survey.ui import WORD_JOINER, plain, plain_table
from tests.pages.helpers import TIMEOUT, app, console_app, run_ok, sv, unescape

# (the pattern as Streamlit's frontend bundle spells it, the same pattern for Python's re)
REWRITES = [
    (r"/(https?:\/\/|www(?=\.))([-.\w]+)([^ \t\r\n]*)/gi", re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.I)),
    (r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)/gu", re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")),
    (r"/:(?!material\/|streamlit:)[\w+-][\w_+-]*:/", re.compile(r":[\w+-][\w+-]*:")),
    (r"/:material_(\w+):/g", re.compile(r":material[/_](\w+):")),
    (r"/:streamlit:/g", re.compile(r":streamlit:")),
    (r"[/(^|\s)->(\s|$)/g,", re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)")),
]
ATTACKS = [
    "https://x.example", "se www.x.example nu", "WWW.X.EXAMPLE", "skriv till a.b@c.example", "mailto:a@b.example",
    ":smile: :+1: :material/home: :streamlit:", "a -> b <- c <-> d -- e >= f <= g ~= h",
    "**fet** _kursiv_ :red[röd] :blue-background[x] $x^2$ <b>html</b> [länk](https://x.example)",
    "# rubrik", "1. lista", "> citat", "| a | b |", "`kod`", "~~bort~~", "&lt;b&gt; &amp;", "rad ett\nrad två",
]
URLS = "Läs https://x.example och www.x.example, mejla a@b.example :smile:"


def shown(markdown: str) -> str:
    """The text of the parsed Markdown, before Streamlit's rewrites and with the word joiners still in."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown.replace("  \n", "\n"))


def rewritten(markdown: str) -> list[str]:
    text = shown(markdown)
    return [m.group(0) for _, pattern in REWRITES for m in pattern.finditer(text)]


def test_the_rewrites_are_the_ones_streamlit_ships():
    import streamlit

    [bundle] = (Path(streamlit.__file__).parent / "static" / "static" / "js").glob("StreamlitMarkdown.*.js")
    source = bundle.read_text(encoding="utf-8")
    for js, _ in REWRITES:
        assert js in source, f"Streamlit's Markdown changed: check plain() against {js}"
    assert "replaceAll(`:material/`,`:material_`)" in source, "icons are still found before parsing"


@pytest.mark.parametrize("text", ATTACKS)
def test_plain_leaves_nothing_for_markdown_or_streamlit_to_rewrite(text):
    escaped = plain(text)
    assert unescape(escaped) == text
    assert rewritten(escaped) == [], rewritten(escaped)
    assert not re.search(r"(?<!\\)[*_`\[\]<>:$~|#&]", escaped.replace("  \n", "\n"))
    assert not re.search(r":(?!material\/|streamlit:)[\w+-][\w_+-]*:", escaped), "no emoji plugin is even loaded"
    assert ":material/" not in escaped


def test_plain_puts_a_joiner_only_where_a_rewrite_would_start():
    assert plain("Tid: 10 Grupp 1 – a-b c<d") == "Tid\\: 10 Grupp 1 – a\\-b c\\<d"
    assert plain("https://x") == f"https\\:{WORD_JOINER}//x"
    assert plain("www.x") == f"www{WORD_JOINER}\\.x" and plain("a@b") == f"a@{WORD_JOINER}b"


@settings(max_examples=200, deadline=None)
@given(hst.text(alphabet=hst.characters(blacklist_categories=("Cs",), blacklist_characters="\r\u2060")))
def test_plain_text_reads_back_as_typed(text):
    escaped = plain(text)
    assert unescape(escaped) == text
    assert rewritten(escaped) == []


def test_plain_table_escapes_headers_index_and_cells():
    frame = plain_table(("Axel", "**A**: medel", "<b>B</b>"), [("Mål :red[x]", "3,6 *", "https://x.example")])
    assert list(frame.columns) == [plain("**A**: medel"), plain("<b>B</b>")]
    assert frame.index.name == "Axel" and list(frame.index) == [plain("Mål :red[x]")]
    assert list(frame.iloc[0]) == [plain("3,6 *"), plain("https://x.example")]


# ---------------------------------------------------------------------------------------------- pages


TITLES = ("**Vår** :red[röd] https://x.example", "<b>Höst</b> _kursiv_ www.x.example")


def _revealed(store, title, date, axes=None, comment=""):
    kwargs = {"axes": axes} if axes else {}
    w = store.create_workshop(title, date, place="Eksjö", federation="Testförbundet", **kwargs)
    store.set_state(w.id, "open")
    for i in range(3):
        g = store.add_group(w.id, f"Grupp {i + 1}")
        keys = [a.key for a in store.get_workshop(w.id).axes]
        store.submit(w.id, g.id, {k: 2.0 + i for k in keys},
                     comments={keys[0]: comment} if comment and i == 0 else None)
    return store.set_state(w.id, "revealed")


def test_compare_shows_workshop_titles_as_typed(store):
    from analysis import DEFAULT_AXES

    a = _revealed(store, TITLES[0], "2026-03-01")
    b = _revealed(store, TITLES[1], "2026-09-01", axes=list(DEFAULT_AXES[:6]))
    at = AppTest.from_string("from survey.pages.compare import page\npage()\n", default_timeout=TIMEOUT)
    at = run_ok(at)
    pick = at.multiselect(key="cmp-pick")
    labels = {a.id: f"{a.title} ({a.date})", b.id: f"{b.title} ({b.date})"}
    assert {pick.format_func(i) for i in labels} == set(labels.values()), "options are plain text: shown as typed"
    run_ok(pick.set_value([a.id, b.id]))
    table = at.table[0].value
    cells = [*map(str, table.columns), str(table.index.name), *map(str, table.index),
             *(str(x) for x in table.to_numpy().ravel())]
    for title in TITLES:
        assert any(unescape(c).startswith(title) for c in cells), title
    for cell in cells:
        assert rewritten(cell) == [] and not re.search(r"(?<!\\)[*_<>\[\]:]", cell), cell
    notes = [c.value for c in at.caption if "Utelämnat" in c.value or "utelämnat" in c.value.lower()]
    assert notes and all(rewritten(n) == [] for n in notes)
    assert any(TITLES[0] in unescape(n) for n in notes)


def test_comments_with_links_on_the_results_page_stay_text(store):
    w = _revealed(store, "Länkar", "2026-05-01", comment=URLS)
    at = run_ok(app(w=w.id))
    [line] = [m.value for m in at.markdown if "mejla" in m.value]
    assert line == f"- **{plain('Grupp 1')}**: {plain(URLS)}"
    assert unescape(line) == f"- **Grupp 1**: {URLS}" and rewritten(line) == []


def test_answers_with_links_in_the_console_stay_text(store):
    w = store.create_workshop("Diskussion", "2026-05-01")
    store.set_state(w.id, "open")
    g = store.add_group(w.id, "Grupp www.g.example")
    [q, *_] = store.questions(w.id)
    store.save_answers(w.id, g.id, q.id, [URLS, "**fet** <b>x</b> -> :material/home:"])
    at = console_app(admin=True)
    at = run_ok(at)
    run_ok(at.selectbox(key="facilitator-workshop").set_value(w.id))
    lines = [m.value for m in at.markdown]
    assert f"*{plain('Grupp www.g.example')}*" in lines
    assert f"- {plain(URLS)}" in lines and f"- {plain('**fet** <b>x</b> -> :material/home:')}" in lines
    assert all(rewritten(m) == [] for m in lines if "example" in m or "material" in m)


def test_a_store_error_quoting_a_name_is_shown_as_text(store):
    w = store.create_workshop("Fel", "2026-05-01")
    name = "**Dubbel** https://x.example"
    store.add_group(w.id, name)
    at = run_ok(console_app(admin=True))
    run_ok(at.selectbox(key="facilitator-workshop").set_value(w.id))
    at.text_input[0].input(name)
    run_ok(next(b for b in at.button if b.label == sv("add_group")).click())
    [error] = [e.value for e in at.error]
    assert name in unescape(error) and rewritten(error) == [] and "**" not in error


def test_round_two_table_shows_axis_names_as_text(store):
    from analysis import Axis

    odd = "Mål **nu** https://x.example"
    axes = [Axis("mal", odd, odd, "", ""), Axis("tid", "Tid", "Time", "", ""), Axis("ekonomi", "Ekonomi", "Money")]
    w = _revealed(store, "Omgångar", "2026-05-01", axes=axes)
    store.set_state(w.id, "open")
    store.open_round2(w.id, ["mal"])
    for i, g in enumerate(store.groups(w.id)):
        store.submit(w.id, g.id, {"mal": 3.0 + i % 2}, round=2)
    store.set_state(w.id, "revealed")
    at = run_ok(app(w=w.id))
    [table] = at.table
    assert list(table.value.index) == [plain(odd)]
    assert rewritten(str(table.value.index[0])) == []



def test_the_phone_cards_show_axis_names_as_text(store):
    """The minutes as one card per axis (a phone's view) are HTML: every text in them is escaped."""
    from html import unescape as html_unescape

    from analysis import Axis

    odd = 'Mål <img src=x onerror="alert(1)"> & <b>nu</b>'
    axes = [Axis("mal", odd, odd, "", ""), Axis("tid", "Tid", "Time", "", ""), Axis("ekonomi", "Ekonomi", "Money")]
    w = _revealed(store, "Kort", "2026-05-01", axes=axes)
    at = run_ok(app(w=w.id))
    [cards] = [h.proto.body for h in at.get("html") if h.proto.body.startswith('<ul class="sp-cards"')]
    assert "<img" not in cards and "<b>" not in cards
    headings = re.findall(r"<h4>(.*?)</h4>", cards)
    assert [html_unescape(h) for h in headings] == [odd, "Tid", "Ekonomi"]
    assert re.findall(r"<dt>(.*?)</dt>", cards)[:4] == ["Medel", "Tolkning", "Spridning", "Värden"]
