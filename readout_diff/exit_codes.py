"""The CLI's documented exit codes (README, "Exit codes"), and the one place that maps the
library's errors to them."""

from __future__ import annotations

from enum import IntEnum

from readout_diff.errors import ReadoutDiffError


class ExitCode(IntEnum):
    OK = 0
    DIFFERENCES = 1  # --exit-code: some topic is missing from some readout; check: a failure
    USAGE = 2  # bad usage or bad input
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM (kill, timeout, a cancelled CI job): 128 + 15, as shells report


def exit_code(error: ReadoutDiffError) -> ExitCode:
    """Every error of the library is bad usage or bad input: the user can fix it."""
    return ExitCode.USAGE
