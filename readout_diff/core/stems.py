"""Word stems (the Snowball stemmer, `snowballstemmer`), for matching an alias's inflected forms.

"managing differences" is "manage differences", "de-escalating" is "de-escalation": topics.py
compares the words of multiword aliases by stem. A few words mean something else once
inflected, and keep their own form as their stem ("forces" the military is not "force",
"states" not a state, "arms" not an arm, "interests" not interest on a loan).

`import snowballstemmer` imports its 36 stemmers (~10-30 ms, more than a whole comparison of a
typical pair); only the English one is loaded here, from the installed package's own files,
under a private package name so that the real `snowballstemmer` module is left untouched.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
import types
from collections.abc import Callable

# Inflected forms with a meaning of their own: each is its own stem, never another word's.
KEEP = frozenset(
    "forces states arms goods interests securities customs means affairs grounds quarters "
    "relations talks troops".split()
)
_PRIVATE = "readout_diff._snowball"


@functools.cache
def _english() -> Callable[[str], str]:
    """The English stemmer's `stemWord`, loaded without the package's `__init__`."""
    if _PRIVATE not in sys.modules:
        spec = importlib.util.find_spec("snowballstemmer")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("snowballstemmer is not installed")
        package = types.ModuleType(_PRIVATE)
        package.__path__ = list(spec.submodule_search_locations)
        sys.modules[_PRIVATE] = package
    module = importlib.import_module(f"{_PRIVATE}.english_stemmer")
    return module.EnglishStemmer().stemWord  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=8192)  # a readout has a few hundred distinct words
def stem(word: str) -> str:
    """The stem of a lower-case word; a word of KEEP, or one not all letters, stays as it is."""
    if word in KEEP or not word.isalpha():
        return word
    return _english()(word)
