"""docs/python-api.md: its examples run, and every public name of the package is documented."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

import readout_diff

DOC = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)```", DOC, re.DOTALL)


def test_every_public_name_is_documented() -> None:
    missing = [name for name in readout_diff.__all__ if f"`{name}" not in DOC]
    assert missing == []


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_examples_run(example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name samples/ relative to the checkout
    exec(compile(example, "docs/python-api.md", "exec"), {})  # noqa: S102 - our own docs
