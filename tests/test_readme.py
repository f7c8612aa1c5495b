"""The README's command-line section is run, not pasted: each `$ .venv/bin/python -m survey …` in it runs
in-process, and what it printed must be the lines under it (a workshop id, random per database, aside)."""

from __future__ import annotations

import re
import shlex

import pytest

from survey.cli import main
from survey.store import Store
from tests.conftest import ROOT, SAMPLE_CSV

PROMPT = "$ .venv/bin/python -m survey "


def _examples() -> list[tuple[list[str], list[str]]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Command line"):text.index("## How the labels are computed")]
    examples: list[tuple[list[str], list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", section, re.S):
        lines = block.replace("\\\n", " ").splitlines()
        for line in lines:
            if line.startswith(PROMPT):
                examples.append((shlex.split(line[len(PROMPT):].split("  #")[0]), []))
            elif examples:
                examples[-1][1].append(line)
    return examples


def test_the_readme_shows_the_commands():
    commands = [argv[0] for argv, _ in _examples()]
    assert commands == ["summarize", "report", "workshops", "report", "backup", "restore"]


def test_every_command_in_the_readme_prints_what_it_shows(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'data' / 'spindeln.db'}"  # shown as the README shows the app's own
    store = Store(url)
    workshop_id = store.ensure_sample_workshop(SAMPLE_CSV).id
    store.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    shown_id = None
    for argv, expected in _examples():
        if "-o" in argv:  # written into the test's own directory
            argv[argv.index("-o") + 1] = str(tmp_path / argv[argv.index("-o") + 1])
        if "--workshop" in argv:
            assert argv[argv.index("--workshop") + 1] == shown_id, "the README reports the workshop it listed"
            argv[argv.index("--workshop") + 1] = workshop_id
        if argv[0] in ("backup", "restore"):  # the backup file, in the test's own directory too
            (tmp_path / argv[1]).parent.mkdir(parents=True, exist_ok=True)
            argv[1] = str(tmp_path / argv[1])
        assert main(argv) == 0, argv
        out = [line.replace(f"{tmp_path}/", "") for line in capsys.readouterr().out.splitlines()]
        if argv[0] == "workshops":
            shown_id = expected[0].split("\t")[0]
            expected = [line.replace(shown_id, workshop_id) for line in expected]
        assert out == expected, argv
    assert (tmp_path / "bilaga.docx").stat().st_size > 10_000


@pytest.mark.parametrize("command", ["summarize", "report", "workshops", "unlock", "lockouts", "logout-all",
                                     "set-password", "backup", "restore"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0 and "usage: python -m survey " + command in capsys.readouterr().out
