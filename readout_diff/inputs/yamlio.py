"""Safe YAML reading for every file a user hands us (meeting.yaml, manifests, expected.yaml,
--topics, front matter).

Only plain data is built (no Python objects), the file size and the size of the document with
its aliases expanded are capped (an "alias bomb" expands a few lines into billions of nodes), a
key written twice in a mapping is an error naming its line, and every mapping remembers its line
so that a validation error can name it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from readout_diff.core.text import fold_whitespace
from readout_diff.errors import InputError, SpecError
from readout_diff.inputs.decode import DecodeHints, decode
from readout_diff.inputs.files import read_capped

MAX_YAML_BYTES = 2_000_000
FREE_FORM_PREFIX = "x-"  # keys for the user's own notes, allowed and ignored in every mapping
# After expanding aliases: at most the larger of a floor and a multiple of the nodes written.
# `yaml.safe_dump` writes a list shared by many meetings once and aliases it: a 5,000-meeting
# manifest expands to about twice its own size, while a bomb of a few lines expands billions.
MAX_YAML_NODES = 100_000
MAX_YAML_EXPANSION = 10
# Deeper documents are refused, whatever the libyaml build (libyaml's own limit, where it has
# one, is the same 1,000 levels; the pure-Python loader has none and would recurse).
MAX_YAML_DEPTH = 1_000
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# A mapping as parsed from YAML (a LineDict), before its keys and values are checked: what the
# validators of expected.yaml walk, naming each wrong type with its line.
YamlMap = dict[Any, Any]


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping from YAML that knows the 1-based line where it starts, and of each key."""

    line: int = 0
    key_lines: dict[Any, int] = {}  # noqa: RUF012 - replaced per instance, never mutated


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    pass


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> Iterator[LineDict]:
    # Two steps, as PyYAML builds its own dicts: nested nodes are built once, not again per level.
    d = LineDict()
    d.line = node.start_mark.line + 1
    yield d
    d.key_lines = _key_lines(loader, node)
    d.update(loader.construct_mapping(node))


def _key_lines(loader: Any, node: yaml.MappingNode) -> dict[Any, int]:
    """The line of each key, refusing a key written twice: PyYAML keeps the last of two equal
    keys, so a second `readouts:` would silently replace the first list. Every YAML file the
    tool reads is written by hand, so it is an error."""
    first: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *defaults` may repeat keys
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            seen = key in first
        except TypeError:  # an unhashable key: construct_mapping names that error
            continue
        if seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {first[key]})",
                key_node.start_mark,
            )
        first[key] = key_node.start_mark.line + 1
    return first


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> str:
    # Dates stay the strings the user wrote: output must not depend on datetime formatting.
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _expanded_size(root: Any, cap: int = MAX_YAML_NODES) -> tuple[int, int]:
    """Nodes the document would have with every alias expanded (at most `cap` + 1), computed
    without expanding (each shared node is sized once), so a billion-laughs file is refused in
    microseconds; and the nodes as written. Iterative: a deeply nested document must not
    exhaust Python's recursion limit."""
    memo: dict[int, int] = {}
    stack = [(root, False)]
    while stack:
        node, children_sized = stack.pop()
        if children_sized:
            size = 1 + sum(memo[id(child)] for child in _children(node))
            memo[id(node)] = min(size, cap + 1)
        elif id(node) not in memo:
            memo[id(node)] = 1  # until sized: a recursive alias counts once instead of looping
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return memo[id(root)], len(memo)


def _refuse_alias_bomb(text: str, name: str) -> None:
    """SpecError when the aliases expand the document beyond MAX_YAML_EXPANSION times the nodes
    written (and beyond MAX_YAML_NODES): a few lines that stand for billions of nodes."""
    cap = max(MAX_YAML_NODES, MAX_YAML_EXPANSION * len(text))  # a node takes a byte or more
    size, written = _expanded_size(yaml.compose(text, Loader=_BaseLoader), cap)
    limit = max(MAX_YAML_NODES, MAX_YAML_EXPANSION * written)
    if size > limit:
        raise SpecError(
            f"{name}: refusing a YAML file whose aliases expand to over {limit:,} nodes "
            "(an alias bomb?)"
        )


def _could_be_deep(text: str) -> bool:
    """Whether the text may nest beyond MAX_YAML_DEPTH: a level opens with a bracket, or needs
    more indentation or another "- " or "? " at the start of a line (a two-fold bound, as a
    mapping's list may sit at its own indentation). Cheap, so typical files skip the walk."""
    flow = text.count("[") + text.count("{")
    # Block nesting shows as indentation or "- " at a line's start; YAML breaks lines at CR, LF,
    # NEL and the Unicode line and paragraph separators (splitlines adds a few more: harmless).
    block = max((len(line) - len(line.lstrip(" ?-")) for line in text.splitlines()), default=0)
    return flow + 2 * (block + 1) > MAX_YAML_DEPTH


def _refuse_deep_nesting(text: str, name: str) -> None:
    """SpecError naming the line where the document nests beyond MAX_YAML_DEPTH (a walk over
    parser events: iterative, and nothing is built)."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, _OPENS):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                where = f" line {event.start_mark.line + 1}" if event.start_mark else ""
                raise SpecError(f"{name}{where}: exceeded maximum nesting depth")
        elif isinstance(event, _CLOSES):
            depth -= 1


def parse_shipped(text: str | bytes) -> Any:
    """Data we ship (topics, tone, foreign aliases): trusted and checked by the tests, so read
    by the plain C loader, without the caps and line tracking a user's file gets (the Chinese
    and Russian aliases: ~280 ms with the pure-Python loader, a few ms with this one)."""
    return yaml.load(text, Loader=_BaseLoader)  # noqa: S506 - CSafeLoader or SafeLoader


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text; errors become SpecError naming `name` and the line."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise SpecError(f"{name}: too large for a YAML file (over {MAX_YAML_BYTES:,} bytes)")
    try:
        if _could_be_deep(text):
            _refuse_deep_nesting(text, name)
        if "*" in text:  # only a document with aliases can expand beyond its size
            _refuse_alias_bomb(text, name)
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f" line {mark.line + 1}" if mark else ""
        problem = fold_whitespace(e.problem or e.context or "invalid YAML")
        raise SpecError(f"{name}{where}: {problem}") from None
    except yaml.YAMLError as e:  # its message may span lines; ours is one line
        raise SpecError(f"{name}: invalid YAML ({fold_whitespace(str(e))})") from None
    except RecursionError:
        raise SpecError(f"{name}: YAML nested too deeply") from None


def read_yaml(path: Path) -> Any:
    """Read and parse a YAML file the user gave (UTF-8, a BOM allowed)."""
    return parse_yaml(read_spec_text(path, MAX_YAML_BYTES, "a YAML file"), str(path))


def read_spec_text(path: Path, cap: int, what: str) -> str:
    """The text of a YAML or CSV file: capped, and UTF-8 (or with a BOM), never guessed."""
    data = read_capped(path, cap, what, SpecError, note=f"the limit for {what}")
    try:
        return decode(data, str(path), DecodeHints(utf8_only=True)).text
    except InputError as e:  # the bytes are fine as bytes: the file is a malformed spec
        raise SpecError(e.message) from None


def where(name: str, node: Any, key: Any = None) -> str:
    """`name line N` for a node parsed by this module (N: the line of `key` in it, if given and
    written there), `name` otherwise."""
    line = getattr(node, "key_lines", {}).get(key) or getattr(node, "line", 0)
    return f"{name} line {line}" if line else name


def check_keys(
    node: dict[Any, Any],
    known: tuple[str, ...],
    what: str,
    name: str,
    error: type[SpecError] = SpecError,
) -> None:
    """Refuse a key that is not `known` (nor free-form: `x-…`), suggesting the closest known
    one and naming the key's line. `what` says what kind of key it is ("readout key")."""
    for key in node:
        text = str(key)
        if text in known or text.startswith(FREE_FORM_PREFIX):
            continue
        close = difflib.get_close_matches(text, known, n=1)
        hint = f"did you mean {close[0]!r}?; " if close else ""
        raise error(
            f"{where(name, node, key)}: unknown {what} {text!r} ({hint}known: {', '.join(known)})"
        )
