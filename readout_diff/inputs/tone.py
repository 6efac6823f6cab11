"""Reading the tone lexicon (data/tone.yaml, or a file of the same form), strictly: unknown and
duplicate keys are errors naming the file and line, as for topics files. The schema is
data/schemas/tone.schema.json; a test keeps the keys here equal to it."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from readout_diff.core.phrases import check_phrase
from readout_diff.core.tone import ActLevel, AtmosphereTerm, ToneLexicon
from readout_diff.errors import SpecError
from readout_diff.inputs.files import shipped
from readout_diff.inputs.yamlio import (
    check_keys,
    parse_shipped,
    parse_yaml,
    read_spec_text,
    where,
)

TONE_KEYS = ("version", "meeting_nouns", "atmosphere", "commitment")
ATMOSPHERE_KEYS = ("id", "phrases", "register", "reading")
COMMITMENT_KEYS = ("not_after", "needs_subject", "subjects", "levels")
LEVEL_KEYS = ("id", "strength", "phrases")
REGISTERS = ("warm", "businesslike", "tense")
BUILTIN = "tone.yaml"


def _words(node: Any, key: str, name: str) -> tuple[str, ...]:
    value = node.get(key)
    if not isinstance(value, list) or not value:
        raise SpecError(f"{where(name, node, key)}: {key!r} must be a non-empty list of phrases")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise SpecError(f"{where(name, node, key)}: each of {key!r} must be text")
    for v in value:
        check_phrase(v, where(name, node, key), f"in {key!r}")
    return tuple(v.strip() for v in value)


def _text(node: Any, key: str, name: str) -> str:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SpecError(f"{where(name, node, key)}: {key!r} must be text")
    return value.strip()


def _entry(node: Any, keys: tuple[str, ...], name: str, what: str) -> dict[Any, Any]:
    if not isinstance(node, dict):
        raise SpecError(f"{where(name, node)}: each {what} must be a mapping with {keys[0]!r}")
    check_keys(node, keys, f"{what} key", name)
    return node


def _atmosphere(node: Any, name: str) -> AtmosphereTerm:
    node = _entry(node, ATMOSPHERE_KEYS, name, "atmosphere term")
    register = _text(node, "register", name)
    if register not in REGISTERS:
        raise SpecError(
            f"{where(name, node, 'register')}: register {register!r} is not one of "
            + ", ".join(REGISTERS)
        )
    phrases = _words(node, "phrases", name)
    return AtmosphereTerm(_text(node, "id", name), phrases, register, _text(node, "reading", name))


def _level(node: Any, name: str) -> ActLevel:
    node = _entry(node, LEVEL_KEYS, name, "commitment level")
    strength = node.get("strength")
    if not isinstance(strength, int) or isinstance(strength, bool) or not 1 <= strength <= 9:
        raise SpecError(f"{where(name, node, 'strength')}: 'strength' must be a whole number 1-9")
    return ActLevel(_text(node, "id", name), strength, _words(node, "phrases", name))


def _unique(ids: list[str], name: str, what: str) -> None:
    for i in ids:
        if ids.count(i) > 1:
            raise SpecError(f"{name}: two {what} have the id {i!r}")


def parse_tone(data: Any, name: str) -> ToneLexicon:
    """A validated tone lexicon from a parsed YAML document."""
    if not isinstance(data, dict):
        raise SpecError(f"{where(name, data)}: expected a mapping with 'atmosphere', 'commitment'")
    check_keys(data, TONE_KEYS, "key", name)
    if not isinstance(data.get("atmosphere"), list):
        raise SpecError(f"{where(name, data)}: 'atmosphere' must be a list of terms")
    commitment = _entry(data.get("commitment"), COMMITMENT_KEYS, name, "'commitment'")
    if not isinstance(commitment.get("levels"), list):
        raise SpecError(f"{where(name, commitment)}: 'levels' must be a list of levels")
    terms = [_atmosphere(t, name) for t in data["atmosphere"]]
    levels = [_level(lv, name) for lv in commitment["levels"]]
    _unique([t.id for t in terms], name, "atmosphere terms")
    _unique([lv.id for lv in levels], name, "commitment levels")
    lists = {
        key: _words(commitment, key, name) if key in commitment else ()
        for key in ("not_after", "needs_subject", "subjects")
    }
    return ToneLexicon(
        _words(data, "meeting_nouns", name),
        tuple(terms),
        tuple(sorted(levels, key=lambda lv: -lv.strength)),
        **lists,
    )


@functools.lru_cache(maxsize=1)
def _builtin_tone() -> ToneLexicon:
    # Shipped data, read strictly by the tests (duplicate keys, lines): parsed here with the
    # plain C loader, ~1 ms where line tracking costs ~13 ms at every start.
    text = shipped(BUILTIN).read_text("utf-8")
    data = parse_shipped(text)
    return parse_tone(data, "built-in tone.yaml")


def load_tone(path: str | Path | None = None) -> ToneLexicon:
    """The built-in tone lexicon (cached), or the one in the file at `path` (same form)."""
    if path is None:
        return _builtin_tone()
    p = Path(path)
    return parse_tone(parse_yaml(read_spec_text(p, 1_000_000, "a tone file"), str(p)), str(p))
