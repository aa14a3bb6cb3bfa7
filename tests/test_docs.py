"""The README documents what the package really has."""
from __future__ import annotations

import re

from corpus_pkg.tables import TABLES

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_column_of_every_table():
    for table in TABLES:
        section = README.split(f"### `{table.name}`", 1)[1].split("###", 1)[0]
        listed = re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.M)
        assert listed == [f.name for f in table.fields], table.name


def test_readme_first_screen_has_exactly_the_two_commands_ci_runs():
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line for line in first_block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("corpus-pkg build") and commands[1].endswith("pytest")
    ci = (REPO / ".ci" / "run").read_text()
    assert "# 1\\. install, and build" in ci and "# 2\\. install the test dependencies" in ci
