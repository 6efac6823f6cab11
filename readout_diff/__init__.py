"""readout-diff: compare governments' readouts of the same meeting.

Library use::

    from readout_diff import compare, load_readout
    a = load_readout("china.txt", "a", label="China MFA")
    b = load_readout("russia.txt", "b", label="Russia MFA")
    result = compare([a, b])
    result.to_dict()  # the JSON form
"""

from .compare import compare
from .errors import ExitCode, ReadoutDiffError
from .load import load_meeting, load_readout
from .model import Comparison, Readout
from .topics import load_lexicon

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
