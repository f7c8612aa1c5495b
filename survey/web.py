"""The HTTP routes mounted by app.py through `st.App`: the two of the facilitator's session cookie, the
page's own script (survey/client.js), which DocumentLanguage puts in the head of every page, and the phase a
group's phone follows (survey/follow.py).

A Streamlit script cannot set a cookie (it talks to the browser over a WebSocket), so after a good
password the console has the browser POST a single-use code that lives 60 s to SESSION_PATH. The route
trades the code for a session token, sets it as an HttpOnly, SameSite=Strict cookie (Secure, and named
`__Host-…`, when served over https) and redirects back to the console. LOGOUT_PATH ends the session on
the server and deletes the cookie. Neither the token nor the code appears in a URL.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from . import auth, config, follow

log = logging.getLogger(__name__)

COOKIE = "spindeln_session"
SECURE_COOKIE = "__Host-spindeln_session"  # the browser accepts it only with Secure, Path=/ and no Domain
DEVICE_COOKIE = "spindeln_device"
SECURE_DEVICE_COOKIE = "__Host-spindeln_device"
SESSION_PATH = "/spindeln/session"
LOGOUT_PATH = "/spindeln/logout"
CONSOLE_PATH = "/processledare"


def base_path() -> str:
    """Streamlit's server.baseUrlPath as a prefix ('' or '/something')."""
    try:
        from streamlit import config as st_config

        base = (st_config.get_option("server.baseUrlPath") or "").strip("/")
    except Exception:  # noqa: BLE001 - outside a configured Streamlit
        base = ""
    return f"/{base}" if base else ""


def cookie_tokens(cookies) -> list[str]:
    """The session tokens a request (or `st.context.cookies`) carries, the Secure one first."""
    return [cookies[name] for name in (SECURE_COOKIE, COOKIE) if cookies.get(name)]


def device_token(cookies) -> str | None:
    """The device cookie a request (or `st.context.cookies`) carries, if any (see auth.remember_device)."""
    for name in (SECURE_DEVICE_COOKIE, DEVICE_COOKIE):
        if cookies.get(name):
            return cookies[name]
    return None


def _https(request: Request) -> bool:
    if request.url.scheme == "https":
        return True
    public = config.setting("SPINDELN_PUBLIC_URL") or ""
    if public.lower().startswith("https://"):
        return True
    peer = request.client.host if request.client else None
    proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return proto == "https" and peer is not None and auth.trusted_proxy(peer)


_WORKSHOP_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


def _console(request: Request) -> str:
    """Back to the console, in the same language and on the same workshop (`w`) as the page that sent us."""
    query = {}
    if request.query_params.get("lang") == "en":
        query["lang"] = "en"
    workshop = request.query_params.get("w", "")
    if _WORKSHOP_ID.fullmatch(workshop):
        query["w"] = workshop
    return base_path() + CONSOLE_PATH + (f"?{urlencode(query)}" if query else "")


def _no_store(response: RedirectResponse) -> RedirectResponse:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


async def _form(request: Request, limit: int = 4096) -> dict[str, str] | None:
    """The fields of a small url-encoded POST body (no multipart parser needed; larger bodies are refused)."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return {k: v[0] for k, v in parse_qs(body.decode("ascii", errors="replace")).items()}


async def _form_field(request: Request, name: str, limit: int = 4096) -> str | None:
    fields = await _form(request, limit)
    return None if fields is None else fields.get(name)


def _cross_site(request: Request) -> bool:
    """A POST another site's page made the browser send (a forged logout, a planted login). Browsers say so in
    Sec-Fetch-Site; older ones send an Origin, which must then be this host."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower()


async def session_route(request: Request) -> RedirectResponse:
    from .ui import get_store

    response = _no_store(RedirectResponse(_console(request), status_code=303))
    if _cross_site(request):
        return response
    code = await _form_field(request, "code")
    try:
        token = await run_in_threadpool(auth.redeem_login_code, get_store(), code)
    except auth.StoreUnavailable:
        return response
    if token:
        secure = _https(request)
        response.set_cookie(SECURE_COOKIE if secure else COOKIE, token, max_age=auth.SESSION_ABSOLUTE_SECONDS,
                            path="/", secure=secure, httponly=True, samesite="strict")
        try:
            device = await run_in_threadpool(auth.remember_device, get_store(), device_token(request.cookies))
        except auth.StoreUnavailable:
            return response  # logged in all the same; the device is counted by its address until next time
        response.set_cookie(SECURE_DEVICE_COOKIE if secure else DEVICE_COOKIE, device, max_age=auth.DEVICE_SECONDS,
                            path="/", secure=secure, httponly=True, samesite="strict")
    return response


async def logout_route(request: Request) -> RedirectResponse:
    from .ui import get_store

    if _cross_site(request):
        return _no_store(RedirectResponse(_console(request), status_code=303))
    tokens = cookie_tokens(request.cookies)
    try:
        await run_in_threadpool(auth.end_session, get_store(), tokens)
    except Exception as exc:  # noqa: BLE001 - the cookie goes anyway
        log.error("logout: cannot end the session in the store: %s", exc)
    response = _no_store(RedirectResponse(_console(request), status_code=303))
    for name, secure in ((SECURE_COOKIE, True), (COOKIE, False)):
        response.delete_cookie(name, path="/", secure=secure, httponly=True, samesite="strict")
    return response


CLIENT_PATH = "/spindeln/client.js"


@functools.cache
def client_script() -> tuple[bytes, str]:
    """survey/client.js with what it needs in front of it: the Swedish for Streamlit's own words
    (survey/streamlit_sv.py) and its texts in both languages; and a version (its hash) for the address, so a
    phone keeps it in its cache until it changes."""
    from .streamlit_sv import EXACT, PATTERNS
    from .texts import TEXTS

    table = {"exact": EXACT, "patterns": PATTERNS}
    texts = {lang: {k: v for k, v in words.items() if k.startswith("client_")} for lang, words in TEXTS.items()}
    source = (Path(__file__).with_name("client.js")).read_text(encoding="utf-8")
    body = (f"window.__spindelnTable = {json.dumps(table, ensure_ascii=False)};\n"
            f"window.__spindelnTexts = {json.dumps(texts, ensure_ascii=False)};\n{source}").encode("utf-8")
    return body, hashlib.sha256(body).hexdigest()[:12]


def client_tag() -> bytes:
    _, version = client_script()
    return f'<script defer src="{base_path()}{CLIENT_PATH}?v={version}"></script>'.encode()


async def client_route(request: Request) -> Response:
    body, version = client_script()
    cache = "public, max-age=31536000, immutable" if request.query_params.get("v") == version else "no-cache"
    return Response(body, media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"})


async def phase_route(request: Request) -> Response:
    """The phase of a group's page now and this server process (survey.follow), "<phase> <process>": the page's
    script compares them with those the page was drawn with. Held until the phase differs from `p` (or
    HOLD_SECONDS pass); a page of another process (`s`) is answered at once. A POST, so the link's token is in
    no address and no log; the answer is never cached."""
    from .store import StoreError
    from .ui import get_store

    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    fields = await _form(request, limit=512) or {}
    workshop, token, drawn = fields.get("w", ""), fields.get("g", ""), fields.get("p", "")
    if not (_WORKSHOP_ID.fullmatch(workshop) and _WORKSHOP_ID.fullmatch(token)) or len(drawn) > 64:
        return Response("", status_code=400, headers=headers)

    async def now() -> str:
        known = follow.recent_phase(workshop, token)  # fifty phones asking: one read of the database a second
        return known if known is not None else await run_in_threadpool(follow.phase, get_store(), workshop, token)

    try:
        phase = await now()
        # A page drawn by another process (before a restart) is answered at once: this one does not know its session.
        if phase == drawn and fields.get("s") == follow.PROCESS and not follow.stopping():
            phase = await _held(workshop, drawn, now)
    except StoreError:  # busy or unreachable: the phone asks again in a moment
        return Response("", status_code=503, headers=headers)
    return Response(f"{phase} {follow.PROCESS}", media_type="text/plain", headers=headers)


class _Watch:
    """The questions of one workshop's phones held in this process. One task reads the workshop every
    FRESH_SECONDS while any is held and wakes them only when what their pages are drawn from has changed (or
    the server stops): fifty phones waiting cost one small query a second, and not fifty wake-ups, also while
    their ratings arrive (a rating changes the workshop, not how a group's page looks)."""

    def __init__(self, workshop_id: str, looks: tuple | None) -> None:
        self.workshop_id, self.looks, self.waiting = workshop_id, looks, 0
        self.loop = asyncio.get_running_loop()
        self.changed = asyncio.Event()
        self.task: asyncio.Task | None = None

    def wake(self) -> None:
        woken, self.changed = self.changed, asyncio.Event()
        woken.set()

    async def run(self) -> None:
        from .store import StoreError
        from .ui import get_store

        while self.waiting:
            await asyncio.sleep(follow.FRESH_SECONDS)
            if follow.stopping():
                self.wake()
                continue
            try:
                looks = await run_in_threadpool(follow.looks, get_store(), self.workshop_id)
            except StoreError:  # busy for a moment: the next round reads it
                continue
            if looks != self.looks:
                self.looks = looks
                self.wake()


_watches: dict[str, _Watch] = {}


async def _held(workshop: str, drawn: str, now) -> str:
    """Wait until the phase of the page differs from `drawn`, HOLD_SECONDS pass or the server stops; the phase."""
    loop = asyncio.get_running_loop()
    watch = _watches.get(workshop)
    if watch is None or watch.loop is not loop:
        # Its first read wakes every question: the phase of one may have changed since it was asked.
        watch = _watches[workshop] = _Watch(workshop, None)
    watch.waiting += 1
    if watch.task is None or watch.task.done():
        watch.task = loop.create_task(watch.run())
    give_up = time.monotonic() + follow.HOLD_SECONDS
    phase = drawn
    try:
        while phase == drawn and not follow.stopping():
            left = give_up - time.monotonic()
            if left <= 0:
                break
            try:
                await asyncio.wait_for(watch.changed.wait(), left)
            except asyncio.TimeoutError:
                break
            phase = await now()
    finally:
        watch.waiting -= 1
        if not watch.waiting and _watches.get(workshop) is watch:
            del _watches[workshop]
    return phase


def routes() -> list[Route]:
    base = base_path()
    return [Route(base + SESSION_PATH, session_route, methods=["POST"]),
            Route(base + LOGOUT_PATH, logout_route, methods=["POST"]),
            Route(base + CLIENT_PATH, client_route, methods=["GET", "HEAD"]),
            Route(base + follow.PATH, phase_route, methods=["POST"])]


_FONT_PRELOAD = re.compile(rb'<link\s+rel="preload"\s+href="[^"]*SourceSans[^"]*"[^>]*/?>')
# Streamlit fetches its icon font (375 KB) on every first visit, whether the page shows an icon or not; the
# browser still fetches it the moment one is drawn (the console's navigation), so a group's form never pays for it.
_NO_ICON_PRELOAD = (b'<script>(function(){var f=document.fonts,l=f&&f.load;if(!l)return;f.load=function(s,t){'
                    b'return /Material Symbols/.test(s)?Promise.resolve([]):l.call(f,s,t)}})();</script>')


# Until the server's theme arrives over the websocket, Streamlit draws in Source Sans, and the browser fetches it
# (170 KB) for a font the page stops using a moment later: the family is pointed at the phone's own fonts.
_NO_SOURCE_SANS = (b'<style>' + b"".join(
    b'@font-face{font-family:"Source Sans";font-weight:100 900;font-style:' + style +
    b';src:local("Roboto"),local("Segoe UI"),local("Helvetica Neue"),local("Arial")}' for style in (b"normal", b"italic"))
    + b'</style>')

# What a group's form draws, by the names of Streamlit's lazily loaded chunks: fetched with the page, not one
# round trip after another as the form's elements arrive (on a 150 ms phone network that is most of a second).
FORM_CHUNKS = ("Html", "purify.es", "ButtonGroup", "TextInput", "TextArea", "useTextInputAutoExpand", "Input",
               "TextField", "WidgetLabel", "useBasicWidgetState", "useFormValidation", "useTextField",
               "InputInstructions", "useField", "useFormReset", "useUpdateUiValue", "useDebouncedCallback")


@functools.cache
def form_chunks() -> tuple[str, ...]:
    """The file names of FORM_CHUNKS in this Streamlit (their hashes change with each version)."""
    import streamlit

    folder = Path(streamlit.__file__).resolve().parent / "static" / "static" / "js"
    names = []
    for chunk in FORM_CHUNKS:
        found = sorted(folder.glob(f"{chunk}.*.js"))
        found = [f for f in found if re.fullmatch(re.escape(chunk) + r"\.[A-Za-z0-9_-]+\.js", f.name)]
        if found:
            names.append(found[0].name)
    return tuple(names)


def lighter_page(html: bytes, group_form: bool = False) -> bytes:
    """Streamlit's index.html without what a phone on a slow network pays for and never sees: Source Sans (the
    theme uses the phone's own font, .streamlit/config.toml) and the icon font; and, for a group's form, the
    chunks it will draw with, asked for at once."""
    html = _FONT_PRELOAD.sub(b"", html, count=1)
    html = html.replace(b"<head>", b"<head>" + _NO_ICON_PRELOAD, 1)
    extra = _NO_SOURCE_SANS
    if group_form:
        extra += b"".join(f'<link rel="modulepreload" crossorigin href="./static/js/{name}">'.encode()
                          for name in form_chunks())
    return html.replace(b"</head>", extra + b"</head>", 1)


class DocumentLanguage:
    """ASGI middleware on Streamlit's page (its index.html, for every page address): it says `<html lang="en">`
    to every screen reader, but the page is Swedish unless its address asks for English (`?lang=en`), so the
    first paint says so (after that the page script keeps `lang` in step with the language switch,
    survey.ui.document_language); it is made lighter for phones (`lighter_page`); and it gets the page's own
    script in its head (`client_tag`)."""

    _TAG = b'<html lang="en">'

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        lang = b"en" if query.get("lang", [""])[0] == "en" else b"sv"
        path = scope.get("path", "")
        if "." not in path.rsplit("/", 1)[-1] and "/_stcore/" not in path:
            # A page's address (no file name): Streamlit answers with its index.html, gzipped when the browser
            # accepts it, and a compressed body cannot be amended. The page is 8 KB; a proxy compresses it again.
            scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]}
        start: dict = {}
        body: list[bytes] = []

        async def patched(message) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers:
                    start.update(message)  # hold it: the length changes
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start:
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                html = b"".join(body)
                if self._TAG in html:  # Streamlit's page, not another HTML response
                    html = lighter_page(html.replace(self._TAG, b'<html lang="' + lang + b'">', 1),
                                        group_form="g" in query).replace(b"</head>", client_tag() + b"</head>", 1)
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(html)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": html})
            else:
                await send(message)

        await self.app(scope, receive, patched)


def middleware() -> list:
    from starlette.middleware import Middleware

    return [Middleware(DocumentLanguage)]
