"""The generated parts of the documentation, written by cog (cogapp) between its markers.

    python docs/docgen.py           # regenerate every generated part of FILES
    python docs/docgen.py --check   # exit 1 when a committed part is stale (tests/test_docgen.py)

Each part below is called from a `[[[cog ... ]]]` marker in a Markdown file, so that what can
drift (the commands' --help, the lexicon's counts, the sample meetings, the report excerpts) is
made from the code and the data, never typed by hand. The help is captured as typer prints it,
at a fixed width and without colour, so that the pages are the same on every machine.
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
PROG = "readout-diff"
WIDTH = 100
ENV = {"COLUMNS": str(WIDTH), "TERM": "dumb", "NO_COLOR": "1"}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
GOLDEN = ROOT / "tests" / "goldens" / "seed.terminal.txt"
SEED = "samples/2025-07-13-wang-lavrov-beijing/"
# The files with cog markers, relative to ROOT.
FILES = (
    "README.md",
    "docs/cli.md",
    "docs/lexicon.md",
    "docs/report.md",
    "docs/samples.md",
)
CHECK_HINT = "run: python docs/docgen.py"


# --- the command line's --help ------------------------------------------------------------


def commands() -> list[str]:
    """The commands in the order the app lists them, so that a new command is documented too."""
    from typer.main import get_command

    from readout_diff.cli import app

    return list(getattr(get_command(app), "commands", {}))


def help_text(args: list[str]) -> str:
    """What `readout-diff ARGS --help` prints, without colour or trailing spaces."""
    import typer.rich_utils as rich_utils
    from typer.testing import CliRunner

    from readout_diff.cli import app

    with ExitStack() as stack:
        # typer reads these from the environment once, when it is imported (GitHub Actions sets
        # GITHUB_ACTIONS, which forces an 80-column terminal): pin them, or the page would
        # depend on where it was made.
        for name, value in (("MAX_WIDTH", WIDTH), ("FORCE_TERMINAL", False)):
            if hasattr(rich_utils, name):
                stack.enter_context(mock.patch.object(rich_utils, name, value))
        result = CliRunner().invoke(app, [*args, "--help"], env=ENV, prog_name=PROG)
    if result.exit_code != 0:
        raise RuntimeError(f"{PROG} {' '.join(args)} --help exited {result.exit_code}")
    lines = [line.rstrip() for line in ANSI.sub("", result.output).splitlines()]
    return "\n".join(lines).strip("\n") + "\n"


def help_section(args: list[str]) -> str:
    title = " ".join([PROG, *args])
    return f"## `{title}`\n\n```text\n$ {title} --help\n{help_text(args)}```\n"


def cli_reference() -> str:
    """docs/cli.md's body: the --help of the program and of each command."""
    parts = [help_section([])]
    parts.extend(help_section([name]) for name in commands())
    return "\n".join(parts)


# --- counts ---------------------------------------------------------------------------------


def _lexicon():  # type: ignore[no-untyped-def]
    from readout_diff import load_lexicon

    return load_lexicon()


def counts() -> str:
    """README's sentence with the size of the built-in lexicon and of the sample set."""
    from readout_diff.inputs.discover import find_meeting_folders

    topics = len(_lexicon().topics)
    samples = len(find_meeting_folders(ROOT / "samples"))
    return (
        f"The built-in lexicon has {topics} topics ([docs/lexicon.md](docs/lexicon.md)); "
        f"{samples} sample\nmeetings come with the code ([docs/samples.md](docs/samples.md)).\n"
    )


def lexicon_counts() -> str:
    """The built-in lexicon by kind, the topics linked to broader ones, the synonym groups."""
    lex = _lexicon()
    kinds = Counter(t.kind for t in lex.topics.values())
    order = ("country", "region", "organisation", "person", "issue", "concept")
    words = {
        "country": "countries",
        "region": "regions and venues",
        "organisation": "organisations and summits",
        "person": "people",
        "issue": "issues",
        "concept": "recurring concepts of diplomatic talks",
    }
    by_kind = ", ".join(f"{kinds[k]} {words[k]}" for k in order if kinds[k])
    linked = sum(1 for t in lex.topics.values() if t.kind in ("issue", "concept") and t.broader)
    text = (
        f"The built-in lexicon is `readout_diff/data/topics.yaml`: {len(lex.topics)} topics"
        f" ({by_kind}; {linked} issues and concepts linked to broader ones)"
        f" and {len(lex.synonyms.groups)} groups of synonyms."
    )
    return textwrap.fill(text, WIDTH, break_on_hyphens=False) + "\n"


# --- the sample meetings --------------------------------------------------------------------


def samples_table() -> str:
    """A row per folder of samples/: its meeting, date and readouts, from its meeting.yaml."""
    from readout_diff.inputs.discover import find_meeting_folders
    from readout_diff.inputs.spec import read_meeting_folder

    rows = ["| folder | meeting | readouts |", "|---|---|---|"]
    folders = find_meeting_folders(ROOT / "samples")
    for folder in folders:
        spec = read_meeting_folder(folder)
        labels = ", ".join(r.label or Path(r.file).name for r in spec.readouts)
        rows.append(f"| `{folder.name}` | {spec.title} ({spec.date}) | {labels} |")
    return f"{len(folders)} sample meetings:\n\n" + "\n".join(rows) + "\n"


# --- excerpts of the seed meeting's report --------------------------------------------------


def seed_report() -> str:
    """The top of the seed's terminal report, up to the end of its topic table, in a console
    block. From tests/goldens/seed.terminal.txt, which tests/test_render.py keeps equal to the
    tool's real output at this width."""
    lines = GOLDEN.read_text(encoding="utf-8").splitlines(keepends=True)
    end = next(i for i, line in enumerate(lines) if line.startswith("└"))
    command = f"$ {PROG} compare {SEED} --width {WIDTH}\n"
    return "```console\n" + command + "".join(lines[: end + 1]) + "\n...\n```\n"


def golden_excerpt(first: str, stop: str) -> str:
    """The seed's terminal report from the line starting with `first` up to the next line
    starting with `stop` (excluded; "" stops at a blank line)."""
    lines = [line.rstrip() for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(
        i
        for i in range(start + 1, len(lines))
        if (lines[i].startswith(stop) if stop else not lines[i])
    )
    return "```text\n" + "\n".join(lines[start:end]) + "\n```\n"


# --- running cog ----------------------------------------------------------------------------


def run_cog(check: bool, files: tuple[str, ...] = FILES) -> int:
    """cog over `files` (relative to ROOT): rewrite them, or with `check` only compare."""
    from cogapp import Cog

    args = ["cog", "-U", "-I", str(ROOT / "docs")]
    args += ["--check", "--diff", f"--check-fail-msg={CHECK_HINT}"] if check else ["-r"]
    return int(Cog().main([*args, *(str(ROOT / f) for f in files)]))


if __name__ == "__main__":
    sys.exit(run_cog("--check" in sys.argv[1:]))
