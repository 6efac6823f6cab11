"""readout-diff: compare governments' readouts of the same meeting.

Library use::

    from readout_diff import compare, load_readout
    a = load_readout("china.txt", "a", label="China MFA")
    b = load_readout("russia.txt", "b", label="Russia MFA")
    result = compare([a, b])
    result.to_dict()  # the JSON form
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readout_diff.core.compare import compare
    from readout_diff.core.model import Comparison, Readout
    from readout_diff.core.topics import load_lexicon
    from readout_diff.errors import ReadoutDiffError
    from readout_diff.inputs.read import load_meeting, load_readout

# Imported on first use, so that `readout-diff --help` does not pay for rapidfuzz and the lexicon.
_EXPORTS = {
    "Comparison": "core.model",
    "ExitCode": "exit_codes",
    "Readout": "core.model",
    "ReadoutDiffError": "errors",
    "compare": "core.compare",
    "load_lexicon": "core.topics",
    "load_meeting": "inputs.read",
    "load_readout": "inputs.read",
}
__all__ = [
    "Comparison",
    "ExitCode",
    "Readout",
    "ReadoutDiffError",
    "compare",
    "load_lexicon",
    "load_meeting",
    "load_readout",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"readout_diff.{_EXPORTS[name]}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
