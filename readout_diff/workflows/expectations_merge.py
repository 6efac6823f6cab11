"""`check --update --force` on an expected.yaml a person wrote: the tool's sections regenerated,
everything hand-written kept.

What `--update` generates (`topics`, `claims`, `attributions`, `detected`) is replaced by the
current output; everything else stays as written, comments included: the sections `--update`
cannot regenerate (`absent_topics`, `framing`, …), every entry with a `known_failure` (a
person's verdict on a failure the tool still has), and the comments of what did not change. A
round-trip YAML library (ruamel.yaml) keeps the file's comments, order and flow style. An entry
holding a key `--update` neither writes nor keeps would be dropped: that is refused, naming it.
"""

from __future__ import annotations

import io
from typing import Any

from readout_diff.errors import SpecError

# The keys `expectations()` writes in the entries of its sections; a readout id ("a", "b", …)
# is one too. Any other key in such an entry was written by a person.
GENERATED_KEYS = frozenset(
    {"in", "missing_from", "fragment", "speaker", "confirmed", "partly_confirmed", "name"}
)
KEPT_KEY = "known_failure"  # an entry holding it is kept as written


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.width = 4096  # never re-wrap a kept line
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def merge_expectations(old_text: str, new: dict[str, Any], name: str) -> str:
    """`old_text` (an expected.yaml) with the sections of `new` regenerated; see the module."""
    y = _yaml()
    old = y.load(old_text)
    if not isinstance(old, dict):
        raise SpecError(f"{name}: not a YAML mapping; --update --force cannot keep it")
    for key, value in new.items():
        old[key] = _merge(old.get(key), value, f"{name}: {key}") if key in old else value
    for key in [k for k in old if k in ("topics", "claims") and k not in new]:
        del old[key]  # pragma: no cover - `expectations()` always writes both
    out = io.StringIO()
    y.dump(old, out)
    return out.getvalue()


def _merge(old: Any, new: Any, at: str) -> Any:
    if isinstance(old, dict) and isinstance(new, dict) and not _is_entry(old):
        return _merge_mapping(old, new, at)
    if isinstance(old, list) and isinstance(new, list):
        return _merge_list(old, new, at)
    if _is_entry(old):
        return _entry(old, new, at)
    return new


def _is_entry(value: Any) -> bool:
    """An entry of a section (a topic's presence, a claim pair, an attribution): a mapping of
    scalars and lists, as opposed to a section mapping of entries (`topics`, `claims`)."""
    return isinstance(value, dict) and all(
        not isinstance(v, dict)
        and not (isinstance(v, list) and any(isinstance(x, dict) for x in v))
        for v in value.values()
    )


def _entry(old: dict[str, Any], new: Any, at: str) -> Any:
    """The new entry, unless the old one is a person's (`known_failure`); a hand-written key
    that would be lost is an error naming it."""
    if KEPT_KEY in old:
        return old
    lost = [k for k in old if not _generated(k)]
    if lost and not (isinstance(new, dict) and all(k in new for k in lost)):
        line = getattr(getattr(old, "lc", None), "line", None)
        where = f" (line {line + 1})" if line is not None else ""
        raise SpecError(
            f"{at}{where}: '{lost[0]}' was written by hand and --update would drop it; "
            "move it to a comment or remove it, then update again"
        )
    return _styled(new, old)


def _merge_mapping(old: Any, new: dict[str, Any], at: str) -> Any:
    """`old` updated in place, so that its comments and order stay: new keys at the end."""
    for key in list(old):
        if key in new or (_is_entry(old[key]) and KEPT_KEY in old[key]):
            continue
        if _is_entry(old[key]):
            _entry(old[key], None, f"{at}.{key}")  # refuses when a hand-written key would go
        del old[key]
    for key, value in new.items():
        if key not in old:
            old[key] = _styled(value, _first(old))
        elif not _same(old[key], value):
            old[key] = _merge(old[key], value, f"{at}.{key}")
    return old


def _merge_list(old: Any, new: list[Any], at: str) -> Any:
    """The new list, each entry that equals an old one (but for `known_failure`) being the old
    one with its comment; the old entries with a `known_failure` the new list lacks, kept."""
    from ruamel.yaml.comments import CommentedSeq

    out = CommentedSeq()
    used: set[int] = set()
    for value in new:
        i = next((i for i, o in enumerate(old) if i not in used and _same(o, value)), None)
        if i is None:
            out.append(_styled(value, old[0] if len(old) else None))
            continue
        used.add(i)
        _copy_comment(old, i, out, len(out))
        out.append(old[i])
    for i, o in enumerate(old):
        if i in used:
            continue
        if _is_entry(o) and KEPT_KEY in o:
            _copy_comment(old, i, out, len(out))
            out.append(o)
        elif _is_entry(o):
            _entry(o, None, f"{at}[{i}]")  # refuses when a hand-written key would go
    if hasattr(old, "fa") and old.fa.flow_style():
        out.fa.set_flow_style()
    if getattr(old, "ca", None) is not None and old.ca.comment:
        out.ca.comment = old.ca.comment
    return out


def _same(old: Any, new: Any) -> bool:
    """Equal in what `--update` generates: the person's keys (`known_failure`, `kind`, …) and
    the quoting aside, the new entry is the old one."""
    if isinstance(old, dict) and isinstance(new, dict):
        return {k: v for k, v in old.items() if _generated(k)} == new
    return bool(old == new)


def _copy_comment(old: Any, i: int, out: Any, j: int) -> None:
    comment = getattr(old, "ca", None) and old.ca.items.get(i)
    if comment:
        out.ca.items[j] = comment


def _first(mapping: Any) -> Any:
    return next(iter(mapping.values()), None) if len(mapping) else None


def _styled(value: Any, like: Any) -> Any:
    """A new entry written in the style of its old siblings (flow `{in: [a, b]}` or block)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    flow = hasattr(like, "fa") and like.fa.flow_style()
    if isinstance(value, dict):
        m = CommentedMap((k, _styled(v, None)) for k, v in value.items())
        if flow:
            m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        s = CommentedSeq(
            _styled(v, like[0] if isinstance(like, list) and like else None) for v in value
        )
        if not any(isinstance(v, (dict, list)) for v in value):
            s.fa.set_flow_style()  # ids and fragments on one line, as people write them
        return s
    if isinstance(value, str) and not _generated(value) and value not in ("joint",):
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(value)  # fragments quoted, as the samples have them
    return value


def _generated(key: object) -> bool:
    """A key `--update` writes: one of GENERATED_KEYS, or a readout id ("a", "b", …)."""
    readout_id = isinstance(key, str) and len(key) == 1 and key.isalpha() and key.islower()
    return readout_id or key in GENERATED_KEYS
