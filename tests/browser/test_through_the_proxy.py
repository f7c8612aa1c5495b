"""Spindeln as a federation runs it (issue 14): deploy/run.sh starts two Spindeln processes on one PostgreSQL and
Debian's Caddy in front with HTTPS (`tls internal`), and the whole evening goes through it: a facilitator, four
groups spread over both processes (one skips an axis, one changes its mind), the reveal, the Word appendix
downloaded from both processes on every try and read back. Nothing is lost and both processes' boards agree."""

from __future__ import annotations

import gzip
import http.client
import io
import os
import shutil
import ssl
import urllib.request

import docx
import pytest
from playwright.sync_api import expect

from survey.store import Store
from tests.appserver import ADMIN_PASSWORD, start_site
from tests.browser.conftest import wait_idle
from tests.browser.test_live_workshop import AXES, create_workshop, login, rate
from tests.pg import create_database

_INSECURE = ssl.create_default_context()
_INSECURE.check_hostname = False
_INSECURE.verify_mode = ssl.CERT_NONE  # Caddy's own CA (tls internal): the test trusts it, no system store is touched


def _get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    return urllib.request.urlopen(request, timeout=10, context=_INSECURE)


@pytest.fixture(scope="module")
def site(pg_url, tmp_path_factory):
    if shutil.which("caddy") is None:
        message = "Caddy is not installed (apt-get install caddy)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    database = create_database(pg_url)
    try:
        site = start_site(tmp_path_factory.mktemp("site"), database)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield {"url": site.url, "database": database, "log": site.log_path, "http_port": site.http_port}
    site.stop()


def _context(browser, viewport=(1280, 900)):
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="sv-SE",
                              ignore_https_errors=True)
    ctx.set_default_timeout(20_000)
    return ctx


def _process_of(ctx, url: str) -> str:
    """Which Spindeln process the proxy keeps this browser on (its upstream, as Caddy says)."""
    reply = ctx.request.get(url + "/_stcore/health", ignore_https_errors=True)
    assert reply.ok
    return reply.headers["x-spindeln-upstream"]


def test_the_proxy_serves_https_compressed_and_cached(site):
    url = site["url"]
    assert _get(url + "/", {"Accept-Encoding": "zstd, gzip"}).headers["Content-Encoding"] == "zstd"
    page = _get(url + "/", {"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip" and page.headers["Strict-Transport-Security"]
    html = gzip.decompress(page.read()).decode("utf-8")
    assert '<html lang="sv">' in html and "/spindeln/client.js?v=" in html  # Spindeln's page, compressed by Caddy
    script = next(part.split('"')[0].lstrip(".") for part in html.split('src="')[1:] if "/static/js/" in part)
    for encoding in ("zstd", "gzip"):
        reply = _get(url + script, {"Accept-Encoding": encoding})
        assert reply.headers["Content-Encoding"] == encoding  # the precompressed file, not compressed on the fly
        assert reply.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "X-Spindeln-Upstream" not in reply.headers  # from disk, not from a Spindeln process
    connection = http.client.HTTPConnection("localhost", site["http_port"], timeout=10)
    connection.request("GET", "/kod")
    redirect = connection.getresponse()
    assert redirect.status in (301, 308) and redirect.getheader("Location") == url + "/kod"  # plain http: to https
    log = site["log"].read_text(errors="replace")
    assert ADMIN_PASSWORD not in log


def test_a_whole_workshop_through_the_proxy_on_two_processes(site, browser, tmp_path):
    url = site["url"]
    contexts = []
    try:
        facilitator_ctx = _context(browser)
        contexts.append(facilitator_ctx)
        facilitator = facilitator_ctx.new_page()
        login(facilitator, url)
        names = ["Kommunerna", "Regionen", "Försäkringskassan", "Arbetsförmedlingen"]
        links = create_workshop(facilitator, "Förbundsprofil via proxyn", names)
        assert all(link.startswith(url + "/?w=") for link in links)  # SPINDELN_PUBLIC_URL, not localhost:8501

        # Four devices, at least one on each process: the proxy's cookie decides, so devices come until both are met.
        met: list[tuple[object, str]] = []
        while len(met) < 4 or len({p for _, p in met}) < 2:
            assert len(met) < 16, f"the proxy kept every device on one process: {[p for _, p in met]}"
            ctx = _context(browser)
            contexts.append(ctx)
            met.append((ctx, _process_of(ctx, url)))
        first_of = {p: c for c, p in reversed(met)}
        chosen = list(first_of.values()) + [c for c, _ in met if c not in first_of.values()][:2]
        process_of = {id(c): p for c, p in met}
        where = [process_of[id(c)] for c in chosen]
        groups = [c.new_page() for c in chosen]
        assert len(groups) == 4 and len(set(where)) == 2, where
        rate(groups[0], links[0], {k: "5" for k in AXES})
        rate(groups[1], links[1], {k: "4" for k in AXES if k != "forvalta"}, skip=("forvalta",))
        rate(groups[2], links[2], {k: "3" for k in AXES})
        rate(groups[3], links[3], {k: "2" for k in AXES})
        groups[3].reload()  # the fourth changes its mind
        wait_idle(groups[3])
        finansiera = groups[3].locator(".st-key-axis-finansiera")
        expect(finansiera.get_by_role("radio", name="2", exact=True)).to_have_attribute("aria-checked", "true")
        finansiera.get_by_role("radio", name="4,5", exact=True).click()
        groups[3].get_by_role("button", name="Spara ändringar").click()
        expect(groups[3].get_by_text("Tack! Era svar är sparade")).to_be_visible()

        facilitator.get_by_role("tab", name="Status").click()
        expect(facilitator.get_by_text("4 av 4 grupper har skickat in")).to_be_visible(timeout=15_000)
        facilitator.get_by_role("tab", name="Workshop och grupper").click()
        facilitator.get_by_role("button", name="Visa resultatet").click()
        wait_idle(facilitator)
        expect(facilitator.get_by_text("resultatet visas för alla")).to_be_visible()

        store = Store(site["database"])
        workshop_id = next(w.id for w in store.list_workshops() if w.title == "Förbundsprofil via proxyn")
        one_per_process = {p: page for page, p in reversed(list(zip(groups, where)))}

        # Both processes show the same board: the results page from a device on each.
        boards = {}
        for process, page in one_per_process.items():
            page.goto(url + f"/?w={workshop_id}")
            wait_idle(page)
            table = page.get_by_test_id("stDataFrame").first
            expect(table).to_contain_text("5; 4; 3; 4,5")
            boards[process] = table.inner_text()
        assert len(boards) == 2 and len(set(boards.values())) == 1

        # Nothing lost: the database holds every group's last answers.
        data = store.snapshot(workshop_id)
        tokens = [g.token for g in store.groups(workshop_id)]
        store.dispose()
        rows = dict(zip(data.ratings.groups, data.ratings.values.tolist()))
        assert rows["Kommunerna"] == [5.0] * 8
        assert rows["Regionen"][:7] == [4.0] * 7 and rows["Regionen"][7] != rows["Regionen"][7]  # the skip
        assert rows["Arbetsförmedlingen"][0] == 4.5 and rows["Arbetsförmedlingen"][1:] == [2.0] * 7

        # The Word appendix, downloaded three times from each process, read back every time.
        for process, page in one_per_process.items():
            page.goto(url + f"/bilaga?w={workshop_id}")
            wait_idle(page)
            expect(page.get_by_role("heading", name="Protokollsbilaga")).to_be_visible()
            button = page.get_by_role("button", name="Word (.docx)")
            expect(button).to_be_enabled()
            for attempt in range(3):
                with page.expect_download() as download:
                    button.click()
                path = tmp_path / f"bilaga-{attempt}-{process.replace(':', '_')}.docx"
                download.value.save_as(path)
                document = docx.Document(io.BytesIO(path.read_bytes()))
                table = next(t for t in document.tables if t.rows[0].cells[0].text == "Axel")
                cells = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
                assert cells["Finansiera"][1:3] == ["5; 4; 3; 4,5", "4,1"], (process, attempt)
        log = site["log"].read_text(errors="replace")
        assert "g=REDACTED" in log and not [t for t in tokens if t in log]  # the access log keeps no link's secret
    finally:
        for ctx in contexts:
            ctx.close()
