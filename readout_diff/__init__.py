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
    from .errors import ExitCode, ReadoutDiffError
    from .load import load_meeting, load_readout
    from .model import Comparison, Readout
    from .pipeline import compare
    from .topics import load_lexicon

# Imported on first use, so that `readout-diff --help` does not pay for rapidfuzz and the lexicon.
_EXPORTS = {
    "Comparison": "model",
    "ExitCode": "errors",
    "Readout": "model",
    "ReadoutDiffError": "errors",
    "compare": "pipeline",
    "load_lexicon": "topics",
    "load_meeting": "load",
    "load_readout": "load",
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
    value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
