"""The package's public names: lazy, so that `readout-diff --help` starts fast, yet always right."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_importing_the_package_or_the_cli_loads_no_core() -> None:
    loaded = _run(
        "import sys, readout_diff, readout_diff.cli; "
        "print(sorted(m for m in sys.modules if m in "
        "('rapidfuzz', 'yaml', 'rich', 'readout_diff.core.compare', 'readout_diff.core.topics')))"
    )
    assert loaded == "[]"


def test_public_names_are_the_functions_even_after_their_modules_load() -> None:
    out = _run(
        "import readout_diff.core.compare, readout_diff.inputs.read, readout_diff.core.model\n"
        "from readout_diff import compare, load_readout, Comparison, ExitCode\n"
        "print(callable(compare), callable(load_readout), Comparison.__name__, int(ExitCode.USAGE))"
    )
    assert out == "True True Comparison 2"


def test_every_name_in_all_is_importable() -> None:
    import readout_diff

    for name in readout_diff.__all__:
        assert getattr(readout_diff, name) is not None


def test_all_lists_exactly_the_lazy_exports() -> None:
    import readout_diff

    assert sorted(readout_diff.__all__) == sorted(readout_diff._EXPORTS)


def test_dir_lists_the_lazy_exports() -> None:
    import readout_diff

    assert {"compare", "load_readout", "Comparison"} <= set(dir(readout_diff))


def test_comparing_text_files_loads_nothing_for_urls_web_pages_or_plugins(tmp_path) -> None:
    # socket (fetching), logging (readability's), importlib.metadata (plugins, none installed
    # here) and hashlib (the lexicon index is trusted) cost a CLI run ~15% of its start-up.
    from conftest import SAMPLES

    meeting = SAMPLES / "2025-07-13-wang-lavrov-beijing"
    out = tmp_path / "r.json"
    loaded = _run(
        "import sys\n"
        f"sys.argv = ['readout-diff', 'compare', {str(meeting)!r}, '-o', {str(out)!r}]\n"
        "from readout_diff.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "print(sorted(m for m in sys.modules if m in "
        "('socket', 'logging', 'importlib.metadata', 'hashlib', 'rich', 'importlib.resources',"
        " 'readout_diff.cli.batch', 'readout_diff.cli.check', 'readout_diff.cli.history')))"
    )
    assert out.stat().st_size > 1000
    assert loaded == "[]"


def test_the_cli_builds_only_the_command_it_runs() -> None:
    # typer builds a click command from each registered function at every run (~2 ms each),
    # and importing the others' modules costs as much again
    from readout_diff import cli

    def names(app: object) -> list[str]:
        return [c.callback.__name__ for c in app.registered_commands]  # type: ignore[attr-defined]

    assert names(cli.app) == list(cli.COMMANDS)
    for name in cli.COMMANDS:
        assert names(cli.for_arguments([name, "--help"])) == [name]
    for args in ([], ["--help"], ["--version"], ["-h", "compare"], ["bogus"]):
        assert names(cli.for_arguments(args)) == list(cli.COMMANDS)
    assert names(cli.app) == list(cli.COMMANDS)  # building a narrower app left this one whole
