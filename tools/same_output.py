"""Save, then check, what `readout-diff compare` prints for every sample and real pair.

    python tools/same_output.py save /tmp/speed-baseline     # before a change
    python tools/same_output.py check /tmp/speed-baseline    # after it: exit 1 on any byte changed

Every meeting folder in samples/ and every pair in ../shared/realworld/ (with `--party` from
its gold.yaml's `parties`, as bench/quality.py gives them) in four formats: JSON, terminal (no
colour, 100 columns), Markdown and HTML. The runs share one process, as a batch worker's
meetings do, so a cache that leaks one meeting's state into the next shows up here too. Only
output is stored (under the given folder, outside the repository): never the real texts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "realworld"
FORMATS = {
    "json": ["-f", "json"],
    "txt": ["-f", "terminal", "--no-color", "--width", "100"],
    "md": ["-f", "markdown"],
    "html": ["-f", "html"],
}


def cases() -> dict[str, list[str]]:
    """Name -> the arguments of `compare` before the format options."""
    out = {f"sample-{d.name}": [str(d)] for d in sorted((ROOT / "samples").iterdir()) if d.is_dir()}
    for pair in sorted(REAL.iterdir()) if REAL.is_dir() else []:
        gold = pair / "gold.yaml"
        if not gold.is_file():
            continue
        parties = (yaml.safe_load(gold.read_text(encoding="utf-8")) or {}).get("parties") or {}
        args = [str(pair / "a.txt"), str(pair / "b.txt")]
        if parties:
            args += ["--party", f"{parties['a']},{parties['b']}"]
        out[f"real-{pair.name}"] = args
    return out


def outputs() -> dict[str, bytes]:
    from readout_diff.cli import app

    runner = CliRunner()
    got = {}
    for name, args in cases().items():
        for suffix, options in FORMATS.items():
            r = runner.invoke(app, ["compare", *args, *options])
            got[f"{name}.{suffix}"] = f"exit {r.exit_code}\n".encode() + r.stdout_bytes
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    got = outputs()
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, data in got.items():
            (args.folder / name).write_bytes(data)
        print(f"saved {len(got)} outputs in {args.folder}")
        return 0
    changed = [n for n, d in got.items() if (args.folder / n).read_bytes() != d]
    missing = sorted({p.name for p in args.folder.iterdir()} - set(got))
    for name in changed:
        print(f"changed: {name}", file=sys.stderr)
    for name in missing:
        print(f"no longer produced: {name}", file=sys.stderr)
    print(f"{len(got) - len(changed)}/{len(got)} outputs byte-identical")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    sys.exit(main())
