"""Text helpers shared by every stage (the lowest floor: inputs, workflows and report use it)."""

from __future__ import annotations


def fold_whitespace(text: str) -> str:
    """Runs of white space (line breaks, tabs, Unicode spaces) as one space, none at the ends.

    `str.split()` splits on exactly the characters that `re`'s `\\s` matches, so this is the same
    as `re.sub(r"\\s+", " ", text).strip()`, written once.
    """
    return " ".join(text.split())
