"""The server is killed (SIGKILL) in the middle of a burst of submissions: after a restart on the same
SQLite file, every rating a group saw confirmed is stored with exactly the confirmed values.

Real path only: the groups submit from their own browser contexts through the running app, and the
database is read back with survey.store.Store. A group's confirmation shows the commit time to the second
("Tack! Era svar är sparade kl. 14:03:07"), so each group waits a second between its own submissions and a
new time on its page is a new confirmation; whatever a page shows, the server sent after its commit.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import time
from contextlib import closing
from datetime import date

from playwright.sync_api import expect

from survey.store import Store
from tests.appserver import start_app
from tests.browser.conftest import wait_idle

AXES = ["finansiera", "strategiskt", "uppfoljning", "initiera", "metodutveckling", "motesplats", "paverka", "forvalta"]
CATEGORIES = [1 + 0.5 * i for i in range(9)]
CONFIRMATION = "Tack! Era svar är sparade"
CONFIRMED_AT = re.compile(r"Tack! Era svar är sparade kl\. (\d\d:\d\d:\d\d)")
SUBMIT = re.compile("Skicka in|Spara ändringar")
GROUPS = 5
CALM_ROUNDS = 2  # every group submits and sees its confirmation; then the burst in which the server dies


NEW_CONFIRMATION = r"""previous => {
    const m = document.body.innerText.match(/Tack! Era svar är sparade kl\. (\d\d:\d\d:\d\d)/);
    return m !== null && m[1] !== previous;
}"""


def values(group: int, round_: int) -> dict[str, float]:
    """Consecutive rounds differ on every axis, so each submission is recognisable in the history."""
    return {key: CATEGORIES[(3 * group + j + round_) % len(CATEGORIES)] for j, key in enumerate(AXES)}


def label(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def shown_confirmation(page) -> str | None:
    """The time in the confirmation the page shows now, or None."""
    match = CONFIRMED_AT.search(" ".join(page.get_by_text(CONFIRMATION).all_inner_texts()))
    return match.group(1) if match else None


def fill(page, vals: dict[str, float]) -> None:
    for key, value in vals.items():
        page.locator(f".st-key-axis-{key}").get_by_role("radio", name=label(value), exact=True).click()


def send(page) -> None:
    page.get_by_role("button", name=SUBMIT).click()


def wait_new_confirmation(page, previous: str | None, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        at = shown_confirmation(page)
        if at is not None and at != previous:
            return at
        time.sleep(0.05)
    raise AssertionError(f"no new confirmation within {timeout} s (last {previous})")


def test_confirmed_ratings_survive_sigkill_mid_burst(browser, new_page, tmp_path):
    url = f"sqlite:///{tmp_path / 'spindeln.db'}"
    store = Store(url)
    workshop = store.create_workshop("Kraschprov", date.today(), "Vrigstad", "Testförbundet")
    groups = [store.add_group(workshop.id, f"Grupp {i}") for i in range(1, GROUPS + 1)]
    store.set_state(workshop.id, "open")
    store.dispose()

    server = start_app(tmp_path, database_url=url)
    restarted = None
    try:
        pages = []
        for g in groups:
            page = new_page(viewport=(390, 844))
            page.goto(f"{server.url}/?w={workshop.id}&g={g.token}")
            wait_idle(page)
            expect(page.get_by_role("button", name="Skicka in")).to_be_visible()
            pages.append(page)

        confirmed: list[tuple[int, dict[str, float], str]] = []  # (group index, values, time shown)
        last_at: list[str | None] = [None] * GROUPS
        last_seen = [0.0] * GROUPS
        for round_ in range(CALM_ROUNDS):
            for i, page in enumerate(pages):
                fill(page, values(i, round_))
                time.sleep(max(0.0, last_seen[i] + 1.05 - time.monotonic()))  # a new second, a new time
                send(page)
            for i, page in enumerate(pages):
                last_at[i] = wait_new_confirmation(page, last_at[i])
                last_seen[i] = time.monotonic()
                confirmed.append((i, values(i, round_), last_at[i]))

        # The burst: every group fills in, all press submit together, and the server dies as soon as the
        # first confirmation is back, with the others in flight.
        burst = CALM_ROUNDS
        for i, page in enumerate(pages):
            fill(page, values(i, burst))
        time.sleep(max(0.0, max(last_seen) + 1.05 - time.monotonic()))
        for page in pages:
            send(page)
        pages[0].wait_for_function(NEW_CONFIRMATION, arg=last_at[0], polling="raf", timeout=30_000)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=10)
        in_burst = 0
        for i, page in enumerate(pages):
            at = shown_confirmation(page)
            if at is not None and at != last_at[i]:
                confirmed.append((i, values(i, burst), at))
                in_burst += 1
        assert in_burst >= 1, "the server was killed before any confirmation of the burst came back"

        with closing(sqlite3.connect(tmp_path / "spindeln.db")) as conn:  # reads through the WAL it left
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

        restarted = start_app(tmp_path, database_url=url)
        store = Store(url)
        try:
            writes: dict[tuple[int, object], dict[str, float | None]] = {}
            for h in store.history(workshop.id):
                writes.setdefault((h.group_id, h.at), {})[h.axis_key] = h.new_value
            for i, vals, shown in confirmed:
                matching = [at for (gid, at), v in writes.items() if gid == groups[i].id and v == vals]
                assert matching, f"Grupp {i + 1}: the submission confirmed at {shown} is not in the database"
                assert shown in {at.astimezone().strftime("%H:%M:%S") for at in matching}, (i, shown, matching)

            for i, g in enumerate(groups):
                stored = store.saved_values(workshop.id, g.id)
                last_confirmed = [v for j, v, _ in confirmed if j == i][-1]
                # The last confirmed values, or the burst's values when they were committed but the
                # confirmation died with the server; never anything older or anything nobody sent.
                assert stored in (last_confirmed, values(i, burst)), (i, stored, last_confirmed)
                assert store.has_submitted(workshop.id, g.id)
        finally:
            store.dispose()

        # The restarted app serves the stored ratings: the first group's form comes back filled in.
        page = new_page(viewport=(390, 844))
        page.goto(f"{restarted.url}/?w={workshop.id}&g={groups[0].token}")
        wait_idle(page)
        store = Store(url)
        try:
            stored = store.saved_values(workshop.id, groups[0].id)
        finally:
            store.dispose()
        for key, value in stored.items():
            expect(page.locator(f".st-key-axis-{key}").get_by_role("radio", name=label(value), exact=True)) \
                .to_be_checked()
    finally:
        server.stop()
        if restarted is not None:
            restarted.stop()
