"""The README's two commands are exactly what CI runs, so they keep working on a fresh machine."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up and run", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)


def test_the_readme_gives_two_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert "pip install '.[test]'" in commands[0] and "borders maps" in commands[0]
    assert commands[1] == ".venv/bin/pytest"


def test_ci_runs_the_readme_commands_as_written():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in setup_commands():
        assert command in ci, command
