"""The parties of a meeting: as the caller names them (ids, names or aliases), else as the
readouts' front matter lists them, else the countries and organisations their labels name.

Pure: the lexicon is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from readout_diff.core.model import Readout
from readout_diff.core.parties import PARTY_KINDS, closest_names, resolve_any_case
from readout_diff.core.patterns import lazy
from readout_diff.core.topics import Lexicon
from readout_diff.errors import SpecError

# The front matter's participants key, plain or quoted, alone or in a flow mapping
_PARTICIPANTS_KEY = lazy(r"""(?:^|[\s{,])["']?participants["']?\s*:""")


def meeting_parties(
    readouts: Sequence[Readout], lexicon: Lexicon, participants: Iterable[str] | None
) -> tuple[str, ...]:
    """The parties: as given, else the readouts' front matter, else their labels."""
    if participants is not None:
        return resolve_participants(participants, lexicon)
    if not any(r.participants for r in readouts):
        return infer_participants(readouts, lexicon)
    ids: list[str] = []
    for r in readouts:  # each readout's own, so that an unknown name says where it stands
        try:
            ids += resolve_participants(r.participants, lexicon)
        except SpecError as e:
            raise SpecError(f"{_front_matter_line(r)}: {e.message}") from None
    return tuple(dict.fromkeys(ids))


def _front_matter_line(r: Readout) -> str:
    """Where a readout's front matter lists its participants: "a.txt line 2"."""
    head = r.text[: r.body_start].splitlines()
    line = next((n for n, t in enumerate(head, 1) if _PARTICIPANTS_KEY.search(t)), 1)
    return f"{r.source} line {line}"


def resolve_participants(names: Iterable[str], lexicon: Lexicon) -> tuple[str, ...]:
    """Topic ids for participant names (ids, names or aliases, in any case: `-p usa` is the
    United States); unknown ones are an error with the closest ids, aliases included. Only
    here is case ignored: in readout text an all-caps alias ("US") still needs its capitals."""
    ids = []
    for name in names:
        tid = lexicon.resolve(name) or resolve_any_case(name, lexicon)
        if tid is None:
            hint = ", ".join(closest_names(name, lexicon))
            raise SpecError(
                f"unknown participant {name!r}: not a topic id or alias (closest: {hint})"
            )
        ids.append(tid)
    return tuple(dict.fromkeys(ids))


def infer_participants(readouts: Sequence[Readout], lexicon: Lexicon) -> tuple[str, ...]:
    """Without explicit participants, the countries and organisations named in the labels
    ("China MFA", "White House", "Kremlin") are the parties."""
    found = []
    for r in readouts:
        for m in lexicon.find(r.label):
            if lexicon.topics[m.topic].kind in PARTY_KINDS:
                found.append(m.topic)
    return tuple(dict.fromkeys(found))
