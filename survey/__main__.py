"""Server-side commands for the facilitator login: `python -m survey unlock | lockouts | logout-all | set-password`.

They act on the database the app uses (DATABASE_URL, else data/spindeln.db), so they work while the app
runs, from the server's shell, without a browser.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from . import auth, config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m survey", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    unlock = commands.add_parser("unlock", help="clear login lock-outs (all, or one client's)")
    unlock.add_argument("client", nargs="?", help="an address as `lockouts` lists it; omitted: every client")
    commands.add_parser("lockouts", help="list clients with wrong tries and how long each is locked")
    commands.add_parser("logout-all", help="end every facilitator session (every browser must log in again)")
    set_password = commands.add_parser("set-password", help="replace the stored facilitator password")
    set_password.add_argument("--stdin", action="store_true", help="read the password from the first line of stdin")
    args = parser.parse_args(argv)

    from .store import Store

    store = Store(config.database_url())
    try:
        if args.command == "unlock":
            count = auth.unlock(store, args.client)
            who = args.client or "all clients"
            print(f"unlocked {who}: {count} counted client{'s' if count != 1 else ''} cleared")
        elif args.command == "lockouts":
            rows = auth.lockouts(store)
            if not rows:
                print("no wrong tries counted")
            for client, (failures, locked_for) in rows.items():
                state = f"locked for {locked_for} s" if locked_for else "not locked"
                print(f"{client}\t{failures} wrong\t{state}")
        elif args.command == "logout-all":
            print(f"ended {auth.end_all_sessions(store)} session(s)")
        elif args.command == "set-password":
            if args.stdin:
                password = sys.stdin.readline().rstrip("\n")
            else:
                password = getpass.getpass("New facilitator password: ")
                if getpass.getpass("Again: ") != password:
                    print("the two passwords differ; nothing changed", file=sys.stderr)
                    return 1
            try:
                auth.set_admin_password(store, password)
            except ValueError as exc:
                print(f"{exc}; nothing changed", file=sys.stderr)
                return 1
            ended = auth.end_all_sessions(store)
            print(f"password replaced; ended {ended} session(s)")
            if auth.admin_password_from_environment():
                print(f"note: {auth.PASSWORD_ENV} is set, and it is what the app checks while it is",
                      file=sys.stderr)
    finally:
        store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
