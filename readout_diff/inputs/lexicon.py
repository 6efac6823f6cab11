"""Reading topics files: the built-in `data/topics.yaml` and the user's `--topics` files.

Each file is validated (unknown keys, kinds, aliases, `broader` ids, cycles, an alias shared by
two topics: one-line errors naming the file and line), merged over the built-in topics in order,
and turned into a `core.topics.Lexicon`. Lexicons are cached by the files' paths, modification
times and sizes, so that a long-running program reads an edited file again.

The built-in lexicon alone is read from `data/topics.index.json`, the topics and their built
alias index as JSON (~3 ms to load, where parsing the YAML and indexing it took ~35 ms at every
start). It ships in the package beside topics.yaml and carries the YAML's SHA-256, which a test
(run by CI) compares: a run does not read and hash the YAML to check it (that cost ~3 ms and
the hashlib import at every start). Regenerate it with
`python -m readout_diff.inputs.lexicon --build-index` after editing the YAML.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from readout_diff.core.alias_words import alias_key, is_case_sensitive
from readout_diff.core.patterns import lazy
from readout_diff.core.synonyms import Synonyms
from readout_diff.core.topics import KINDS, Lexicon, Topic
from readout_diff.errors import SpecError
from readout_diff.inputs.files import shipped
from readout_diff.inputs.synonyms import Groups, merge_synonyms, parse_synonyms
from readout_diff.inputs.yamlio import check_keys, read_yaml, where

# The keys a topics file may use (data/schemas/topics.schema.json; a test keeps them equal).
LEXICON_KEYS = ("version", "topics", "synonyms")
TOPIC_KEYS = ("id", "name", "kind", "aliases", "broader", "replace_aliases")
_TOPIC_ID = lazy(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _parse_topics(data: Any, name: str) -> list[tuple[Topic, bool, str]]:
    """Validated (topic, replace_aliases, where) entries of a lexicon document. A topic without
    `kind` or `name` has kind "" and its id as name: `_merge` keeps an existing topic's, and a
    new topic becomes a concept."""
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise SpecError(f"{where(name, data)}: expected a mapping with a 'topics' list")
    check_keys(data, LEXICON_KEYS, "key", name)
    entries = []
    for item in data["topics"]:
        loc = where(name, item)
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise SpecError(f"{loc}: each topic needs an 'id' (a string)")
        check_keys(item, TOPIC_KEYS, "topic key", name)
        if not _TOPIC_ID.fullmatch(item["id"]):
            raise SpecError(
                f"{loc}: topic id {item['id']!r} must be lower case words joined by hyphens"
            )
        if "name" in item and not (isinstance(item["name"], str) and item["name"].strip()):
            raise SpecError(f"{loc}: topic {item['id']!r}: 'name' must be text")
        kind = item.get("kind", "")
        if kind and kind not in KINDS:
            raise SpecError(f"{loc}: kind {kind!r} is not one of {', '.join(KINDS)}")
        topic = Topic(
            item["id"],
            str(item.get("name", item["id"])),
            kind,
            _aliases(item.get("aliases", {}), loc),
            _broader(item.get("broader", ()), loc),
        )
        entries.append((topic, _replace_flag(item, loc), loc))
    return entries


def _replace_flag(item: dict[str, Any], loc: str) -> bool:
    """`replace_aliases` as written: a YAML boolean only. A quoted "no" or "false", or a list,
    would be true to `bool()` and silently drop the topic's aliases."""
    value = item.get("replace_aliases", False)
    if not isinstance(value, bool):
        raise SpecError(
            f"{loc}: topic {item['id']!r}: 'replace_aliases' must be true or false "
            f"(a YAML boolean, unquoted), not {value!r}"
        )
    return value


def _aliases(raw: Any, loc: str) -> dict[str, tuple[str, ...]]:
    if isinstance(raw, list):  # a bare list is English
        raw = {"en": raw}
    if not isinstance(raw, dict):
        raise SpecError(f"{loc}: 'aliases' must map a language to a list of phrases")
    aliases: dict[str, tuple[str, ...]] = {}
    for lang, phrases in raw.items():
        if not isinstance(phrases, list) or not all(
            isinstance(p, str) and p.strip() for p in phrases
        ):
            raise SpecError(f"{loc}: aliases for {lang!r} must be a list of non-empty strings")
        aliases[str(lang)] = tuple(p.strip() for p in phrases)
    return aliases


def _broader(raw: Any, loc: str) -> tuple[str, ...]:
    ids = [raw] if isinstance(raw, str) else raw
    if not isinstance(ids, (list, tuple)) or not all(isinstance(i, str) and i for i in ids):
        raise SpecError(f"{loc}: 'broader' must be a topic id or a list of topic ids")
    return tuple(dict.fromkeys(ids))


def check_hierarchy(topics: Mapping[str, Topic], where_of: Mapping[str, str]) -> None:
    """Every `broader` id names a topic, and no topic is broader than itself (no cycle).
    `where_of` gives "file line N" for the topics a user file defined."""
    for topic in topics.values():
        for parent in topic.broader:
            if parent not in topics:
                close = Lexicon.suggest_from(parent, topics)
                raise SpecError(
                    f"{where_of.get(topic.id, 'topics')}: topic {topic.id!r} has an unknown "
                    f"broader topic {parent!r} (closest: {', '.join(close)})"
                )
    for topic in topics.values():  # a few hundred topics, a few levels: a walk from each
        seen: set[str] = set()
        queue = list(topic.broader)
        while queue:
            tid = queue.pop()
            if tid == topic.id:
                raise SpecError(
                    f"{where_of.get(topic.id, 'topics')}: topic {topic.id!r} is broader than "
                    "itself (a cycle in 'broader')"
                )
            if tid not in seen:
                seen.add(tid)
                queue.extend(topics[tid].broader)


def _identity(alias: str) -> str:
    """When two aliases are the same alias, as detection matches them: "Taiwan-Strait" is
    "Taiwan Strait", but the case-sensitive "US" is not "us"."""
    return f"{is_case_sensitive(alias)} {alias_key(alias)}"


def check_unique_aliases(topics: Iterable[Topic], name: str) -> None:
    """Every alias must belong to one topic only (raised as a SpecError naming both)."""
    owner: dict[str, str] = {}
    for topic in topics:
        for alias in topic.aliases.get("en", ()):
            key = _identity(alias)
            if owner.get(key, topic.id) != topic.id:
                raise SpecError(
                    f"{name}: alias {alias!r} belongs to both {owner[key]} and {topic.id}"
                )
            owner[key] = topic.id


def _merge(
    base: dict[str, Topic], extra: list[tuple[Topic, bool, str]], warnings: list[str] | None = None
) -> dict[str, Topic]:
    """User topics add to or override the built-in ones; a user's alias moves to its topic
    (said in `warnings`, naming the topic it leaves). A user entry that leaves out name, kind
    or broader keeps the existing topic's."""
    merged = dict(base)
    for topic, replace, _ in extra:
        old = merged.get(topic.id)
        aliases = dict(topic.aliases)
        if old and not replace:
            aliases = {
                lang: tuple(dict.fromkeys(old.aliases.get(lang, ()) + topic.aliases.get(lang, ())))
                for lang in {*old.aliases, *topic.aliases}
            }
        merged[topic.id] = Topic(
            topic.id,
            topic.name if topic.name != topic.id or not old else old.name,
            topic.kind or (old.kind if old else "concept"),
            aliases,
            topic.broader or (old.broader if old else ()),
        )
    taken = {_identity(a): (t.id, loc) for t, _, loc in extra for a in t.aliases.get("en", ())}
    user_ids = {t.id for t, _, _ in extra}
    for tid, topic in list(merged.items()):
        if tid in user_ids:
            continue
        kept = tuple(a for a in topic.aliases.get("en", ()) if _identity(a) not in taken)
        for alias in topic.aliases.get("en", ()):
            if _identity(alias) in taken and warnings is not None:
                to, loc = taken[_identity(alias)]
                whose = "the built-in topic" if tid in _builtin_ids() else "the topic"
                warnings.append(f"{loc}: alias {alias!r} moves from {whose} {tid!r} to {to!r}")
        merged[tid] = replace_aliases(topic, {**topic.aliases, "en": kept})
    return merged


def replace_aliases(topic: Topic, aliases: Mapping[str, tuple[str, ...]]) -> Topic:
    return Topic(topic.id, topic.name, topic.kind, aliases, topic.broader)


INDEX_FILE = "topics.index.json"
INDEX_VERSION = 3  # 2: with the aliases' variants; 3: by the base of their first word


def _data(name: str) -> bytes:
    return shipped(name).read_bytes()


def _builtin_yaml() -> bytes:
    """The built-in topics' sources as one text: the hand-written topics.yaml and the
    countries generated from ISO data (data/topics.generated.yaml, see inputs/generate.py)."""
    return _data("topics.yaml") + b"\n" + _data("topics.generated.yaml")


def _load(text: bytes) -> Any:
    from readout_diff.inputs.yamlio import parse_shipped  # a run trusting the index needs no YAML

    return parse_shipped(text)


@functools.lru_cache(maxsize=1)
def _builtin() -> tuple[tuple[Topic, ...], Groups]:
    # Shipped data, checked by the tests (unique aliases, valid kinds, no word in two synonym
    # groups, the generated file as the generator makes it): parsed without the line tracking
    # and alias checks that user files get, to keep start-up fast.
    hand = _load(_data("topics.yaml"))
    made = _load(_data("topics.generated.yaml"))
    topics = [
        t
        for d, n in ((hand, "topics.yaml"), (made, "topics.generated.yaml"))
        for t, _, _ in _parse_topics(d, f"built-in {n}")
    ]
    return tuple(topics), parse_synonyms(hand, "built-in topics.yaml")


def hand_lexicon() -> Lexicon:
    """The hand-written topics alone (what inputs/generate.py builds the generated ones
    around)."""
    data = _load(_data("topics.yaml"))
    return Lexicon(t for t, _, _ in _parse_topics(data, "built-in topics.yaml"))


def _builtin_topics() -> tuple[Topic, ...]:
    return _builtin()[0]


def _builtin_ids() -> frozenset[str]:
    return frozenset(t.id for t in _builtin_topics())


def yaml_lexicon() -> Lexicon:
    """The built-in lexicon built from topics.yaml, not read from the index (which it makes)."""
    topics, groups = _builtin()
    return Lexicon(topics, Synonyms(groups))


def build_index() -> str:
    """The text of data/topics.index.json for the current topics.yaml (deterministic)."""
    import hashlib  # here alone: a run trusts the shipped index (the tests check its hash)

    data = {
        "version": INDEX_VERSION,
        "source_sha256": hashlib.sha256(_builtin_yaml()).hexdigest(),
        **yaml_lexicon().to_index(),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _indexed_lexicon() -> Lexicon | None:
    """The built-in lexicon from the shipped index, or None when it is missing or of another
    version. Whether it is stale (built from another topics.yaml) is the tests' question
    (tests/test_lexicon_index.py), not every run's."""
    try:
        text = shipped(INDEX_FILE).read_text("utf-8")
        data = json.loads(text)
    except (OSError, ValueError):
        return None
    if data.get("version") != INDEX_VERSION:
        return None
    return Lexicon.from_index(data)


# A topics file as the cache knows it: its path, and its modification time and size, so that a
# long-running program re-reads a file edited since (None when it cannot be read: the read fails).
_FileKey = tuple[str, int | None, int | None]


def _file_key(file: str | Path) -> _FileKey:
    try:
        st = os.stat(file)
    except (OSError, ValueError):
        return (str(file), None, None)
    return (str(file), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=8)
def _lexicon(extra_files: tuple[_FileKey, ...]) -> Lexicon:
    if not extra_files:
        indexed = _indexed_lexicon()
        if indexed is not None:
            return indexed
    topics = {t.id: t for t in _builtin_topics()}
    groups = _builtin()[1]
    where_of: dict[str, str] = {}
    warnings: list[str] = []
    for file, _, _ in extra_files:
        data = read_yaml(Path(file))
        entries = _parse_topics(data, file)
        check_unique_aliases((t for t, _, _ in entries), file)
        topics = _merge(topics, entries, warnings)
        groups = merge_synonyms(groups, parse_synonyms(data, file), file, data)
        where_of.update((t.id, loc) for t, _, loc in entries)
    if extra_files:  # the built-in hierarchy is checked by the tests, not at every start
        check_hierarchy(topics, where_of)
    lexicon = Lexicon(topics.values(), Synonyms(groups))
    lexicon.warnings = tuple(warnings)
    return lexicon


def load_lexicon(extra_files: Iterable[str | Path] = ()) -> Lexicon:
    """The built-in lexicon, extended in order by each YAML file given (cached until a file
    changes)."""
    return _lexicon(tuple(_file_key(f) for f in extra_files))


def lexicon_version(lexicon: Lexicon) -> str:
    """A short hash of the topic data (ids, names, kinds, aliases, broader topics): each batch
    line records it, so that `history` can tell lines compared with different lexicons apart.
    Computed once per lexicon (a lexicon is not changed once built)."""
    known = _versions.get(id(lexicon))
    if known is not None and known[0] is lexicon:
        return known[1]
    topics = [
        [t.id, t.name, t.kind, {k: list(v) for k, v in sorted(t.aliases.items())}, list(t.broader)]
        for t in sorted(lexicon.topics.values(), key=lambda t: t.id)
    ]
    import hashlib  # here, not at the top: a plain compare run never hashes (issue 24)

    text = json.dumps(topics, ensure_ascii=False, separators=(",", ":"))
    version = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    if len(_versions) >= 16:  # a library user building many lexicons: keep the memory bounded
        _versions.clear()
    _versions[id(lexicon)] = (lexicon, version)
    return version


_versions: dict[int, tuple[Lexicon, str]] = {}  # id → (the lexicon, kept alive; its version)


def main(argv: list[str] | None = None) -> int:
    """`python -m readout_diff.inputs.lexicon --build-index`: rewrite data/topics.index.json
    from data/topics.yaml (run after editing the YAML; a test fails while they differ)."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["--build-index"]:
        print("usage: python -m readout_diff.inputs.lexicon --build-index", file=sys.stderr)
        return 2
    path = shipped(INDEX_FILE)
    path.write_text(build_index(), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
