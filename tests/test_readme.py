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
    # issue 14: the main command installs the package alone; the test command adds the test extra first
    assert ".venv/bin/pip install . &&" in commands[0] and "[test]" not in commands[0]
    assert commands[0].endswith(".venv/bin/borders atlas")  # issue 14: the main job as one command
    assert commands[1] == ".venv/bin/pip install '.[test]' && .venv/bin/pytest"


def test_ci_runs_the_readme_commands_as_written():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in setup_commands():
        assert command in ci, command


def test_the_readme_basis_tables_are_what_the_data_gives():
    # Issue 10: the "how sure we are" tables are computed from each segment's basis and determined.
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {"<!-- basis:treaty_1920 -->", "<!-- basis:foch_line -->", "<!-- basis:zeligowski_zone -->"} <= {
        line for line in readme.splitlines() if line.startswith("<!-- basis:")}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_tables.py"), "--check"])
    assert result.returncode == 0, "README tables are out of date: run python scripts/readme_tables.py"


def test_the_readme_does_not_claim_the_lines_were_traced_from_their_texts():
    # Issue 10, item 15: most of Article II was never read; the Central Lithuania edges are midpoints.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "traced from the texts that defined each line" not in readme
