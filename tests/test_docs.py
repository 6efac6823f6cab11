"""The documentation follows the commands: docs/cli.md is their real --help, and the README has
a section and usage lines for every command."""

from __future__ import annotations

import difflib
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT
from typer.main import get_command

from readout_diff.cli import app


def load_script() -> ModuleType:
    """docs/ is not a package: import the generator from its file."""
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "docs/cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cli_reference = load_script()
COMMANDS = cli_reference.commands()
README = (ROOT / "README.md").read_text("utf-8")
# A command may be documented on a page of its own that the README links to (docs/history.md),
# so that the README stays short: its headings, usage lines and schemas count as the README's.
# docs/cli.md is not one: it is generated from --help and has a heading for every command.
PAGES = sorted(set(re.findall(r"\]\((docs/[a-z-]+\.md)\)", README)) - {"docs/cli.md"})
DOCUMENTED = "\n".join([README, *((ROOT / p).read_text("utf-8") for p in PAGES)])
# "### `readout-diff compare`" and "readout-diff compare a.txt b.txt" at the start of a line.
HEADINGS = set(re.findall(r"^#+ `?readout-diff ([a-z][a-z-]*)", DOCUMENTED, re.M))
USAGE = set(re.findall(r"^(?:\$ )?readout-diff ([a-z][a-z-]*)", DOCUMENTED, re.M))


def test_the_app_has_the_commands_we_document() -> None:
    # If this fails, the command list is read wrongly and the tests below check nothing.
    assert {"compare", "check", "batch"} <= set(COMMANDS)


def test_cli_reference_is_the_real_help() -> None:
    written = (ROOT / "docs/cli.md").read_text("utf-8")
    fresh = cli_reference.render()
    diff = "".join(
        difflib.unified_diff(
            written.splitlines(keepends=True),
            fresh.splitlines(keepends=True),
            "docs/cli.md",
            "the help now",
        )
    )
    assert written == fresh, f"run: python docs/cli_reference.py\n{diff}"


def test_cli_reference_has_every_command_and_option() -> None:
    text = cli_reference.render()
    group = get_command(app)
    for name in COMMANDS:
        assert f"## `readout-diff {name}`" in text
        command = group.commands[name]  # type: ignore[attr-defined]
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("-"):
                    assert opt in text, f"{name} {opt} missing from docs/cli.md"


def test_the_reference_is_made_at_a_fixed_width() -> None:
    blocks = re.findall(r"```text\n(.*?)```", cli_reference.render(), re.S)
    assert len(blocks) == len(COMMANDS) + 1
    widths = {
        len(line)
        for block in blocks
        for line in block.splitlines()
        if line[:1] and line[0] in "╭│╰"
    }
    assert widths == {cli_reference.WIDTH}


def test_check_mode_fails_when_the_page_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "cli.md"
    monkeypatch.setattr(cli_reference, "OUTPUT", page)
    page.write_text(cli_reference.render().replace("--exit-code", "--exit-status"), "utf-8")
    assert cli_reference.main(["--check"]) == 1
    assert cli_reference.main([]) == 0
    assert cli_reference.main(["--check"]) == 0


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_readme_section_and_usage(name: str) -> None:
    assert name in HEADINGS, f"README.md: no heading for readout-diff {name}"
    assert name in USAGE, f"README.md: no usage line starting 'readout-diff {name}'"


def test_the_readme_documents_no_command_that_does_not_exist() -> None:
    assert HEADINGS <= set(COMMANDS)
    assert USAGE <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help, f"readout-diff {name} has no help"


def test_the_readme_lists_every_shipped_schema() -> None:
    data = ROOT / "readout_diff/data"
    shipped = sorted(data.glob("*.schema.json")) + sorted(data.glob("schemas/*.schema.json"))
    assert len(shipped) >= 3
    for path in shipped:
        name = path.relative_to(ROOT).as_posix()
        assert f"`{name}`" in DOCUMENTED, f"README.md (or a page it links to) does not list {name}"
