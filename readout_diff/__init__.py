"""readout-diff: compare governments' readouts of the same meeting.

Library use (docs/python-api.md)::

    from readout_diff import Readout, compare, compare_paths, render
    result = compare_paths(["china.txt", "russia.txt"], labels=["China MFA", "Russia MFA"])
    result = compare([Readout.from_text(a, "China MFA"), Readout.from_text(b, "Russia MFA")])
    print(render(result, "markdown"))
    result.to_dict()  # the JSON form

Everything the command line does is a function here; the CLI only parses options, prints and
maps `ReadoutDiffError` to an `ExitCode`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readout_diff.core.model import Comparison, ComparisonDict, Readout
    from readout_diff.core.segment import Segment
    from readout_diff.core.topics import Lexicon
    from readout_diff.errors import InputError, ReadoutDiffError, SpecError, UsageError
    from readout_diff.exit_codes import ExitCode
    from readout_diff.inputs.lexicon import load_lexicon
    from readout_diff.inputs.read import ReadOptions, load_meeting, load_readout
    from readout_diff.inputs.tone import load_tone
    from readout_diff.report import Format, RenderOptions, render
    from readout_diff.workflows.batch import find_batch, run_batch, write_results
    from readout_diff.workflows.check import check_meetings, find_meetings
    from readout_diff.workflows.compare import compare, compare_meeting, compare_paths
    from readout_diff.workflows.expectations import update_expectations
    from readout_diff.workflows.save import save_meeting

# Imported on first use, so that `readout-diff --help` does not pay for rapidfuzz and the lexicon.
_EXPORTS = {
    "Comparison": "core.model",
    "ComparisonDict": "core.model",
    "ExitCode": "exit_codes",
    "Format": "report",
    "InputError": "errors",
    "Lexicon": "core.topics",
    "ReadOptions": "inputs.read",
    "Readout": "core.model",
    "Segment": "core.segment",
    "ReadoutDiffError": "errors",
    "RenderOptions": "report",
    "SpecError": "errors",
    "UsageError": "errors",
    "check_meetings": "workflows.check",
    "compare": "workflows.compare",
    "compare_meeting": "workflows.compare",
    "compare_paths": "workflows.compare",
    "find_batch": "workflows.batch",
    "find_meetings": "workflows.check",
    "load_lexicon": "inputs.lexicon",
    "load_meeting": "inputs.read",
    "load_readout": "inputs.read",
    "load_tone": "inputs.tone",
    "render": "report",
    "run_batch": "workflows.batch",
    "write_results": "workflows.batch",
    "save_meeting": "workflows.save",
    "update_expectations": "workflows.expectations",
}
__all__ = [
    "Comparison",
    "ComparisonDict",
    "ExitCode",
    "Format",
    "InputError",
    "Lexicon",
    "ReadOptions",
    "Readout",
    "ReadoutDiffError",
    "RenderOptions",
    "Segment",
    "SpecError",
    "UsageError",
    "check_meetings",
    "compare",
    "compare_meeting",
    "compare_paths",
    "find_batch",
    "find_meetings",
    "load_lexicon",
    "load_meeting",
    "load_readout",
    "load_tone",
    "render",
    "run_batch",
    "save_meeting",
    "update_expectations",
    "write_results",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"readout_diff.{_EXPORTS[name]}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
