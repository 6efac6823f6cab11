"""The docs' generated parts (docs/docgen.py, run by cog) are what the code and the data make
today: the CLI reference, the counts, the sample table, the example report and its excerpts."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, load_docgen

docgen = load_docgen()


def test_every_generated_part_is_fresh(update_goldens: bool) -> None:
    if update_goldens:
        assert docgen.run_cog(check=False) == 0
    assert docgen.run_cog(check=True) == 0, f"stale generated docs: {docgen.CHECK_HINT}"


def test_every_file_with_markers_is_in_the_list() -> None:
    marked = {
        p.relative_to(ROOT).as_posix()
        for p in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")]
        if "<!-- [[[cog" in p.read_text("utf-8")
    }
    assert marked == set(docgen.FILES)


def test_a_stale_part_fails_the_check_and_is_rewritten(tmp_path: Path) -> None:
    page = tmp_path / "lexicon.md"
    shutil.copy(ROOT / "docs" / "lexicon.md", page)
    text = page.read_text("utf-8")
    size = len(docgen._lexicon().topics)
    assert f": {size} topics" in text
    page.write_text(text.replace(f": {size} topics", f": {size + 1} topics"), "utf-8")
    assert docgen.run_cog(check=True, files=(str(page),)) != 0
    assert docgen.run_cog(check=False, files=(str(page),)) == 0
    assert page.read_text("utf-8") == text


def test_the_readme_shows_the_real_report_of_the_seed() -> None:
    # The golden is the tool's real output at this width (tests/test_render.py holds it so).
    readme = (ROOT / "README.md").read_text("utf-8")
    golden = (ROOT / "tests/goldens/seed.terminal.txt").read_text("utf-8")
    report = docgen.seed_report()
    assert report in readme
    assert report.startswith("```console\n$ readout-diff compare samples/2025-07-13-wang-lavrov")
    assert golden.splitlines()[0] in report and "Topics" in report
