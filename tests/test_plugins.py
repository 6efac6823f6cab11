"""A third-party package adds an output format and a reader through entry points
(`readout_diff.formats`, `readout_diff.readers`): tests/plugins/readout_diff_testplugin.py,
installed here as a .dist-info folder on PYTHONPATH, works in compare, batch and --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

PLUGIN = ROOT / "tests" / "plugins"
ENTRY_POINTS = """\
[readout_diff.formats]
tsv = readout_diff_testplugin:TSV
{extra}
[readout_diff.readers]
claims = readout_diff_testplugin:CLAIMS
"""


def installed(tmp_path: Path, extra: str = "") -> dict[str, str]:
    """The environment of a Python that has the test plugin installed."""
    info = tmp_path / "site" / "readout_diff_testplugin-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: readout-diff-testplugin\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS.format(extra=extra))
    path = os.pathsep.join([str(info.parent), str(PLUGIN), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, "COLUMNS": "200", "NO_COLOR": "1"}


def run(env: dict[str, str], *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "readout_diff", *args]
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return installed(tmp_path)


def test_the_plugin_format_is_offered_in_help(env: dict[str, str]) -> None:
    compare = run(env, "compare", "--help")
    assert compare.returncode == 0, compare.stderr
    assert "tsv" in compare.stdout and ".tsv" in compare.stdout
    batch = run(env, "batch", "--help")
    assert "tsv: a row per topic and readout" in " ".join(batch.stdout.replace("│", " ").split())
    assert "tsv" not in run(env, "check", "--help").stdout  # it draws no check report


def test_compare_reads_a_plugin_file_and_writes_a_plugin_format(env, tmp_path: Path) -> None:
    (tmp_path / "a.claims").write_text("# Talks in Beijing\nThey discussed Gaza. And trade.\n")
    (tmp_path / "b.txt").write_text("Trade was discussed at length.\n")
    r = run(env, "compare", "a.claims", "b.txt", "-o", "out.tsv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = (tmp_path / "out.tsv").read_text().splitlines()
    assert rows[0] == "topic\treadout\tpresence"
    assert "gaza\ta\tpresent" in rows and "gaza\tb\tmissing" in rows
    doc = json.loads(run(env, "compare", "a.claims", "b.txt", "-f", "json", cwd=tmp_path).stdout)
    a = doc["readouts"][0]
    assert [c["text"] for c in a["claims"]] == ["They discussed Gaza. And trade."]  # as split
    assert [h["text"] for h in a["header"]] == ["Talks in Beijing"]


def test_a_plugin_file_saved_is_read_again_by_its_reader(env, tmp_path: Path) -> None:
    (tmp_path / "a.claims").write_text("# Talks in Beijing\nThey discussed Gaza. And trade.\n")
    (tmp_path / "b.txt").write_text("Trade was discussed at length.\n")
    first = run(env, "compare", "a.claims", "b.txt", "-f", "json", "--save", "kept", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == [
        "a-a.claims",  # its reader's suffix: as .txt it was split again, into two claims
        "b-b.txt",
        "meeting.yaml",
    ]
    again = run(env, "compare", "kept", "-f", "json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    claims = [[c["text"] for c in r["claims"]] for r in json.loads(again.stdout)["readouts"]]
    assert claims == [
        [c["text"] for c in r["claims"]] for r in json.loads(first.stdout)["readouts"]
    ]


def test_batch_writes_a_plugin_format(env, tmp_path: Path) -> None:
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "one").symlink_to(SAMPLES / "2025-07-13-wang-lavrov-beijing")
    r = run(env, "batch", str(tmp_path / "meetings"), "-o", str(tmp_path / "all.tsv"))
    assert r.returncode == 0, r.stderr
    rows = (tmp_path / "all.tsv").read_text().splitlines()
    assert rows[0] == "meeting\ttopic\treadout\tpresence"
    assert len(rows) > 4 and all(row.startswith("one\t") for row in rows[1:])


def test_a_broken_plugin_is_skipped_with_a_one_line_warning(tmp_path: Path) -> None:
    env = installed(tmp_path, "broken = readout_diff_testplugin:broken")
    r = run(env, "compare", "--help")
    assert r.returncode == 0
    assert "tsv" in r.stdout
    assert r.stderr.splitlines() == [
        "readout-diff: warning: plugin 'broken' (readout_diff_testplugin:broken) skipped: "
        "this plugin is broken on purpose"
    ]


def test_a_registry_refuses_other_kinds_and_a_later_entry_replaces_one() -> None:
    from readout_diff.errors import UsageError
    from readout_diff.plugins import Registry
    from readout_diff.report.formats import OutputFormat

    registry = Registry("readout_diff.tests.none", OutputFormat, "a format", lambda f: f.name != "")
    registry.register(OutputFormat("x"))
    registry.register(OutputFormat("x", (".x",)))  # a plugin overriding a built-in
    assert registry.all() == {"x": OutputFormat("x", (".x",))}
    for bad in ("x", OutputFormat("")):
        with pytest.raises(UsageError, match="not a format"):
            registry.register(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["mro", "_hidden", "tab-separated", ""])
def test_a_format_name_the_cli_cannot_offer_is_refused(name: str) -> None:
    from readout_diff.errors import UsageError
    from readout_diff.report.formats import OutputFormat, register_format

    with pytest.raises(UsageError, match="not an output format with a plain name"):
        register_format(OutputFormat(name))


def test_without_a_plugin_importlib_metadata_is_not_imported(tmp_path: Path) -> None:
    # No entry_points.txt on the path names the groups: nothing to scan, nothing imported.
    code = (
        "import sys\n"
        "from readout_diff.report.formats import formats\n"
        "from readout_diff.inputs.readers import readers\n"
        "assert 'tsv' not in formats() and 'claims' not in readers()\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"
    env = installed(tmp_path)  # with the plugin: found, as before
    code = code.replace("not in formats()", "in formats()").replace("not in readers", "in readers")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "True"
