"""The `synonyms:` section of topics files: paraphrase groups for alignment (core.synonyms).

A group is an id (lower case, hyphenated, like a topic id) and a list of words and phrases
that readouts use for the same thing. A file's group with the id of an earlier one replaces it
(as a topic does); a word or phrase that would belong to two groups is an error naming both,
since alignment could only keep one of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from readout_diff.core.patterns import lazy
from readout_diff.core.phrases import check_phrase
from readout_diff.core.synonyms import member_key
from readout_diff.errors import SpecError
from readout_diff.inputs.yamlio import where

_GROUP_ID = lazy(r"[a-z0-9]+(?:-[a-z0-9]+)*")
Groups = dict[str, tuple[str, ...]]


def parse_synonyms(data: Mapping[str, Any], name: str) -> Groups:
    """The validated groups of a topics document (none when it has no `synonyms`)."""
    raw = data.get("synonyms")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise SpecError(
            f"{where(name, data, 'synonyms')}: 'synonyms' must map group ids to lists of words "
            "and phrases"
        )
    groups: Groups = {}
    for gid, members in raw.items():
        loc = where(name, raw, gid)  # the group's own line
        if not isinstance(gid, str) or not _GROUP_ID.fullmatch(gid):
            raise SpecError(
                f"{loc}: synonym group id {gid!r} must be lower case words joined by hyphens"
            )
        if (
            not isinstance(members, list)
            or len(members) < 2
            or not all(isinstance(m, str) and m.strip() for m in members)
        ):
            raise SpecError(f"{loc}: synonym group {gid!r} needs a list of two or more words")
        for m in members:
            check_phrase(m, loc, f"of synonym group {gid!r}")
        groups[gid] = tuple(" ".join(m.split()) for m in members)
    return groups


def merge_synonyms(base: Groups, extra: Groups, name: str, data: Any = None) -> Groups:
    """`extra`'s groups over `base`'s (same id: replaced), refusing a word or phrase that two
    groups would share (in any case and spacing); the error names the line of `extra`'s group
    in `data`, the document it was parsed from, when given."""
    merged = {**base, **extra}
    raw = data.get("synonyms") if isinstance(data, dict) else None
    owner: dict[str, str] = {}
    for gid, members in merged.items():
        for member in members:
            other = owner.setdefault(member_key(member), gid)
            if other != gid:
                mine = gid if gid in extra else other  # the group the file brings
                raise SpecError(
                    f"{where(name, raw, mine)}: {member!r} of synonym group {gid!r} is already "
                    f"in group {other!r}"
                )
    return merged
