"""The shipped lexicon index (data/topics.index.json): fresh, equal to the YAML-built lexicon,
checked fresh here (not at run time), and never in the way of `--topics` files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from readout_diff.core.topics import Lexicon
from readout_diff.inputs import lexicon as lexicon_module
from readout_diff.inputs.lexicon import INDEX_FILE, build_index, load_lexicon

INDEX = ROOT / "readout_diff" / "data" / INDEX_FILE


def yaml_lexicon() -> Lexicon:
    return lexicon_module.yaml_lexicon()


def test_the_shipped_index_is_fresh() -> None:
    # A run trusts the index (it no longer hashes the YAML at every start): this test, run by
    # CI, is the staleness check. If it fails: python -m readout_diff.inputs.lexicon --build-index
    assert INDEX.read_text("utf-8") == build_index()
    assert (
        json.loads(INDEX.read_text("utf-8"))["source_sha256"]
        == hashlib.sha256(lexicon_module._builtin_yaml()).hexdigest()
    )


def test_the_built_in_lexicon_comes_from_the_index_and_equals_the_yaml_one() -> None:
    indexed = lexicon_module._indexed_lexicon()
    assert indexed is not None
    assert indexed.to_index() == yaml_lexicon().to_index()
    assert indexed.topics == yaml_lexicon().topics


def test_detection_is_the_same_on_every_sample() -> None:
    indexed, built = lexicon_module._indexed_lexicon(), yaml_lexicon()
    assert indexed is not None
    texts = sorted(SAMPLES.glob("*/*.txt"))
    assert len(texts) > 20
    for path in texts:
        text = path.read_text("utf-8")
        assert indexed.find(text) == built.find(text), path.name
    for name in ("United States", "the U.S.", "SCO", "Xi Jinping", "nowhere"):
        assert indexed.resolve(name) == built.resolve(name)
        assert indexed.ancestors(indexed.resolve(name) or "x") == built.ancestors(
            built.resolve(name) or "x"
        )


def test_a_broken_index_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "INDEX_VERSION", 0)
    assert lexicon_module._indexed_lexicon() is None
    monkeypatch.setattr(lexicon_module, "INDEX_FILE", "no-such-index.json")
    assert lexicon_module._indexed_lexicon() is None


def test_the_index_is_plain_json_not_a_pickle() -> None:
    data = json.loads(INDEX.read_text("utf-8"))
    assert data["version"] == lexicon_module.INDEX_VERSION
    assert len(data["topics"]) == len(yaml_lexicon().topics)


def test_topics_files_still_merge_on_top(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "topics:\n  - id: zzz-test-topic\n    name: Zed\n    kind: concept\n"
        "    aliases: [zedland matters]\n",
        "utf-8",
    )
    merged = load_lexicon([extra])
    assert "zzz-test-topic" in merged.topics
    assert [m.topic for m in merged.find("On zedland matters and China.")] == [
        "zzz-test-topic",
        "china",
    ]
    assert "zzz-test-topic" not in load_lexicon().topics


def test_the_build_command_writes_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    monkeypatch.setattr(Path, "write_text", lambda self, text, encoding=None: written.append(text))
    assert lexicon_module.main(["--build-index"]) == 0
    assert written == [build_index()]
    assert lexicon_module.main([]) == 2
