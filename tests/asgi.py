"""Calling the app's own HTTP routes (survey/web.py) as Starlette would for a browser, without a server or an
HTTP client library."""

from __future__ import annotations

import asyncio
import concurrent.futures
from urllib.parse import urlencode


def post_form(route, path: str, form: dict | None = None, cookies: str = "", scheme: str = "http",
              headers: list | None = None, client: str = "127.0.0.1", query: str = ""):
    """Call a route as Starlette would for a browser's form POST (no HTTP client library needed)."""
    request = _request(path, form, cookies, scheme, headers, client, query)
    # In a thread of its own: the browser tests' Playwright (same process, session-scoped) keeps an event loop
    # running in this one, where asyncio.run refuses to start.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, route(request)).result()


def post_forms(route, path: str, forms: list[dict]) -> list:
    """Many browsers' form POSTs to a route at the same time, in one event loop as on a server; the responses."""
    async def all_of_them():
        return await asyncio.gather(*(route(_request(path, form)) for form in forms))

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, all_of_them()).result()


def _request(path: str, form: dict | None = None, cookies: str = "", scheme: str = "http",
             headers: list | None = None, client: str = "127.0.0.1", query: str = ""):
    from starlette.requests import Request

    body = urlencode(form or {}).encode()
    raw = [(b"host", b"127.0.0.1:8501"), (b"content-type", b"application/x-www-form-urlencoded"),
           (b"content-length", str(len(body)).encode())]
    raw += ([(b"cookie", cookies.encode())] if cookies else []) + (headers or [])
    scope = {"type": "http", "method": "POST", "path": path, "raw_path": path.encode(), "scheme": scheme,
             "query_string": query.encode(), "headers": raw, "server": ("127.0.0.1", 8501),
             "client": (client, 40000), "root_path": ""}
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        if messages:
            return messages.pop(0)
        await asyncio.sleep(3600)  # a browser still connected, waiting for the answer
        return {"type": "http.disconnect"}

    return Request(scope, receive)
