"""Errors the core raises, each carrying the exit code the CLI maps it to.

The core never prints and never exits: it raises one of these, and `cli.py` turns it into a
one-line message on stderr and the exit code below.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes (README, "Exit codes")."""

    OK = 0
    DIFFERENCES = 1  # only with --exit-code: some topic is missing from some readout
    USAGE = 2  # bad usage or bad input
    INTERRUPTED = 130  # Ctrl-C


class ReadoutDiffError(Exception):
    """Base class: a message meant for the user, and the exit code for it."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(ReadoutDiffError):
    """A readout cannot be read: missing, a folder, empty, binary, not UTF-8..."""


class SpecError(ReadoutDiffError):
    """A YAML file the user gave (meeting.yaml, --topics, expected.yaml) is malformed."""


class UsageError(ReadoutDiffError):
    """The command line asks for something impossible (one readout, two from stdin...)."""
