"""What the page tests share: the app under AppTest, a facilitator's tab, running without a crash, and
reading a page as its reader would (every text, label, option, table cell and chart word)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Expander, Tab

from survey import auth
from survey.texts import TEXTS
from survey.ui import ADMIN_TOKEN, get_store
from tests.conftest import OUR_TABLE

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PASSWORD = "rätt-lösenord-7"
TIMEOUT = 30  # the first run in a process imports plotly, pandas and SQLAlchemy
MARKUP_NAME = "**fet** <b>x</b> [länk](http://example.com)"

SAMPLE_TABLE = {row[0]: row[2:] for row in OUR_TABLE}  # the 2026 minutes table as the results page shows it
AXIS_KEYS = ["finansiera", "strategiskt", "uppfoljning", "initiera", "metodutveckling", "motesplats", "paverka",
             "forvalta"]


def sv(key: str, **params) -> str:
    text = TEXTS["sv"][key]
    return text.format(**params) if params else text


def en(key: str, **params) -> str:
    text = TEXTS["en"][key]
    return text.format(**params) if params else text


def app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at


def as_facilitator(at: AppTest) -> AppTest:
    """A tab holding a real server-side session, as after a login (a flag alone no longer counts)."""
    at.session_state[ADMIN_TOKEN] = auth.start_session(get_store())
    return at


def console_app(*, admin: bool = False) -> AppTest:
    at = AppTest.from_string(
        "from survey.pages.facilitator import page\npage()\n", default_timeout=TIMEOUT)
    return as_facilitator(at) if admin else at


def group_app(w, group, **query) -> AppTest:
    return app(w=w.id, g=group.token, **query).run()


def run_ok(at) -> AppTest:
    """Run (an AppTest, or a widget after an interaction) and insist the script raised nothing."""
    at = at.run()
    assert not at.exception, [e.value for e in at.exception]
    # survey.ui.guarded turns a crash into this message instead of a traceback: it is a failure all the same.
    assert sv("unexpected_error") not in [e.value for e in at.error], "the page crashed (see the log)"
    return at


def unescape(markdown: str) -> str:
    """What CommonMark shows for text whose punctuation is backslash-escaped (hard breaks aside), read as
    a person reads it: without the invisible word joiners `plain` puts in links, shortcodes and arrows."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown.replace("  \n", "\n")).replace("\u2060", "")


def _strings(value, skip=("template",)):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in skip:
                yield from _strings(v, skip)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, skip)


def page_text(at: AppTest) -> str:
    """Everything a reader could see: texts, labels, options, table cells and the charts' words."""
    parts: list[str] = []
    for root in (at.main, at.sidebar):
        for node in root:
            if isinstance(node, (Tab, Expander)):
                parts.append(node.label)
            if isinstance(node, Block):
                continue
            if node.type == "plotly_chart":
                parts.extend(_strings(json.loads(node.proto.spec)))
                continue
            if node.type in ("dataframe", "table"):
                df = node.value
                parts.extend(map(str, df.columns))
                parts.extend(str(x) for x in df.to_numpy().ravel())
                continue
            for field in ("value", "label", "body", "placeholder", "help", "options"):
                try:
                    v = getattr(node, field)
                except Exception:
                    continue
                if isinstance(v, str):
                    parts.append(v)
                elif isinstance(v, (list, tuple)) or type(v).__name__.endswith("Container"):
                    parts.extend(x if isinstance(x, str) else getattr(x, "content", str(x)) for x in v)
    return "\n".join(unescape(p) for p in parts)


def swedish_labels() -> set[str]:
    """Every Swedish UI word that has a different English text: texts, axis names, table labels."""
    from analysis import DEFAULT_AXES
    from analysis.statistics.labels import Interpretation, Spread
    from analysis.statistics.tables import DETAIL_HEADERS, HEADERS

    words: set[str] = set()
    for sv_text, en_text in zip(TEXTS["sv"].values(), TEXTS["en"].values()):
        if sv_text != en_text:
            words.update(p.strip(" .:!") for p in re.split(r"\{[^}]*\}", sv_text))
    words.update(a.name_sv for a in DEFAULT_AXES)
    words.update(x.text("sv") for x in (*Interpretation, *Spread))
    words.update(HEADERS["sv"])
    words.update(DETAIL_HEADERS["sv"])
    words -= set(HEADERS["en"]) | set(DETAIL_HEADERS["en"])
    return {w for w in words if len(w) >= 4}


def swedish_left(text: str) -> list[str]:
    return sorted(w for w in swedish_labels() if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text))


def choose_all(at: AppTest, values: dict[str, object]) -> None:
    for key, value in values.items():
        at.pills(key=f"rate-1-{key}").set_value(value)


def submit_button(at: AppTest):
    return next(b for b in at.button if b.label in (sv("submit_button"), sv("update_button"),
                                                    en("submit_button"), en("update_button")))


def table_rows(df) -> dict[str, tuple[str, str, str]]:
    axis, mean, spread, label = df.columns[0], df.columns[3], df.columns[4], df.columns[5]
    return {r[axis]: (r[mean], r[spread], r[label]) for r in df.to_dict("records")}


def qr_matrix(png: bytes) -> list[list[bool]]:
    """The modules of a QR code image read back from its pixels (no decoder is installed): the finder
    pattern's top edge, seven modules long, gives the module size and the quiet zone; then each module's
    centre is dark or light. Compare it with the symbol segno makes for the text the code should hold."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    width = image.size[0]
    px = image.load()

    def dark(x: float, y: float) -> bool:
        return px[int(x), int(y)] < 128

    start = next(i for i in range(width) if dark(i, i))
    scale = (next(i for i in range(start, width) if not dark(i, start)) - start) / 7
    border = round(start / scale)
    n = round(width / scale) - 2 * border
    return [[dark((border + c + 0.5) * scale, (border + r + 0.5) * scale) for c in range(n)] for r in range(n)]


def segno_matrix(text: str) -> list[list[bool]]:
    import segno

    return [[bool(v) for v in row] for row in segno.make(text, error="m").matrix]
