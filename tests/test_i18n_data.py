"""The Chinese and Russian topic data: generated parts equal what the pinned data packages give,
hand-kept parts sound, and enough of the lexicon covered in each language."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from readout_diff.core.topics_i18n import check_foreign_aliases
from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.inputs.lexicon_i18n import foreign_aliases, load_foreign_lexicon

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def _build():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_i18n", TOOLS / "build_i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_i18n"] = module
    spec.loader.exec_module(module)
    return module


def test_regenerating_gives_the_committed_files() -> None:
    pytest.importorskip("pycountry", reason="the `test` extra pins pycountry")
    pytest.importorskip("opencc", reason="the `test` extra pins opencc-python-reimplemented")
    for path, text in _build().outputs().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"stale {path.name}: run tools/build_i18n.py"
        )


def test_every_alias_names_a_known_topic_once() -> None:
    assert check_foreign_aliases(foreign_aliases(), load_lexicon().topics) == []


def test_at_least_300_topics_in_each_language() -> None:
    foreign = load_foreign_lexicon()
    assert len(foreign.topics("zh")) >= 300 and len(foreign.topics("ru")) >= 300


def test_bad_alias_data_is_named() -> None:
    problems = check_foreign_aliases(
        {"zh": {"no-such-topic": ("某某",), "china": ("中", "中方"), "russia": ("中方",)}},
        ["china", "russia"],
    )
    assert problems == [
        "zh: unknown topic id 'no-such-topic'",
        "zh: china: single-character alias '中'",
        "zh: alias '中方' of both china and russia",
    ]
