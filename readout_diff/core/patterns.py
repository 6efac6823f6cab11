"""Regular expressions compiled on first use, not at import.

A module-level `re.compile` runs at every start, whether or not the run needs the pattern:
about 120 of them took some 25 ms of each command (issue 24), most for inputs the run never
sees (other languages, HTML, front matter, rare layouts). `lazy(...)` stands in for
`re.compile(...)` at module level: the pattern is compiled the first time one of its methods or
attributes is asked for, and from then on its methods are plain attributes of the stand-in (no
extra call per use, so a hot loop pays nothing).
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

# What the stand-in copies from the compiled pattern when first used (re.Pattern's interface).
_DELEGATED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """A `re.Pattern` compiled when first used; `pattern` (its source) needs no compiling."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self._source_flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute not yet set: the first use, or a name re.Pattern lacks
        # (dunder probes from copy or pickle get the usual AttributeError, no compiling).
        if name.startswith("__") or name not in _DELEGATED:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._source_flags)
        for attr in _DELEGATED:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self.pattern, self._source_flags))

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._source_flags!r})"

    @property
    def compiled(self) -> bool:
        """Whether the pattern has been compiled yet (for tests)."""
        return "search" in self.__dict__


def lazy(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, compiled when first used (typed as the pattern it is)."""
    return cast("re.Pattern[AnyStr]", LazyPattern(pattern, int(flags)))
