"""Writing to a stdout that refuses data (a full disk): one line on stderr and exit 2, for
every command and for typer's own --help and --version, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

FULL = "/dev/full"
pytestmark = pytest.mark.skipif(not os.path.exists(FULL), reason="needs /dev/full (Linux)")
ERROR = "readout-diff: error: <stdout>: cannot write (No space left on device)\n"


def into_full_disk(*args: str) -> subprocess.CompletedProcess[str]:
    with open(FULL, "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "readout_diff", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )


@pytest.mark.parametrize(
    "args",
    [
        ["compare", str(SEED), "-f", "json"],
        ["compare", str(SEED)],
        ["compare", str(SEED), "-f", "markdown"],
        ["check", str(SEED)],
        ["check", str(SEED), "-f", "json"],
        ["--version"],
        ["--help"],
        ["check", "--help"],
        ["batch", str(SEED.parent), "--no-progress"],
    ],
    ids=lambda a: " ".join(Path(x).name for x in a),
)
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    r = into_full_disk(*args)
    assert (r.returncode, r.stderr) == (2, ERROR)


def test_check_update_on_a_full_disk_is_one_line_and_exit_2(tmp_path: Path) -> None:
    meeting = tmp_path / SEED.name
    shutil.copytree(SEED, meeting)  # has an expected.yaml: "kept" is printed
    r = into_full_disk("check", "--update", str(meeting))
    assert (r.returncode, r.stderr) == (2, ERROR)
