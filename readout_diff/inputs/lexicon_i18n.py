"""The built-in Chinese and Russian topic aliases (data/topics.zh.yaml, data/topics.ru.yaml and
the generated data/topics.i18n.generated.yaml), read once and only when a readout in one of
those languages is compared: an English-only run never opens them."""

from __future__ import annotations

import functools
import json
from typing import Any

from readout_diff.core.topics_i18n import FOREIGN, ForeignLexicon, check_foreign_aliases
from readout_diff.errors import SpecError
from readout_diff.inputs.files import shipped
from readout_diff.inputs.yamlio import parse_shipped

GENERATED = "topics.i18n.generated.yaml"


def _data(name: str) -> str:
    return shipped(name).read_text(encoding="utf-8")


def _table(raw: Any, name: str) -> dict[str, tuple[str, ...]]:
    """topic id -> aliases, checked: a mapping of lists of strings."""
    if not isinstance(raw, dict):
        raise SpecError(f"{name}: expected a mapping of topic ids to lists of aliases")
    out = {}
    for tid, aliases in raw.items():
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise SpecError(f"{name}: {tid}: expected a list of aliases")
        out[str(tid)] = tuple(aliases)
    return out


def foreign_aliases() -> dict[str, dict[str, tuple[str, ...]]]:
    """language -> topic id -> aliases: the generated names, then the hand-kept ones. An alias
    in both files is an error naming both (the hand-kept file adds, never repeats)."""
    generated = parse_shipped(_data(GENERATED)) or {}
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang in FOREIGN:
        gen = _table(generated.get(lang) or {}, f"{GENERATED} ({lang})")
        hand_name = f"topics.{lang}.yaml"
        hand = _table(parse_shipped(_data(hand_name)) or {}, hand_name)
        owner = {alias: tid for tid, aliases in gen.items() for alias in aliases}
        for tid, aliases in hand.items():
            for alias in aliases:
                if alias in owner:
                    raise SpecError(
                        f"{hand_name}: {tid}: alias {alias!r} is already generated for "
                        f"{owner[alias]} in {GENERATED}"
                    )
        merged = {tid: gen.get(tid, ()) + hand.get(tid, ()) for tid in {**gen, **hand}}
        out[lang] = {tid: merged[tid] for tid in sorted(merged) if merged[tid]}
    return out


@functools.lru_cache(maxsize=1)
def load_foreign_lexicon() -> ForeignLexicon:
    """The built-in foreign aliases, checked against the built-in topics (an unknown id, a
    one-character Chinese alias or an alias of two topics is an error)."""
    from readout_diff.inputs.lexicon import load_lexicon

    aliases = foreign_aliases()
    problems = check_foreign_aliases(aliases, load_lexicon().topics)
    if problems:
        raise SpecError("built-in foreign aliases: " + "; ".join(problems[:5]))
    traditional = json.loads(_data("zh_traditional.json"))
    return ForeignLexicon(aliases, traditional)
