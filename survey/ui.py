"""What every page shares: the store, the language switch, the texts, and plain-text output."""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import streamlit as st

from . import config
from analysis.model import LANGS

from .texts import TEXTS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CSV = ROOT / "sample_data" / "medlemssamrad-2026.csv"
log = logging.getLogger("spindeln")


@st.cache_resource(show_spinner=False)
def get_store():
    """One store per server process; on first start it seeds the sample workshop and the admin password."""
    from .auth import ensure_admin_password
    from .store import Store

    store = Store(config.database_url())
    store.ensure_sample_workshop(SAMPLE_CSV)
    generated = ensure_admin_password(store)
    if generated:
        print(
            "\n  Spindeln: facilitator password (shown once; set SPINDELN_ADMIN_PASSWORD to choose your own):\n"
            f"      {generated}\n",
            flush=True,
        )
    return store


def lang() -> str:
    """The page language: the switch in session state, else ?lang=…, else Swedish."""
    if "lang" not in st.session_state:
        q = st.query_params.get("lang", "sv")
        st.session_state["lang"] = q if q in LANGS else "sv"
    value = st.session_state.get("lang")
    return value if value in LANGS else "sv"


def t(key: str, **params) -> str:
    text = TEXTS[lang()][key]
    return text.format(**params) if params else text


# st.table and st.code put a wide table or a long link in a scrolling box that a keyboard cannot reach (WCAG 2.1.1, axe's
# scrollable-region-focusable); its cells wrap instead, so the box never scrolls, on a phone too.
# Headings break between words only ("Samordningsförbunde|n" at 390 px), and on a phone (≤ 640 px, Streamlit's own
# breakpoint) they are smaller, so a long compound fits a line, and the page has less empty padding.
# The minutes: both the table and one card per axis (shared.result_cards) reach the browser, in keyed containers; a wide
# screen shows the table, a phone the cards (the table's interpretation column was off screen). The wrapper goes too
# (:has), else its empty place keeps a gap.
# The group's form (.st-key-rating-form, pages/rating.py) is tight, and an axis' whole scale, 1 to 5 and "Hoppa över",
# is one row down to 340 px: the numbers share the row, every pill at least 24 × 32 px (WCAG 2.5.8).
_PAGE_STYLE = """<style>
[data-testid="stTable"] div:has(> table) { overflow: visible !important; }
[data-testid="stTable"] th, [data-testid="stTable"] td { white-space: normal !important; overflow-wrap: anywhere; }
.stCode pre { white-space: pre-wrap !important; word-break: break-all; overflow: visible !important; }
h1, h2, h3, h4, h5, h6 { overflow-wrap: normal !important; word-break: normal !important; hyphens: manual !important; }

[class*="-minutes-narrow"], [data-testid="stLayoutWrapper"]:has(> [class*="-minutes-narrow"]) {
  display: none !important; }
.st-key-follow, [data-testid="stLayoutWrapper"]:has(> .st-key-follow) { display: none !important; }
[class*="-live-mark"], [data-testid="stLayoutWrapper"]:has(> [class*="-live-mark"]),
[class*="-live-redraw"], [data-testid="stLayoutWrapper"]:has(> [class*="-live-redraw"]) { display: none !important; }
.sp-cards { list-style: none; margin: 0 !important; padding: 0 !important; display: flex; flex-direction: column;
  gap: 0.5rem; }
.sp-card { margin: 0; padding: 0.5rem 0.75rem; border: 1px solid rgba(128, 128, 128, 0.4); border-radius: 0.5rem; }
.sp-card h4 { margin: 0; padding: 0; font-size: 1rem; font-weight: 600; line-height: 1.4; }
.sp-card dl { margin: 0; padding: 0 !important; display: flex; flex-wrap: wrap; column-gap: 1rem; line-height: 1.5; }
.sp-card dl > div { display: flex; gap: 0.3rem; align-items: baseline; }
.sp-card dt { margin: 0; font-weight: 400; }
.sp-card dt::after { content: ":"; }
.sp-card dd { margin: 0; font-weight: 600; }
.sp-card .sp-minor { font-size: 0.875rem; }
.sp-card .sp-minor dd { font-weight: 400; }

.st-key-rating-form [data-testid="stForm"] > [data-testid="stVerticalBlock"] { gap: 0.375rem; }
.st-key-rating-form [data-testid="stCaptionContainer"] p { line-height: 1.4; }
.st-key-rating-form [class*="st-key-axis-"] { gap: 0.25rem; padding: 0.375rem 0.625rem; }
.st-key-rating-form [class*="st-key-axis-"] [data-testid="stMarkdownContainer"] p { font-size: 0.875rem; line-height: 1.4; }
.st-key-rating-form [class*="st-key-axis-"] [data-testid="stTextInputRootElement"] { height: 2rem; }
/* an empty answer box is small; it grows with the points typed (height="content") */
.st-key-rating-form textarea:placeholder-shown { height: 3rem !important; min-height: 3rem !important; }
.st-key-rating-form [class*="st-key-rate-"], .st-key-rating-form [class*="st-key-rate-"] [data-testid="stButtonGroup"] {
  width: 100% !important; }
.st-key-rating-form [class*="st-key-rate-"] [role="radiogroup"] {
  flex-wrap: nowrap; gap: 0.1875rem; width: 100%; max-width: none; }
.st-key-rating-form [class*="st-key-rate-"] [role="radio"] {
  flex: 1 1 0; min-width: 1.5rem; max-width: 3rem; min-height: 2rem; padding: 0 0.125rem; }
.st-key-rating-form [class*="st-key-rate-"] [role="radio"]:last-child { flex: 0 0 auto; max-width: none; padding: 0 0.5rem; }

@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.75rem; padding-bottom: 2rem; }
  h1 { font-size: clamp(1.5rem, 7.5vw, 2.25rem) !important; }
  h2 { font-size: clamp(1.375rem, 6.5vw, 2rem) !important; }
  h3 { font-size: clamp(1.25rem, 5.5vw, 1.625rem) !important; }
  [data-testid="stHeadingWithActionElements"] :is(h1, h2, h3) { padding-top: 0.5rem; padding-bottom: 0.25rem; }
  [class*="-minutes-wide"], [data-testid="stLayoutWrapper"]:has(> [class*="-minutes-wide"]) { display: none !important; }
  [class*="-minutes-narrow"], [data-testid="stLayoutWrapper"]:has(> [class*="-minutes-narrow"]) {
    display: flex !important; }
  .st-key-rating-form [class*="st-key-rate-"] [role="radio"] p { font-size: 0.8125rem; }
  .st-key-rating-form [class*="st-key-rate-"] [role="radio"]:last-child { padding: 0 0.375rem; }
}
@media (max-width: 379px) {  /* a small phone: "Hoppa över" on two lines, so the numbers keep 24 px */
  .st-key-rating-form [class*="st-key-rate-"] [role="radio"]:last-child { width: 3.25rem; padding: 0 0.25rem; }
  .st-key-rating-form [class*="st-key-rate-"] [role="radio"]:last-child p { white-space: normal; line-height: 1.1; }
}
@media (max-width: 339px) {  /* narrower still: a second row rather than options off screen */
  .st-key-rating-form [class*="st-key-rate-"] [role="radiogroup"] { flex-wrap: wrap; }
  .st-key-rating-form [class*="st-key-rate-"] [role="radio"]:last-child { width: auto; padding: 0 0.5rem; }
  .st-key-rating-form [class*="st-key-rate-"] [role="radio"]:last-child p { white-space: nowrap; }
}
</style>"""


def document_language() -> None:
    """Keep `<html lang>` in step with the page's language, so a screen reader reads Swedish with a Swedish
    voice (the first paint already says so: survey.web.DocumentLanguage), and the pages' shared style."""
    # survey/client.js (put in every page's head by survey.web) learns the language here: it translates
    # Streamlit's own English words on a Swedish page and speaks in the page's language when the connection goes.
    current = lang()
    st.html(f"<script>document.documentElement.lang = {current!r}; window.__spindelnConfig = {{lang: {current!r}}};"
            f" if (window.__spindeln) window.__spindeln.configure(window.__spindelnConfig);</script>",
            unsafe_allow_javascript=True, width="content")
    st.html(_PAGE_STYLE)


def language_switch(where=None) -> str:
    """Svenska/English on every page; the choice also goes into the URL so a reload keeps it."""
    current = lang()
    target = where or st.sidebar

    def changed() -> None:
        value = st.session_state.get("lang_switch") or current
        st.session_state["lang"] = value
        if value == "sv":
            st.query_params.pop("lang", None)
        else:
            st.query_params["lang"] = value

    target.segmented_control(
        "Språk / Language", LANGS, default=current, key="lang_switch", on_change=changed,
        format_func=lambda code: {"sv": "Svenska", "en": "English"}[code], label_visibility="collapsed",
    )
    return lang()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
WORD_JOINER = "\u2060"
# After parsing, when a backslash no longer counts, Streamlit's Markdown rewrites text: it links https://…,
# www.… and name@host, draws :name: as an emoji, icon or logo, and turns -> <- <-> -- >= <= ~= into arrows
# and dashes. An invisible word joiner inside each of these leaves the rewrite nothing to match.
_REWRITTEN = re.compile(r"(?<=:)(?=[^\s])|(?<=@)|(?i:(?<=www)(?=\.))|(?<=[<>~-])(?=[->=])")


def plain(text: str) -> str:
    """User text made inert for Streamlit's Markdown: shown exactly as typed, never as markup, HTML, a link,
    an emoji or an icon. The one escaper for every place a page shows user text as Markdown: st.markdown,
    st.caption, headers, widget labels, messages and st.table cells (st.table reads Markdown in every cell,
    header and index). Not for st.dataframe cells or select options, which Streamlit shows as plain text."""
    text = _REWRITTEN.sub(WORD_JOINER, str(text))
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def plain_table(headers, rows):
    """A frame for st.table: every header, index entry (the first column) and cell passed through `plain`."""
    import pandas as pd

    frame = pd.DataFrame([[plain(c) for c in row] for row in rows], columns=[plain(h) for h in headers])
    return frame.set_index(frame.columns[0])


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")


def _browser_base() -> str:
    try:
        url = st.context.url or ""
    except Exception:
        url = ""
    if url:
        parts = urlsplit(url)
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    host = (st.context.headers or {}).get("host", "localhost:8501")
    return f"http://{host}"


def lan_address() -> str | None:
    """This machine's address in the local network (the one a route out would use; nothing is sent)."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            ip = s.getsockname()[0]
    except OSError:
        return None
    return None if ip.startswith("127.") else ip


def _listens_everywhere() -> bool:
    address = st.get_option("server.address")
    return address in (None, "", "0.0.0.0", "::")


def base_url() -> str:
    """SPINDELN_PUBLIC_URL when set; else the address the facilitator's browser uses, except that a browser
    on the server itself (localhost) gets the machine's network address, which the groups' phones can reach,
    when the server listens on the network."""
    public = config.setting("SPINDELN_PUBLIC_URL")
    if public:
        return public.rstrip("/")
    base = _browser_base()
    parts = urlsplit(base)
    if parts.hostname in LOOPBACK_HOSTS and _listens_everywhere():
        lan = lan_address()
        if lan:
            return f"{parts.scheme}://{lan}" + (f":{parts.port}" if parts.port else "")
    return base


def links_warning() -> str | None:
    """What the facilitator must know before handing out links that a phone could not open, or None."""
    if config.setting("SPINDELN_PUBLIC_URL"):
        return None
    host = urlsplit(base_url()).hostname or ""
    if host in LOOPBACK_HOSTS:
        return t("links_localhost")
    if urlsplit(_browser_base()).hostname in LOOPBACK_HOSTS:
        return t("links_lan", address=plain(base_url()))
    return None


def join_link(workshop_id: str, token: str) -> str:
    return f"{base_url()}/?{urlencode({'w': workshop_id, 'g': token})}"


def join_address() -> str:
    """Where a group types its code: short enough to read off the projector."""
    return f"{base_url()}/kod"


def view_link(view_token: str) -> str:
    return f"{base_url()}/?{urlencode({'view': view_token})}"


def present_link(view_token: str) -> str:
    """The projector's link: the same token as the chiefs' view (both show only revealed results)."""
    return f"{base_url()}/?{urlencode({'present': view_token})}"


@functools.lru_cache(maxsize=64)
def qr_png(link: str, min_px: int) -> tuple[bytes, int]:
    """The QR code of `link` as a PNG with whole pixels per module, at least `min_px` wide, and its width: drawn
    at its own size it stays sharp, however a screen or projector scales (error correction M)."""
    import io
    import math

    import segno

    qr = segno.make(link, error="m")
    modules = qr.symbol_size(scale=1, border=2)[0]
    scale = math.ceil(min_px / modules)
    out = io.BytesIO()
    qr.save(out, kind="png", scale=scale, border=2)
    return out.getvalue(), modules * scale


def qr_html(link: str, alt: str, min_px: int) -> str:
    """The QR code as an <img> with a text alternative (st.image has none) that names what the code opens."""
    import base64
    import html

    png, size = qr_png(link, min_px)
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" width="{size}" height="{size}" alt="{html.escape(alt)}">'


def guarded(fn):
    """A page or fragment that never shows a visitor a traceback: a refused store operation shows its own
    Swedish (or English) message, anything else a plain one, and the details go to the server's log only.
    Streamlit's own control flow (st.rerun, st.stop) is BaseException and passes through."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from .store import StoreError

        try:
            return fn(*args, **kwargs)
        except StoreError as exc:
            log.warning("refused in %s: %s", fn.__name__, exc.code, exc_info=exc)
            st.error(plain(exc.message(lang())))
        except Exception:
            log.exception("error in %s", fn.__name__)
            st.error(t("unexpected_error"))

    return wrapper


ADMIN_TOKEN = "admin_token"  # session state: the token of a session started in this tab (server memory only)
_ADMIN_CHECK = "admin_checked"  # session state: (token, monotonic time) of the last confirmation
ADMIN_RECHECK_SECONDS = 30  # a polling fragment asks the store at most this often


def admin_tokens() -> list[str]:
    """The session tokens this tab can show: its own from a login, then the browser's cookie."""
    from .web import cookie_tokens

    own = st.session_state.get(ADMIN_TOKEN)
    try:
        cookies = cookie_tokens(st.context.cookies)
    except Exception:  # noqa: BLE001 - no browser context (bare mode)
        cookies = []
    ended = st.session_state.get("admin_ended_tokens") or ()
    return [t for t in [own, *cookies] if isinstance(t, str) and t and t not in ended]


def is_admin() -> bool:
    """Whether this tab belongs to a logged-in facilitator: a live server-side session, not a flag."""
    import time

    from .auth import session_valid

    checked = st.session_state.get(_ADMIN_CHECK)
    tokens = admin_tokens()
    if checked and checked[0] in tokens and time.monotonic() - checked[1] < ADMIN_RECHECK_SECONDS:
        return True
    for token in tokens:  # a visitor without a token costs no database read
        if session_valid(get_store(), token):
            st.session_state[_ADMIN_CHECK] = (token, time.monotonic())
            return True
    st.session_state.pop(_ADMIN_CHECK, None)
    st.session_state.pop(ADMIN_TOKEN, None)
    return False


def forget_admin() -> list[str]:
    """Drop this tab's facilitator state; returns the tokens it held, for the server to end."""
    tokens = admin_tokens()
    st.session_state.pop(ADMIN_TOKEN, None)
    st.session_state.pop(_ADMIN_CHECK, None)
    return tokens


def login_client() -> str:
    """Whom a login try is counted against: a browser that has logged in before by its device cookie
    (auth.remember_device), anyone else by address (auth.client_key: the connection, or a trusted proxy's word)."""
    from .auth import client_key, device_client, device_known
    from .web import device_token

    try:
        device = device_token(st.context.cookies)
    except Exception:  # noqa: BLE001 - no browser context (bare mode)
        device = None
    try:
        if device and device_known(get_store(), device):
            return device_client(device)
    except Exception:  # noqa: BLE001 - unreadable store: count by address; check_password then fails closed
        pass
    try:
        ip = st.context.ip_address
        forwarded = ",".join(st.context.headers.get_all("X-Forwarded-For")) or None  # several lines: one list
    except Exception:  # noqa: BLE001
        ip, forwarded = None, None
    return client_key(ip, forwarded)
