"""Same input, same bytes, in any process: the output does not depend on the hash seed.

Python randomises the hash of strings per process, so iterating over a set of topic ids or
words can change order between runs while every test inside one process passes. Each command
here runs in fresh processes under different PYTHONHASHSEEDs and their stdout must be identical.
The runs are started together, so that the module costs about as long as the slowest few.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

# "6" once gave another unmatched part of the EU-China summit (a float sum over a set: now fsum)
SEEDS = ("0", "12345", "4242", "6")
SEED_MEETING = "samples/2025-07-13-wang-lavrov-beijing"
TRILATERAL = "samples/2025-03-22-china-japan-rok-trilateral"
TERMINAL = ("--width", "100", "--no-color")
CASES = {
    "seed-json": ("compare", SEED_MEETING, "-f", "json"),
    "seed-markdown": ("compare", SEED_MEETING, "-f", "markdown"),
    "seed-html": ("compare", SEED_MEETING, "-f", "html"),
    "seed-terminal": ("compare", SEED_MEETING, *TERMINAL),
    "trilateral-json": ("compare", TRILATERAL, "-f", "json"),
    "trilateral-terminal": ("compare", TRILATERAL, *TERMINAL),
    "check-json": ("check", "samples", "-f", "json"),
    "summit-json": ("compare", "samples/2025-07-24-eu-china-summit", "-f", "json"),
}
# The one value of `check` that is measured, not computed: blanked before comparing.
SECONDS = re.compile(rb'"seconds": [0-9.e+-]+')


def env(seed: str) -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def runs() -> dict[tuple[str, str], bytes]:
    """stdout of every case under every seed; each must exit 0 with nothing on stderr."""
    started = {
        (case, seed): subprocess.Popen(
            [sys.executable, "-m", "readout_diff", *args],
            cwd=ROOT,
            env=env(seed),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for case, args in CASES.items()
        for seed in SEEDS
    }
    out = {}
    for key, process in started.items():
        stdout, stderr = process.communicate(timeout=60)
        assert process.returncode == 0, (key, stderr.decode())
        assert stderr == b"", (key, stderr.decode())
        out[key] = SECONDS.sub(b'"seconds": 0', stdout)
    return out


def test_the_seeds_really_change_string_hashes() -> None:
    # Without this, a PYTHONHASHSEED the interpreter ignored would make every test below pass.
    hashes = {
        subprocess.run(
            [sys.executable, "-c", "print(hash('united-states'))"],
            env=env(seed),
            capture_output=True,
            check=True,
        ).stdout
        for seed in SEEDS
    }
    assert len(hashes) == len(SEEDS)


def first_difference(a: bytes, b: bytes) -> str:
    """The first differing line of two outputs, to read in the failure instead of two blobs."""
    for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), 1):
        if x != y:
            return f"line {n}:\n  {x.decode()}\n  {y.decode()}"
    return f"lengths {len(a)} and {len(b)}"


@pytest.mark.parametrize("case", CASES)
def test_same_bytes_under_every_hash_seed(case: str, runs: dict[tuple[str, str], bytes]) -> None:
    first = runs[case, SEEDS[0]]
    assert len(first) > 500, first
    for seed in SEEDS[1:]:
        other = runs[case, seed]
        assert other == first, (
            f"{case}: PYTHONHASHSEED={seed} differs from {SEEDS[0]} at "
            + first_difference(first, other)
        )


def test_the_outputs_are_the_reports_they_claim_to_be(runs: dict[tuple[str, str], bytes]) -> None:
    out = {case: runs[case, SEEDS[0]] for case in CASES}
    assert out["seed-json"].startswith(b'{\n  "schema_version"')
    assert b"Iran nuclear issue" in out["seed-markdown"]
    assert b"\x1b[" not in out["seed-terminal"]
    assert max(map(len, out["seed-terminal"].decode().splitlines())) <= 100
    assert out["trilateral-json"].count(b'"encoding_guessed"') == 3
    assert b'"seconds": 0,' in out["check-json"]
