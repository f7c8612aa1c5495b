"""The page's own script (survey/client.js) as the server hands it out: with the Swedish for Streamlit's words and
its texts in front, cached by a phone until it changes, and in every page's head from the first byte."""

from __future__ import annotations

import re

import asyncio
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.responses import HTMLResponse

from survey import web
from survey.streamlit_sv import EXACT, PATTERNS
from survey.texts import TEXTS

STREAMLIT_PAGE = '<!doctype html><html lang="en"><head><title>x</title></head><body><div id="root"></div></body></html>'


@dataclass
class Reply:
    status_code: int
    headers: dict
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode()


class _Client:
    """A GET through the ASGI app, as uvicorn would make it (no HTTP client library needed)."""

    def __init__(self, app) -> None:
        self.app = app

    def get(self, url: str, headers: dict | None = None) -> Reply:
        path, _, query = url.partition("?")
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
                 "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
                 "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}
        sent: list[dict] = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        # In a thread of its own: the browser tests' Playwright (same process) keeps an event loop running here.
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, self.app(scope, receive, send)).result()
        start = next(m for m in sent if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        return Reply(start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body)


def _app() -> _Client:
    async def index(request):
        return HTMLResponse(STREAMLIT_PAGE)

    inner = Starlette(routes=[*web.routes()])
    inner.add_route("/{path:path}", index)
    return _Client(web.DocumentLanguage(inner))


def test_the_script_is_served_with_its_table_and_texts_and_cached_by_version():
    body, version = web.client_script()
    client = _app()
    r = client.get(f"{web.CLIENT_PATH}?v={version}")
    assert r.status_code == 200 and r.content == body
    assert r.headers["content-type"].startswith("text/javascript")
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert client.get(web.CLIENT_PATH).headers["cache-control"] == "no-cache"  # no version: ask again each time
    text = body.decode()
    assert '"Skip to main content": "Hoppa till huvudinnehållet"' in text
    assert TEXTS["sv"]["client_conn_title"] in text and TEXTS["en"]["client_conn_title"] in text


def test_every_page_carries_the_script_in_its_head_and_says_its_language():
    _, version = web.client_script()
    client = _app()
    for path, lang in (("/", "sv"), ("/jamfor", "sv"), ("/kod?lang=en", "en")):
        html = client.get(path, headers={"Accept-Encoding": "gzip"}).text
        assert f'<html lang="{lang}">' in html
        assert f'<script defer src="{web.CLIENT_PATH}?v={version}"></script></head>' in html


def test_every_translation_is_swedish_and_every_pattern_reads_its_example():
    assert all(k != v for k, v in EXACT.items() if k not in ("April", "September", "November"))
    examples = {
        r"^Remove (.+)$": ("Remove Mötesplats", "Ta bort Mötesplats"),
        r"^(\d+)(?:\.(\d+))?\s?(B|KB|MB|GB) per file$": ("3MB per file", "Högst 3 MB per fil"),
        r"^File must be (.+) or smaller\.$": ("File must be 3.0MB or smaller.", "Filen får vara högst 3.0MB."),
    }
    for pattern, replacement in PATTERNS:
        compiled = re.compile(pattern)  # the shared syntax: Python reads what JavaScript reads
        if pattern in examples:
            given, wanted = examples[pattern]
            m = compiled.match(given)
            assert m, pattern
            got = re.sub(r"\$(\d)", lambda g: m.group(int(g.group(1))) or "", replacement)
            assert got == wanted


def test_a_phone_is_spared_the_fonts_it_never_sees_and_a_group_form_gets_its_chunks_at_once():
    import streamlit

    real = (Path(streamlit.__file__).resolve().parent / "static" / "index.html").read_bytes()
    assert b"SourceSansVF-Upright" in real and b'rel="preload"' in real  # what Streamlit's own page asks for
    assert len(web.form_chunks()) == len(web.FORM_CHUNKS)  # every chunk found: a Streamlit upgrade shows here
    page = web.lighter_page(real)
    assert b"SourceSansVF-Upright" not in page.split(b"</head>")[0].split(b"<style>")[0]  # no preload
    assert b"Material Symbols" in page and b"Promise.resolve" in page  # the icon font only when drawn
    assert b'font-family:"Source Sans"' in page and b"modulepreload\" crossorigin href=\"./static/js/Html." not in page
    form = web.lighter_page(real, group_form=True)
    for name in web.form_chunks():
        assert f'<link rel="modulepreload" crossorigin href="./static/js/{name}">'.encode() in form
        assert (Path(streamlit.__file__).resolve().parent / "static" / "static" / "js" / name).is_file()
