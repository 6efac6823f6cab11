"""The README's pasted report is the real one: the top of the seed's terminal golden (which
tests/test_render.py checks against the tool), up to the end of its topic table."""

from __future__ import annotations

import re

from conftest import ROOT

README = ROOT / "README.md"
GOLDEN = ROOT / "tests" / "goldens" / "seed.terminal.txt"
COMMAND = "$ readout-diff compare samples/2025-07-13-wang-lavrov-beijing/ --width 100\n"
BLOCK = re.compile(r"(```console\n" + re.escape(COMMAND) + r")(.*?)(\.\.\.\n```)", re.DOTALL)


def _excerpt() -> str:
    """The golden's lines up to the bottom border of the first table."""
    lines = GOLDEN.read_text(encoding="utf-8").splitlines(keepends=True)
    end = next(i for i, line in enumerate(lines) if line.startswith("└"))
    return "".join(lines[: end + 1]) + "\n"


def test_the_readmes_sample_output_is_the_real_output(update_goldens: bool) -> None:
    text = README.read_text(encoding="utf-8")
    block = BLOCK.search(text)
    assert block, "README lost its console example"
    if update_goldens:
        text = text[: block.start(2)] + _excerpt() + text[block.end(2) :]
        README.write_text(text, encoding="utf-8")
        return
    assert block.group(2) == _excerpt(), (
        "README's sample report differs from tests/goldens/seed.terminal.txt: "
        "run `python -m pytest tests/test_readme_sample.py --update-goldens`"
    )


def test_the_readme_gives_the_lexicons_real_size() -> None:
    from readout_diff import load_lexicon

    size = len(load_lexicon().topics)
    text = README.read_text(encoding="utf-8")
    assert f"a built-in lexicon of {size} topics" in text
    assert f"`readout_diff/data/topics.yaml`: {size} topics" in text


EXCERPT = re.compile(
    r"<!-- excerpt of tests/goldens/seed.terminal.txt \(a test keeps it real\) -->\n"
    r"```text\n(.*?)```",
    re.DOTALL,
)


def test_the_readmes_framing_excerpts_are_the_real_output() -> None:
    golden = GOLDEN.read_text(encoding="utf-8")
    excerpts = EXCERPT.findall(README.read_text(encoding="utf-8"))
    assert len(excerpts) == 2, "README lost its topic view and word-difference excerpts"
    for excerpt in excerpts:
        lines = [line.rstrip() for line in excerpt.splitlines()]
        real = [line.rstrip() for line in golden.splitlines()]
        start = real.index(lines[0])
        assert real[start : start + len(lines)] == lines, (
            "README's framing excerpt differs from tests/goldens/seed.terminal.txt"
        )
