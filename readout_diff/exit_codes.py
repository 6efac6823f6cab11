"""The CLI's documented exit codes (docs/usage.md, "Exit codes"), and the one place that maps the
library's errors to them."""

from __future__ import annotations

from enum import IntEnum

from readout_diff.errors import InputError, ReadoutDiffError, SpecError, UsageError


class ExitCode(IntEnum):
    OK = 0
    DIFFERENCES = 1  # --exit-code: some topic is missing from some readout; check: a failure
    USAGE = 2  # bad usage or bad input
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM (kill, timeout, a cancelled CI job): 128 + 15, as shells report


# Each error class's code; a subclass without its own entry takes its nearest base's.
EXIT_CODES: dict[type[ReadoutDiffError], ExitCode] = {
    ReadoutDiffError: ExitCode.USAGE,  # every error of the library: the user can fix it
    InputError: ExitCode.USAGE,  # a readout cannot be read
    SpecError: ExitCode.USAGE,  # a YAML file is malformed (expected.yaml's SampleError too)
    UsageError: ExitCode.USAGE,  # an impossible request
}


def exit_code(error: ReadoutDiffError) -> ExitCode:
    """The exit code of `error`: that of its class, or of its nearest base in EXIT_CODES."""
    return next(EXIT_CODES[c] for c in type(error).__mro__ if c in EXIT_CODES)
