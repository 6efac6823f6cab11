from __future__ import annotations

import importlib.util
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# No property test has a time limit: hypothesis' default (200 ms an example) fails a test on a
# loaded shared machine though nothing is wrong. How long things take is bench/'s to measure.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

# The tests press Ctrl-C as a user at a terminal does. A shell starts a background job (`&`
# without job control) with Ctrl-C ignored, and a program inherits that: every CLI a test starts
# would ignore it, and so would this process. Ctrl-C is set back to Python's own handler here,
# which the programs started from here do not inherit as "ignored".
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "2025-07-13-wang-lavrov-beijing"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/goldens from the current output instead of comparing",
    )


def web_missing() -> str | None:
    """Why the tests of the `web` extra (HTML pages, URLs) cannot run here, or None."""
    missing = [m for m in ("readability", "lxml", "httpx") if importlib.util.find_spec(m) is None]
    if not missing:
        return None
    return f"needs the web extra (pip install -e '.[web]'): no {', '.join(missing)}"


WEB_MISSING = web_missing()


def pytest_configure(config: pytest.Config) -> None:
    """READOUT_DIFF_WEB=required (CI) turns the web tests' skip into an error: they must run."""
    if WEB_MISSING and os.environ.get("READOUT_DIFF_WEB") == "required":
        why = f"READOUT_DIFF_WEB=required: the web tests cannot run ({WEB_MISSING})"
        raise pytest.UsageError(why)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `web` are skipped, with the reason, where the extra is not installed."""
    if WEB_MISSING:
        for item in items:
            if "web" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=WEB_MISSING))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (tests/chromium.py): skipped without it, or
    failed where CI requires the browser tests (READOUT_DIFF_BROWSER=required)."""
    from chromium import Browser, needs_chromium

    needs_chromium()
    b = Browser()
    yield b
    b.close()


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def load_docgen() -> Any:
    """docs/docgen.py, which writes the docs' generated parts: docs/ is no package, so it is
    imported from its file (once: cog's markers import it by name, as `docgen`)."""
    import sys

    if "docgen" not in sys.modules:
        spec = importlib.util.spec_from_file_location("docgen", ROOT / "docs" / "docgen.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["docgen"] = module
        spec.loader.exec_module(module)
    return sys.modules["docgen"]


def sample_folders() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if (p / "meeting.yaml").is_file())


def read_pty(leader: int) -> bytes:
    """Everything written to a pseudo-terminal, read while the child writes (a full terminal
    would block it), until the child has closed its end (EIO) or the end of the data."""
    import os

    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO once the child has closed its end
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    return out


def own_places(c: Any) -> list[str]:
    """Each claim once: in its own (first) alignment, or unmatched. A claim may also be in weak
    links after its own alignment (schema 2.2): each a `related` pair of two claims (a lone
    claim's link to a taken one; the lone claim may since have paired with another lone claim,
    core.rescue's step 3, so that both are in an earlier alignment)."""
    own: dict[str, int] = {}
    for n, a in enumerate(c.alignment):
        for _, cid in a.members:
            own.setdefault(cid, n)
    for n, a in enumerate(c.alignment):
        again = [cid for _, cid in a.members if own[cid] != n]
        if again:
            assert a.kind == "related" and len(a.members) == 2
    seen = list(own)
    lone = [cid for _, ids in c.unmatched for cid in ids]
    assert not set(lone) & set(seen)
    return seen + lone


def compare_texts(*readouts: tuple[str, str, str]) -> Any:
    """`compare` of readouts given as (text, label, party), the parties as participants: the
    set-up of the tests that write a meeting in a few sentences."""
    from readout_diff import compare
    from readout_diff.core.model import Readout

    return compare(
        [Readout.from_text(text, label, party=party) for text, label, party in readouts],
        participants=sorted({party for _, _, party in readouts}),
    )
