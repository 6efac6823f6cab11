"""Errors the library raises: a message meant for the user, in one line.

The library never prints and never exits: it raises one of these. Only the CLI turns them into
a line on stderr and an exit code (`readout_diff.exit_codes`), so a script calling the library
catches `ReadoutDiffError` and decides for itself.
"""

from __future__ import annotations


class ReadoutDiffError(Exception):
    """Base class: a message meant for the user."""

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
    """The call asks for something impossible (one readout, two from stdin...)."""
