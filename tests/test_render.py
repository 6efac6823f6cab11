"""Golden files for every sample meeting (JSON, Markdown; terminal for the seed) and the JSON
Schema. Refresh deliberately with `python -m pytest tests/test_render.py --update-goldens`."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEED, sample_folders

from readout_diff import compare, load_meeting
from readout_diff.core.model import Comparison
from readout_diff.report import RENDERERS, Format, RenderOptions

GOLDENS = Path(__file__).parent / "goldens"
SCHEMA = json.loads(
    resources.files("readout_diff").joinpath("data/comparison.schema.json").read_text("utf-8")
)


def comparison_of(folder: Path) -> Comparison:
    m = load_meeting(str(folder.relative_to(ROOT)))
    return compare(
        m.readouts,
        participants=m.participants or None,
        meeting={"title": m.title, "date": m.date, "folder": m.folder},
    )


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDENS / name
    if update:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"missing golden {path}: run pytest with --update-goldens"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture(autouse=True)
def from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # sources in the output are relative to the repository


@pytest.mark.parametrize("folder", sample_folders(), ids=lambda p: p.name)
def test_json_and_markdown_goldens(folder: Path, update_goldens: bool) -> None:
    c = comparison_of(folder)
    options = RenderOptions(width=100)
    as_json = RENDERERS[Format.json](c, options)
    jsonschema.validate(json.loads(as_json), SCHEMA)
    check_golden(f"{folder.name}.json", as_json, update_goldens)
    check_golden(f"{folder.name}.md", RENDERERS[Format.markdown](c, options), update_goldens)


def test_terminal_golden_for_the_seed(update_goldens: bool) -> None:
    text = RENDERERS[Format.terminal](comparison_of(SEED), RenderOptions(width=100))
    assert "\x1b[" not in text
    check_golden("seed.terminal.txt", text, update_goldens)


def test_output_is_deterministic() -> None:
    one = RENDERERS[Format.json](comparison_of(SEED), RenderOptions())
    two = RENDERERS[Format.json](comparison_of(SEED), RenderOptions())
    assert one == two


def test_terminal_report_respects_width_and_colour() -> None:
    c = comparison_of(SEED)
    narrow = RENDERERS[Format.terminal](c, RenderOptions(width=60))
    assert max(len(line) for line in narrow.splitlines()) <= 60
    coloured = RENDERERS[Format.terminal](c, RenderOptions(width=100, color=True))
    assert "\x1b[" in coloured


def test_headline_names_one_sided_topics_in_order_of_mention() -> None:
    text = RENDERERS[Format.markdown](comparison_of(SEED), RenderOptions())
    lines = [line for line in text.splitlines() if line.startswith("**Only")]
    china = next(line for line in lines if line.startswith("**Only China MFA mentions:** "))
    russia = next(line for line in lines if line.startswith("**Only Russia MFA mentions:** "))
    assert "Iran nuclear issue" in china
    assert "United States" not in china and "Gaza" not in china
    assert russia.index("United States") < russia.index("Gaza")


def test_header_has_a_line_per_part_and_counts_agree_with_nouns() -> None:
    from readout_diff.core.model import Readout

    a = Readout("a", "A", "a.txt", "Talks on Iran were held.\n")
    b = Readout("b", "B", "b.txt", "Talks on Gaza were held.\n\nTrade was discussed too.\n")
    c = compare([a, b])
    for fmt in (Format.terminal, Format.markdown):
        out = RENDERERS[fmt](c, RenderOptions(width=40))
        assert "(1 claim)" in out and "2 claims" in out, fmt
        assert "1 claims" not in out and "b.txt" in out and " · " not in out, fmt
        lines = out.splitlines()
        only = [i for i, line in enumerate(lines) if "Only A mentions" in line]
        assert only and any("Only B mentions" in line for line in lines[only[0] + 1 :]), fmt


def test_schema_rejects_a_broken_document() -> None:
    doc = json.loads(RENDERERS[Format.json](comparison_of(SEED), RenderOptions()))
    del doc["topics"][0]["missing_from"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)


def test_a_pages_lines_are_said_to_be_in_its_extracted_text() -> None:
    from readout_diff.core.model import Readout

    page = Readout("a", "Page", "page.html", "Title\n\nTalks on Iran were held.\n", format="html")
    text = Readout("b", "Text", "b.txt", "Talks on Gaza were held.\n")
    c = compare([page, text])
    for fmt in (Format.terminal, Format.markdown):
        out = RENDERERS[fmt](c, RenderOptions(width=200))
        assert "page.html (lines of its extracted text: --save keeps it)" in out
        assert "page.html, extracted text line 3" in out, fmt
        assert "b.txt:1" in out


def hostile_comparison() -> Comparison:
    from readout_diff.core.model import Readout

    a = Readout(
        "a",
        "A\x1b[31m",
        "a.txt",
        "Talks on Iran \x1b]0;TITLE\x07 were held [bold]loudly[/bold] in Tehran.\n\n"
        "They discussed trade [/x] with care \x9b and *stars*.\n",
    )
    b = Readout("b", "B", "b.txt", "Talks on Iran were held in Tehran.\n\nThey discussed trade.\n")
    return compare([a, b])


def test_control_characters_are_shown_not_sent_and_json_keeps_them() -> None:
    c = hostile_comparison()
    for fmt in (Format.terminal, Format.markdown):
        out = RENDERERS[fmt](c, RenderOptions(width=200))
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, fmt
        assert "x1b" in out and "0;TITLE" in out and "x07" in out and "/x" in out, fmt
    assert (
        "\x1b]0;TITLE\x07"
        in json.loads(RENDERERS[Format.json](c, RenderOptions()))["readouts"][0]["claims"][0][
            "text"
        ]
    )


def test_markdown_escapes_readout_text() -> None:
    from readout_diff.core.model import Readout

    a = Readout(
        "a",
        "A <b>|",
        "a`b.txt",
        "Talks on Iran <script>alert(1)</script> were held *loudly* in `Tehran` [x](y).\n",
    )
    b = Readout("b", "B", "b.txt", "Talks on Iran were held in Tehran.\n")
    out = RENDERERS[Format.markdown](compare([a, b]), RenderOptions())
    assert "<script>" not in out and "\\<script\\>alert(1)\\</script\\>" in out
    assert "\\*loudly\\*" in out and "\\`Tehran\\`" in out and "\\[x\\](y)" in out
    assert "A \\<b\\>\\|" in out and "(`` a`b.txt ``, 1 " in out


def test_narrow_tables_fold_words_instead_of_cutting_them() -> None:
    folder = ROOT / "samples" / "2025-03-22-china-japan-rok-trilateral"
    c = comparison_of(folder)
    assert len(c.readouts) == 3
    out = RENDERERS[Format.terminal](c, RenderOptions(width=60))
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "…" not in out  # rich's ellipsis: "People-to-p…" lost the rest of the cell
    rows = [line for line in out.splitlines() if line.startswith("│")]
    first_column = "".join(row.split("│")[1].strip() for row in rows)
    assert "People-to-people" in first_column and "exchanges" in first_column
