"""Reading `data/issuers.yaml`: each party's offices, agencies and titles (core.parties.Issuers).

Strict like every input: unknown keys and party ids the lexicon lacks are errors naming the
file and line (a test checks the shipped file against the built-in lexicon)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from readout_diff.core.parties import Issuers
from readout_diff.errors import SpecError
from readout_diff.inputs.files import shipped
from readout_diff.inputs.yamlio import check_keys, read_yaml, where

ISSUERS_KEYS = ("issuers", "titles", "own_titles")


def builtin_issuers_path() -> Path:
    return shipped("issuers.yaml")


@functools.cache
def load_issuers(path: str | None = None) -> Issuers:
    """The issuer table of `path` (default: the built-in one), checked."""
    name = path or str(builtin_issuers_path())
    data = read_yaml(Path(name))
    if not isinstance(data, dict):
        raise SpecError(f"{name}: expected a mapping with 'issuers', 'titles' and 'own_titles'")
    check_keys(data, ISSUERS_KEYS, "key", name)
    return Issuers(
        _table(data, "issuers", name), _table(data, "titles", name), _own_titles(data, name)
    )


def _own_titles(data: dict[Any, Any], name: str) -> tuple[str, ...]:
    node = data.get("own_titles")
    if node is None:
        return ()
    if not isinstance(node, list) or not all(isinstance(t, str) and t.strip() for t in node):
        raise SpecError(f"{where(name, data, 'own_titles')}: 'own_titles' must be a list of titles")
    return tuple(t.strip() for t in node)


def _table(data: dict[Any, Any], key: str, name: str) -> dict[str, tuple[str, ...]]:
    node = data.get(key) or {}
    if not isinstance(node, dict):
        raise SpecError(f"{where(name, data, key)}: {key!r} must map party ids to lists of names")
    out = {}
    for party, phrases in node.items():
        if not isinstance(phrases, list) or not all(
            isinstance(p, str) and p.strip() for p in phrases
        ):
            raise SpecError(f"{where(name, node, party)}: {party!r} must be a list of names")
        out[str(party)] = tuple(p.strip() for p in phrases)
    return out
